import NN
import Wire

/// The `optimizer` object of an experiment spec, with PyTorch's defaults.
///
/// ```json
/// {"type": "sgd", "lr": 0.01, "momentum": 0.9}
/// ```
/// Only the fields of the chosen type are accepted; each is range-checked in `validate()`.
public struct OptimizerSpec: Codable, Equatable, Sendable {
    public enum Kind: String, Codable, Sendable, CaseIterable { case sgd, rmsprop, adagrad, adam, adamw }

    public var type: Kind = .sgd
    public var lr: Float = 0.01
    public var momentum: Float = 0            // sgd, rmsprop
    public var nesterov = false               // sgd
    public var weightDecay: Float = 0         // all; adamw defaults to 0.01
    public var alpha: Float = 0.99            // rmsprop
    public var eps: Float = 1e-8              // rmsprop, adam(w); adagrad defaults to 1e-10
    public var beta1: Float = 0.9, beta2: Float = 0.999   // adam(w)
    public var lrDecay: Float = 0, initialAccumulator: Float = 0   // adagrad
    /// Weight decay on 1-D parameters (biases, norms) too, as torch; false spares them.
    public var decayNormsAndBiases = true     // all

    public init(type: Kind = .sgd, lr: Float = 0.01) {
        self.type = type
        self.lr = lr
        applyTypeDefaults()
    }

    enum CodingKeys: String, CodingKey {
        case type, lr, momentum, nesterov, alpha, eps, beta1, beta2
        case weightDecay = "weight_decay", lrDecay = "lr_decay", initialAccumulator = "initial_accumulator"
        case decayNormsAndBiases = "decay_norms_and_biases"
    }

    /// The fields each type accepts, besides `type` and `lr`.
    static let fields: [Kind: [CodingKeys]] = [
        .sgd: [.momentum, .nesterov, .weightDecay, .decayNormsAndBiases],
        .rmsprop: [.alpha, .eps, .momentum, .weightDecay, .decayNormsAndBiases],
        .adagrad: [.lrDecay, .initialAccumulator, .eps, .weightDecay, .decayNormsAndBiases],
        .adam: [.beta1, .beta2, .eps, .weightDecay, .decayNormsAndBiases],
        .adamw: [.beta1, .beta2, .eps, .weightDecay, .decayNormsAndBiases],
    ]

    private mutating func applyTypeDefaults() {
        if type == .adamw { weightDecay = 0.01 }
        if type == .adagrad { eps = 1e-10 }
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        type = try c.decodeChoice(Kind.self, forKey: .type) ?? .sgd
        applyTypeDefaults()
        let allowed = [CodingKeys.type, .lr] + Self.fields[type]!
        try decoder.rejectUnknownKeys(allowed: allowed.map(\.rawValue), context: "optimizer \(type.rawValue)")
        lr = try c.decodeIfPresent(Float.self, forKey: .lr) ?? lr
        momentum = try c.decodeIfPresent(Float.self, forKey: .momentum) ?? momentum
        nesterov = try c.decodeIfPresent(Bool.self, forKey: .nesterov) ?? nesterov
        weightDecay = try c.decodeIfPresent(Float.self, forKey: .weightDecay) ?? weightDecay
        alpha = try c.decodeIfPresent(Float.self, forKey: .alpha) ?? alpha
        eps = try c.decodeIfPresent(Float.self, forKey: .eps) ?? eps
        beta1 = try c.decodeIfPresent(Float.self, forKey: .beta1) ?? beta1
        beta2 = try c.decodeIfPresent(Float.self, forKey: .beta2) ?? beta2
        lrDecay = try c.decodeIfPresent(Float.self, forKey: .lrDecay) ?? lrDecay
        initialAccumulator = try c.decodeIfPresent(Float.self, forKey: .initialAccumulator) ?? initialAccumulator
        decayNormsAndBiases = try c.decodeIfPresent(Bool.self, forKey: .decayNormsAndBiases) ?? decayNormsAndBiases
    }

