import Foundation
import Tensor
import Testing

struct FastMathTests {
    static let grid = stride(from: -9.0, through: 9.0, by: 0.001).map { $0 }

    @Test func erf_overTheRealLine_isWithin1e6OfLibm() {
        let worst = Self.grid.map { abs(Double(FastMath.erf(Float($0))) - Foundation.erf($0)) }.max()!
        #expect(worst < 1e-6)
    }

    @Test func exp_overItsRange_isWithin3e7Relative() {
        let xs = stride(from: -80.0, through: 80.0, by: 0.01)
        let worst = xs.map { abs(Double(FastMath.exp(Float($0))) / Foundation.exp(Double(Float($0))) - 1) }.max()!
        #expect(worst < 3e-7)
    }

    @Test func geluKernel_forwardAndDerivative_matchTheErfForm() {
        let n = Self.grid.count
        let z = UnsafeMutablePointer<Float>.allocate(capacity: n), y = UnsafeMutablePointer<Float>.allocate(capacity: n)
        defer { z.deallocate(); y.deallocate() }
        for (i, v) in Self.grid.enumerated() { z[i] = Float(v) }
        GELUKernel.forward(z, y, count: n, derivative: true)           // n is not a multiple of 8: tail too
        for (i, v) in Self.grid.enumerated() {
            let x = Double(Float(v)), cdf = 0.5 * (1 + Foundation.erf(x / 2.0.squareRoot()))
            #expect(abs(Double(y[i]) - x * cdf) < 1e-5)
            #expect(abs(Double(z[i]) - (cdf + x * Foundation.exp(-x * x / 2) / (2 * Double.pi).squareRoot())) < 1e-5)
        }
    }
}
