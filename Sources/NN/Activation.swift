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
        case .relu: for i in 0..<n { dst[i] = max(src[i], 0) }
        case .gelu: for i in 0..<n { dst[i] = 0.5 * src[i] * (1 + erff(src[i] * Float(0.5).squareRoot())) }
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
        case .relu: for i in 0..<n { d[i] = out[i] > 0 ? g[i] : 0 }
        case .gelu:
            let src = x.data, invSqrt2 = Float(0.5).squareRoot(), invSqrt2Pi = 1 / Float(2 * Float.pi).squareRoot()
            for i in 0..<n {
                let v = src[i]
                let cdf = 0.5 * (1 + erff(v * invSqrt2)), pdf = invSqrt2Pi * expf(-0.5 * v * v)
                d[i] = g[i] * (cdf + v * pdf)
            }
        case .tanh: for i in 0..<n { d[i] = g[i] * (1 - out[i] * out[i]) }
        case .sigmoid: for i in 0..<n { d[i] = g[i] * out[i] * (1 - out[i]) }
        }
        return dx
    }
}
