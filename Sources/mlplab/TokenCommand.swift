import App
import ArgumentParser
import Foundation
import Store

/// `mlplab token create|ls|revoke`: API tokens, kept in the service's database (the file
/// `serve` uses, from config.json, `MLPLAB_DATABASE` or `--database`).
struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Create, list and revoke API tokens.",
        subcommands: [Create.self, List.self, Revoke.self])

    struct DatabaseOptions: ParsableArguments {
        @Option(help: "SQLite database file (default: the one serve uses).") var database: String?
        @Option(help: "Configuration file (default ./config.json when present).") var config: String?

        func open() throws -> RunStore {
            let settings = try Settings.resolve(configPath: config, flags: .init(database: database))
            return try RunStore(path: settings.database, migrationsDirectory: try ProjectFiles.locate("migrations"))
        }
    }

    /// `mlplab token create NAME [--scope read|write|admin|run:ID]`: prints the token once.
    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a token and print it (only this once).")
        @Argument(help: "A name for the token (unique among working tokens).") var name: String
        @Option(help: "read, write, admin, or run:ID (may write that run only).") var scope = "write"
        @OptionGroup var options: DatabaseOptions

        func validate() throws {
            do { _ = try TokenScope(scope) } catch { throw ValidationError("--scope: \(error)") }
            if name.isEmpty || name.count > 100 { throw ValidationError("NAME must be 1 to 100 characters") }
        }

        func run() throws {
            try reportingErrors {
                let created = try Tokens(store: try options.open()).create(name: name, scope: try TokenScope(scope))
                print(created.token)
                FileHandle.standardError.write(Data("token \(name) (\(scope)) created; it is shown only this once\n".utf8))
            }
        }
    }

    /// `mlplab token ls`: names, scopes, creation and revocation times; never the tokens.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "ls", abstract: "List tokens (never their secrets).")
        @OptionGroup var options: DatabaseOptions

        func run() throws {
            try reportingErrors {
                print("name                  scope        created                   revoked")
                for t in try options.open().tokens() {
                    print(t.name.padding(toLength: 20, withPad: " ", startingAt: 0) + "  "
                          + t.scope.padding(toLength: 11, withPad: " ", startingAt: 0) + "  "
                          + t.createdAt.padding(toLength: 24, withPad: " ", startingAt: 0) + "  " + (t.revokedAt ?? "-"))
                }
            }
        }
    }

    /// `mlplab token revoke NAME`: the token stops working at the service's next request.
    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token; it stops working at once.")
        @Argument(help: "The token's name.") var name: String
        @OptionGroup var options: DatabaseOptions

        func run() throws {
            try reportingErrors {
                do { try options.open().revokeToken(name: name) } catch StoreError.conflict(let message) {
                    throw CLIError(message)
                }
                print("token \(name) revoked")
            }
        }
    }
}
