import CKernels
import Foundation

/// Helper threads for one run's `--threads N`: N − 1 threads that sleep on a semaphore
/// between jobs (no spinning: on two shared cores a spinning worker starves the thread that
/// has work). The caller runs part 0 itself.
///
/// Unlike `DispatchQueue.concurrentPerform`, each part always runs on the same thread, whose
/// floating-point mode (subnormals flushed) is set once, and nothing depends on the global
/// queue's width. Its threads live as long as the process; a pool serves one caller at a time,
/// as a backend with more than one thread belongs to one run.
final class WorkerPool: @unchecked Sendable {
    let parts: Int
    private var job: ((Int) -> Void)?
    private let starts: [DispatchSemaphore]
    private let done = DispatchSemaphore(value: 0)

    init(threads: Int) {
        precondition(threads >= 2, "WorkerPool: a pool needs two threads or more")
        parts = threads
        starts = (1..<threads).map { _ in DispatchSemaphore(value: 0) }
        for part in 1..<threads {
            let thread = Thread { [unowned self] in self.serve(part) }
            thread.name = "mlplab-worker-\(part)"
            thread.start()
        }
    }

    private func serve(_ part: Int) {
        mk_flush_subnormals()                           // as on the training thread
        while true {
            starts[part - 1].wait()
            job?(part)
            done.signal()
        }
    }

    /// Runs body(0) … body(parts − 1), body(0) on the calling thread, and returns when all are done.
    func run(_ body: (Int) -> Void) {
        withoutActuallyEscaping(body) { body in
            job = body
            for start in starts { start.signal() }
            body(0)
            for _ in starts { done.wait() }
            job = nil
        }
    }
}
