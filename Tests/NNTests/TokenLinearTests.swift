import NN
import Tensor
import EngineSupport
import Testing

struct TokenLinearTests {
    @Test func tokenLinear_forward_mixesTokensOfEachChannel() {
        var rng = RandomGenerator(seed: 1)
        let layer = TokenLinear(3, 2, rng: &rng)
        let x = GradientCheck.randomTensor([3, 2, 4], seed: 2)            // (P, B, D)
        let y = layer.forward(x, training: false)
        #expect(y.shape == [2, 2, 4])
        let w = layer.weight.value, b = layer.bias.value
        for q in 0..<2 { for m in 0..<8 {
            var expected = b[q]
            for p in 0..<3 { expected += w[q * 3 + p] * x[p * 8 + m] }
            #expect(abs(y[q * 8 + m] - expected) < 1e-5)
        } }
    }

    @Test(arguments: Engines.names)
    func tokenLinear_gradients_matchFiniteDifferences(engine: String) { Engines.on(engine) {
        var rng = RandomGenerator(seed: 3)
        let layer = TokenLinear(4, 5, rng: &rng)
        let error = GradientCheck.maxError(layer, input: GradientCheck.randomTensor([4, 2, 3], seed: 4))
        #expect(error < 1e-2)
    } }
}
