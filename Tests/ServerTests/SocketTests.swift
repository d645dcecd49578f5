import Glibc
import Testing
@testable import Server

struct SocketTests {
    @Test func listening_port0_bindsEphemeralPort() throws {
        let socket = try Socket.listening(host: "127.0.0.1", port: 0)
        defer { socket.close() }
        #expect(try socket.localPort() > 1023)
    }

    @Test func listening_ipv6Loopback_reportsPort() throws {
        guard let socket = try? Socket.listening(host: "::1", port: 0) else { return }   // no IPv6 here: nothing to test
        defer { socket.close() }
        #expect(try socket.localPort() > 0)
    }

    @Test func shutdown_fromAnotherThread_wakesWaitReadable() throws {
        let listener = try Socket.listening(host: "127.0.0.1", port: 0)
        defer { listener.close() }
        let client = try RawClient(port: listener.localPort())
        guard case .connection(let server) = listener.accept() else { Issue.record("no connection"); return }
        defer { server.close() }
        DetachedThread.spawn { usleep(100_000); server.shutdown() }
        let start = ContinuousClock.now
        #expect(server.waitReadable(until: .now + .seconds(5)))
        #expect(ContinuousClock.now - start < .seconds(2))
        var buffer: [UInt8] = [], scratch = [UInt8](repeating: 0, count: 16)
        #expect(server.receive(appendingTo: &buffer, scratch: &scratch) == 0)
        _ = client
    }

    @Test func waitReadable_nothingSent_timesOut() throws {
        let listener = try Socket.listening(host: "127.0.0.1", port: 0)
        defer { listener.close() }
        let client = try RawClient(port: listener.localPort())
        guard case .connection(let server) = listener.accept() else { Issue.record("no connection"); return }
        defer { server.close() }
        #expect(!server.waitReadable(until: .now + .milliseconds(50)))
        client.send("hi")
        #expect(server.waitReadable(until: .now + .seconds(2)))
    }

    @Test func sendAll_toClosedPeer_returnsFalseWithoutSIGPIPE() throws {
        let listener = try Socket.listening(host: "127.0.0.1", port: 0)
        defer { listener.close() }
        do { _ = try RawClient(port: listener.localPort()) }   // connects and closes at once
        guard case .connection(let server) = listener.accept() else { Issue.record("no connection"); return }
        defer { server.close() }
        let chunk = [UInt8](repeating: 1, count: 64 * 1024)
        var failed = false
        for _ in 0..<100 where !server.sendAll(chunk) { failed = true; break }
        #expect(failed)
    }

    @Test func accept_afterShutdown_reportsClosed() throws {
        let listener = try Socket.listening(host: "127.0.0.1", port: 0)
        defer { listener.close() }
        listener.shutdown()
        guard case .closed = listener.accept() else { Issue.record("accept did not report closed"); return }
    }
}
