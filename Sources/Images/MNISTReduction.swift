/// Reduces any grayscale image of one digit to a 28×28 MNIST-style input, the way MNIST was
/// made (LeCun et al.): the digit fitted in a 20×20 box, aspect ratio kept, then placed in the
/// 28×28 field so that its centre of mass is the field's centre.
///
/// ```swift
/// let x = MNISTReduction.reduce(try PNG.decodeGray(bytes))    // 784 floats, white ink on black
/// ```
/// Steps, for any size but 28×28 (which is used as is):
/// 1. a light background (border mean over 0.5) is inverted, so ink is bright on dark;
/// 2. the background level (border mean) is subtracted and the rest rescaled to 0...1;
/// 3. crop to the bounding box of the pixels above `inkThreshold`;
/// 4. resize so the longer side is 20 pixels: area average when shrinking, bilinear when growing;
/// 5. shift by whole pixels so the centre of mass lands within half a pixel of (14, 14)
///    (pixel i spans [i, i+1)); ink shifted past the edge is dropped, as in MNIST.
public enum MNISTReduction {
    public static let side = 28, box = 20
    /// Ink intensity (after inversion and background removal) that counts for the bounding box.
    public static let inkThreshold: Float = 0.1

    /// - Returns: `side × side` floats in 0...1, row-major; all zeros when the image has no ink.
    public static func reduce(_ image: GrayImage) -> [Float] {
        if image.width == side && image.height == side { return image.pixels.map { min(max($0, 0), 1) } }
        let ink = normalised(image)
        guard let (x0, y0, x1, y1) = inkBox(ink, width: image.width, height: image.height) else {
            return [Float](repeating: 0, count: side * side)
        }
        let (w, h) = (x1 - x0, y1 - y0), longer = max(w, h)
        let (outW, outH) = (max(1, (w * box + longer / 2) / longer), max(1, (h * box + longer / 2) / longer))
        let wx = weights(from: w, to: outW), wy = weights(from: h, to: outH)
        // rows first: (h, w) -> (h, outW), then columns: -> (outH, outW)
        var rows = [Float](repeating: 0, count: h * outW)
        for y in 0..<h {
            for (j, taps) in wx.enumerated() {
                rows[y * outW + j] = taps.reduce(0) { $0 + $1.weight * ink[(y0 + y) * image.width + x0 + $1.index] }
            }
        }
        var patch = [Float](repeating: 0, count: outH * outW)
        for (i, taps) in wy.enumerated() {
            for x in 0..<outW { patch[i * outW + x] = taps.reduce(0) { $0 + $1.weight * rows[$1.index * outW + x] } }
        }
        return centred(patch, width: outW, height: outH)
    }

    /// Ink bright on dark, background at 0 (steps 1 and 2).
    static func normalised(_ image: GrayImage) -> [Float] {
        let invert = borderMean(image.pixels, width: image.width, height: image.height) > 0.5
        let ink = invert ? image.pixels.map { 1 - $0 } : image.pixels
        let background = borderMean(ink, width: image.width, height: image.height)
        let scale = background < 1 ? 1 / (1 - background) : 1
        return ink.map { min(max(($0 - background) * scale, 0), 1) }
    }

    /// Mean of the outermost rows and columns.
    static func borderMean(_ p: [Float], width: Int, height: Int) -> Float {
        var sum: Float = 0, count = 0
        for y in 0..<height {
            for x in 0..<width where y == 0 || y == height - 1 || x == 0 || x == width - 1 {
                sum += p[y * width + x]
                count += 1
            }
        }
        return sum / Float(count)
    }

    /// Half-open bounding box (x0, y0, x1, y1) of the pixels above `inkThreshold`; nil when none.
    static func inkBox(_ p: [Float], width: Int, height: Int) -> (Int, Int, Int, Int)? {
        var (x0, y0, x1, y1) = (width, height, 0, 0)
        for y in 0..<height {
            for x in 0..<width where p[y * width + x] > inkThreshold {
                (x0, y0, x1, y1) = (min(x0, x), min(y0, y), max(x1, x + 1), max(y1, y + 1))
            }
        }
        return x1 > x0 ? (x0, y0, x1, y1) : nil
    }

    /// One axis of the resize: for each output pixel, the input pixels and their weights (summing
    /// to 1). Shrinking averages the input interval [j·n/m, (j+1)·n/m) by overlap; growing
    /// interpolates linearly between the two nearest pixel centres (edges clamped).
    static func weights(from n: Int, to m: Int) -> [[(index: Int, weight: Float)]] {
        let ratio = Double(n) / Double(m)
        return (0..<m).map { j in
            if m <= n {
                let (a, b) = (Double(j) * ratio, Double(j + 1) * ratio)
                return (Int(a)..<min(n, Int(b.rounded(.up)))).map { i in
                    (i, Float((min(b, Double(i + 1)) - max(a, Double(i))) / ratio))
                }
            }
            let s = min(max((Double(j) + 0.5) * ratio - 0.5, 0), Double(n - 1))
            let i = min(Int(s), max(n - 2, 0)), f = s - Double(i)
            return n == 1 ? [(0, 1)] : [(i, Float(1 - f)), (i + 1, Float(f))]
        }
    }

    /// The patch placed in the field, shifted so its centre of mass is within half a pixel of the centre.
    static func centred(_ patch: [Float], width: Int, height: Int) -> [Float] {
        var mass: Float = 0, mx: Float = 0, my: Float = 0
        for y in 0..<height {
            for x in 0..<width {
                let v = patch[y * width + x]
                (mass, mx, my) = (mass + v, mx + v * (Float(x) + 0.5), my + v * (Float(y) + 0.5))
            }
        }
        let centre = Float(side) / 2
        let dx = mass > 0 ? Int((centre - mx / mass).rounded()) : (side - width) / 2
        let dy = mass > 0 ? Int((centre - my / mass).rounded()) : (side - height) / 2
        var field = [Float](repeating: 0, count: side * side)
        for y in 0..<height where (0..<side).contains(y + dy) {
            for x in 0..<width where (0..<side).contains(x + dx) {
                field[(y + dy) * side + x + dx] = min(max(patch[y * width + x], 0), 1)
            }
        }
        return field
    }
}
