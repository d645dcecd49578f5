import Foundation
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
        y.reshape(x.shape)
        let n = x.count, src = x.data, dst = y.data
        switch function {
        case .relu: ElementKernels.relu(src, dst, count: n)
        case .gelu: GELUKernel.apply(src, dst, count: n)
        case .tanh: for i in 0..<n { dst[i] = tanhf(src[i]) }
        case .sigmoid: for i in 0..<n { dst[i] = 1 / (1 + expf(-src[i])) }
        }
        return y
    }

    public func backward(_ dy: Tensor) -> Tensor {
        guard let x else { preconditionFailure("Activation.backward called before forward") }
        dx.reshape(dy.shape)
        let n = dy.count, g = dy.data, out = y.data, d = dx.data
        switch function {
        case .relu: ElementKernels.reluBackward(output: out, g, d, count: n)
        case .gelu:
            d.update(from: x.data, count: n)
            GELUKernel.derivative(d, count: n)
            for i in 0..<n { d[i] *= g[i] }
        case .tanh: for i in 0..<n { d[i] = g[i] * (1 - out[i] * out[i]) }
        case .sigmoid: for i in 0..<n { d[i] = g[i] * out[i] * (1 - out[i]) }
        }
        return dx
    }
}
