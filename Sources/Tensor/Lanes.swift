/// Element-wise updates over several arrays at once, eight lanes at a time, for loops the
/// compiler leaves scalar (the optimizers' loops write through pointers that may alias, so
/// the loop vectoriser gives up). The tail (n mod 8) goes through the same vector code on
/// copies, so every element gets bit-identical arithmetic: lane-wise IEEE operations in the
/// order written, as the scalar loop would do them.
public enum Lanes {
    public typealias V = SIMD8<Float>

    @inlinable @inline(__always) static func load(_ p: UnsafeMutablePointer<Float>, _ i: Int) -> V {
        UnsafeRawPointer(p + i).loadUnaligned(as: V.self)
    }
    @inlinable @inline(__always) static func store(_ v: V, _ p: UnsafeMutablePointer<Float>, _ i: Int) {
        UnsafeMutableRawPointer(p + i).storeBytes(of: v, as: V.self)
    }
    @inlinable @inline(__always) static func loadTail(_ p: UnsafeMutablePointer<Float>, _ i: Int, _ n: Int) -> V {
        var v = V()
        for j in 0..<(n - i) { v[j] = p[i + j] }
        return v
    }
    @inlinable @inline(__always) static func storeTail(_ v: V, _ p: UnsafeMutablePointer<Float>, _ i: Int, _ n: Int) {
        for j in 0..<(n - i) { p[i + j] = v[j] }
    }

    /// body(a, b, c) on a[i..<i+8], b[…], c[…]; a and c are written back, b is read only.
    @inlinable @inline(__always) public static func update(_ a: UnsafeMutablePointer<Float>, reading b: UnsafeMutablePointer<Float>,
                                                _ c: UnsafeMutablePointer<Float>, count n: Int,
                                                _ body: (inout V, V, inout V) -> Void) {
        var i = 0
        while i + 8 <= n {
            var x = load(a, i), z = load(c, i)
            body(&x, load(b, i), &z)
            store(x, a, i); store(z, c, i)
            i += 8
        }
        guard i < n else { return }
        var x = loadTail(a, i, n), z = loadTail(c, i, n)
        body(&x, loadTail(b, i, n), &z)
        storeTail(x, a, i, n); storeTail(z, c, i, n)
    }

    /// body(a, b, c, d) with a, c and d written back, b read only.
    @inlinable @inline(__always) public static func update(_ a: UnsafeMutablePointer<Float>, reading b: UnsafeMutablePointer<Float>,
                                                _ c: UnsafeMutablePointer<Float>, _ d: UnsafeMutablePointer<Float>,
                                                count n: Int, _ body: (inout V, V, inout V, inout V) -> Void) {
        var i = 0
        while i + 8 <= n {
            var x = load(a, i), z = load(c, i), u = load(d, i)
            body(&x, load(b, i), &z, &u)
            store(x, a, i); store(z, c, i); store(u, d, i)
            i += 8
        }
        guard i < n else { return }
        var x = loadTail(a, i, n), z = loadTail(c, i, n), u = loadTail(d, i, n)
        body(&x, loadTail(b, i, n), &z, &u)
        storeTail(x, a, i, n); storeTail(z, c, i, n); storeTail(u, d, i, n)
    }
}
