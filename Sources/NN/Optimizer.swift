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
    /// Steps taken so far (PyTorch's `state["step"]`): bias corrections and learning-rate
    /// schedules derive from it, and a checkpoint restores it.
    var steps: Int { get set }
    /// The per-parameter state, one slot per kind of buffer (PyTorch's names), each holding one
    /// tensor per parameter in the order given at `init`; a checkpoint copies into them.
    var slots: [OptimizerSlot] { get }
}

/// One kind of optimizer buffer ("momentum_buffer", "exp_avg"), a tensor per parameter.
public struct OptimizerSlot {
    public let name: String
    public let tensors: [Tensor]
    public init(_ name: String, _ tensors: [Tensor]) { (self.name, self.tensors) = (name, tensors) }
}

/// Zero-initialised state tensors shaped like each parameter.
func stateLike(_ parameters: [Parameter]) -> [Tensor] {
    parameters.map { Tensor(zeros: $0.value.shape) }
}
