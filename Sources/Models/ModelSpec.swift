import NN
import Wire

/// The `model` object of an experiment spec: a plain MLP or one of the all-MLP vision models.
///
/// ```json
/// {"type": "mlp", "hidden": [100, 80], "activation": "relu", "dropout": 0.2}
/// {"type": "mixer", "patch": 7, "dim": 64, "depth": 4, "token_hidden": 64, "channel_hidden": 256}
/// {"type": "resmlp", "patch": 7, "dim": 64, "depth": 4, "channel_hidden": 256, "layerscale": 0.1}
/// {"type": "vip", "patch": 4, "dim": 63, "depth": 4, "channel_hidden": 252}
/// ```
/// Each type accepts its own fields only; defaults are torch_reference.py's: patch 7, dim 64,
/// depth 4, channel_hidden 4·dim (resmlp: or expansion·dim), token_hidden 2·tokens, dropout 0,
/// layerscale 0.1, segments = the patch grid side (the only value ViP's Permute-MLP admits).
public struct ModelSpec: Codable, Equatable, Sendable {
    public enum Kind: String, Codable, Sendable, CaseIterable { case mlp, mixer, resmlp, vip }

    public var type: Kind = .mlp
    // mlp
    public var hidden: [Int] = [100, 80]
    public var activation: Activation.Function = .relu
    public var dropout: Float = 0             // mlp, mixer
    // patch models
    public var patch = 7
    public var dim = 64
    public var depth = 4
    public var tokenHidden: Int?              // mixer; nil: 2·tokens
    public var channelHidden: Int?            // mixer, resmlp, vip; nil: 4·dim (or expansion·dim)
    public var expansion: Int?                // resmlp
    public var layerscale: Float = 0.1        // resmlp
    public var segments: Int?                 // vip; nil: the grid side

    public init(hidden: [Int] = [100, 80], activation: Activation.Function = .relu, dropout: Float = 0) {
        (self.hidden, self.activation, self.dropout) = (hidden, activation, dropout)
    }

    /// A patch model (`mixer`, `resmlp` or `vip`); nil sizes take the type's default.
    public init(type: Kind, patch: Int = 7, dim: Int = 64, depth: Int = 4, tokenHidden: Int? = nil,
                channelHidden: Int? = nil, dropout: Float = 0, layerscale: Float = 0.1) {
        self.type = type
        (self.patch, self.dim, self.depth, self.tokenHidden) = (patch, dim, depth, tokenHidden)
        (self.channelHidden, self.dropout, self.layerscale) = (channelHidden, dropout, layerscale)
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case type, hidden, activation, dropout, patch, dim, depth, expansion, layerscale, segments
        case tokenHidden = "token_hidden", channelHidden = "channel_hidden"
    }

    /// The fields each type accepts, besides `type`.
    static let fields: [Kind: [CodingKeys]] = [
        .mlp: [.hidden, .activation, .dropout],
        .mixer: [.patch, .dim, .depth, .tokenHidden, .channelHidden, .dropout],
        .resmlp: [.patch, .dim, .depth, .channelHidden, .expansion, .layerscale],
        .vip: [.patch, .dim, .depth, .segments, .channelHidden],
    ]

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        type = try c.decodeChoice(Kind.self, forKey: .type) ?? .mlp
        let allowed = [CodingKeys.type] + Self.fields[type]!
        try decoder.rejectUnknownKeys(allowed: allowed.map(\.rawValue), context: "model \(type.rawValue)")
        hidden = try c.decodeIntegers(forKey: .hidden) ?? hidden
        activation = try c.decodeChoice(Activation.Function.self, forKey: .activation) ?? activation
        dropout = try c.decodeIfPresent(Float.self, forKey: .dropout) ?? dropout
        patch = try c.decodeInteger(forKey: .patch) ?? patch
        dim = try c.decodeInteger(forKey: .dim) ?? dim
        depth = try c.decodeInteger(forKey: .depth) ?? depth
        tokenHidden = try c.decodeInteger(forKey: .tokenHidden)
        channelHidden = try c.decodeInteger(forKey: .channelHidden)
        expansion = try c.decodeInteger(forKey: .expansion)
        layerscale = try c.decodeIfPresent(Float.self, forKey: .layerscale) ?? layerscale
        segments = try c.decodeInteger(forKey: .segments)
    }

    /// Writes the type's fields only, defaults filled in (those that depend on the images once
    /// `resolveDefaults` has run): the model as it was really built.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(type, forKey: .type)
        for key in Self.fields[type]! {
            switch key {
            case .hidden: try c.encode(hidden, forKey: key)
            case .activation: try c.encode(activation, forKey: key)
            case .dropout: try c.encode(dropout, forKey: key)
            case .patch: try c.encode(patch, forKey: key)
            case .dim: try c.encode(dim, forKey: key)
            case .depth: try c.encode(depth, forKey: key)
            case .tokenHidden: try c.encodeIfPresent(tokenHidden, forKey: key)
            case .channelHidden: try c.encodeIfPresent(expansion == nil ? resolvedChannelHidden : channelHidden, forKey: key)
            case .expansion: try c.encodeIfPresent(expansion, forKey: key)
            case .layerscale: try c.encode(layerscale, forKey: key)
            case .segments: try c.encodeIfPresent(segments, forKey: key)
            case .type: break
            }
        }
    }

    /// Fills the defaults that depend on the images (token_hidden, segments), so the spec
    /// encodes as the model really built: the stored spec of a run names every size.
    public mutating func resolveDefaults(imageSide: Int) {
        guard type != .mlp else { return }
        if type == .mixer { tokenHidden = resolvedTokenHidden(imageSide: imageSide) }
        if type == .vip { segments = segments ?? grid(imageSide: imageSide) }
    }

    /// Patch-grid side for square images of side `imageSide`.
    public func grid(imageSide: Int) -> Int { imageSide / max(patch, 1) }
    /// Mixer's token-MLP width: `token_hidden`, else 2·tokens.
    public func resolvedTokenHidden(imageSide: Int) -> Int {
        tokenHidden ?? 2 * grid(imageSide: imageSide) * grid(imageSide: imageSide)
    }
    /// The channel-MLP width: `channel_hidden`, else expansion·dim, else 4·dim.
    public var resolvedChannelHidden: Int { channelHidden ?? (expansion ?? 4) * dim }
}
