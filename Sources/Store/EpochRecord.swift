/// One row of the API's epoch table: what a run measured in one epoch.
///
/// A metric that could not be computed is NaN in Swift (e.g. an AUC when a class is missing
/// from the test split). It is stored as NULL and encodes as JSON `null`, since JSON has no NaN.
public struct EpochRecord: Sendable, Equatable {
    /// 1-based.
    public var epoch: Int
    public var trainSeconds: Double
    public var trainLoss: Double
    public var trainAccuracy: Double
    public var testLoss: Double
    public var testAccuracy: Double
    public var aucMacro: Double
    public var aucMicro: Double
    public var samplesPerSecond: Double
    public var evalSeconds: Double

    public init(epoch: Int, trainSeconds: Double, trainLoss: Double, trainAccuracy: Double,
                testLoss: Double, testAccuracy: Double, aucMacro: Double, aucMicro: Double,
                samplesPerSecond: Double, evalSeconds: Double) {
        precondition(epoch >= 1, "EpochRecord: epochs count from 1 (got \(epoch))")
        self.epoch = epoch
        self.trainSeconds = trainSeconds
        self.trainLoss = trainLoss
        self.trainAccuracy = trainAccuracy
        self.testLoss = testLoss
        self.testAccuracy = testAccuracy
        self.aucMacro = aucMacro
        self.aucMicro = aucMicro
        self.samplesPerSecond = samplesPerSecond
        self.evalSeconds = evalSeconds
    }

    /// NaN-aware equality: two records that both lack a metric are equal, which `==` on
    /// Double would deny (NaN != NaN). Used for round-trip checks.
    public static func == (a: EpochRecord, b: EpochRecord) -> Bool {
        a.epoch == b.epoch && zip(a.metrics, b.metrics).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
    }

    /// The metric fields in table order (the order of the `epochs` columns after `epoch`).
    var metrics: [Double] {
        [trainSeconds, trainLoss, trainAccuracy, testLoss, testAccuracy, aucMacro, aucMicro,
         samplesPerSecond, evalSeconds]
    }
}

extension EpochRecord: Codable {
    enum CodingKeys: String, CodingKey {
        case epoch, trainSeconds, trainLoss, trainAccuracy, testLoss, testAccuracy, aucMacro, aucMicro
        case samplesPerSecond, evalSeconds
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func metric(_ key: CodingKeys) throws -> Double { try c.decodeIfPresent(Double.self, forKey: key) ?? .nan }
        self.init(epoch: try c.decode(Int.self, forKey: .epoch),
                  trainSeconds: try metric(.trainSeconds), trainLoss: try metric(.trainLoss),
                  trainAccuracy: try metric(.trainAccuracy), testLoss: try metric(.testLoss),
                  testAccuracy: try metric(.testAccuracy), aucMacro: try metric(.aucMacro),
                  aucMicro: try metric(.aucMicro), samplesPerSecond: try metric(.samplesPerSecond),
                  evalSeconds: try metric(.evalSeconds))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        func metric(_ value: Double, _ key: CodingKeys) throws {
            if value.isNaN { try c.encodeNil(forKey: key) } else { try c.encode(value, forKey: key) }
        }
        try c.encode(epoch, forKey: .epoch)
        try metric(trainSeconds, .trainSeconds)
        try metric(trainLoss, .trainLoss)
        try metric(trainAccuracy, .trainAccuracy)
        try metric(testLoss, .testLoss)
        try metric(testAccuracy, .testAccuracy)
        try metric(aucMacro, .aucMacro)
        try metric(aucMicro, .aucMicro)
        try metric(samplesPerSecond, .samplesPerSecond)
        try metric(evalSeconds, .evalSeconds)
    }
}
