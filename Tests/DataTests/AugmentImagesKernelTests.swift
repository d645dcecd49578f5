import CKernels
import Foundation
import Tensor
import Testing

/// `augment_images` (CKernels/augmentation.inc) on every instruction set this CPU runs, against a plain
/// bilinear sampler with zeros outside. The kernel copies each image into a zero-bordered buffer and
/// skips what cannot be nonzero (outside the box of the image's nonzero pixels); these cases cover
/// digits off the edges and touching them, blank and one-pixel images, rows narrower than its 8-wide
/// path, exact zeros in the map (no rotation, quarter turns) and displacement fields, and images
/// read from a data set's bytes as from floats.
struct AugmentImagesKernelTests {
    /// Input position of output pixel (u, v) through m (+ disp), bilinear, zeros outside.
    static func reference(_ src: [Float], h: Int, w: Int, m: [Float], disp: [Float]?) -> [Float] {
        func at(_ y: Int, _ x: Int) -> Float { y >= 0 && y < h && x >= 0 && x < w ? src[y * w + x] : 0 }
        var out = [Float](repeating: 0, count: h * w)
        for v in 0..<h {
            for u in 0..<w {
                let pu = Float(u) + 0.5 - Float(w) / 2, pv = Float(v) + 0.5 - Float(h) / 2
                var x = m[0] * pu + m[1] * pv + m[2], y = m[3] * pu + m[4] * pv + m[5]
                if let disp { x += disp[v * w + u]; y += disp[h * w + v * w + u] }
                let x0 = x.rounded(.down), y0 = y.rounded(.down), fx = x - x0, fy = y - y0
                let (ix, iy) = (Int(x0), Int(y0))
                let top = at(iy, ix) * (1 - fx) + at(iy, ix + 1) * fx
                let bottom = at(iy + 1, ix) * (1 - fx) + at(iy + 1, ix + 1) * fx
                out[v * w + u] = top * (1 - fy) + bottom * fy
            }
        }
        return out
    }

    struct Case {
        var h: Int, w: Int, image: [Float], m: [Float], disp: [Float]?
    }

    /// Images: a blob two or more pixels off the edges, one touching an edge, a full one, a single
    /// pixel, a blank one; maps: random rotations, scales and shifts, plus exact zeros.
    static func cases() -> [Case] {
        var rng = RandomGenerator(seed: 21)
        var cases: [Case] = []
        for (h, w) in [(28, 28), (13, 20), (5, 7), (9, 8)] {
            func image(kind: Int) -> [Float] {
                var image = [Float](repeating: 0, count: h * w)
                for y in 0..<h {
                    for x in 0..<w {
                        let inner = y >= 2 && y < h - 3 && x >= 2 && x < w - 3
                        switch kind {
                        case 0: if inner && rng.uniform(0, 1) < 0.6 { image[y * w + x] = rng.uniform(0, 1) }
                        case 1: if (y == 0 || inner) && rng.uniform(0, 1) < 0.6 { image[y * w + x] = rng.uniform(-1, 1) }
                        case 2: image[y * w + x] = rng.uniform(0, 1)
                        case 3: if y == h / 2 && x == w / 3 { image[y * w + x] = 1 }
                        default: break
                        }
                    }
                }
                return image
            }
            for kind in 0..<5 {
                for trial in 0..<6 {
                    let angle = rng.uniform(-0.6, 0.6), scale = rng.uniform(0.5, 1.5)
                    var (c, s) = (cos(angle) / scale, sin(angle) / scale)
                    if trial == 1 { (c, s) = (1 / scale, 0) }       // no rotation: m[3] == 0
                    if trial == 2 { (c, s) = (0, 1) }               // a quarter turn: m[0] == 0
                    let shift = Float(trial == 3 ? 4 : 1) * rng.uniform(-0.3, 0.3)
                    let (fh, fw) = (Float(h), Float(w))
                    let m: [Float] = [c, -s * fw / fh, fw / 2 - 0.5 + shift * fw, s * fh / fw, c, fh / 2 - 0.5 - shift * fh]
                    let disp: [Float]? = trial >= 4 ? (0..<(2 * h * w)).map { _ in rng.uniform(-2, 2) } : nil
                    cases.append(Case(h: h, w: w, image: image(kind: kind), m: m, disp: disp))
                }
            }
        }
        return cases
    }

