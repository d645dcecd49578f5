import NN
import Tensor
import Wire

/// A network built from a `ModelSpec`, with its layer table.
public final class Model {
    public let spec: ModelSpec
    /// Shape of one input image, [H, W] (e.g. [28, 28]); batches arrive flattened as (B, H·W).
    public let imageShape: [Int]
    public let network: Sequential

    /// Builds the network, drawing initial weights from `rng` (PyTorch's initialisation rules).
    /// Patch models (`mixer`, `resmlp`, `vip`) keep their activations token-major, (P, B, D),
    /// inside the network; `forward` still takes (B, H·W) images and returns (B, K) logits.
    ///
    /// ```swift
    /// var rng = RandomGenerator(seed: 10)
    /// let model = Model(ModelSpec(hidden: [100, 80], dropout: 0.2), imageShape: [28, 28], classes: 10, rng: &rng)
    /// model.parameterCount   // 87_390
    /// ```
    public init(_ spec: ModelSpec, imageShape: [Int], classes: Int, rng: inout RandomGenerator) {
        self.spec = spec
        self.imageShape = imageShape
        switch spec.type {
        case .mlp: network = MLP.build(spec, inputFeatures: imageShape.reduce(1, *), classes: classes, rng: &rng)
        case .mixer: network = Mixer.build(spec, imageShape: imageShape, classes: classes, rng: &rng)
        case .resmlp: network = ResMLP.build(spec, imageShape: imageShape, classes: classes, rng: &rng)
        case .vip: network = VisionPermutator.build(spec, imageShape: imageShape, classes: classes, rng: &rng)
        }
    }

    public var parameters: [Parameter] { network.parameters }
    public var parameterCount: Int { network.parameterCount }

    /// Logits (B, K) for a batch of flattened images (B, H·W).
    public func forward(_ x: Tensor, training: Bool) -> Tensor { network.forward(x, training: training) }
    /// Backpropagates d loss / d logits through every layer, accumulating parameter gradients.
    public func backward(_ dLogits: Tensor) { _ = network.backward(dLogits) }
    public func zeroGrad() { network.zeroGrad() }

    /// One row per layer of the built network (`ModelSpec.layerTable` gives the same without
    /// building; the tests hold the two equal). A patch model's blocks are one row each.
    public var layerTable: [LayerRow] {
        var shape = [1, imageShape.reduce(1, *)]
        return network.layers.map { layer in
            shape = layer.outputShape(for: shape)
            let detail = (layer as? Linear).map { "(\($0.inFeatures) -> \($0.outFeatures))" }
                ?? (layer as? Dropout).map { "(p=\($0.p))" }
                ?? (layer as? PatchEmbedding).map { "(\($0.patch)x\($0.patch) -> \($0.dim))" } ?? ""
            return LayerRow(layer: layer.kind + detail, outputShape: Array(shape.dropFirst()), parameters: layer.parameterCount)
        }
    }
}
