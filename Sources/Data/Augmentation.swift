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
/// augmentation.apply(to: batch, imageShape: [28, 28], rng: &rng)   // batch (B, H·W), in place
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

    /// Replaces every image of `images` (B, H·W) by a fresh random transform of it, the images
    /// split across the backend's threads (every draw is made first, so the bits do not depend
    /// on the thread count).
    public func apply(to images: Tensor, imageShape: [Int], rng: inout RandomGenerator) {
        let (h, w) = (imageShape[0], imageShape[1]), b = images.rows, size = h * w
        precondition(images.count == b * size, "Augmentation: \(images.shape) is not images of \(imageShape)")
        var draw = [Float](repeating: 0, count: 4 * b)
        for i in 0..<b { draw[i] = rng.uniform(-rotate, rotate) * .pi / 180 }
        for i in 0..<b { draw[b + i] = rng.uniform(scale.lo, scale.hi) }
        for i in 0..<(2 * b) { draw[2 * b + i] = rng.uniform(-translate, translate) }
        var fields = [Float](repeating: 0, count: elastic == nil ? 0 : 2 * size * b)   // image by image
        for j in fields.indices { fields[j] = rng.uniform(-1, 1) }
        let data = images.data, elastic = elastic
        images.backend.forEachChunk(b, work: b * size * 16) { start, end in
            var scratch = Scratch(h: h, w: w, elastic: elastic)
            for i in start..<end {
                let affine = Affine(angle: draw[i], scale: draw[b + i], shiftX: draw[2 * b + i] * Float(w),
                                    shiftY: draw[3 * b + i] * Float(h))
                if let elastic {
                    scratch.field.withUnsafeMutableBufferPointer { f in
                        fields.withUnsafeBufferPointer { f.baseAddress!.update(from: $0.baseAddress! + i * 2 * size, count: 2 * size) }
                    }
                    Self.smooth(&scratch, h: h, w: w, alpha: elastic.alpha)
                }
                Self.transform(data + i * size, h: h, w: w, affine: affine, elastic: elastic != nil, scratch: &scratch)
            }
        }
    }

    /// Buffers reused across the images of a batch.
    struct Scratch {
        var image: [Float], field: [Float], tmp: [Float], pad: [Float], kernel: [Float] = [], radius = 0
        init(h: Int, w: Int, elastic: (alpha: Float, sigma: Float)?) {
            image = [Float](repeating: 0, count: h * w)
            pad = [Float](repeating: 0, count: (h + 3) * (w + 3))
            field = elastic == nil ? [] : [Float](repeating: 0, count: 2 * h * w)
            tmp = field
            if let sigma = elastic?.sigma {                        // normalised Gaussian, radius ⌊3σ + 0.5⌋
                radius = Int(3 * sigma + 0.5)
                let taps = (-radius...radius).map { Foundation.exp(-Float($0 * $0) / (2 * sigma * sigma)) }
                let total = taps.reduce(0, +)
                kernel = taps.map { $0 / total }
            }
        }
    }

    /// Transforms one image in place; `rawField` (2·H·W, x then y displacements, uniform(−1, 1))
    /// is smoothed and scaled as in `apply` (tests give it to compare with torch).
    public static func transform(_ image: UnsafeMutablePointer<Float>, imageShape: [Int], affine: Affine,
                                 rawField: [Float]? = nil, alpha: Float = 0, sigma: Float = 1) {
        let (h, w) = (imageShape[0], imageShape[1])
        var scratch = Scratch(h: h, w: w, elastic: rawField == nil ? nil : (alpha: alpha, sigma: sigma))
        if let rawField {
            precondition(rawField.count == 2 * h * w, "Augmentation: field of \(rawField.count) for \(imageShape)")
            scratch.field = rawField
            smooth(&scratch, h: h, w: w, alpha: alpha)
        }
        transform(image, h: h, w: w, affine: affine, elastic: rawField != nil, scratch: &scratch)
    }

    /// Bilinear resampling of one image through `affine` (+ the smoothed field in `scratch` when
    /// `elastic`), zeros outside.
    static func transform(_ image: UnsafeMutablePointer<Float>, h: Int, w: Int, affine: Affine, elastic: Bool,
                          scratch: inout Scratch) {
        let c = Foundation.cos(affine.angle) / affine.scale, s = Foundation.sin(affine.angle) / affine.scale
        // input position of output pixel (pu, pv) about the centre, in pixel indices (torch's theta
        // maps normalised coordinates, hence the aspect factors W/H and H/W)
        let m: [Float] = [c, -s * Float(w) / Float(h), Float(w) / 2 - 0.5 + affine.shiftX,
                          s * Float(h) / Float(w), c, Float(h) / 2 - 0.5 + affine.shiftY]
        m.withUnsafeBufferPointer { pm in
            scratch.pad.withUnsafeMutableBufferPointer { pad in
                scratch.image.withUnsafeMutableBufferPointer { out in
                    if elastic {
                        scratch.field.withUnsafeBufferPointer {
                            kernels.affine_sample(image, out.baseAddress!, h, w, pm.baseAddress!, $0.baseAddress!, pad.baseAddress!)
                        }
                    } else {
                        kernels.affine_sample(image, out.baseAddress!, h, w, pm.baseAddress!, nil, pad.baseAddress!)
                    }
                    image.update(from: out.baseAddress!, count: h * w)
                }
            }
        }
    }

    // MARK: - Elastic field

    /// Smooths both channels of `scratch.field` with the normalised Gaussian (zeros beyond the
    /// edges; along rows, then columns, as the reference's two conv2d) and scales by alpha.
    static func smooth(_ scratch: inout Scratch, h: Int, w: Int, alpha: Float) {
        let r = scratch.radius
        scratch.kernel.withUnsafeBufferPointer { k in
            scratch.tmp.withUnsafeMutableBufferPointer { tmp in
                scratch.field.withUnsafeMutableBufferPointer { f in
                    kernels.elastic_smooth(f.baseAddress!, tmp.baseAddress!, h, w, k.baseAddress!, r, alpha)
                }
            }
        }
    }
}
