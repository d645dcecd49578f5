import Glibc
import Synchronization
import Testing
@testable import Server

struct DetachedThreadTests {
    @Test func spawn_runsBodyOnAnotherThread() {
        let done = Atomic<Int>(0)
        for _ in 0..<20 { #expect(DetachedThread.spawn(stackSize: 256 * 1024) { done.add(1, ordering: .relaxed) }) }
        let deadline = ContinuousClock.now + .seconds(5)
        while done.load(ordering: .relaxed) < 20 && ContinuousClock.now < deadline { usleep(1_000) }
        #expect(done.load(ordering: .relaxed) == 20)
    }
}
