import Foundation
import Data
import Models
import Wire
import NN
import Tensor
import Testing

/// The image facts the models are checked against.
private let mnist = DatasetInfo.mnist

struct ModelSpecTests {
    @Test func labMLP_hasPyTorchsParameterCount() {
        var rng = RandomGenerator(seed: 10)
        let model = Model(ModelSpec(hidden: [100, 80], dropout: 0.2), imageShape: [28, 28], classes: 10, rng: &rng)
        #expect(model.parameterCount == 87_390)
        #expect(ModelSpec(hidden: [100, 80]).parameterCount(imageShape: mnist.imageShape, classes: mnist.classes) == 87_390)
        #expect(model.layerTable.map(\.layer) == ["Linear(784 -> 100)", "ReLU", "Dropout(p=0.2)", "Linear(100 -> 80)",
                                                  "ReLU", "Dropout(p=0.2)", "Linear(80 -> 10)"])
    }

    @Test func sameSeed_sameInitialWeights() {
        var a = RandomGenerator(seed: 3), b = RandomGenerator(seed: 3)
        let m1 = Model(ModelSpec(), imageShape: [28, 28], classes: 10, rng: &a)
        let m2 = Model(ModelSpec(), imageShape: [28, 28], classes: 10, rng: &b)
        #expect(zip(m1.parameters, m2.parameters).allSatisfy { $0.value.toArray() == $1.value.toArray() })
    }

    @Test func forward_givesLogitsPerClass() {
        var rng = RandomGenerator(seed: 3)
        let model = Model(ModelSpec(hidden: [16]), imageShape: [4, 4], classes: 10, rng: &rng)
        let y = model.forward(Tensor(zeros: [5, 16]), training: false)
        #expect(y.shape == [5, 10])
    }
}
