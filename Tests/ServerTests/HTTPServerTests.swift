import Foundation
import Locking
import Testing
@testable import Server

/// End to end on 127.0.0.1: binding, many connections, the connection limit, SSE, static files, stop().
struct HTTPServerTests {
    @Test func start_port0_returnsEphemeralPort() throws {
        let server = try TestServer()
        #expect(server.port > 0)
        #expect(try server.get("/x")?.text == #"{"ok":true}"#)
    }

    @Test func start_portInUse_throwsSocketError() throws {
        let first = try TestServer()
        let second = HTTPServer(host: "127.0.0.1", port: first.port, logger: quietLogger) { _ in .empty() }
        #expect(throws: SocketError.self) { _ = try second.start() }
    }

    @Test func concurrentHandlers_boundsTheHandlersRunningAtOnce() throws {
        for limit in [1, 2] {
            let inside = Lock((now: 0, most: 0))
            var router = Router(logger: quietLogger)
            router.add("GET", "/slow") { _, _ in
                inside.withLock { $0.now += 1; $0.most = max($0.most, $0.now) }
                usleep(100_000)
                inside.withLock { $0.now -= 1 }
                return .text("ok")
            }
            var limits = HTTPLimits.test()
            limits.concurrentHandlers = limit
            let server = try TestServer(limits: limits, router: router)
            let port = server.port
            let done = DispatchGroup()
            for _ in 0..<4 {                             // threads of their own: the clients must overlap
                done.enter()
                Thread.detachNewThread {
                    let client = try? RawClient(port: port)
                    client?.send("GET /slow HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
                    _ = client?.readResponse()
                    done.leave()
                }
            }
            done.wait()
            #expect(inside.withLock { $0.most } == limit)
        }
    }

    @Test func start_unknownHost_throws() {
        let server = HTTPServer(host: "no-such-host.invalid", port: 0, logger: quietLogger) { _ in .empty() }
        #expect(throws: SocketError.self) { _ = try server.start() }
    }

    @Test func idleConnections_300Held_newClientStillServedQuickly() throws {
        let server = try TestServer()
        var idle: [RawClient] = []
        for _ in 0..<300 { idle.append(try server.client()) }
        #expect(server.eventually { server.server.connectionCount >= 300 })
        let start = Date()
        #expect(try server.get("/x")?.status == 200)
        #expect(Date().timeIntervalSince(start) < 1)
        idle[0].send("GET /x HTTP/1.1\r\n\r\n")   // and the idle ones still work
        #expect(idle[0].readResponse()?.status == 200)
    }

    @Test func maxConnections_exceeded_answers503AndRecovers() throws {
        let server = try TestServer(limits: .test(maxConnections: 2))
        let a = try server.client(), b = try server.client()
        #expect(server.eventually { server.server.connectionCount == 2 })
        let third = try server.client()
        let refused = try #require(third.readResponse())
        #expect(refused.status == 503)
        #expect(refused.text.contains(#""code":"unavailable""#))
        a.send("GET /x HTTP/1.1\r\nConnection: close\r\n\r\n")
        #expect(a.readResponse()?.status == 200)
        #expect(server.eventually { server.server.connectionCount == 1 })
        #expect(try server.get("/x")?.status == 200)
        _ = b
    }

    @Test func routerMapping_throughServer_404_405_500() throws {
        var router = Router.make()
        router.add("GET", "/api/fail") { _, _ in throw CocoaError(.fileNoSuchFile) }
        let server = try TestServer(router: router)
        #expect(try server.get("/api/nothing")?.status == 404)
        let client = try server.client()
        client.send("DELETE /x HTTP/1.1\r\n\r\n")
        let notAllowed = try #require(client.readResponse())
        #expect(notAllowed.status == 405)
        #expect(notAllowed.headers["Allow"] == "GET, HEAD")
        let failed = try #require(try server.get("/api/fail"))
        #expect(failed.status == 500)
        #expect(failed.text == #"{"error":{"code":"internal","field":null,"message":"internal error; see the server log"}}"#)
    }

    @Test func eventStream_events_receivedThenClosed() throws {
        let server = try TestServer()
        let client = try server.client()
        client.send("GET /events HTTP/1.1\r\n\r\n")
        let bytes = try #require(client.readUntilClosed(timeout: 3))
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(text.contains("Content-Type: text/event-stream\r\n"))
        #expect(text.contains("Cache-Control: no-cache\r\n"))
        #expect(!text.contains("Content-Length"))
        #expect(text.hasSuffix("\r\n\r\nevent: tick\ndata: {\"n\":1}\n\nevent: tick\ndata: {\"n\":2}\n\nevent: tick\ndata: {\"n\":3}\n\n"))
    }

    @Test func staticFiles_traversalThroughServer_404() throws {
        let root = NSTemporaryDirectory() + "srv-static-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try "<h1>ok</h1>".write(toFile: root + "/index.html", atomically: false, encoding: .utf8)
        let files = StaticFiles(root: root)
        var router = Router.make()
        router.fallback = { files.response(for: $0.path) }
        let server = try TestServer(router: router)
        #expect(try server.get("/")?.text == "<h1>ok</h1>")
        for target in ["/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/static/..%2f..%2fetc/passwd"] {
            let response = try #require(try server.get(target))
            #expect(response.status == 404, "\(target)")
            #expect(!response.text.contains("root:"))
        }
    }

    @Test func stop_idleConnections_closedAndReturnsPromptly() throws {
        let server = try TestServer(limits: .test(idle: 30, grace: 5))
        let clients = try (0..<5).map { _ in try server.client() }
        clients[0].send("GET /x HTTP/1.1\r\n\r\n")
        #expect(clients[0].readResponse()?.status == 200)   // one that has been used and is idle again
        #expect(server.eventually { server.server.connectionCount == 5 })
        let start = Date()
        server.server.stop()
        #expect(Date().timeIntervalSince(start) < 1)
        for client in clients { #expect(client.isClosed(within: 1)) }
        #expect(server.server.connectionCount == 0)
        #expect(throws: RawClient.ClientError.self) { _ = try server.client() }
    }

    @Test func stop_inFlightResponse_finishesWithConnectionClose() throws {
        let server = try TestServer()
        let client = try server.client()
        client.send("GET /slow HTTP/1.1\r\n\r\n")
        usleep(100_000)
        let http = server.server
        let stopper = Thread { http.stop() }
        stopper.start()
        let response = try #require(client.readResponse())
        #expect(response.text == "done")
        #expect(response.headers["Connection"] == "close")
        #expect(client.isClosed(within: 1))
    }

    @Test func stop_endlessEventStream_cutOffAfterGrace() throws {
        var router = Router.make()
        router.add("GET", "/forever") { _, _ in .stream { events in while events.comment("beat") { usleep(20_000) } } }
        let server = try TestServer(limits: .test(grace: 0.3), router: router)
        let client = try server.client()
        client.send("GET /forever HTTP/1.1\r\n\r\n")
        _ = client.readAvailable(until: { $0.contains(": beat") })
        let start = Date()
        server.server.stop()
        #expect(Date().timeIntervalSince(start) < 1.5)
        #expect(client.isClosed(within: 1))
    }
}
