import NN

/// The `model` object of an experiment spec.
///
/// ```json
/// {"type": "mlp", "hidden": [100, 80], "activation": "relu", "dropout": 0.2}
/// ```
/// Only `mlp` is built by this version; the all-MLP vision models (`mixer`, `resmlp`, `vip`)
/// are named in the error so the user knows they are planned, not misspelt.
public struct ModelSpec: Codable, Equatable, Sendable {
    public enum Kind: String, Codable, Sendable { case mlp }

    public var type: Kind = .mlp
    public var hidden: [Int] = [100, 80]
    public var activation: Activation.Function = .relu
    public var dropout: Float = 0

    public init(hidden: [Int] = [100, 80], activation: Activation.Function = .relu, dropout: Float = 0) {
        (self.hidden, self.activation, self.dropout) = (hidden, activation, dropout)
    }

    enum CodingKeys: String, CodingKey { case type, hidden, activation, dropout }

    /// Largest parameter count we agree to train: weights, gradients and optimizer state
    /// together stay under about 1 GB, which a worker thread can hold beside its neighbours.
    public static let maxParameters = 50_000_000
    /// Largest width of one layer.
    public static let maxWidth = 65_536

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let raw = try c.decodeIfPresent(String.self, forKey: .type) ?? "mlp"
        guard let kind = Kind(rawValue: raw) else {
            let planned = ["mixer", "resmlp", "vip"].contains(raw) ? " ('\(raw)' is planned, not yet built)" : ""
            throw SpecError(field: "\(decoder.fieldPath).type", "unknown model type '\(raw)'; expected mlp\(planned)")
        }
        type = kind
        try decoder.rejectUnknownKeys(allowed: ["type", "hidden", "activation", "dropout"], context: "model mlp")
        hidden = try c.decodeIntegers(forKey: .hidden) ?? hidden
        activation = try c.decodeChoice(Activation.Function.self, forKey: .activation) ?? activation
        dropout = try c.decodeIfPresent(Float.self, forKey: .dropout) ?? dropout
    }

    /// Checks sizes and ranges, naming the field (`prefix` is the spec path, "model").
    public func validate(prefix: String = "model", inputFeatures: Int = 784, classes: Int = 10) throws {
        if hidden.isEmpty { throw SpecError(field: "\(prefix).hidden", "must list at least one layer size") }
        for (i, h) in hidden.enumerated() where h < 1 || h > Self.maxWidth {
            throw SpecError(field: "\(prefix).hidden[\(i)]", "layer size must be in 1...\(Self.maxWidth) (got \(h))")
        }
        if !(dropout >= 0 && dropout < 1) {
            throw SpecError(field: "\(prefix).dropout", "must be in [0, 1) (got \(dropout))")
        }
        let count = parameterCount(inputFeatures: inputFeatures, classes: classes)
        if count > Self.maxParameters {
            throw SpecError(field: "\(prefix).hidden",
                            "model too large to train: \(count) parameters (limit \(Self.maxParameters))")
        }
    }

    /// Parameters of the network this spec builds, computed without building it.
    public func parameterCount(inputFeatures: Int = 784, classes: Int = 10) -> Int {
        let sizes = [inputFeatures] + hidden + [classes]
        return zip(sizes, sizes.dropFirst()).reduce(0) { $0 + $1.0 * $1.1 + $1.1 }
    }
}
