/// GELU, x·Φ(x) with the exact (erf) normal CDF, as PyTorch's default `nn.GELU()`
/// (Hendrycks & Gimpel 2016, https://arxiv.org/abs/1606.08415), forward and derivative.
public enum GELUKernel {
    public typealias V = SIMD8<Float>
    static let invSqrt2: Float = 0.707_106_78, invSqrt2Pi: Float = 0.398_942_28

    @inline(__always) static func cdf(_ v: V) -> V { 0.5 + 0.5 * FastMath.erf(v * invSqrt2) }
    @inline(__always) static func pdf(_ v: V) -> V { invSqrt2Pi * FastMath.exp(-0.5 * v * v) }

    /// y = gelu(z) over n elements; with `derivative`, also z ← gelu'(z) = Φ(z) + z·φ(z) in place,
    /// so backward is one multiply and z's storage does double duty.
    public static func forward(_ z: UnsafeMutablePointer<Float>, _ y: UnsafeMutablePointer<Float>, count n: Int,
                               derivative: Bool) {
        let rz = UnsafeMutableRawPointer(z), ry = UnsafeMutableRawPointer(y)
        var i = 0
        while i + 8 <= n {
            let v = rz.loadUnaligned(fromByteOffset: i * 4, as: V.self), c = cdf(v)
            ry.storeBytes(of: v * c, toByteOffset: i * 4, as: V.self)
            if derivative { rz.storeBytes(of: c + v * pdf(v), toByteOffset: i * 4, as: V.self) }
            i += 8
        }
        for j in i..<n {
            let v = V(repeating: z[j]), c = cdf(v)
            y[j] = (v * c)[0]
            if derivative { z[j] = (c + v * pdf(v))[0] }
        }
    }

    /// z ← gelu'(z) in place (after a forward that kept z).
    public static func derivative(_ z: UnsafeMutablePointer<Float>, count n: Int) {
        FastMath.map(z, z, count: n) { v in cdf(v) + v * pdf(v) }
    }

    /// y = gelu(x), for `Activation`.
    public static func apply(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count n: Int) {
        FastMath.map(x, y, count: n) { v in v * cdf(v) }
    }
}
