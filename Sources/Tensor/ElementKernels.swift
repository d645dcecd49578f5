/// Element-wise kernels the loop vectoriser leaves scalar (their pointers may alias), written
/// on eight lanes. Each gives bit-identical results to its scalar loop.
public enum ElementKernels {
    public typealias V = SIMD8<Float>

    @inline(__always) static func load(_ p: UnsafePointer<Float>, _ i: Int) -> V {
        UnsafeRawPointer(p + i).loadUnaligned(as: V.self)
    }
    @inline(__always) static func store(_ v: V, _ p: UnsafeMutablePointer<Float>, _ i: Int) {
        UnsafeMutableRawPointer(p + i).storeBytes(of: v, as: V.self)
    }

    /// y = max(x, 0).
    public static func relu(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count n: Int) {
        var i = 0
        while i + 8 <= n {
            let v = load(x, i)
            store(v.replacing(with: 0, where: v .< 0), y, i)
            i += 8
        }
        while i < n { y[i] = max(x[i], 0); i += 1 }
    }

    /// dx = dy where y > 0, else 0 (ReLU's backward from its output).
    public static func reluBackward(output y: UnsafePointer<Float>, _ dy: UnsafePointer<Float>,
                                    _ dx: UnsafeMutablePointer<Float>, count n: Int) {
        var i = 0
        while i + 8 <= n {
            store(load(dy, i).replacing(with: 0, where: load(y, i) .<= 0), dx, i)
            i += 8
        }
        while i < n { dx[i] = y[i] > 0 ? dy[i] : 0; i += 1 }
    }

    /// y = a ⊙ b.
    public static func multiply(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>,
                                count n: Int) {
        var i = 0
        while i + 8 <= n { store(load(a, i) * load(b, i), y, i); i += 8 }
        while i < n { y[i] = a[i] * b[i]; i += 1 }
    }
}
