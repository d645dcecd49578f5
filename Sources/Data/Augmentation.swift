import CKernels
import Foundation
import Tensor

/// Random distortions of training images (Simard et al. 2003, https://doi.org/10.1109/ICDAR.2003.1227801):
/// a rotation, scaling and shift about the image centre, and an optional elastic displacement,
/// sampled bilinearly with zeros outside, as `torch_reference.py`'s `augment_batch`
/// (`affine_grid` + `grid_sample`, `align_corners=False`) does.
///
/// ```swift
/// let augmentation = Augmentation(rotate: 10, translate: 0.1, scale: (0.9, 1.1))
/// augmentation.gather(indices, of: train, into: batch, labels: &labels, rng: &rng)   // batch (B, H·W)
/// ```
/// Draws per batch in the reference's order: B angles, B scales, B x shifts, B y shifts, then
/// (elastic) a uniform(−1, 1) field of (B, 2, H, W), x displacements first.
public struct Augmentation: Sendable, Equatable {
    /// Largest rotation, degrees (uniform in [−rotate, rotate]).
    public var rotate: Float
    /// Largest shift on each axis, as a fraction of the side (uniform in [−t, t]).
    public var translate: Float
    /// Scale range (uniform in [lo, hi]); > 1 enlarges the digit.
    public var scale: (lo: Float, hi: Float)
    /// Elastic displacement: Gaussian-smoothed (sigma, pixels) uniform field times alpha pixels.
    public var elastic: (alpha: Float, sigma: Float)?

    public init(rotate: Float = 0, translate: Float = 0, scale: (lo: Float, hi: Float) = (1, 1),
                elastic: (alpha: Float, sigma: Float)? = nil) {
        (self.rotate, self.translate, self.scale, self.elastic) = (rotate, translate, scale, elastic)
    }

    public static func == (a: Augmentation, b: Augmentation) -> Bool {
        a.rotate == b.rotate && a.translate == b.translate && a.scale == b.scale
            && a.elastic?.alpha == b.elastic?.alpha && a.elastic?.sigma == b.elastic?.sigma
    }

    /// One image's affine map from output to input, as torch's theta: the input point sampled
    /// for output point p (both relative to the centre) is R(angle)·p / scale + shift.
    public struct Affine: Sendable {
        public var angle: Float      // radians
        public var scale: Float
        public var shiftX: Float, shiftY: Float   // pixels
        public init(angle: Float = 0, scale: Float = 1, shiftX: Float = 0, shiftY: Float = 0) {
            (self.angle, self.scale, self.shiftX, self.shiftY) = (angle, scale, shiftX, shiftY)
        }
    }

    /// Writes samples `indices` of `dataset` into `x` (B, features), each a fresh random transform of
    /// the image scaled to [0, 1], and their labels: gathering and distortion are one pass, the images
    /// split across the backend's threads (every draw is made first, so the bits do not depend on the
    /// thread count).
    public func gather<C: Collection>(_ indices: C, of dataset: Dataset, into x: Tensor, labels: inout [Int32],
                                      rng: inout RandomGenerator) where C.Element == Int32 {
        dataset.prepare(x, labels: &labels, for: indices)
        guard !indices.isEmpty else { return }
        let (h, w) = (dataset.imageShape[0], dataset.imageShape[1]), size = h * w, b = indices.count
        var draws = draw(count: b, h: h, w: w, rng: &rng)
        let rows = Array(indices), out = x.data, elastic = elastic
        draws.maps.withUnsafeBufferPointer { maps in
            draws.fields.withUnsafeMutableBufferPointer { fields in
                rows.withUnsafeBufferPointer { rows in
                    dataset.pixels.withUnsafeBufferPointer { pixels in
                        x.backend.forEachChunk(b, work: b * size * 16) { start, end in
                            var scratch = Scratch(h: h, w: w, elastic: elastic)
                            var disp: UnsafeMutablePointer<Float>?
                            if let elastic {
                                disp = fields.baseAddress! + 2 * size * start
                                for i in 0..<(end - start) { scratch.smooth(disp! + 2 * size * i, alpha: elastic.alpha) }
                            }
                            scratch.pad.withUnsafeMutableBufferPointer { pad in
                                kernels.augment_images(pixels.baseAddress!, rows.baseAddress! + start, nil, end - start, h, w,
                                                       1 / 255, maps.baseAddress! + 6 * start, disp, pad.baseAddress!,
                                                       out + start * size)
                            }
                        }
                    }
                }
            }
        }
    }

