import Foundation
@testable import App
import Store
import Testing
import TestSupport
import Training
import Wire

/// Tokens on a real service: 401 without, 403 with too small a scope, run tokens, revocation,
/// reads with `auth_reads`, and the refusal to listen off loopback with auth off.
@Suite(.serialized) struct AuthTests {
    static let spec = #"{"name": "auth", "epochs": 1, "batch_size": 32, "model": {"hidden": [8]}}"#

    func bearer(_ token: String) -> [String: String] { ["Authorization": "Bearer \(token)"] }

    @Test func everyWrite_withoutToken_is401WithChallenge() throws {
        let h = try ServiceHarness(auth: AuthSettings(tokens: true))
        let writes: [(String, String, String?)] = [
            ("POST", "/api/runs", Self.spec), ("POST", "/api/runs/1/cancel", nil), ("DELETE", "/api/runs/1", nil),
            ("POST", "/api/sweeps", "{}"), ("POST", "/api/sweeps/1/cancel", nil), ("DELETE", "/api/sweeps/1", nil),
            ("POST", "/api/2.0/mlflow/experiments/create", #"{"name": "x"}"#),
            ("POST", "/api/2.0/mlflow/runs/create", "{}"), ("POST", "/api/2.0/mlflow/runs/log-batch", "{}"),
            ("POST", "/api/2.0/mlflow/no-such-endpoint", "{}"),
        ]
        for (method, path, body) in writes {
            let r = try h.request(method, path, body: body)
            #expect(r.status == 401, "\(method) \(path)")
            #expect(r.headers["www-authenticate"]?.hasPrefix("Bearer") == true, "\(method) \(path)")
        }
        let mlflow = try h.request("POST", "/api/2.0/mlflow/runs/create", body: "{}")
        #expect(mlflow.text.contains("UNAUTHENTICATED"))
        #expect(try h.request("GET", "/api/health").status == 200)
        #expect(try h.request("GET", "/api/runs").status == 200)              // reads stay open without auth_reads
        #expect(try h.request("GET", "/").status == 200)                      // the dashboard loads, then asks
        #expect(try h.service.store.listRuns(RunQuery()).runs.isEmpty)
    }

    @Test func scopes_readIs403_writeCreates_deleteNeedsAdmin() throws {
        let h = try ServiceHarness(auth: AuthSettings(tokens: true))
        let tokens = Tokens(store: h.service.store)
        let read = try tokens.create(name: "r", scope: .read).token
        let write = try tokens.create(name: "w", scope: .write).token
        let admin = try tokens.create(name: "a", scope: .admin).token
        let refused = try h.request("POST", "/api/runs", body: Self.spec, headers: bearer(read))
        #expect(refused.status == 403)
        #expect(try refused.json(ErrorBody.self).error.code == .forbidden)
        let created = try h.request("POST", "/api/runs", body: Self.spec, headers: bearer(write))
        #expect(created.status == 201)
        let id = try created.json(RunInfo.self).id
        try h.waitFor(run: id) { $0.status.isFinal }
        #expect(try h.request("DELETE", "/api/runs/\(id)", headers: bearer(write)).status == 403)
        #expect(try h.request("DELETE", "/api/runs/\(id)", headers: bearer(admin)).status == 204)
        #expect(try h.request("POST", "/api/runs", body: Self.spec, headers: bearer(write + "x")).status == 401)
        #expect(try h.request("POST", "/api/runs", body: Self.spec, headers: ["Authorization": "Basic \(write)"]).status == 401)
    }

    @Test func runToken_writesOnlyItsOwnRun() throws {
        let h = try ServiceHarness(auth: AuthSettings(tokens: true))
        let tokens = Tokens(store: h.service.store)
        let admin = try tokens.create(name: "a", scope: .admin).token
        let slow = #"{"name": "slow", "epochs": 30, "batch_size": 8, "model": {"hidden": [8]}}"#
        let first = try h.request("POST", "/api/runs", body: slow, headers: bearer(admin)).json(RunInfo.self).id
        let second = try h.request("POST", "/api/runs", body: slow, headers: bearer(admin)).json(RunInfo.self).id
        let worker = try tokens.create(name: "job", scope: .run(second)).token
        #expect(try h.request("POST", "/api/runs/\(first)/cancel", headers: bearer(worker)).status == 403)
        #expect(try h.request("POST", "/api/runs", body: Self.spec, headers: bearer(worker)).status == 403)
        #expect(try h.request("POST", "/api/runs/\(second)/cancel", headers: bearer(worker)).status == 200)
        #expect(try h.request("POST", "/api/runs/\(first)/cancel", headers: bearer(admin)).status == 200)
    }

    @Test func revokedToken_stopsWorkingAtOnce() throws {
        let h = try ServiceHarness(auth: AuthSettings(tokens: true))
        let tokens = Tokens(store: h.service.store)
        let write = try tokens.create(name: "w", scope: .write).token
        #expect(try h.request("POST", "/api/2.0/mlflow/experiments/create", body: #"{"name": "a"}"#,
                              headers: bearer(write)).status == 200)
        // Revoked through a second store on the same file, as `mlplab token revoke` does from its own process.
        let other = try RunStore(path: h.service.config.databasePath, migrationsDirectory: ServiceHarness.repo + "/migrations")
        try other.revokeToken(name: "w")
        let after = try h.request("POST", "/api/2.0/mlflow/experiments/create", body: #"{"name": "b"}"#, headers: bearer(write))
        #expect(after.status == 401)
        #expect(after.headers["www-authenticate"]?.contains("invalid_token") == true)
        #expect(throws: StoreError.self) { try other.revokeToken(name: "w") }
        _ = try tokens.create(name: "w", scope: .write)                   // the name is free again
    }

