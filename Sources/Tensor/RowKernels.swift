/// Loops over the rows of row-major matrices that several layers share: broadcasting a
/// bias and summing columns for its gradient. Plain pointer loops, which the compiler vectorises.
public enum RowKernels {
    /// Each of the `rows` rows of y (stride n) ← v (n values).
    public static func broadcastRows(_ v: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, rows: Int, columns n: Int) {
        for r in 0..<rows { (y + r * n).update(from: v, count: n) }
    }

    /// Row r of y (n values) ← v[r], for each of the `rows` rows: a per-row bias.
    public static func broadcastColumns(_ v: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, rows: Int, columns n: Int) {
        for r in 0..<rows { (y + r * n).update(repeating: v[r], count: n) }
    }

    /// g[j] += Σ_r x[r, j]: the gradient of a bias broadcast over rows.
    public static func addColumnSums(of x: UnsafePointer<Float>, rows: Int, columns n: Int, into g: UnsafeMutablePointer<Float>) {
        for r in 0..<rows {
            let row = x + r * n
            for j in 0..<n { g[j] += row[j] }
        }
    }

    /// g[r] += Σ_j x[r, j]: the gradient of a bias broadcast over columns.
    public static func addRowSums(of x: UnsafePointer<Float>, rows: Int, columns n: Int, into g: UnsafeMutablePointer<Float>) {
        for r in 0..<rows {
            let row = x + r * n
            g[r] += sum(row, count: n)
        }
    }

    /// y[i] += x[i] over n elements.
    public static func add(_ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, count n: Int) {
        for i in 0..<n { y[i] += x[i] }
    }

    /// Σ x[i], in eight lanes (a scalar float sum does not vectorise: it may not be reordered).
    @inline(__always) public static func sum(_ x: UnsafePointer<Float>, count n: Int) -> Float {
        var acc = SIMD8<Float>(), i = 0
        let raw = UnsafeRawPointer(x)
        while i + 8 <= n { acc += raw.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self); i += 8 }
        var s = acc.sum()
        while i < n { s += x[i]; i += 1 }
        return s
    }

    /// Σ a[i]·b[i], in eight lanes.
    @inline(__always) public static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count n: Int) -> Float {
        var acc = SIMD8<Float>(), i = 0
        let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
        while i + 8 <= n {
            acc += ra.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
                * rb.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
            i += 8
        }
        var s = acc.sum()
        while i < n { s += a[i] * b[i]; i += 1 }
        return s
    }
}
