import Tensor

/// A trainable tensor and the gradient that `backward` accumulates into it.
public final class Parameter {
    /// Name within its layer ("weight", "bias").
    public let name: String
    public let value: Tensor
    public let grad: Tensor

    public init(_ name: String, _ value: Tensor) {
        self.name = name
        self.value = value
        grad = Tensor(zeros: value.shape)
    }

    /// Clears the gradient before the next backward pass.
    public func zeroGrad() { grad.fill(0) }
}
