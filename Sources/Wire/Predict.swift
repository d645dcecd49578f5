/// The JSON body of `POST /api/runs/{id}/predict`: images as rows of numbers in 0...1, each
/// with as many numbers as the run's images have pixels (784 for MNIST, row-major).
///
/// ```json
/// {"images": [[0, 0, 0.5, …], …]}
/// ```
/// `validate()` checks what needs no run (how many images, the range of every number); the
/// service checks the pixel count against the run's model.
public struct PredictRequest: Codable, Sendable, Equatable, RequestBody {
    /// Most images in one request.
    public static let maxImages = 1_024

    public var images: [[Float]]

    public init(images: [[Float]]) { self.images = images }

    enum CodingKeys: String, CodingKey, CaseIterable { case images }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(allowed: CodingKeys.allCases.map(\.rawValue), context: "predict request")
        images = try decoder.container(keyedBy: CodingKeys.self).decode([[Float]].self, forKey: .images)
    }

    public static func decode(_ bytes: some Collection<UInt8>) throws(SpecError) -> PredictRequest {
        let request = try WireJSON.strict(PredictRequest.self, from: bytes)
        try request.validate()
        return request
    }

    /// - Throws: `SpecError` naming `images` (none, or more than `maxImages`) or the first number
    ///   outside 0...1 (`images[3][17]`).
    public func validate() throws(SpecError) {
        guard !images.isEmpty else { throw SpecError(field: "images", "needs at least one image") }
        guard images.count <= Self.maxImages else {
            throw SpecError(field: "images", "at most \(Self.maxImages) images per request (got \(images.count))")
        }
        for (i, image) in images.enumerated() {
            if let j = image.firstIndex(where: { !($0 >= 0 && $0 <= 1) }) {
                throw SpecError(field: "images[\(i)][\(j)]", "pixel values must be in 0...1 (got \(image[j]))")
            }
        }
    }
}

/// The model's answer for one image.
public struct ImagePrediction: Codable, Sendable, Equatable {
    /// The class with the highest logit.
    public var predicted: Int
    /// Softmax of the logits, one per class.
    public var probabilities: [Double]
    /// The model's outputs, one per class (float32, as computed).
    public var logits: [Float]

    public init(predicted: Int, probabilities: [Double], logits: [Float]) {
        (self.predicted, self.probabilities, self.logits) = (predicted, probabilities, logits)
    }
}

/// `POST /api/runs/{id}/predict`: one prediction per image, in order, by the model at `epoch`.
public struct PredictResponse: Codable, Sendable, Equatable {
    public var runId: Int64
    public var epoch: Int
    public var predictions: [ImagePrediction]

    enum CodingKeys: String, CodingKey { case runId = "run_id", epoch, predictions }

    public init(runId: Int64, epoch: Int, predictions: [ImagePrediction]) {
        (self.runId, self.epoch, self.predictions) = (runId, epoch, predictions)
    }
}

/// One stored checkpoint of a run: the latest epoch's and the best one's (they may be the same).
public struct CheckpointInfo: Codable, Sendable, Equatable {
    public var epoch: Int
    public var latest: Bool
    public var best: Bool
    /// What "best" ranks by: the epoch's validation accuracy, or its test accuracy without a split.
    public var score: Double?
    /// Size of the stored checkpoint (weights, optimizer state, random streams).
    public var bytes: Int

    public init(epoch: Int, latest: Bool, best: Bool, score: Double?, bytes: Int) {
        (self.epoch, self.latest, self.best, self.score, self.bytes) = (epoch, latest, best, score, bytes)
    }
}

/// `GET /api/runs/{id}/checkpoints`: the run's stored checkpoints, oldest epoch first.
public struct CheckpointList: Codable, Sendable, Equatable {
    public var runId: Int64
    public var checkpoints: [CheckpointInfo]
    enum CodingKeys: String, CodingKey { case runId = "run_id", checkpoints }
    public init(runId: Int64, checkpoints: [CheckpointInfo]) { (self.runId, self.checkpoints) = (runId, checkpoints) }
}

extension PredictRequest: WireExample {
    public static var example: PredictRequest { PredictRequest(images: [[0, 0.5, 1]]) }
}
extension ImagePrediction: WireExample {
    public static var example: ImagePrediction {
        ImagePrediction(predicted: 7, probabilities: [0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.91, 0.01, 0.01],
                        logits: [-2, -1.5, 0.3, 1, -3, -0.2, -4, 6.2, -0.7, 1.1])
    }
}
extension PredictResponse: WireExample {
    public static var example: PredictResponse { PredictResponse(runId: 1, epoch: 10, predictions: [.example]) }
}
extension CheckpointInfo: WireExample {
    public static var example: CheckpointInfo { CheckpointInfo(epoch: 10, latest: true, best: true, score: 0.9774, bytes: 1_049_000) }
}
extension CheckpointList: WireExample {
    public static var example: CheckpointList { CheckpointList(runId: 1, checkpoints: [.example]) }
}
