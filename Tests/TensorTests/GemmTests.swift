import Tensor
import Testing

struct GemmTests {
    /// Naive triple loop, the reference for every transpose combination.
    static func naive(_ a: [Float], _ b: [Float], m: Int, n: Int, k: Int, ta: Bool, tb: Bool) -> [Float] {
        var c = [Float](repeating: 0, count: m * n)
        for i in 0..<m {
            for j in 0..<n {
                var s: Float = 0
                for p in 0..<k { s += (ta ? a[p * m + i] : a[i * k + p]) * (tb ? b[j * k + p] : b[p * n + j]) }
                c[i * n + j] = s
            }
        }
        return c
    }

    @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
    func gemm_everyTransposeForm_matchesNaiveProduct(ta: Bool, tb: Bool) {
        let (m, n, k) = (5, 3, 7)
        var rng = RandomGenerator(seed: 1)
        let a = (0..<m * k).map { _ in rng.uniform(-1, 1) }, b = (0..<k * n).map { _ in rng.uniform(-1, 1) }
        let ta2 = Tensor(a, shape: ta ? [k, m] : [m, k]), tb2 = Tensor(b, shape: tb ? [n, k] : [k, n])
        let c = Tensor(zeros: [0])
        Tensor.gemm(ta2, transposeA: ta, tb2, transposeB: tb, into: c)
        #expect(c.shape == [m, n])
        let expected = Self.naive(a, b, m: m, n: n, k: k, ta: ta, tb: tb)
        for (x, y) in zip(c.toArray(), expected) { #expect(abs(x - y) < 1e-5) }
    }

    @Test func gemm_betaOne_accumulatesIntoOutput() {
        let a = Tensor([1, 2, 3, 4], shape: [2, 2]), b = Tensor([1, 0, 0, 1], shape: [2, 2])
        let c = Tensor([10, 10, 10, 10], shape: [2, 2])
        Tensor.gemm(a, b, into: c, beta: 1)
        #expect(c.toArray() == [11, 12, 13, 14])
    }

    @Test func gemm_threeDimensionalInput_isReadAsFlattenedRows() {
        let x = Tensor([1, 2, 3, 4, 5, 6, 7, 8], shape: [2, 2, 2]), w = Tensor([1, 1], shape: [2, 1])
        let y = Tensor(zeros: [2, 2, 1])
        Tensor.gemm(x, w, into: y)
        #expect(y.shape == [2, 2, 1])
        #expect(y.toArray() == [3, 7, 11, 15])
    }

    @Test func resize_growingPastCapacity_keepsOtherDimensions() {
        let t = Tensor(zeros: [2, 3])
        t.resize(rows: 10)
        #expect(t.shape == [10, 3] && t.capacity >= 30)
        t.resize(rows: 1)
        #expect(t.shape == [1, 3] && t.count == 3)
    }
}
