/// A run's remote job, in `GET /api/runs/{id}`: the executor that holds it, the attempt, the
/// Slurm job and its state; absent for runs trained by the service's own threads.
public struct RunJob: Codable, Sendable, Equatable {
    /// `slurm` (or another remote executor).
    public var executor: String
    /// 1 for the first job; one more each time the run is handed out again.
    public var attempt: Int
    public var jobId: String?
    /// Slurm's state at the service's latest look: PENDING, RUNNING, COMPLETED, FAILED, CANCELLED...
    public var state: String?
    /// Times the run was queued again after a lost job.
    public var retries: Int

    enum CodingKeys: String, CodingKey { case executor, attempt, jobId = "job_id", state, retries }

    public init(executor: String, attempt: Int, jobId: String?, state: String?, retries: Int) {
        (self.executor, self.attempt, self.jobId, self.state, self.retries) = (executor, attempt, jobId, state, retries)
    }
}

extension RunJob: WireExample {
    public static var example: RunJob { RunJob(executor: "slurm", attempt: 1, jobId: "4242", state: "RUNNING", retries: 0) }
}
