import NN
import Tensor
import EngineSupport
import Testing

struct FeedForwardTests {
    @Test(arguments: Engines.names)
    func channelFeedForward_gradients_matchFiniteDifferences(engine: String) { Engines.on(engine) {
        var rng = RandomGenerator(seed: 5)
        let ff = FeedForward(channels: 6, hidden: 10, rng: &rng)
        let error = GradientCheck.maxError(ff, input: GradientCheck.randomTensor([4, 3, 6], seed: 6, scale: 2))
        #expect(error < 1e-2)
    } }

    @Test(arguments: Engines.names)
    func tokenFeedForward_gradients_matchFiniteDifferences(engine: String) { Engines.on(engine) {
        var rng = RandomGenerator(seed: 7)
        let ff = FeedForward(tokens: 4, hidden: 7, rng: &rng)
        let error = GradientCheck.maxError(ff, input: GradientCheck.randomTensor([4, 3, 5], seed: 8, scale: 2))
        #expect(error < 1e-2)
    } }

    @Test func feedForward_trainingForward_matchesEvaluationForward() {
        var rng = RandomGenerator(seed: 9)
        let ff = FeedForward(channels: 5, hidden: 9, rng: &rng)
        let x = GradientCheck.randomTensor([6, 5], seed: 10)
        let eval = ff.forward(x, training: false).toArray()
        let train = ff.forward(x, training: true).toArray()      // no dropout: same values
        #expect(eval == train)
    }

    @Test func feedForward_gradientAfterTrainingForward_matchesAfterEvaluationForward() {
        var rng = RandomGenerator(seed: 11)
        let ff = FeedForward(channels: 5, hidden: 9, rng: &rng)
        let x = GradientCheck.randomTensor([6, 5], seed: 12), dy = GradientCheck.randomTensor([6, 5], seed: 13)
        _ = ff.forward(x, training: false)
        let afterEval = ff.backward(dy).toArray()
        _ = ff.forward(x, training: true)                         // z now holds GELU'(z)
        let afterTrain = ff.backward(dy).toArray()
        for (a, b) in zip(afterEval, afterTrain) { #expect(abs(a - b) < 1e-6) }
    }
}
