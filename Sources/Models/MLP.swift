import NN
import Tensor

/// The lab's multilayer perceptron: [Linear → activation → Dropout] per hidden size, then a
/// Linear head to the classes (Rumelhart, Hinton & Williams 1986), as `MLP` in torch_reference.py.
enum MLP {
    static func build(_ spec: ModelSpec, inputFeatures: Int, classes: Int, rng: inout RandomGenerator) -> Sequential {
        let sizes = [inputFeatures] + spec.hidden
        var layers: [Layer] = []
        for (i, (a, b)) in zip(sizes, sizes.dropFirst()).enumerated() {
            layers.append(Linear(a, b, computesInputGradient: i > 0, rng: &rng))
            layers.append(Activation(spec.activation))
            if spec.dropout > 0 { layers.append(Dropout(spec.dropout, rng: &rng)) }
        }
        layers.append(Linear(sizes.last!, classes, computesInputGradient: spec.hidden.count > 0, rng: &rng))
        return Sequential(layers)
    }
}
