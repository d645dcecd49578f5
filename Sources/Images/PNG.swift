import CPNG

/// PNG in and out through Debian's libpng (its simplified `png_image` API: libpng applies the
/// transforms, so gray, gray+alpha, RGB, RGBA, palette and 8/16-bit files all read the same way).
///
/// ```swift
/// let image = try PNG.decodeGray(bytes)                 // GrayImage, pixels in 0...1
/// let file = try PNG.encode(gray: pixels, width: 28, height: 28)
/// ```
public enum PNG {
    /// The PNG signature, the first 8 bytes of every PNG file.
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    /// The last 12 bytes of a complete file: the IEND chunk (length 0, type, CRC).
    static let iend: [UInt8] = [0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82]
    /// Default decoding limit: 4096 × 4096 pixels (a photo of a digit is far smaller).
    public static let defaultMaxPixels = 4096 * 4096

    /// Reads a PNG of any colour type and bit depth as grayscale (libpng's RGB-to-gray
    /// conversion). Transparent pixels are laid on the background that contrasts with the
    /// visible ones (white under dark ink, black under light ink), so a drawing on a transparent
    /// canvas keeps its strokes.
    /// - Parameter maxPixels: refuse larger images before allocating anything.
    /// - Throws: `PNGError` naming what is wrong with the file.
    public static func decodeGray(_ bytes: [UInt8], maxPixels: Int = defaultMaxPixels) throws(PNGError) -> GrayImage {
        if bytes.isEmpty { throw .empty }
        guard bytes.count >= signature.count, Array(bytes.prefix(signature.count)) == signature else { throw .notPNG }
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        defer { png_image_free(&image) }
        let begun = bytes.withUnsafeBytes { png_image_begin_read_from_memory(&image, $0.baseAddress, $0.count) }
        guard begun != 0 else { throw failure(image, bytes) }
        let width = Int(image.width), height = Int(image.height)
        guard width * height <= maxPixels else { throw .tooLarge(width: width, height: height, maxPixels: maxPixels) }
        // Values as the file holds them: 8-bit files as 8-bit sRGB, 16-bit files (which libpng
        // takes as linear) as 16-bit linear, so neither goes through a gamma conversion.
        let sixteen = image.format & UInt32(PNG_FORMAT_FLAG_LINEAR) != 0
        var ga: [Float]
        if sixteen {
            image.format = UInt32(PNG_FORMAT_LINEAR_Y_ALPHA)    // gray premultiplied by alpha
            var raw = [UInt16](repeating: 0, count: width * height * 2)
            let finished = raw.withUnsafeMutableBytes { png_image_finish_read(&image, nil, $0.baseAddress, 0, nil) }
            guard finished != 0 else { throw failure(image, bytes) }
            ga = raw.map { Float($0) / 65535 }
            for i in stride(from: 0, to: ga.count, by: 2) where ga[i + 1] > 0 { ga[i] = min(ga[i] / ga[i + 1], 1) }
        } else {
            image.format = UInt32(PNG_FORMAT_GA)                // not premultiplied
            var raw = [UInt8](repeating: 0, count: width * height * 2)
            let finished = raw.withUnsafeMutableBytes { png_image_finish_read(&image, nil, $0.baseAddress, 0, nil) }
            guard finished != 0 else { throw failure(image, bytes) }
            ga = raw.map { Float($0) / 255 }
        }
        return GrayImage(width: width, height: height, pixels: composite(ga))
    }

    /// Gray + alpha pairs (0...1) to gray on a contrasting background (see `decodeGray`).
    static func composite(_ ga: [Float]) -> [Float] {
        let n = ga.count / 2
        var visible: Float = 0, weight: Float = 0, opaque = true
        for i in 0..<n {
            let a = ga[2 * i + 1]
            if a < 1 { opaque = false }
            visible += a * ga[2 * i]
            weight += a
        }
        let background: Float = opaque || weight == 0 || visible / weight <= 0.5 ? 1 : 0
        return (0..<n).map { i in ga[2 * i + 1] * ga[2 * i] + (1 - ga[2 * i + 1]) * background }
    }

    /// libpng's message, as `truncated` when the file lacks its closing IEND chunk.
    private static func failure(_ image: png_image, _ bytes: [UInt8]) -> PNGError {
        Array(bytes.suffix(iend.count)) == iend ? .corrupt(message(image)) : .truncated(message(image))
    }

    /// Writes 8-bit grayscale pixels (row-major, `width × height` bytes) as a PNG file.
    /// - Throws: `PNGError.encode` with libpng's message.
    public static func encode(gray pixels: [UInt8], width: Int, height: Int) throws(PNGError) -> [UInt8] {
        precondition(pixels.count == width * height, "PNG.encode: \(pixels.count) bytes for \(width)x\(height)")
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        (image.width, image.height, image.format) = (UInt32(width), UInt32(height), UInt32(PNG_FORMAT_GRAY))
        var size = 0
        let sized = pixels.withUnsafeBytes { png_image_write_to_memory(&image, nil, &size, 0, $0.baseAddress, 0, nil) }
        guard sized != 0 else { throw .encode(message(image)) }
        var out = [UInt8](repeating: 0, count: size)
        let written = out.withUnsafeMutableBytes { o in
            pixels.withUnsafeBytes { png_image_write_to_memory(&image, o.baseAddress, &size, 0, $0.baseAddress, 0, nil) }
        }
        guard written != 0 else { throw .encode(message(image)) }
        return Array(out.prefix(size))
    }

    private static func message(_ image: png_image) -> String {
        withUnsafeBytes(of: image.message) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    }
}