    /// A batch's draws, in the reference's order: each image's map (6 floats, `Affine.map`'s) and, with
    /// `elastic`, its raw uniform(−1, 1) field (2·H·W, x displacements first).
    func draw(count b: Int, h: Int, w: Int, rng: inout RandomGenerator) -> (maps: [Float], fields: [Float]) {
        var draw = [Float](repeating: 0, count: 4 * b)
        for i in 0..<b { draw[i] = rng.uniform(-rotate, rotate) * .pi / 180 }
        for i in 0..<b { draw[b + i] = rng.uniform(scale.lo, scale.hi) }
        for i in 0..<(2 * b) { draw[2 * b + i] = rng.uniform(-translate, translate) }
        var fields = [Float](repeating: 0, count: elastic == nil ? 0 : 2 * h * w * b)   // image by image
        for j in fields.indices { fields[j] = rng.uniform(-1, 1) }
        var maps = [Float](repeating: 0, count: 6 * b)
        maps.withUnsafeMutableBufferPointer { maps in
            for i in 0..<b {
                Affine(angle: draw[i], scale: draw[b + i], shiftX: draw[2 * b + i] * Float(w), shiftY: draw[3 * b + i] * Float(h))
                    .map(h: h, w: w, into: maps.baseAddress! + 6 * i)
            }
        }
        return (maps, fields)
    }

    /// Buffers of one thread: the zero-bordered copy of the image being sampled and, with `elastic`,
    /// the smoothing's Gaussian and its intermediate field.
    struct Scratch {
        var pad: [Float], tmp: [Float], kernel: [Float] = [], radius = 0
        let h: Int, w: Int
        init(h: Int, w: Int, elastic: (alpha: Float, sigma: Float)?) {
            (self.h, self.w) = (h, w)
            pad = [Float](repeating: 0, count: (h + 3) * (w + 3))
            tmp = [Float](repeating: 0, count: elastic == nil ? 0 : 2 * h * w)
            if let sigma = elastic?.sigma {                        // normalised Gaussian, radius ⌊3σ + 0.5⌋
                radius = Int(3 * sigma + 0.5)
                let taps = (-radius...radius).map { Foundation.exp(-Float($0 * $0) / (2 * sigma * sigma)) }
                let total = taps.reduce(0, +)
                kernel = taps.map { $0 / total }
            }
        }

        /// Smooths both channels of `field` (2·H·W) in place with the normalised Gaussian (zeros
        /// beyond the edges; along rows, then columns, as the reference's two conv2d) and scales by alpha.
        mutating func smooth(_ field: UnsafeMutablePointer<Float>, alpha: Float) {
            let (h, w, r) = (h, w, radius)
            kernel.withUnsafeBufferPointer { k in
                tmp.withUnsafeMutableBufferPointer { tmp in
                    kernels.elastic_smooth(field, tmp.baseAddress!, h, w, k.baseAddress!, r, alpha)
                }
            }
        }
    }

    /// Transforms one image in place; `rawField` (2·H·W, x then y displacements, uniform(−1, 1))
    /// is smoothed and scaled as in `gather` (tests give it to compare with torch).
    public static func transform(_ image: UnsafeMutablePointer<Float>, imageShape: [Int], affine: Affine,
                                 rawField: [Float]? = nil, alpha: Float = 0, sigma: Float = 1) {
        let (h, w) = (imageShape[0], imageShape[1])
        var scratch = Scratch(h: h, w: w, elastic: rawField == nil ? nil : (alpha: alpha, sigma: sigma))
        var field = rawField ?? []
        precondition(rawField == nil || field.count == 2 * h * w, "Augmentation: field of \(field.count) for \(imageShape)")
        var map = [Float](repeating: 0, count: 6)
        map.withUnsafeMutableBufferPointer { affine.map(h: h, w: w, into: $0.baseAddress!) }
        field.withUnsafeMutableBufferPointer { field in
            let disp = rawField == nil ? nil : field.baseAddress!
            if let disp { scratch.smooth(disp, alpha: alpha) }
            scratch.pad.withUnsafeMutableBufferPointer { pad in
                kernels.augment_images(nil, nil, image, 1, h, w, 1, map, disp, pad.baseAddress!, image)
            }
        }
    }
}

extension Augmentation.Affine {
    /// The input position (x, y), in pixel indices, of output pixel (u, v) of an h×w image:
    /// x = m[0]·pu + m[1]·pv + m[2], y = m[3]·pu + m[4]·pv + m[5], with pu, pv the pixel's centre
    /// relative to the image's (torch's theta maps normalised coordinates, hence the aspect factors
    /// W/H and H/W).
    func map(h: Int, w: Int, into m: UnsafeMutablePointer<Float>) {
        let c = Foundation.cos(angle) / scale, s = Foundation.sin(angle) / scale
        (m[0], m[1], m[2]) = (c, -s * Float(w) / Float(h), Float(w) / 2 - 0.5 + shiftX)
        (m[3], m[4], m[5]) = (s * Float(h) / Float(w), c, Float(h) / 2 - 0.5 + shiftY)
    }
}
