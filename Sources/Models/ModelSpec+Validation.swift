import NN
import Wire

extension ModelSpec {
    /// Largest parameter count we agree to train: weights, gradients and optimizer state
    /// together stay under about 1 GB, which a worker thread can hold beside its neighbours.
    public static let maxParameters = 50_000_000
    /// Largest width of one layer.
    public static let maxWidth = 65_536
    /// Deepest stack of blocks of a patch model.
    public static let maxDepth = 256

    /// Checks sizes and ranges, naming the field (`prefix` is the spec path, "model").
    /// - Parameters:
    ///   - imageShape: [H, W] of the data set's images (`Data`'s facts); patch models need square ones.
    ///   - classes: the data set's class count.
    public func validate(prefix: String = "model", imageShape: [Int], classes: Int) throws {
        func check(_ ok: Bool, _ key: CodingKeys, _ message: String) throws {
            if !ok { throw SpecError(field: "\(prefix).\(key.rawValue)", message) }
        }
        try check(dropout >= 0 && dropout < 1, .dropout, "must be in [0, 1) (got \(dropout))")
        if type == .mlp {
            try check(!hidden.isEmpty, .hidden, "must list at least one layer size")
            for (i, h) in hidden.enumerated() where h < 1 || h > Self.maxWidth {
                throw SpecError(field: "\(prefix).hidden[\(i)]", "layer size must be in 1...\(Self.maxWidth) (got \(h))")
            }
        } else {
            let side = imageShape[0]
            try check(imageShape.count == 2 && imageShape[1] == side, .patch,
                      "patch models need square images (got \(imageShape))")
            try check(patch >= 1 && patch <= side && side % patch == 0, .patch,
                      "must divide the image side \(side) (got \(patch))")
            let grid = grid(imageSide: side)
            try check(dim >= 1 && dim <= Self.maxWidth, .dim, "must be in 1...\(Self.maxWidth) (got \(dim))")
            try check(depth >= 1 && depth <= Self.maxDepth, .depth, "must be in 1...\(Self.maxDepth) (got \(depth))")
            if let expansion {
                try check(channelHidden == nil, .expansion, "give channel_hidden or expansion, not both")
                try check(expansion >= 1 && expansion <= Self.maxWidth / dim, .expansion,
                          "must be in 1...\(Self.maxWidth / dim) (got \(expansion))")
            }
            let ch = resolvedChannelHidden
            try check(ch >= 1 && ch <= Self.maxWidth, .channelHidden, "must be in 1...\(Self.maxWidth) (got \(ch))")
            let th = resolvedTokenHidden(imageSide: side)
            try check(th >= 1 && th <= Self.maxWidth, .tokenHidden, "must be in 1...\(Self.maxWidth) (got \(th))")
            try check(layerscale.isFinite && layerscale > 0, .layerscale, "must be > 0 (got \(layerscale))")
            if type == .vip {
                try check(dim % grid == 0, .dim, "must be a multiple of the patch grid side \(grid) (got \(dim))")
                try check(dim >= 4, .dim, "must be >= 4: the branch weighting has dim/4 hidden units (got \(dim))")
                try check(segments == nil || segments == grid, .segments,
                          "must equal the patch grid side \(grid) (got \(segments ?? 0))")
            }
        }
        let count = parameterCount(imageShape: imageShape, classes: classes)
        if count > Self.maxParameters {
            throw SpecError(field: "\(prefix).\(type == .mlp ? "hidden" : "dim")",
                            "model too large to train: \(count) parameters (limit \(Self.maxParameters))")
        }
    }

    /// Parameters of the network this spec builds, computed without building it
    /// (equal to the PyTorch twin's `sum(p.numel())`).
    public func parameterCount(imageShape: [Int], classes: Int) -> Int {
        layerTable(imageShape: imageShape, classes: classes).reduce(0) { $0 + $1.parameters }
    }
}