    static func sample(_ k: mk_kernels, _ c: Case) -> [Float] {
        var out = [Float](repeating: .nan, count: c.h * c.w), pad = [Float](repeating: .nan, count: (c.h + 3) * (c.w + 3))
        if let disp = c.disp {
            k.augment_images(nil, nil, c.image, 1, c.h, c.w, 1, c.m, disp, &pad, &out)
        } else {
            k.augment_images(nil, nil, c.image, 1, c.h, c.w, 1, c.m, nil, &pad, &out)
        }
        return out
    }

    static let isas: [(String, mk_isa)] = [("baseline", MK_ISA_BASELINE), ("avx2", MK_ISA_AVX2), ("avx512", MK_ISA_AVX512)]

    @Test(arguments: isas.map(\.0))
    func everyCase_matchesThePlainSampler(isa: String) throws {
        let code = Self.isas.first { $0.0 == isa }!.1
        guard let table = mk_kernels_for(code) else { return }       // this CPU lacks it
        for (i, c) in Self.cases().enumerated() {
            let got = Self.sample(table.pointee, c), want = Self.reference(c.image, h: c.h, w: c.w, m: c.m, disp: c.disp)
            let worst = zip(got, want).map { abs($0 - $1) }.max()!
            #expect(worst < 1e-5, "case \(i) (\(c.h)x\(c.w)): largest difference \(worst)")
        }
    }

    @Test func avx2AndAVX512_giveTheSameBits() throws {
        guard let a = mk_kernels_for(MK_ISA_AVX2), let b = mk_kernels_for(MK_ISA_AVX512) else { return }
        for c in Self.cases() { #expect(Self.sample(a.pointee, c) == Self.sample(b.pointee, c)) }
    }

    /// A batch gathered from bytes (rows in shuffled order, scaled as `gather_bytes_to_floats` scales
    /// them) gives the bits of each image converted first and sampled from floats, in place or not.
    @Test(arguments: isas.map(\.0))
    func bytes_giveTheBitsOfFloats(isa: String) throws {
        let code = Self.isas.first { $0.0 == isa }!.1
        guard let table = mk_kernels_for(code)?.pointee else { return }
        var rng = RandomGenerator(seed: 8)
        for (h, w) in [(28, 28), (13, 20), (5, 7)] {
            let n = 12, size = h * w
            var bytes = [UInt8](repeating: 0, count: n * size)
            for i in 0..<n where i % 4 != 3 {                            // every fourth image blank
                for y in 0..<h {
                    for x in 0..<w where (i % 4 == 2 || (y > 1 && x > 1 && y < h - 2)) && rng.uniform(0, 1) < 0.5 {
                        bytes[i * size + y * w + x] = UInt8(rng.uniform(1, 255))
                    }
                }
            }
            let rows: [Int32] = (0..<Int32(n)).map { ($0 * 5 + 3) % Int32(n) }
            let maps = (0..<n).flatMap { _ in
                let angle = rng.uniform(-0.3, 0.3), scale = rng.uniform(0.8, 1.2)
                return [cos(angle) / scale, -sin(angle) / scale, Float(w) / 2 - 0.5 + rng.uniform(-2, 2),
                        sin(angle) / scale, cos(angle) / scale, Float(h) / 2 - 0.5 + rng.uniform(-2, 2)]
            }
            var pad = [Float](repeating: .nan, count: (h + 3) * (w + 3))
            var gathered = [Float](repeating: .nan, count: n * size)
            table.augment_images(bytes, rows, nil, n, h, w, 1 / 255, maps, nil, &pad, &gathered)
            var floats = [Float](repeating: 0, count: n * size)
            table.gather_bytes_to_floats(bytes, rows, n, size, 1 / 255, &floats)
            var separate = [Float](repeating: .nan, count: n * size)
            table.augment_images(nil, nil, floats, n, h, w, 1, maps, nil, &pad, &separate)
            #expect(gathered == separate, "\(h)x\(w)")
            floats.withUnsafeMutableBufferPointer {
                table.augment_images(nil, nil, $0.baseAddress!, n, h, w, 1, maps, nil, &pad, $0.baseAddress!)
            }
            #expect(gathered == floats, "\(h)x\(w), in place")
            for i in 0..<n {
                let one = Self.reference((0..<size).map { Float(bytes[Int(rows[i]) * size + $0]) / 255 }, h: h, w: w,
                                         m: Array(maps[6 * i..<6 * i + 6]), disp: nil)
                let worst = zip(one, gathered[i * size..<(i + 1) * size]).map { abs($0 - $1) }.max()!
                #expect(worst < 1e-5, "\(h)x\(w) image \(i)")
            }
        }
    }
}
