import Tensor

/// An element-wise non-linearity: ReLU, GELU (erf form, PyTorch's default), tanh or sigmoid.
public final class Activation: Layer {
    public enum Function: String, Codable, Sendable, CaseIterable {
        case relu, gelu, tanh, sigmoid
    }

    public let function: Function
    private var x: Tensor?                    // GELU's backward needs the input
    private let y = Tensor(zeros: [0])        // ReLU, tanh and sigmoid's backward use the output
    private let dx = Tensor(zeros: [0])

    public init(_ function: Function) { self.function = function }

    public var kind: String {
        switch function {
        case .relu: "ReLU"
        case .gelu: "GELU"
        case .tanh: "Tanh"
        case .sigmoid: "Sigmoid"
        }
    }
    public var parameters: [Parameter] { [] }
    public func outputShape(for input: [Int]) -> [Int] { input }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        self.x = x
        let k = x.backend
        switch function {
        case .relu: k.relu(x, into: y)
        case .gelu: k.gelu(x, into: y)
        case .tanh: k.tanh(x, into: y)
        case .sigmoid: k.sigmoid(x, into: y)
        }
        return y
    }

    public func backward(_ dy: Tensor) -> Tensor {
        guard let x else { preconditionFailure("Activation.backward called before forward") }
        let k = dy.backend
        switch function {
        case .relu: k.reluBackward(output: y, dy, into: dx)
        case .gelu:
            k.copy(x, into: dx)
            k.geluDerivative(dx)                                      // gelu'(x)
            k.multiply(dx, dy, into: dx)
        case .tanh: k.tanhBackward(output: y, dy, into: dx)
        case .sigmoid: k.sigmoidBackward(output: y, dy, into: dx)
        }
        return dx
    }
}
