import Tensor

/// Updates a fixed list of parameters from their accumulated gradients.
///
/// Each optimizer follows PyTorch's update rule and defaults for the same name, so a spec
/// trains the same way here as in `torch_reference.py`. State (momenta, second moments) is
/// kept per parameter, in the order of the list given at `init`.
public protocol Optimizer: AnyObject {
    var learningRate: Float { get set }
    /// Applies one update to every parameter, using `grad` as it stands.
    func step()
}

/// Zero-initialised state tensors shaped like each parameter.
func stateLike(_ parameters: [Parameter]) -> [Tensor] {
    parameters.map { Tensor(zeros: $0.value.shape) }
}
