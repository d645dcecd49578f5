/// One ROC curve of one epoch: per class (`"0"`…`"9"`), or the `"micro"` / `"macro"` average.
/// The points are usually thinned (about 200) by the caller; `auc` is computed on the full
/// curve and may be NaN (stored NULL) when the class is absent from the test split.
public struct CurveRecord: Sendable, Equatable {
    public var curve: String
    public var auc: Double
    public var fpr: [Double]
    public var tpr: [Double]

    public init(curve: String, auc: Double, fpr: [Double], tpr: [Double]) {
        precondition(fpr.count == tpr.count, "CurveRecord: \(fpr.count) fpr points for \(tpr.count) tpr points")
        self.curve = curve
        self.auc = auc
        self.fpr = fpr
        self.tpr = tpr
    }

    /// NaN-aware equality (NaN AUCs and NaN points compare equal), for round-trip checks.
    public static func == (a: CurveRecord, b: CurveRecord) -> Bool {
        func same(_ x: Double, _ y: Double) -> Bool { x == y || (x.isNaN && y.isNaN) }
        return a.curve == b.curve && same(a.auc, b.auc)
            && a.fpr.count == b.fpr.count && zip(a.fpr, b.fpr).allSatisfy(same)
            && a.tpr.count == b.tpr.count && zip(a.tpr, b.tpr).allSatisfy(same)
    }
}

extension CurveRecord: Codable {
    enum CodingKeys: String, CodingKey { case curve, auc, fpr, tpr }

    /// A missing or null `auc` decodes as NaN, the mirror of `encode(to:)`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(curve: try c.decode(String.self, forKey: .curve),
                  auc: try c.decodeIfPresent(Double.self, forKey: .auc) ?? .nan,
                  fpr: try c.decode([Double].self, forKey: .fpr), tpr: try c.decode([Double].self, forKey: .tpr))
    }

    /// A NaN `auc` encodes as `null`, since JSON has no NaN.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(curve, forKey: .curve)
        if auc.isNaN { try c.encodeNil(forKey: .auc) } else { try c.encode(auc, forKey: .auc) }
        try c.encode(fpr, forKey: .fpr)
        try c.encode(tpr, forKey: .tpr)
    }
}
