import Tensor
import Testing

struct RowKernelsTests {
    @Test func sumAndDot_oddLengths_matchPlainLoops() {
        for n in [0, 1, 7, 8, 9, 63, 100] {
            let a = (0..<n).map { Float($0 % 5) - 2 }, b = (0..<n).map { Float($0 % 3) * 0.5 }
            a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in
                let sa = pa.baseAddress ?? UnsafePointer(bitPattern: 8)!, sb = pb.baseAddress ?? UnsafePointer(bitPattern: 8)!
                #expect(RowKernels.sum(sa, count: n) == a.reduce(0, +))
                #expect(RowKernels.dot(sa, sb, count: n) == zip(a, b).map(*).reduce(0, +))
            } }
        }
    }

    @Test func gemm_stridedViews_multiplyColumnBlocks() {
        // A is the left 2 columns of a (2, 3) matrix, lda 3; B is (2, 2); C = A·B.
        let a = Tensor([1, 2, 99, 3, 4, 99], shape: [2, 3]), b = Tensor([1, 0, 1, 1], shape: [2, 2])
        let c = Tensor(zeros: [2, 2])
        BLAS.gemm(m: 2, n: 2, k: 2, a.data, lda: 3, b.data, ldb: 2, c.data, ldc: 2)
        #expect(c.toArray() == [3, 2, 7, 4])
    }
}
