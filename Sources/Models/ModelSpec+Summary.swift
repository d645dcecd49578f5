import NN
import Wire

extension ModelSpec {
    /// The layer table of the network this spec builds, worked out from the spec alone (no
    /// weights allocated): what `POST /api/runs` and `mlplab summary` show. Rows, names and
    /// counts equal `Model.layerTable` of the built network (tests check all four types).
    /// - Parameters:
    ///   - imageShape: [H, W] of the data set's images; classes: its class count (`Data`'s facts).
    public func layerTable(imageShape: [Int], classes: Int) -> [LayerRow] {
        func linear(_ a: Int, _ b: Int, bias: Bool = true) -> Int { a * b + (bias ? b : 0) }
        func head(_ d: Int) -> LayerRow { LayerRow(layer: "Linear(\(d) -> \(classes))", outputShape: [classes], parameters: linear(d, classes)) }
        if type == .mlp {
            let sizes = [imageShape.reduce(1, *)] + hidden
            var rows: [LayerRow] = []
            for (a, b) in zip(sizes, sizes.dropFirst()) {
                rows.append(LayerRow(layer: "Linear(\(a) -> \(b))", outputShape: [b], parameters: linear(a, b)))
                rows.append(LayerRow(layer: Activation(activation).kind, outputShape: [b], parameters: 0))
                if dropout > 0 { rows.append(LayerRow(layer: "Dropout(p=\(dropout))", outputShape: [b], parameters: 0)) }
            }
            return rows + [head(sizes.last!)]
        }
        let side = imageShape[0], grid = grid(imageSide: side), tokens = grid * grid
        let d = dim, ch = resolvedChannelHidden, channelMLP = linear(d, ch) + linear(ch, d), norms = 2 * 2 * d
        let (name, block, norm): (String, Int, String)
        switch type {
        case .mixer:
            let th = resolvedTokenHidden(imageSide: side)
            (name, block, norm) = ("MixerBlock", norms + linear(tokens, th) + linear(th, tokens) + channelMLP, "LayerNorm")
        case .resmlp:
            (name, block, norm) = ("ResMLPBlock", norms + linear(tokens, tokens) + channelMLP + 2 * d, "Affine")  // + layer-scales
        case .vip:
            let permute = 3 * linear(d, d, bias: false) + linear(d, d / 4) + linear(d / 4, 3 * d) + linear(d, d)
            (name, block, norm) = ("PermutatorBlock", norms + permute + channelMLP, "LayerNorm")
        case .mlp:
            preconditionFailure("handled above")
        }
        let embed = LayerRow(layer: "PatchEmbedding(\(patch)x\(patch) -> \(d))", outputShape: [tokens, d],
                             parameters: linear(patch * patch, d))
        let blocks = (0..<depth).map { _ in LayerRow(layer: name, outputShape: [tokens, d], parameters: block) }
        return [embed] + blocks + [LayerRow(layer: norm, outputShape: [tokens, d], parameters: 2 * d),
                                   LayerRow(layer: "TokenMean", outputShape: [d], parameters: 0), head(d)]
    }
}
