import NN
import Tensor
import EngineSupport
import Testing

struct AffineTests {
    @Test func affine_forward_scalesAndShiftsEachChannel() {
        let affine = Affine(2)
        affine.alpha.value.copy(from: Tensor([2, -1], shape: [2]))
        affine.beta.value.copy(from: Tensor([0.5, 1], shape: [2]))
        let y = affine.forward(Tensor([1, 2, 3, 4], shape: [2, 2]), training: false)
        #expect(y.toArray() == [2.5, -1, 6.5, -3])
    }

    @Test(arguments: Engines.names)
    func affine_gradients_matchFiniteDifferences(engine: String) { Engines.on(engine) {
        let affine = Affine(5)
        affine.alpha.value.copy(from: GradientCheck.randomTensor([5], seed: 3))
        let error = GradientCheck.maxError(affine, input: GradientCheck.randomTensor([4, 3, 5], seed: 4))
        #expect(error < 1e-2)
    } }
}
