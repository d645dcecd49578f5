/// A grayscale image, row-major, each pixel in 0 (black) ... 1 (white).
public struct GrayImage: Sendable, Equatable {
    public let width: Int, height: Int
    public var pixels: [Float]          // (height, width)

    public init(width: Int, height: Int, pixels: [Float]) {
        precondition(pixels.count == width * height, "GrayImage: \(pixels.count) pixels for \(width)x\(height)")
        (self.width, self.height, self.pixels) = (width, height, pixels)
    }

    public subscript(x: Int, y: Int) -> Float { pixels[y * width + x] }

    /// The pixels as bytes (0...255, rounded), e.g. for `PNG.encode`.
    public var bytes: [UInt8] { pixels.map { UInt8((min(max($0, 0), 1) * 255).rounded()) } }
}
