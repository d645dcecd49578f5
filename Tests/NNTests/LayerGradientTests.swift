import NN
import Tensor
import EngineSupport
import Testing

/// Finite-difference checks of every layer the MLP uses (tolerance 2e-2 relative, float32
/// forwards with h = 1e-2).
struct LayerGradientTests {
    static let tolerance = 2e-2

    @Test(arguments: Engines.names)
    func linear_inputAndParameterGradients_matchFiniteDifferences(engine: String) { Engines.on(engine) {
        var rng = RandomGenerator(seed: 1)
        let layer = Linear(6, 4, rng: &rng)
        let error = GradientCheck.maxError(layer, input: GradientCheck.randomTensor([3, 6], seed: 2))
        #expect(error < Self.tolerance)
    } }

    @Test(arguments: Engines.names)
    func linear_onThreeDimensionalInput_matchesFiniteDifferences(engine: String) { Engines.on(engine) {
        var rng = RandomGenerator(seed: 1)
        let layer = Linear(5, 3, rng: &rng)
        let error = GradientCheck.maxError(layer, input: GradientCheck.randomTensor([2, 4, 5], seed: 3))
        #expect(error < Self.tolerance)
    } }

    @Test(arguments: Engines.names)
    func linear_withoutInputGradient_stillAccumulatesParameterGradients(engine: String) { Engines.on(engine) {
        var rng = RandomGenerator(seed: 1)
        let layer = Linear(6, 4, computesInputGradient: false, rng: &rng)
        let error = GradientCheck.maxError(layer, input: GradientCheck.randomTensor([3, 6], seed: 2), checkInput: false)
        #expect(error < Self.tolerance)
    } }

    @Test func linear_initialisation_isPyTorchsUniformBound() {
        var rng = RandomGenerator(seed: 4)
        let layer = Linear(100, 50, rng: &rng)
        let bound: Float = 0.1, w = layer.weight.value.toArray(), b = layer.bias!.value.toArray()
        #expect(w.allSatisfy { abs($0) <= bound } && b.allSatisfy { abs($0) <= bound })
        #expect(w.map(abs).max()! > 0.09)                       // spans the whole range
        let variance = w.map { Double($0 * $0) }.reduce(0, +) / Double(w.count)
        #expect(abs(variance - Double(bound * bound) / 3) < 2e-4)   // U(-b, b) has variance b²/3
    }

    @Test(arguments: Engines.names, Activation.Function.allCases)
    func activation_backward_matchesFiniteDifferences(engine: String, function: Activation.Function) { Engines.on(engine) {
        // Inputs kept away from ReLU's kink at 0, where the derivative is undefined.
        let x = GradientCheck.randomTensor([4, 5], seed: 8, scale: 2)
        for i in 0..<x.count where abs(x[i]) < 0.05 { x[i] = 0.3 }
        let error = GradientCheck.maxError(Activation(function), input: x, h: 1e-3)
        #expect(error < Self.tolerance)
    } }

    @Test func gelu_matchesErfFormValues() {
        let y = Activation(.gelu).forward(Tensor([-1, 0, 1, 2], shape: [1, 4]), training: false).toArray()
        let expected: [Float] = [-0.158655, 0, 0.841345, 1.954500]   // 0.5·x·(1 + erf(x/√2))
        for (a, b) in zip(y, expected) { #expect(abs(a - b) < 1e-5) }
    }

    @Test func dropout_training_zeroesAboutPAndScalesSurvivors_backwardUsesSameMask() {
        var rng = RandomGenerator(seed: 5)
        let layer = Dropout(0.25, rng: &rng)
        let x = Tensor([Float](repeating: 1, count: 10_000), shape: [100, 100])
        let y = layer.forward(x, training: true).toArray()
        let zeros = y.filter { $0 == 0 }.count
        #expect(abs(Double(zeros) / 10_000 - 0.25) < 0.02)
        #expect(y.allSatisfy { $0 == 0 || abs($0 - 1 / 0.75) < 1e-6 })
        let dy = Tensor([Float](repeating: 2, count: 10_000), shape: [100, 100])
        let dx = layer.backward(dy).toArray()
        for (a, b) in zip(dx, y) { #expect(a == 2 * b) }        // d(x·m)/dx = m
    }

    @Test(arguments: Engines.names)
    func dropout_evaluation_isIdentity(engine: String) { Engines.on(engine) {
        var rng = RandomGenerator(seed: 5)
        let layer = Dropout(0.5, rng: &rng)
        let x = GradientCheck.randomTensor([3, 4], seed: 1)
        #expect(layer.forward(x, training: false).toArray() == x.toArray())
        #expect(GradientCheck.maxError(layer, input: x) < Self.tolerance)
    } }

    @Test(arguments: Engines.names)
    func sequential_mlp_gradientsMatchFiniteDifferences(engine: String) { Engines.on(engine) {
        var rng = RandomGenerator(seed: 6)
        let net = Sequential([Linear(8, 6, rng: &rng), Activation(.tanh), Linear(6, 5, rng: &rng),
                              Activation(.gelu), Linear(5, 3, rng: &rng)])
        #expect(GradientCheck.maxError(net, input: GradientCheck.randomTensor([4, 8], seed: 7), samples: 60) < Self.tolerance)
    } }
}
