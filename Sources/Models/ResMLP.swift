import NN
import Tensor

/// ResMLP (Touvron et al. 2021, https://arxiv.org/abs/2105.03404), as `PatchModel` with
/// `ResMLPBlock`s in torch_reference.py: per block x + s₁ ⊙ TokenLinear(Aff(x)) then
/// x + s₂ ⊙ ChannelMLP(Aff(x)), with layer-scales s initialised to `layerscale`; an Affine,
/// mean over tokens and a linear head.
enum ResMLP {
    static func build(_ spec: ModelSpec, imageShape: [Int], classes: Int, rng: inout RandomGenerator) -> Sequential {
        let embed = PatchEmbedding(imageShape: imageShape, patch: spec.patch, dim: spec.dim, rng: &rng)
        let d = spec.dim, tokens = embed.tokens
        let blocks: [Layer] = (0..<spec.depth).map { _ in
            let tokenMixing = Residual(norm: Affine(d), branch: TokenLinear(tokens, tokens, rng: &rng),
                                       features: d, layerScale: spec.layerscale)
            let channelMixing = Residual(norm: Affine(d),
                                         branch: FeedForward(channels: d, hidden: spec.resolvedChannelHidden, rng: &rng),
                                         features: d, layerScale: spec.layerscale)
            return Sequential([tokenMixing, channelMixing], kind: "ResMLPBlock")
        }
        return Sequential([embed] + blocks + [Affine(d), TokenMean(), Linear(d, classes, rng: &rng)])
    }
}
