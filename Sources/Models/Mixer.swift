import NN
import Tensor

/// MLP-Mixer (Tolstikhin et al. 2021, https://arxiv.org/abs/2105.01601), as `PatchModel` with
/// `MixerBlock`s in torch_reference.py: patch embedding; per block x + TokenMLP(LN(x)) then
/// x + ChannelMLP(LN(x)); LayerNorm, mean over tokens and a linear head.
enum Mixer {
    static func build(_ spec: ModelSpec, imageShape: [Int], classes: Int, rng: inout RandomGenerator) -> Sequential {
        let embed = PatchEmbedding(imageShape: imageShape, patch: spec.patch, dim: spec.dim, rng: &rng)
        let d = spec.dim, tokens = embed.tokens, th = spec.resolvedTokenHidden(imageSide: imageShape[0])
        let blocks: [Layer] = (0..<spec.depth).map { _ in
            let tokenMixing = Residual(norm: LayerNorm(d),
                                       branch: FeedForward(tokens: tokens, hidden: th, dropout: spec.dropout, rng: &rng),
                                       features: d)
            let channelMixing = Residual(norm: LayerNorm(d),
                                         branch: FeedForward(channels: d, hidden: spec.resolvedChannelHidden,
                                                             dropout: spec.dropout, rng: &rng),
                                         features: d)
            return Sequential([tokenMixing, channelMixing], kind: "MixerBlock")
        }
        return Sequential([embed] + blocks + [LayerNorm(d), TokenMean(), Linear(d, classes, rng: &rng)])
    }
}
