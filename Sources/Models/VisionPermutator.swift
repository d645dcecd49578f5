import NN
import Tensor

/// Vision Permutator (Hou et al. 2021, https://arxiv.org/abs/2106.12368), as `PatchModel` with
/// `PermutatorBlock`s in torch_reference.py: per block x + WeightedPermuteMLP(LN(x)) then
/// x + ChannelMLP(LN(x)); LayerNorm, mean over tokens and a linear head. `dim` must be a
/// multiple of the patch grid side (ModelSpec.validate checks it).
enum VisionPermutator {
    static func build(_ spec: ModelSpec, imageShape: [Int], classes: Int, rng: inout RandomGenerator) -> Sequential {
        let embed = PatchEmbedding(imageShape: imageShape, patch: spec.patch, dim: spec.dim, rng: &rng)
        let d = spec.dim, grid = imageShape[0] / spec.patch
        let blocks: [Layer] = (0..<spec.depth).map { _ in
            let permute = Residual(norm: LayerNorm(d), branch: WeightedPermuteMLP(dim: d, grid: grid, rng: &rng), features: d)
            let channelMixing = Residual(norm: LayerNorm(d),
                                         branch: FeedForward(channels: d, hidden: spec.resolvedChannelHidden, rng: &rng),
                                         features: d)
            return Sequential([permute, channelMixing], kind: "PermutatorBlock")
        }
        return Sequential([embed] + blocks + [LayerNorm(d), TokenMean(), Linear(d, classes, rng: &rng)])
    }
}
