import Data
import Wire

/// The `augment` object of a spec: a fresh random distortion of every training image at every
/// step (`Data.Augmentation`), as `torch_reference.py` defines it.
///
/// ```json
/// {"rotate": 10, "translate": 0.1, "scale": [0.9, 1.1], "elastic": {"alpha": 8, "sigma": 3}}
/// ```
/// `rotate` degrees (uniform in ±rotate), `translate` a fraction of the side (uniform in ±t on
/// each axis), `scale` [lo, hi] (uniform), `elastic` alpha and sigma in pixels. All optional;
/// each is 0 / [1, 1] / absent by default.
public struct AugmentSpec: Codable, Equatable, Sendable {
    public struct Elastic: Codable, Equatable, Sendable {
        public var alpha: Double
        public var sigma: Double

        public init(alpha: Double, sigma: Double) { (self.alpha, self.sigma) = (alpha, sigma) }

        enum CodingKeys: String, CodingKey, CaseIterable { case alpha, sigma }

        public init(from decoder: Decoder) throws {
            try decoder.rejectUnknownKeys(allowed: CodingKeys.allCases.map(\.rawValue), context: "augment.elastic")
            let c = try decoder.container(keyedBy: CodingKeys.self)
            for key in CodingKeys.allCases where !c.contains(key) {
                throw SpecError(field: "augment.elastic.\(key.rawValue)", "required (elastic needs alpha and sigma)")
            }
            alpha = try c.decode(Double.self, forKey: .alpha)
            sigma = try c.decode(Double.self, forKey: .sigma)
        }
    }

    public var rotate = 0.0
    public var translate = 0.0
    public var scale = [1.0, 1.0]
    public var elastic: Elastic?

    public init(rotate: Double = 0, translate: Double = 0, scale: [Double] = [1, 1], elastic: Elastic? = nil) {
        (self.rotate, self.translate, self.scale, self.elastic) = (rotate, translate, scale, elastic)
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case rotate, translate, scale, elastic }

    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(allowed: CodingKeys.allCases.map(\.rawValue), context: "augment")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        rotate = try c.decodeIfPresent(Double.self, forKey: .rotate) ?? rotate
        translate = try c.decodeIfPresent(Double.self, forKey: .translate) ?? translate
        scale = try c.decodeIfPresent([Double].self, forKey: .scale) ?? scale
        elastic = try c.decodeIfPresent(Elastic.self, forKey: .elastic)
    }

    /// Checks every range, naming the field ("augment.scale").
    public func validate() throws(SpecError) {
        func check(_ ok: Bool, _ field: String, _ message: String) throws(SpecError) {
            if !ok { throw SpecError(field: "augment.\(field)", message) }
        }
        try check(rotate.isFinite && rotate >= 0 && rotate <= 180, "rotate", "must be in 0...180 degrees (got \(rotate))")
        try check(translate.isFinite && translate >= 0 && translate <= 1, "translate",
                  "must be in 0...1, a fraction of the side (got \(translate))")
        try check(scale.count == 2, "scale", "must be [lo, hi] (got \(scale.count) numbers)")
        try check(scale.allSatisfy { $0.isFinite && $0 > 0 && $0 <= 10 } && scale[0] <= scale[1], "scale",
                  "must be [lo, hi] with 0 < lo <= hi <= 10 (got \(scale))")
        if let elastic {
            try check(elastic.alpha.isFinite && elastic.alpha >= 0 && elastic.alpha <= 100, "elastic.alpha",
                      "must be in 0...100 pixels (got \(elastic.alpha))")
            try check(elastic.sigma.isFinite && elastic.sigma > 0 && elastic.sigma <= 10, "elastic.sigma",
                      "must be in (0, 10] pixels (got \(elastic.sigma))")
        }
    }

    /// The augmentation this spec describes.
    public var augmentation: Augmentation {
        Augmentation(rotate: Float(rotate), translate: Float(translate), scale: (Float(scale[0]), Float(scale[1])),
                     elastic: elastic.map { (alpha: Float($0.alpha), sigma: Float($0.sigma)) })
    }
}
