import Foundation
import Testing

/// `mlplab token create|ls|revoke` on a database file, and `serve`'s refusal to listen beyond
/// loopback with auth off.
@Suite(.serialized) struct TokenCommandTests {
    let cli = CLITests()

    @Test func createListRevoke_onTheDatabaseFile() throws {
        let created = try cli.run(["token", "create", "ci", "--scope", "write", "--database", "t.sqlite3"])
        #expect(created.status == 0, "\(created.stderr)")
        let token = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(token.hasPrefix("mlp_1_") && token.count > 40)
        #expect(created.stderr.contains("only this once"))
        let again = try cli.run(["token", "create", "ci", "--database", "t.sqlite3"])
        #expect(again.status != 0 && again.stderr.contains("exists"))

        let list = try cli.run(["token", "ls", "--database", "t.sqlite3"])
        #expect(list.status == 0 && list.stdout.contains("ci") && list.stdout.contains("write"))
        #expect(!list.stdout.contains(String(token.dropFirst(6))))               // never the secret

        #expect(try cli.run(["token", "revoke", "ci", "--database", "t.sqlite3"]).status == 0)
        let twice = try cli.run(["token", "revoke", "ci", "--database", "t.sqlite3"])
        #expect(twice.status != 0 && twice.stderr.split(separator: "\n").count == 1 && twice.stderr.contains("no working token"))
        let bad = try cli.run(["token", "create", "x", "--scope", "root", "--database", "t.sqlite3"])
        #expect(bad.status != 0 && bad.stderr.contains("scope"))
    }

    @Test func serve_openHostWithAuthOff_refusesSayingHowToCreateAToken() throws {
        let serve = try cli.run(["serve", "--host", "0.0.0.0", "--port", "0", "--database", "open.sqlite3"])
        #expect(serve.status != 0)
        #expect(serve.stderr.contains("refusing to listen on 0.0.0.0") && serve.stderr.contains("mlplab token create"))
    }
}
