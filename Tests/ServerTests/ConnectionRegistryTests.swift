import Testing
@testable import Server

struct ConnectionRegistryTests {
    func entry(_ registry: ConnectionRegistry, _ fd: Int32, limit: Int = 10) -> ConnectionRegistry.Entry? {
        if case .admitted(let entry) = registry.admit(Socket(fd: fd), limit: limit) { return entry }
        return nil
    }

    @Test func admit_atLimit_isFull() {
        let registry = ConnectionRegistry()
        #expect(entry(registry, 1000, limit: 2) != nil)
        #expect(entry(registry, 1001, limit: 2) != nil)
        guard case .full = registry.admit(Socket(fd: 1002), limit: 2) else { Issue.record("not full"); return }
        #expect(registry.count == 2)
    }

    @Test func phases_idleBusyIdle_allowedUntilStopping() throws {
        let registry = ConnectionRegistry()
        let a = try #require(entry(registry, -1))
        #expect(registry.markBusy(a))
        #expect(registry.markBusy(a))   // pipelined: busy again is fine
        #expect(registry.markIdle(a))
        registry.beginStopping()   // a is idle: claimed (shutdown on fd -1 is a harmless EBADF)
        #expect(!registry.markBusy(a))
        #expect(!registry.markIdle(a))
        guard case .stopping = registry.admit(Socket(fd: -2), limit: 10) else { Issue.record("admitted while stopping"); return }
    }

    @Test func beginStopping_busyConnection_finishesThenSeesStop() throws {
        let registry = ConnectionRegistry()
        let a = try #require(entry(registry, -1))
        #expect(registry.markBusy(a))
        registry.beginStopping()
        #expect(registry.isStopping)
        #expect(!registry.markIdle(a))   // after its response, it closes instead of waiting
        registry.remove(a)
        #expect(registry.count == 0)
    }
}
