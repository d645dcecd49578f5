import Foundation
import Locking
import Testing
@testable import Server

/// The handlers' gate: a counting semaphore that serves its waiters first come, first served.
struct TurnsTests {
    @Test func turns_goToTheWaitersInTheOrderTheyAsked() {
        let turns = Turns(1)
        turns.take()
        let order = Lock<[Int]>([]), done = DispatchGroup()
        for i in 0..<6 {
            done.enter()
            Thread.detachNewThread {
                turns.take()
                order.withLock { $0.append(i) }
                turns.give()
                done.leave()
            }
            let deadline = Date().addingTimeInterval(5)
            while turns.waiting < i + 1 && Date() < deadline { usleep(1_000) }   // queued before the next asks
        }
        #expect(turns.waiting == 6)
        turns.give()
        done.wait()
        #expect(order.withLock { $0 } == Array(0..<6))
        #expect(turns.waiting == 0)
    }

    @Test func freeTurns_areTakenWithoutWaiting_upToTheirCount() {
        let turns = Turns(2)
        turns.take()
        turns.take()
        let third = DispatchSemaphore(value: 0)
        Thread.detachNewThread { turns.take(); third.signal() }
        #expect(third.wait(timeout: .now() + 0.2) == .timedOut)   // both turns are out
        turns.give()
        #expect(third.wait(timeout: .now() + 5) == .success)
        #expect(turns.waiting == 0)
    }
}
