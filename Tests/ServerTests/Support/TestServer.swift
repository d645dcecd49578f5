import Foundation
import Logging
@testable import Server

/// A logger that writes nothing: 500s and rejected requests are expected in these tests.
let quietLogger = Logger(label: "mlplab.test") { _ in SwiftLogNoOpLogHandler() }

extension HTTPLimits {
    /// Short timeouts so timeout tests finish in about a second.
    static func test(idle: Double = 5, read: Double = 1, grace: Double = 1, maxConnections: Int = 4096,
                     body: Int = 1 << 20) -> HTTPLimits {
        HTTPLimits(body: body, idleTimeout: idle, readTimeout: read, writeTimeout: 2, shutdownGrace: grace,
                   maxConnections: maxConnections)
    }
}

extension Router {
    /// Routes used by the end-to-end tests.
    static func make() -> Router {
        var router = Router(logger: quietLogger)
        router.add("GET", "/x") { _, _ in .json(["ok": true]) }
        router.add("GET", "/echo/{word}") { request, params in
            .json(["word": params["word"] ?? "", "q": request.query["q"] ?? ""])
        }
        router.add("POST", "/echo") { request, _ in .text(String(decoding: request.body, as: UTF8.self)) }
        router.add("GET", "/slow") { _, _ in usleep(300_000); return .text("done") }
        router.add("GET", "/events") { _, _ in
            .stream { events in
                for i in 1...3 where events.send(event: "tick", data: "{\"n\":\(i)}") {}
            }
        }
        return router
    }
}

/// An `HTTPServer` on 127.0.0.1 and an ephemeral port, stopped when the test ends.
final class TestServer {
    let server: HTTPServer
    let port: Int

    init(limits: HTTPLimits = .test(), budget: CPUBudget? = nil, router: Router = .make()) throws {
        server = HTTPServer(host: "127.0.0.1", port: 0, limits: limits, budget: budget, logger: quietLogger,
                            handler: router.handle)
        port = try server.start()
    }

    deinit { server.stop() }

    func client() throws -> RawClient { try RawClient(port: port) }

    /// One GET on a fresh connection.
    func get(_ target: String) throws -> RawClient.Response? {
        let client = try client()
        client.send("GET \(target) HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
        return client.readResponse()
    }

    /// Waits (bounded) until `condition` holds, e.g. the server has seen N connections.
    func eventually(_ seconds: Double = 3, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while !condition() && Date() < deadline { usleep(5_000) }
        return condition()
    }
}
