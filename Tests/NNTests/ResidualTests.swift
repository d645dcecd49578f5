import NN
import Tensor
import EngineSupport
import Testing

struct ResidualTests {
    @Test(arguments: Engines.names)
    func residual_preNormWithLayerScale_gradientsMatchFiniteDifferences(engine: String) { Engines.on(engine) {
        var rng = RandomGenerator(seed: 1)
        let block = Residual(norm: Affine(6), branch: FeedForward(channels: 6, hidden: 8, rng: &rng),
                             features: 6, layerScale: 0.5)
        block.scale!.value.copy(from: GradientCheck.randomTensor([6], seed: 2))
        let error = GradientCheck.maxError(block, input: GradientCheck.randomTensor([3, 2, 6], seed: 3))
        #expect(error < 1e-2)
    } }

    @Test(arguments: Engines.names)
    func residual_preNormWithoutScale_gradientsMatchFiniteDifferences(engine: String) { Engines.on(engine) {
        var rng = RandomGenerator(seed: 4)
        let block = Residual(norm: LayerNorm(6), branch: FeedForward(tokens: 3, hidden: 5, rng: &rng), features: 6)
        let error = GradientCheck.maxError(block, input: GradientCheck.randomTensor([3, 2, 6], seed: 5))
        #expect(error < 1e-2)
    } }

    @Test func residual_forward_isInputPlusScaledBranch() {
        var rng = RandomGenerator(seed: 6)
        let branch = TokenLinear(2, 2, rng: &rng)
        let block = Residual(norm: Affine(3), branch: branch, features: 3, layerScale: 0.1)
        let x = GradientCheck.randomTensor([2, 1, 3], seed: 7)
        let y = block.forward(x, training: false).toArray()
        let f = branch.forward(x, training: false).toArray()           // Affine starts as the identity
        for i in 0..<6 { #expect(abs(y[i] - (x[i] + 0.1 * f[i])) < 1e-6) }
    }
}
