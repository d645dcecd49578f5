import CKernels
import Testing

/// `gather_bytes_to_floats` (CKernels/elementwise.inc), which turns a batch's uint8 pixels into floats,
/// on every instruction set this CPU runs: the same bits as the Swift loop it replaced, rows in the
/// order asked for, tails and a row repeated included.
struct BytesToFloatsKernelTests {
    @Test(arguments: ["baseline", "avx2", "avx512"])
    func everyRow_isItsBytesTimesTheScale_inTheOrderAskedFor(isa: String) {
        let codes = ["baseline": MK_ISA_BASELINE, "avx2": MK_ISA_AVX2, "avx512": MK_ISA_AVX512]
        guard let table = mk_kernels_for(codes[isa]!) else { return }     // this CPU lacks it
        for f in [1, 7, 33, 784] {
            let bytes = (0..<(9 * f)).map { UInt8(truncatingIfNeeded: $0 * 7 + $0 / 256) }
            for rows in [[], [0], [8, 3, 3, 0, 5], Array(0..<9).reversed()] as [[Int32]] {
                var out = [Float](repeating: .nan, count: rows.count * f + 1)
                table.pointee.gather_bytes_to_floats(bytes, rows, rows.count, f, 1 / 255, &out)
                let want = rows.flatMap { r in bytes[Int(r) * f..<(Int(r) + 1) * f].map { Float($0) * (1 / 255) } }
                #expect(Array(out[..<(rows.count * f)]) == want, "rows \(rows) of \(f)")
                #expect(out[rows.count * f].isNaN)                        // nothing written past the end
            }
        }
    }
}
