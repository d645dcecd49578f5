import Server
import Wire

/// Which of a run's checkpoints a request means: `?epoch=latest` (the default), `best`, or a number.
enum EpochSelector: Equatable, Sendable {
    case latest, best, number(Int)

    /// Reads `?epoch=` of `request`.
    /// - Throws: 400 naming `epoch` for anything but latest, best or a positive integer.
    init(_ request: HTTPRequest) throws {
        switch request.query["epoch"] ?? "latest" {
        case "latest", "": self = .latest
        case "best": self = .best
        case let text:
            guard let n = Int(text), n >= 1 else {
                throw APIError(.badRequest, "epoch must be latest, best or a positive integer (got \(text))", field: "epoch")
            }
            self = .number(n)
        }
    }

    /// The epoch this selects among `checkpoints`.
    /// - Throws: 404 naming `epoch` when the run has no checkpoint yet, or none at that epoch
    ///   (the message lists the epochs that have one).
    func resolve(in checkpoints: [CheckpointInfo], runID: Int64) throws -> Int {
        guard !checkpoints.isEmpty else {
            throw APIError(.notFound, "run \(runID) has no checkpoint yet: it has not finished an epoch", field: "epoch")
        }
        let found: CheckpointInfo?
        switch self {
        case .latest: found = checkpoints.first { $0.latest }
        case .best: found = checkpoints.first { $0.best }
        case let .number(n): found = checkpoints.first { $0.epoch == n }
        }
        guard let found else {
            let kept = checkpoints.map { "\($0.epoch)" + ($0.latest ? " (latest)" : "") + ($0.best ? " (best)" : "") }
            throw APIError(.notFound, "run \(runID) keeps checkpoints of epochs \(kept.joined(separator: ", ")) only", field: "epoch")
        }
        return found.epoch
    }
}
