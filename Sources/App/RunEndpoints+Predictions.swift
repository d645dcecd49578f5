import Server
import Store
import Wire

/// GET /api/runs/{id}/predictions: the test set's stored predictions (latest and best epochs).
extension RunEndpoints {
    func predictions(_ id: Int64, _ request: HTTPRequest) throws -> HTTPResponse {
        _ = try record(id)
        let filter = try PredictionFilter(request.query)
        let format = request.query["format"] ?? "json"
        guard format == "json" || format == "csv" else {
            throw APIError(.badRequest, "format must be json or csv (got \(format))", field: "format")
        }
        let (stored, best) = try store.predictionEpochs(runID: id)
        let epoch = try predictionEpoch(request.query["epoch"] ?? "latest", run: id, stored: stored, best: best)
        guard let set = try store.predictions(runID: id, epoch: epoch) else {
            throw APIError(.notFound, "run \(id) keeps no predictions for epoch \(epoch)", field: "epoch")
        }
        try filter.check(classes: set.classes)
        let rows = (0..<set.count).filter { filter.accepts(set, $0) }.map { i in
            Prediction(index: i, label: Int(set.labels[i]), predicted: set.predicted(i),
                       confidence: Double(set.confidence(i)), scores: set.row(i).map(Double.init))
        }
        if format == "json" {
            return .json(Predictions(runId: id, epoch: epoch, storedEpochs: stored, bestEpoch: best, total: set.count,
                                     predictions: rows))
        }
        var response = HTTPResponse.text(Self.csv(rows, classes: set.classes), contentType: "text/csv; charset=utf-8")
        response.headers.add("Content-Disposition", "attachment; filename=\"run-\(id)-epoch-\(epoch)-predictions.csv\"")
        return response
    }

    /// `latest`, `best` or a number, resolved against the epochs whose predictions are kept.
    func predictionEpoch(_ text: String, run id: Int64, stored: [Int], best: Int?) throws -> Int {
        let kept = stored.isEmpty ? "none yet" : stored.map(String.init).joined(separator: " and ")
        switch text {
        case "latest":
            guard let latest = stored.last else { throw APIError(.notFound, "run \(id) has no stored predictions yet") }
            return latest
        case "best":
            guard let best, stored.contains(best) else {
                throw APIError(.notFound, "run \(id) has no stored predictions for its best epoch (kept: \(kept))", field: "epoch")
            }
            return best
        default:
            guard let n = Int(text), n >= 1 else {
                throw APIError(.badRequest, "epoch must be latest, best or a positive integer (got \(text))", field: "epoch")
            }
            guard stored.contains(n) else {
                throw APIError(.notFound, "run \(id) keeps predictions for the latest and best epochs only (kept: \(kept)); not epoch \(n)",
                               field: "epoch")
            }
            return n
        }
    }

    /// index, label, predicted, confidence, score_0 ... score_K-1: scores as float32 text (the
    /// shortest that reads back as the stored value).
    static func csv(_ rows: [Prediction], classes: Int) -> String {
        let header = ["index", "label", "predicted", "confidence"] + (0..<classes).map { "score_\($0)" }
        var text = header.joined(separator: ",") + "\n"
        for r in rows {
            let cells = ["\(r.index)", "\(r.label)", "\(r.predicted)", "\(Float(r.confidence))"] + r.scores.map { "\(Float($0))" }
            text += cells.joined(separator: ",") + "\n"
        }
        return text
    }
}

/// The `label`, `predicted` and `wrong` filters of GET /api/runs/{id}/predictions; an empty
/// value means "any".
struct PredictionFilter {
    var label: Int?, predicted: Int?, wrong: Bool?

    init(_ query: [String: String]) throws {
        func classNumber(_ key: String) throws -> Int? {
            guard let text = query[key], !text.isEmpty else { return nil }
            guard let n = Int(text), n >= 0 else {
                throw APIError(.badRequest, "\(key) must be a class number (got \(text))", field: key)
            }
            return n
        }
        (label, predicted) = (try classNumber("label"), try classNumber("predicted"))
        switch query["wrong"] {
        case nil, "": wrong = nil
        case "true": wrong = true
        case "false": wrong = false
        case let other?: throw APIError(.badRequest, "wrong must be true or false (got \(other))", field: "wrong")
        }
    }

    /// Class filters past the data set's classes are refused rather than matching nothing.
    func check(classes: Int) throws {
        for (key, value) in [("label", label), ("predicted", predicted)] {
            if let value, value >= classes {
                throw APIError(.badRequest, "\(key) must be a class number 0...\(classes - 1) (got \(value))", field: key)
            }
        }
    }

    func accepts(_ set: PredictionSet, _ i: Int) -> Bool {
        if let label, Int(set.labels[i]) != label { return false }
        let p = predicted != nil || wrong != nil ? set.predicted(i) : 0
        if let predicted, p != predicted { return false }
        if let wrong, (p != Int(set.labels[i])) != wrong { return false }
        return true
    }
}
