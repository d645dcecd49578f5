import Dispatch
import Glibc
import Synchronization

/// The CPU time the server's connection threads may spend while other work of the process holds
/// cores (the service: runs training), as a token bucket: it fills at the rate of the cores that
/// work leaves free, and never slower than `minimumShare` of one core; each request's thread time
/// (read, decode, handler, encode, send) is taken from it; a handler waits, asleep, while it is empty.
///
/// Nice 19 alone did not keep a flood of requests off training cores: the scheduler still gave the
/// server's threads and the load generator a third of two cores. Sleeping until the bucket refills
/// leaves the cores to training and slows the flood's client too. A dashboard's requests fit in
/// `burst` and never wait; with no work holding cores the bucket is not consulted (nor the clock read).
///
/// ```swift
/// let budget = CPUBudget(minimumShare: 0.1)
/// budget.hold(cores: 1)          // a run starts training on one core
/// defer { budget.release(cores: 1) }
/// ```
public final class CPUBudget: Sendable {
    /// Cores the machine has: the bucket fills at `cores - held` cores' worth of time per second.
    public let cores: Int
    /// The least the bucket fills at, in cores, when work holds every core (or more).
    public let minimumShare: Double
    /// The most the bucket holds, in nanoseconds: requests that fit in it never wait.
    private let burst: Int64
    private let held = Atomic<Int>(0)
    /// Nanoseconds of CPU time in the bucket (negative: owed), and when it was last filled.
    private let bucket: Mutex<(level: Int64, filled: UInt64)>

    public init(cores: Int = max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN))), minimumShare: Double = 0.1,
                burst: Duration = .milliseconds(50)) {
        precondition(cores > 0 && minimumShare > 0, "CPUBudget needs a core and a positive share")
        (self.cores, self.minimumShare) = (cores, minimumShare)
        self.burst = burst.components.seconds * 1_000_000_000 + burst.components.attoseconds / 1_000_000_000
        bucket = Mutex((self.burst, DispatchTime.now().uptimeNanoseconds))
    }

    /// Work of the process starts using `cores` cores.
    public func hold(cores: Int) { held.add(cores, ordering: .relaxed) }
    /// That work ends.
    public func release(cores: Int) { held.subtract(cores, ordering: .relaxed) }

    /// Whether requests are being metered now: some work holds cores.
    public var applies: Bool { held.load(ordering: .relaxed) > 0 }

    /// Cores' worth of CPU time per second the bucket fills at now.
    public var share: Double { max(minimumShare, Double(cores - held.load(ordering: .relaxed))) }

    /// CPU time the bucket is owed now (zero when it holds time).
    public var owed: Duration { .nanoseconds(owedNanoseconds()) }

    /// Takes `nanoseconds` of CPU time out of the bucket.
    public func charge(_ nanoseconds: Int64) {
        let share = share
        bucket.withLock { state in
            fill(&state, share: share)
            state.level -= nanoseconds
        }
    }

    /// Sleeps until the bucket is not owed time, while requests are metered.
    public func waitForTime() {
        while applies {
            let owed = owedNanoseconds()
            guard owed > 0 else { return }
            let sleep = min(Double(owed) / share, 100_000_000)   // wake at least every 0.1 s to look again
            var time = timespec(tv_sec: 0, tv_nsec: Int(sleep))
            nanosleep(&time, nil)
        }
    }

    /// The calling thread's CPU time so far, in nanoseconds.
    public static func threadTime() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }

    private func owedNanoseconds() -> Int64 {
        let share = share
        return max(0, -bucket.withLock { state in
            fill(&state, share: share)
            return state.level
        })
    }

    private func fill(_ state: inout (level: Int64, filled: UInt64), share: Double) {
        let now = DispatchTime.now().uptimeNanoseconds
        state.level = min(burst, state.level + Int64(Double(now &- state.filled) * share))
        state.filled = now
    }
}
