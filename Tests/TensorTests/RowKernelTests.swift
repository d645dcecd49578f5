import Foundation
import Tensor
import EngineSupport
import Testing

/// Row kernels whose rows are cut into whole vectors (the last one overlapping the one before)
/// and ViP's segment moves, against their plain definitions on every engine, at widths on both
/// sides of each instruction set's vector (4, 8 and 16 lanes).
struct RowKernelTests {
    static let widths = [3, 4, 5, 8, 9, 16, 17, 31, 33, 63, 64, 65, 252]

    @Test(arguments: Engines.names)
    func layerNorm_forwardAndBackward_matchDoublePrecisionDefinition_atEveryWidth(engine: String) { Engines.on(engine) {
        for d in Self.widths {
            let rows = 7, eps = 1e-5
            let x = Engines.random([rows, d], seed: UInt64(d), scale: 3), dy = Engines.random([rows, d], seed: UInt64(d) + 1)
            let w = Engines.random([d], seed: 2), b = Engines.random([d], seed: 3)
            let dw0 = Engines.random([d], seed: 4), db0 = Engines.random([d], seed: 5)
            let dw = Tensor(dw0.toArray(), shape: [d]), db = Tensor(db0.toArray(), shape: [d])
            let y = Tensor(zeros: [0]), mean = Tensor(zeros: [0]), rstd = Tensor(zeros: [0])
            let (xs, gs, ws, bs) = (x.toArray().map(Double.init), dy.toArray().map(Double.init),
                                    w.toArray().map(Double.init), b.toArray().map(Double.init))
            x.backend.layerNorm(x, weight: w, bias: b, eps: Float(eps), into: y, mean: mean, rstd: rstd)
            x.backend.layerNormBackward(x, dy, weight: w, dWeight: dw, dBias: db, mean: mean, rstd: rstd)
            var expectedY = [Double](), expectedDx = [Double]()
            var expectedDw = dw0.toArray().map(Double.init), expectedDb = db0.toArray().map(Double.init)
            for r in 0..<rows {
                let row = Array(xs[r * d..<(r + 1) * d]), g = Array(gs[r * d..<(r + 1) * d])
                let mu = row.reduce(0, +) / Double(d)
                let s = 1 / (row.map { ($0 - mu) * ($0 - mu) }.reduce(0, +) / Double(d) + eps).squareRoot()
                let xh = row.map { ($0 - mu) * s }, gg = (0..<d).map { g[$0] * ws[$0] }
                expectedY += (0..<d).map { xh[$0] * ws[$0] + bs[$0] }
                let c1 = zip(gg, xh).map(*).reduce(0, +) / Double(d), c2 = gg.reduce(0, +) / Double(d)
                expectedDx += (0..<d).map { s * (gg[$0] - c2 - xh[$0] * c1) }
                for j in 0..<d { expectedDw[j] += g[j] * xh[j]; expectedDb[j] += g[j] }
            }
            for (name, got, want) in [("y", y.toArray(), expectedY), ("dx", dy.toArray(), expectedDx),
                                      ("dw", dw.toArray(), expectedDw), ("db", db.toArray(), expectedDb)] {
                let worst = zip(got, want).map { abs(Double($0) - $1) / max(1, abs($1)) }.max()!
                #expect(worst < 2e-5, "\(engine) width \(d) \(name): \(worst)")
            }
        }
    } }

    /// t holds, for the height branch, rows (w, b, segment) of the column's H·S values; for the
    /// width branch rows (h, b, segment) of the row's W·S values (Backend.permuteSegments). Runs of
    /// 4 and 9 channels: shorter and longer than a vector.
    @Test(arguments: Engines.names, [12, 27])
    func permuteSegments_everyDirection_matchesIndexDefinition(engine: String, channels c: Int) { Engines.on(engine) {
        let n = 3, batch = 2, segments = 3, s = c / segments
        let x = Engines.random([n * n, batch, c], seed: 1), xs = x.toArray()
        for height in [true, false] {
            func branchIndex(_ h: Int, _ w: Int, _ b: Int, _ seg: Int, _ j: Int) -> Int {
                let (outer, inner) = height ? (w, h) : (h, w)
                return ((outer * batch + b) * segments + seg) * c + inner * s + j
            }
            var expected = [Float](repeating: 0, count: xs.count)
            for h in 0..<n { for w in 0..<n { for b in 0..<batch { for seg in 0..<segments { for j in 0..<s {
                expected[branchIndex(h, w, b, seg, j)] = xs[((h * n + w) * batch + b) * c + seg * s + j]
            } } } } }
            let t = Tensor(zeros: [n * n * batch * c])
            x.backend.permuteSegments(x, t, grid: n, segments: segments, height: height, toBranch: true, accumulate: false)
            #expect(t.toArray() == expected, "\(engine) height \(height): to the branch")
            let back = Tensor(zeros: [n * n, batch, c])
            x.backend.permuteSegments(back, t, grid: n, segments: segments, height: height, toBranch: false, accumulate: false)
            #expect(back.toArray() == xs, "\(engine) height \(height): back")
            x.backend.permuteSegments(back, t, grid: n, segments: segments, height: height, toBranch: false, accumulate: true)
            #expect(back.toArray() == xs.map { $0 + $0 }, "\(engine) height \(height): accumulated")
        }
    } }
}
