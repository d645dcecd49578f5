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
        let budget = CPUBudget(cores: 1, minimumShare: 0.5, burst: .milliseconds(10))
        budget.hold(cores: 1)
        budget.charge(60_000_000)
        let owed = budget.owed
        #expect(owed > .milliseconds(45) && owed <= .milliseconds(50))
        let start = ContinuousClock.now
        budget.waitForTime()                       // 50 ms owed at half a core: about 100 ms asleep
        #expect(ContinuousClock.now - start >= .milliseconds(85))
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
        let budget = CPUBudget(cores: 1, minimumShare: 0.1, burst: .milliseconds(1))
        let server = try TestServer(budget: budget, router: router)

        #expect(try server.get("/spin")?.text == "spun")           // nothing holds cores: not metered
        #expect(budget.owed == .zero)

        budget.hold(cores: 1)
        #expect(try server.get("/spin")?.text == "spun")
        #expect(budget.owed >= .milliseconds(25))                  // 30 ms of thread time, 1 ms of burst
        let start = ContinuousClock.now
        #expect(try server.get("/x")?.text == "x")                 // waits ~290 ms at a tenth of a core
        #expect(ContinuousClock.now - start >= .milliseconds(200))
        budget.release(cores: 1)
    }
}
