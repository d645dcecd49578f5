import NN
import Tensor
import EngineSupport
import Testing

struct PatchEmbeddingTests {
    /// A 4×4 image cut in 2×2 patches: patch t holds rows 2·(t/2)…, columns 2·(t%2)…,
    /// as torch_reference.py's `patchify` (row-major over the grid, row-major inside a patch).
    @Test func patchEmbedding_identityWeights_reproducePatchify() {
        var rng = RandomGenerator(seed: 1)
        let embed = PatchEmbedding(imageShape: [4, 4], patch: 2, dim: 4, rng: &rng)
        embed.weight.value.copy(from: Tensor([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1], shape: [4, 4]))
        embed.bias.value.fill(0)
        let images = Tensor((0..<32).map(Float.init), shape: [2, 16])            // (B, H·W)
        let y = embed.forward(images, training: false)                         // (P, B, D)
        #expect(y.shape == [4, 2, 4])
        for t in 0..<4 { for b in 0..<2 {
            let top = (t / 2) * 2, left = (t % 2) * 2, base = Float(b * 16)
            let expected = [top * 4 + left, top * 4 + left + 1, (top + 1) * 4 + left, (top + 1) * 4 + left + 1].map { base + Float($0) }
            #expect(Array(y.toArray()[(t * 2 + b) * 4..<(t * 2 + b + 1) * 4]) == expected)
        } }
    }

    @Test(arguments: Engines.names)
    func patchEmbedding_parameterGradients_matchFiniteDifferences(engine: String) { Engines.on(engine) {
        var rng = RandomGenerator(seed: 2)
        let embed = PatchEmbedding(imageShape: [6, 6], patch: 3, dim: 5, rng: &rng)
        let error = GradientCheck.maxError(embed, input: GradientCheck.randomTensor([2, 36], seed: 3), checkInput: false)
        #expect(error < 1e-2)
    } }
}
