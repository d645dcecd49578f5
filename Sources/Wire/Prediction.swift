/// One test image's prediction at a stored epoch: its true class, the predicted class (the
/// first maximum of its scores), that class's score, and the ten class scores (softmax
/// probabilities, the values the epoch's ROC curves were computed from).
public struct Prediction: Codable, Sendable, Equatable {
    public var index: Int
    public var label: Int
    public var predicted: Int
    public var confidence: Double
    public var scores: [Double]

    public init(index: Int, label: Int, predicted: Int, confidence: Double, scores: [Double]) {
        (self.index, self.label, self.predicted, self.confidence, self.scores) = (index, label, predicted, confidence, scores)
    }
}

/// GET /api/runs/{id}/predictions: the test set's predictions at the latest or best epoch (or
/// an epoch that is still stored), after the `label` / `predicted` / `wrong` filters.
public struct Predictions: Codable, Sendable, Equatable {
    public var runId: Int64
    public var epoch: Int
    /// The epochs whose predictions are stored (the latest and the best), and the best of them.
    public var storedEpochs: [Int]
    public var bestEpoch: Int?
    /// Test images in all, before filtering.
    public var total: Int
    public var predictions: [Prediction]
    enum CodingKeys: String, CodingKey {
        case runId = "run_id", epoch, storedEpochs = "stored_epochs", bestEpoch = "best_epoch", total, predictions
    }
    public init(runId: Int64, epoch: Int, storedEpochs: [Int], bestEpoch: Int?, total: Int, predictions: [Prediction]) {
        (self.runId, self.epoch, self.storedEpochs, self.bestEpoch) = (runId, epoch, storedEpochs, bestEpoch)
        (self.total, self.predictions) = (total, predictions)
    }
}

extension Prediction: WireExample {
    public static var example: Prediction {
        Prediction(index: 8, label: 5, predicted: 6, confidence: 0.71,
                   scores: [0.001, 0.0, 0.01, 0.0, 0.02, 0.25, 0.71, 0.0, 0.009, 0.0])
    }
}
extension Predictions: WireExample {
    public static var example: Predictions {
        Predictions(runId: 1, epoch: 10, storedEpochs: [8, 10], bestEpoch: 8, total: 10000, predictions: [.example])
    }
}