    /// Writes the type's fields only, defaults filled in: the spec as it was really trained
    /// (`decay_norms_and_biases` only when false, so specs from before it encode as they did).
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(type, forKey: .type)
        try c.encode(lr, forKey: .lr)
        for key in Self.fields[type]! {
            switch key {
            case .decayNormsAndBiases: if !decayNormsAndBiases { try c.encode(false, forKey: key) }
            case .momentum: try c.encode(momentum, forKey: key)
            case .nesterov: try c.encode(nesterov, forKey: key)
            case .weightDecay: try c.encode(weightDecay, forKey: key)
            case .alpha: try c.encode(alpha, forKey: key)
            case .eps: try c.encode(eps, forKey: key)
            case .beta1: try c.encode(beta1, forKey: key)
            case .beta2: try c.encode(beta2, forKey: key)
            case .lrDecay: try c.encode(lrDecay, forKey: key)
            case .initialAccumulator: try c.encode(initialAccumulator, forKey: key)
            case .type, .lr: break
            }
        }
    }

    /// Checks every range PyTorch checks, naming the field (`prefix` is the spec path, "optimizer").
    public func validate(prefix: String = "optimizer") throws {
        func field(_ k: CodingKeys) -> String { "\(prefix).\(k.rawValue)" }
        func check(_ ok: Bool, _ k: CodingKeys, _ message: String) throws {
            if !ok { throw SpecError(field: field(k), message) }
        }
        try check(lr.isFinite && lr > 0, .lr, "must be > 0 (got \(lr))")
        try check(weightDecay.isFinite && weightDecay >= 0, .weightDecay, "must be >= 0 (got \(weightDecay))")
        try check(momentum.isFinite && momentum >= 0 && momentum < 1, .momentum, "must be in [0, 1) (got \(momentum))")
        try check(!nesterov || momentum > 0, .nesterov, "needs momentum > 0")
        try check(alpha.isFinite && alpha >= 0 && alpha < 1, .alpha, "must be in [0, 1) (got \(alpha))")
        try check(eps.isFinite && eps >= 0, .eps, "must be >= 0 (got \(eps))")
        try check(beta1 >= 0 && beta1 < 1, .beta1, "must be in [0, 1) (got \(beta1))")
        try check(beta2 >= 0 && beta2 < 1, .beta2, "must be in [0, 1) (got \(beta2))")
        try check(lrDecay.isFinite && lrDecay >= 0, .lrDecay, "must be >= 0 (got \(lrDecay))")
        try check(initialAccumulator.isFinite && initialAccumulator >= 0, .initialAccumulator,
                  "must be >= 0 (got \(initialAccumulator))")
    }

    /// The optimizer this spec describes, over `parameters`.
    public func make(_ parameters: [Parameter]) -> Optimizer {
        switch type {
        case .sgd: SGD(parameters, learningRate: lr, momentum: momentum, nesterov: nesterov, weightDecay: weightDecay,
                       decayNormsAndBiases: decayNormsAndBiases)
        case .rmsprop: RMSprop(parameters, learningRate: lr, alpha: alpha, eps: eps, momentum: momentum,
                               weightDecay: weightDecay, decayNormsAndBiases: decayNormsAndBiases)
        case .adagrad: Adagrad(parameters, learningRate: lr, learningRateDecay: lrDecay,
                               initialAccumulator: initialAccumulator, eps: eps, weightDecay: weightDecay,
                               decayNormsAndBiases: decayNormsAndBiases)
        case .adam, .adamw: Adam(parameters, learningRate: lr, beta1: beta1, beta2: beta2, eps: eps,
                                 weightDecay: weightDecay, mode: type == .adam ? .l2 : .decoupled,
                                 decayNormsAndBiases: decayNormsAndBiases)
        }
    }
}
