import Tensor

/// Layers applied in order; backward runs them in reverse.
public final class Sequential: Layer {
    public let kind: String
    public let layers: [Layer]

    /// - Parameters:
    ///   - kind: the name in the layer table ("MixerBlock" for a model's block).
    public init(_ layers: [Layer], kind: String = "Sequential") { (self.layers, self.kind) = (layers, kind) }

    public var parameters: [Parameter] { layers.flatMap(\.parameters) }

    public var children: [Layer] { layers }
    public func outputShape(for input: [Int]) -> [Int] {
        layers.reduce(input) { $1.outputShape(for: $0) }
    }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        layers.reduce(x) { $1.forward($0, training: training) }
    }

    public func backward(_ dy: Tensor) -> Tensor {
        layers.reversed().reduce(dy) { $1.backward($0) }
    }
}
