/// Why a PNG could not be read or written; each case's description is the message an API
/// client or the CLI shows.
public enum PNGError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Zero bytes.
    case empty
    /// The first bytes are not PNG's signature.
    case notPNG
    /// The signature is there but the file stops early (libpng's message).
    case truncated(String)
    /// Width × height over the decoder's limit.
    case tooLarge(width: Int, height: Int, maxPixels: Int)
    /// libpng refused the file for another reason (its message: a bad CRC, a zero width...).
    case corrupt(String)
    /// libpng could not write the image (its message).
    case encode(String)

    public var description: String {
        switch self {
        case .empty: "the image is empty (0 bytes)"
        case .notPNG: "the image is not a PNG (no PNG signature)"
        case let .truncated(m): "the PNG is truncated (\(m))"
        case let .tooLarge(w, h, limit): "the PNG is \(w)x\(h), over the limit of \(limit) pixels"
        case let .corrupt(m): "the PNG is corrupt (\(m))"
        case let .encode(m): "could not encode the PNG (\(m))"
        }
    }
}