    @Test func authReads_readsNeedAToken_healthStaysOpen() throws {
        let h = try ServiceHarness(auth: AuthSettings(tokens: true, reads: true))
        let tokens = Tokens(store: h.service.store)
        let read = try tokens.create(name: "r", scope: .read).token
        let run = try tokens.create(name: "job", scope: .run(1)).token
        #expect(try h.request("GET", "/api/runs").status == 401)
        #expect(try h.request("GET", "/api/2.0/mlflow/experiments/get?experiment_id=0").status == 401)
        #expect(try h.request("GET", "/api/runs", headers: bearer(read)).status == 200)
        #expect(try h.request("GET", "/api/runs", headers: bearer(run)).status == 403)
        #expect(try h.request("GET", "/api/health").status == 200)
        #expect(try h.request("GET", "/index.html").status == 200)
        let other = try tokens.create(name: "job2", scope: .run(2)).token
        for download in ["/api/runs/1/weights?epoch=latest", "/api/runs/1/predictions?format=csv", "/api/runs/1/epochs?format=csv"] {
            #expect(try h.request("GET", download).status == 401, "\(download)")              // downloads are reads too
            #expect(try h.request("GET", download, headers: bearer(other)).status == 403, "\(download)")
            #expect(try h.request("GET", download, headers: bearer(run)).status == 404, "\(download)")   // allowed; no run 1
        }
    }

    @Test func openHost_withAuthOff_refusesToStartSayingHowToMakeAToken() throws {
        var config = ServiceConfig()
        config.host = "0.0.0.0"
        #expect(throws: AuthError.openListen(host: "0.0.0.0")) { try config.auth.check(host: config.host) }
        #expect(AuthError.openListen(host: "0.0.0.0").description.contains("mlplab token create"))
        #expect(throws: Never.self) { try AuthSettings(tokens: true).check(host: "0.0.0.0") }
        #expect(throws: Never.self) { try AuthSettings().check(host: "127.0.0.1") }
    }

    @Test func tokens_storeOnlyTheHash_compareInConstantTime() throws {
        let h = try ServiceHarness()
        let tokens = Tokens(store: h.service.store)
        let (text, record) = try tokens.create(name: "t", scope: .write)
        #expect(text.hasPrefix("mlp_\(record.id)_") && text.count >= 40)
        #expect(record.hash.count == 32 && !record.hash.elementsEqual(Array(text.utf8).prefix(32)))
        let dump = try String(contentsOfFile: h.service.config.databasePath, encoding: .isoLatin1)
        #expect(!dump.contains(String(text.split(separator: "_", maxSplits: 2)[2])))
        #expect(try tokens.scope(of: text) == .write)
        #expect(try tokens.scope(of: "mlp_\(record.id)_nope") == nil)
        #expect(try tokens.scope(of: "garbage") == nil)
        // SHA-256("abc"), FIPS 180-2 appendix B.1.
        #expect(Tokens.sha256("abc").map { String(format: "%02x", $0) }.joined()
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Tokens.constantTimeEqual([1, 2, 3], [1, 2, 3]) && !Tokens.constantTimeEqual([1, 2, 3], [1, 2, 4]))
        #expect(!Tokens.constantTimeEqual([1, 2], [1, 2, 3]))
    }

    @Test func tokenScope_parsesAndPermits() throws {
        #expect(try TokenScope("run:12") == .run(12))
        #expect(throws: AuthError.self) { try TokenScope("run:0") }
        #expect(throws: AuthError.self) { try TokenScope("root") }
        #expect(TokenScope.admin.permits(.admin) && !TokenScope.write.permits(.admin))
        #expect(TokenScope.run(3).permits(.write(run: 3)) && !TokenScope.run(3).permits(.write(run: nil)))
        #expect(!TokenScope.read.permits(.write(run: nil)) && TokenScope.read.permits(.read(run: 4)))
    }
}
