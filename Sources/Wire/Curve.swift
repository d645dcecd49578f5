/// One ROC curve of an epoch: a class ("0"…"9"), "micro" or "macro", thinned for drawing;
/// the AUC is the full curve's (nil when the class is missing from the test split).
public struct Curve: Codable, Sendable, Equatable {
    public var curve: String
    public var auc: Double?
    public var fpr: [Double]
    public var tpr: [Double]

    public init(curve: String, auc: Double?, fpr: [Double], tpr: [Double]) {
        precondition(fpr.count == tpr.count, "Curve: \(fpr.count) fpr points for \(tpr.count) tpr points")
        (self.curve, self.auc, self.fpr, self.tpr) = (curve, auc, fpr, tpr)
    }
}

/// GET /api/runs/{id}/roc: the 10 class curves, then micro and macro.
public struct Curves: Codable, Sendable, Equatable {
    public var runId: Int64
    public var epoch: Int
    public var curves: [Curve]
    enum CodingKeys: String, CodingKey { case runId = "run_id", epoch, curves }
    public init(runId: Int64, epoch: Int, curves: [Curve]) { (self.runId, self.epoch, self.curves) = (runId, epoch, curves) }
}

/// GET /api/runs/{id}/confusion: `matrix[truth][predicted]`.
public struct Confusion: Codable, Sendable, Equatable {
    public var runId: Int64
    public var epoch: Int
    public var labels: [Int]
    public var matrix: [[Int]]
    enum CodingKeys: String, CodingKey { case runId = "run_id", epoch, labels, matrix }
    public init(runId: Int64, epoch: Int, matrix: [[Int]]) {
        (self.runId, self.epoch, self.labels, self.matrix) = (runId, epoch, Array(0..<matrix.count), matrix)
    }
}

/// GET /api/runs/{id}/epochs.
public struct Epochs: Codable, Sendable, Equatable {
    public var runId: Int64
    public var epochs: [EpochRow]
    enum CodingKeys: String, CodingKey { case runId = "run_id", epochs }
    public init(runId: Int64, epochs: [EpochRow]) { (self.runId, self.epochs) = (runId, epochs) }
}

extension Curve: WireExample {
    public static var example: Curve { Curve(curve: "micro", auc: 0.9995, fpr: [0, 0.01, 1], tpr: [0, 0.98, 1]) }
}
extension Curves: WireExample { public static var example: Curves { Curves(runId: 1, epoch: 10, curves: [.example]) } }
extension Confusion: WireExample { public static var example: Confusion { Confusion(runId: 1, epoch: 10, matrix: [[5, 1], [0, 6]]) } }
extension Epochs: WireExample { public static var example: Epochs { Epochs(runId: 1, epochs: [.example]) } }
