import Dispatch
import Locking
import Testing

struct LockTests {
    @Test func increments_fromManyThreads_areNeverLost() {
        let counter = Lock(0)
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            for _ in 0..<20_000 { counter.withLock { $0 += 1 } }
        }
        #expect(counter.withLock { $0 } == 160_000)
    }

    @Test func ifAvailable_isNilWhileAnotherThreadHoldsIt_andRunsOnceFree() {
        let lock = Lock([Int]())
        let held = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0), done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            lock.withLock { _ in
                held.signal()
                release.wait()
            }
            done.signal()
        }
        held.wait()
        #expect(lock.withLockIfAvailable { $0.append(1) } == nil)
        release.signal()
        done.wait()
        #expect(lock.withLockIfAvailable { $0.append(2); return $0.count } == 1)
        #expect(lock.withLock { $0 } == [2])
    }

    @Test func typedErrors_passThrough_andTheLockIsReleased() {
        struct Refused: Error {}
        let lock = Lock(1)
        #expect(throws: Refused.self) { try lock.withLock { (_: inout Int) throws(Refused) in throw Refused() } }
        #expect(lock.withLockIfAvailable { $0 } == 1)
    }
}
