import Tensor

/// One stage of a network, with its backward pass beside its forward pass.
///
/// A layer keeps what `forward` saw until `backward` runs, and owns the tensors it returns
/// (refilled on the next call), so a model instance belongs to one thread. `backward` adds
/// into its parameters' gradients (`+=`); the train loop clears them with `zeroGrad()`.
public protocol Layer: AnyObject {
    /// Short name for the layer table ("Linear", "ReLU").
    var kind: String { get }
    /// Trainable parameters, in a stable order.
    var parameters: [Parameter] { get }
    /// Output for input `x`; `training` switches dropout and similar layers on.
    func forward(_ x: Tensor, training: Bool) -> Tensor
    /// Gradient with respect to the last input, given the gradient of the output. May reuse `dy`.
    func backward(_ dy: Tensor) -> Tensor
    /// The output shape for an input shape (first dimension the batch), for the layer table.
    func outputShape(for input: [Int]) -> [Int]
    /// The layers inside this one, in a stable order (blocks list theirs; a plain layer has none).
    var children: [Layer] { get }
}

extension Layer {
    public var children: [Layer] { [] }

    /// This layer and every layer inside it, depth first, in a stable order.
    public var allLayers: [Layer] { [self] + children.flatMap(\.allLayers) }

    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.value.count } }
    public func zeroGrad() { parameters.forEach { $0.zeroGrad() } }
}
