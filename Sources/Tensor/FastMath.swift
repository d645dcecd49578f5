/// Branch-free float32 `exp` and `erf` on eight lanes at a time. libm's `expf`/`erff` are
/// calls, which keep a loop scalar, and the loop vectoriser gives up on the scalar forms of
/// these polynomials, so they are written on `SIMD8<Float>` (two SSE or one AVX register).
///
/// - `exp`: Cody–Waite range reduction to r in [−ln2/2, ln2/2] and Cephes' degree-6
///   polynomial (`expf.c`), relative error below 2e-7; 2^k is built from the rounding
///   constant's bits, so there is no float-to-int conversion.
/// - `erf`: the rational approximation of Eigen's `generic_fast_erf_float` (also XLA's),
///   x·P(x²)/Q(x²) on x clamped to [−4, 4], absolute error below 1e-6 (checked in TensorTests).
public enum FastMath {
    public typealias V = SIMD8<Float>

    @inline(__always) public static func exp(_ v: V) -> V {
        var x = v.replacing(with: -87.3, where: v .< -87.3)
        x = x.replacing(with: 88.3, where: x .> 88.3)
        let kb = x * 1.442_695_04 + 12_582_912                        // k = round(x/ln2) in the low bits
        let k = kb - 12_582_912
        let r = x - k * 0.693_359_375 - k * -2.121_944_4e-4
        var p = V(repeating: 1.987_569_15e-4)
        p = p * r + 1.398_199_95e-3
        p = p * r + 8.333_451_9e-3
        p = p * r + 4.166_579_59e-2
        p = p * r + 1.666_666_55e-1
        p = p * r + 5.000_000_12e-1
        p = p * r * r + r + 1
        let bits = (unsafeBitCast(kb, to: SIMD8<UInt32>.self) &- SIMD8(repeating: 0x4B40_0000 - 127)) &<< 23
        return p * unsafeBitCast(bits, to: V.self)                    // · 2^k
    }

    @inline(__always) public static func erf(_ v: V) -> V {
        var x = v.replacing(with: -4, where: v .< -4)
        x = x.replacing(with: 4, where: x .> 4)
        let x2 = x * x
        var p = V(repeating: -2.726_142_25e-10)
        p = p * x2 + 2.770_681_42e-08
        p = p * x2 - 2.101_024_02e-06
        p = p * x2 - 5.692_506_39e-05
        p = p * x2 - 7.349_906_3e-04
        p = p * x2 - 2.954_599_8e-03
        p = p * x2 - 1.609_603_33e-02
        var q = V(repeating: -1.456_607_18e-05)
        q = q * x2 - 2.133_740_55e-04
        q = q * x2 - 1.682_826_97e-03
        q = q * x2 - 7.373_329_17e-03
        q = q * x2 - 1.426_473_9e-02
        return x * p / q
    }

    /// Scalar forms, for loop tails: the same polynomials, so every element gets the same value.
    @inline(__always) public static func exp(_ x: Float) -> Float { exp(V(repeating: x))[0] }
    @inline(__always) public static func erf(_ x: Float) -> Float { erf(V(repeating: x))[0] }

    /// Applies `f` to n elements of `x`, eight at a time, writing `y` (which may be `x`).
    @inline(__always) public static func map(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count n: Int,
                                             _ f: (V) -> V) {
        let rx = UnsafeRawPointer(x), ry = UnsafeMutableRawPointer(y)
        var i = 0
        while i + 8 <= n {
            ry.storeBytes(of: f(rx.loadUnaligned(fromByteOffset: i * 4, as: V.self)), toByteOffset: i * 4, as: V.self)
            i += 8
        }
        if i < n {
            var tail = V()
            for j in i..<n { tail[j - i] = x[j] }
            let out = f(tail)
            for j in i..<n { y[j] = out[j - i] }
        }
    }
}
