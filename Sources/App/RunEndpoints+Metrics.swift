import Server
import Store
import Wire

/// Per-epoch results of a run: epoch rows (JSON or CSV), ROC curves, confusion matrices.
extension RunEndpoints {
    func epochs(_ id: Int64, _ request: HTTPRequest) throws -> HTTPResponse {
        let run = try record(id)
        switch request.query["format"] ?? "json" {
        case "json":
            return HTTPResponse(status: 200, headers: ["Content-Type": "application/json"],
                                body: .bytes(try epochsCache.body(for: run, store: store)))
        case "csv":
            let rows = try store.epochs(runID: id)
            var response = HTTPResponse.text(Self.csv(rows), contentType: "text/csv; charset=utf-8")
            response.headers.add("Content-Disposition", "attachment; filename=\"run-\(id)-epochs.csv\"")
            return response
        case let other: throw APIError(.badRequest, "format must be json or csv (got \(other))", field: "format")
        }
    }

    /// The rows as CSV: a header of the row type's keys, then one line per epoch (empty cells
    /// for missing metrics).
    static func csv(_ rows: [EpochRow]) -> String {
        let header = FlatEncoder.columns(of: EpochRow(epoch: 1)).map(\.key).joined(separator: ",")
        let lines = rows.map { FlatEncoder.columns(of: $0).map(\.value.csv).joined(separator: ",") }
        return ([header] + lines).joined(separator: "\n") + "\n"
    }

    /// The epoch asked for with `?epoch=N`, or the run's latest (its row's `epochs_done`).
    func epoch(of id: Int64, _ request: HTTPRequest) throws -> Int {
        let run = try record(id)
        if let text = request.query["epoch"] {
            guard let n = Int(text), n >= 1 else { throw APIError(.badRequest, "epoch must be a positive integer", field: "epoch") }
            return n
        }
        guard run.epochsDone > 0 else { throw APIError(.notFound, "run \(id) has no finished epoch yet") }
        return run.epochsDone
    }

    func roc(_ id: Int64, _ request: HTTPRequest) throws -> HTTPResponse {
        let n = try epoch(of: id, request)
        let curves = try store.curves(runID: id, epoch: n)
        guard !curves.isEmpty else { throw APIError(.notFound, "run \(id) has no epoch \(n)", field: "epoch") }
        return .json(Curves(runId: id, epoch: n, curves: curves))
    }

    func confusion(_ id: Int64, _ request: HTTPRequest) throws -> HTTPResponse {
        let n = try epoch(of: id, request)
        guard let matrix = try store.confusion(runID: id, epoch: n) else {
            throw APIError(.notFound, "run \(id) has no epoch \(n)", field: "epoch")
        }
        return .json(Confusion(runId: id, epoch: n, matrix: matrix))
    }
}
