import Foundation
import Store
import Wire

/// Any run as MLflow's client sees it. An external run is what its client logged; an mlplab run
/// shows its spec flattened into params (`optimizer.lr`), its epoch columns as metrics with the
/// epoch as step, and a few tags (`mlflow.runName`, `mlplab.model_type`).
struct MLflowRunView: Sendable {
    let store: RunStore

    static func status(_ status: RunStatus) -> MLflow.RunStatus {
        switch status {
        case .queued: .scheduled
        case .running: .running
        case .finished: .finished
        case .failed: .failed
        case .cancelled: .killed
        case .stoppedEarly: .finished         // ended by its sweep's rule, epochs kept
        }
    }

    static func status(_ status: MLflow.RunStatus) -> RunStatus {
        switch status {
        case .scheduled: .queued
        case .running: .running
        case .finished: .finished
        case .failed: .failed
        case .killed: .cancelled
        }
    }

    func info(_ r: RunRecord) -> MLflow.RunInfo {
        let start = r.startTime ?? Self.millis(r.startedAt ?? r.createdAt) ?? 0
        let end = r.source == .external ? r.endTime : r.finishedAt.flatMap(Self.millis)
        return MLflow.RunInfo(runID: "\(r.id)", runName: r.name, experimentID: "\(r.experimentID)", userID: r.userID,
                              status: Self.status(r.status), startTime: start, endTime: end,
                              artifactURI: "mlplab:/runs/\(r.id)/artifacts", lifecycleStage: r.lifecycleStage)
    }

    func run(_ r: RunRecord) throws -> MLflow.Run {
        MLflow.Run(info: info(r), data: MLflow.RunData(metrics: try latestMetrics(r), params: try params(r), tags: try tags(r)))
    }

    func latestMetrics(_ r: RunRecord) throws -> [MLflow.Metric] {
        guard r.source == .mlplab else {
            return try store.latestMetrics(runID: r.id).map { MLflow.Metric(key: $0.key, value: $0.value,
                                                                             timestamp: $0.timestamp, step: $0.step) }
        }
        guard let last = try store.epochs(runID: r.id).last else { return [] }
        return epochMetrics(last, r)
    }

    /// Every point of one key, by step.
    func history(_ r: RunRecord, key: String) throws -> [MLflow.Metric] {
        guard r.source == .mlplab else {
            return try store.metricHistory(runID: r.id, key: key).map { MLflow.Metric(key: $0.key, value: $0.value,
                                                                                      timestamp: $0.timestamp, step: $0.step) }
        }
        return try store.epochs(runID: r.id).flatMap { epochMetrics($0, r) }.filter { $0.key == key }
    }

    /// An epoch row's columns as metrics at step = epoch, stamped with the run's start.
    private func epochMetrics(_ row: EpochRow, _ r: RunRecord) -> [MLflow.Metric] {
        let time = Self.millis(r.startedAt ?? r.createdAt) ?? 0
        return FlatEncoder.columns(of: row).compactMap { key, value in
            switch value {
            case .real(let x) where key != "epoch": MLflow.Metric(key: key, value: x, timestamp: time, step: Int64(row.epoch))
            case .integer(let n) where key != "epoch": MLflow.Metric(key: key, value: Double(n), timestamp: time, step: Int64(row.epoch))
            default: nil
            }
        }
    }

    func params(_ r: RunRecord) throws -> [MLflow.KeyValue] {
        guard r.source == .mlplab else {
            return try store.paramsAndTags(runID: r.id).params.map { MLflow.KeyValue(key: $0.key, value: $0.value) }
        }
        guard let spec = try? WireJSON.decode(JSONValue.self, from: Array(r.specJSON.utf8)) else { return [] }
        var out: [MLflow.KeyValue] = []
        Self.flatten(spec, prefix: "", into: &out)
        return out.sorted { $0.key < $1.key }
    }

    /// `{"optimizer": {"lr": 0.01}}` → `optimizer.lr = 0.01`; lists stay JSON (`[100,80]`).
    static func flatten(_ value: JSONValue, prefix: String, into out: inout [MLflow.KeyValue]) {
        switch value {
        case .object(let fields):
            for (key, field) in fields { flatten(field, prefix: prefix.isEmpty ? key : "\(prefix).\(key)", into: &out) }
        case .null: break
        case .string(let s): out.append(.init(key: prefix, value: s))
        case .bool(let b): out.append(.init(key: prefix, value: "\(b)"))
        case .number, .array: out.append(.init(key: prefix, value: (try? WireJSON.text(value)) ?? ""))
        }
    }

    func tags(_ r: RunRecord) throws -> [MLflow.KeyValue] {
        var tags = try store.paramsAndTags(runID: r.id).tags.map { MLflow.KeyValue(key: $0.key, value: $0.value) }
        if r.source == .mlplab {
            tags += [.init(key: "mlflow.runName", value: r.name), .init(key: "mlflow.source.name", value: "mlplab"),
                     .init(key: "mlplab.dataset", value: r.dataset), .init(key: "mlplab.model_type", value: r.modelType),
                     .init(key: "mlplab.source", value: r.source.rawValue)]
        }
        return tags
    }

    /// What a search filter and order look at.
    func candidate(_ run: MLflow.Run) -> MLflowSearch.Candidate {
        let i = run.info
        var numbers = ["start_time": Double(i.startTime)]
        if let end = i.endTime { numbers["end_time"] = Double(end) }
        return MLflowSearch.Candidate(
            strings: ["status": i.status.rawValue, "run_name": i.runName, "run_id": i.runID, "user_id": i.userID,
                      "artifact_uri": i.artifactURI, "lifecycle_stage": i.lifecycleStage],
            numbers: numbers,
            metrics: Dictionary(run.data.metrics.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a }),
            params: Dictionary(run.data.params.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a }),
            tags: Dictionary(run.data.tags.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a }))
    }

    /// "2026-12-01T21:43:14.123Z" (or without the fraction) → milliseconds since the epoch.
    static func millis(_ iso: String) -> Int64? {
        let b = Array(iso.utf8)
        func num(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= b.count else { return nil }
            var n = 0
            for c in b[from..<from + count] { guard c >= 48 && c <= 57 else { return nil }; n = n * 10 + Int(c - 48) }
            return n
        }
        guard let y = num(0, 4), let mo = num(5, 2), let d = num(8, 2), let h = num(11, 2), let mi = num(14, 2),
              let s = num(17, 2) else { return nil }
        let ms = b.count > 20 && b[19] == UInt8(ascii: ".") ? num(20, 3) ?? 0 : 0
        // Days from civil (H. Hinnant): days since 1970-01-01 of a proleptic Gregorian date.
        let yy = mo <= 2 ? y - 1 : y
        let era = (yy >= 0 ? yy : yy - 399) / 400
        let yoe = yy - era * 400
        let doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        return Int64(((days * 24 + h) * 60 + mi) * 60 + s) * 1000 + Int64(ms)
    }
}
