import Foundation
import Testing
@testable import Server

/// The token bucket of the connection threads' CPU time: its rate, its debt, and a real server charging it.
struct CPUBudgetTests {
    /// Burns `milliseconds` of the calling thread's CPU time.
    static func spin(milliseconds: Int64) {
        let end = CPUBudget.threadTime() + milliseconds * 1_000_000
        var x = 0.0
        while CPUBudget.threadTime() < end { for i in 0..<1_000 { x += Double(i).squareRoot() } }
        #expect(x > 0)
    }

    @Test func share_isTheCoresLeftFree_andNeverBelowTheMinimum() {
        let budget = CPUBudget(cores: 4, minimumShare: 0.25)
        #expect(!budget.applies)
        budget.hold(cores: 1)
        #expect(budget.applies && budget.share == 3)
        budget.hold(cores: 4)
        #expect(budget.share == 0.25)
        budget.release(cores: 4)
        budget.release(cores: 1)
        #expect(!budget.applies && budget.share == 4)
    }

    @Test func charge_beyondTheBurst_isOwed_andRefillsAtTheShare() {
        let budget = CPUBudget(cores: 1, minimumShare: 0.1, burst: .milliseconds(10))
        budget.hold(cores: 1)
        let start = ContinuousClock.now
        budget.charge(60_000_000)                  // 50 ms owed at a tenth of a core: paid back 0.5 s on
        let owed = budget.owed
        #expect(owed > .milliseconds(25) && owed <= .milliseconds(50))
        budget.waitForTime()
        #expect(ContinuousClock.now - start >= .milliseconds(490))
        #expect(budget.owed == .zero)
    }

    @Test func waitForTime_whenNoWorkHoldsCores_doesNotWait() {
        let budget = CPUBudget(cores: 1, minimumShare: 0.1, burst: .zero)
        budget.charge(3_600_000_000_000)           // an hour owed, but nothing is training
        let start = ContinuousClock.now
        budget.waitForTime()
        #expect(ContinuousClock.now - start < .seconds(1))
    }

    @Test func release_endsAWaitThatIsUnderWay() {
        let budget = CPUBudget(cores: 1, minimumShare: 0.1, burst: .zero)
        budget.hold(cores: 1)
        budget.charge(60_000_000_000)              // ten minutes asleep at a tenth of a core
        let start = ContinuousClock.now
        Thread.detachNewThread { usleep(100_000); budget.release(cores: 1) }
        budget.waitForTime()
        let waited = ContinuousClock.now - start
        #expect(waited >= .milliseconds(90) && waited < .seconds(30))
    }

    @Test func server_chargesARequestsThreadTime_andTheNextHandlerWaitsForIt() throws {
        var router = Router(logger: quietLogger)
        router.add("GET", "/spin") { _, _ in Self.spin(milliseconds: 30); return .text("spun") }
        router.add("GET", "/x") { _, _ in .text("x") }
        // a hundredth of a core: 30 ms of thread time is owed for about 3 s
        let budget = CPUBudget(cores: 1, minimumShare: 0.01, burst: .milliseconds(1))
        let server = try TestServer(budget: budget, router: router)

        #expect(try server.get("/spin")?.text == "spun")           // nothing holds cores: not metered
        #expect(budget.owed == .zero)

        budget.hold(cores: 1)
        #expect(try server.get("/spin")?.text == "spun")
        // the thread charges after its send, so the client may read the answer first
        #expect(server.eventually { budget.owed >= .milliseconds(20) })
        let start = ContinuousClock.now
        Thread.detachNewThread { usleep(500_000); budget.release(cores: 1) }   // ends the wait
        #expect(try server.get("/x")?.text == "x")                 // waits for the release
        #expect(ContinuousClock.now - start >= .milliseconds(450))
    }
}
