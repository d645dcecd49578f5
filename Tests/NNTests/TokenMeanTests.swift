import NN
import Tensor
import EngineSupport
import Testing

struct TokenMeanTests {
    @Test func tokenMean_forward_averagesOverTokens() {
        let y = TokenMean().forward(Tensor([1, 2, 3, 4, 5, 6, 7, 8], shape: [2, 2, 2]), training: false)
        #expect(y.shape == [2, 2])
        #expect(y.toArray() == [3, 4, 5, 6])
    }

    @Test(arguments: Engines.names)
    func tokenMean_gradients_matchFiniteDifferences(engine: String) { Engines.on(engine) {
        let error = GradientCheck.maxError(TokenMean(), input: GradientCheck.randomTensor([5, 3, 4], seed: 1))
        #expect(error < 1e-2)
    } }
}
