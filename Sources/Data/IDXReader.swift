import Foundation

/// Reads the IDX files of MNIST-style data sets (LeCun et al.), raw or gzip-compressed.
///
/// An IDX file is a big-endian header — magic 0x0000 08 NN (unsigned bytes, NN dimensions),
/// then NN UInt32 sizes — followed by the bytes. Every check names the file: the magic, the
/// dimension count, the sizes and whether the data is complete.
public enum IDXReader {
    public static let imagesMagic: UInt32 = 0x0000_0803
    public static let labelsMagic: UInt32 = 0x0000_0801

    /// Images as (count, rows, cols) and their pixels, row-major uint8.
    public static func readImages(path: String) throws(DataError) -> (count: Int, rows: Int, cols: Int, pixels: [UInt8]) {
        let (dims, body) = try read(path: path, magic: imagesMagic)
        return (dims[0], dims[1], dims[2], body)
    }

    /// Labels, one byte each.
    public static func readLabels(path: String) throws(DataError) -> [UInt8] {
        try read(path: path, magic: labelsMagic).body
    }

    static func read(path: String, magic: UInt32) throws(DataError) -> (dims: [Int], body: [UInt8]) {
        let raw: [UInt8]
        do { raw = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) } catch {
            throw .unreadable(path: path, reason: (error as NSError).localizedDescription)
        }
        var bytes = Gzip.isCompressed(raw) ? try Gzip.decompress(raw, path: path) : raw
        let dims = try parse(bytes, path: path, magic: magic)
        bytes.removeFirst(4 + 4 * dims.count)     // in place: MNIST's images are 47 MB, a copy would double that
        return (dims, bytes)
    }

    /// Checks an uncompressed IDX file held in memory and returns its dimensions; the data
    /// follows the 4 + 4·rank header bytes.
    static func parse(_ bytes: [UInt8], path: String, magic: UInt32) throws(DataError) -> [Int] {
        func u32(_ at: Int) -> UInt32 {
            UInt32(bytes[at]) << 24 | UInt32(bytes[at + 1]) << 16 | UInt32(bytes[at + 2]) << 8 | UInt32(bytes[at + 3])
        }
        guard bytes.count >= 4 else { throw .truncated(path: path, expected: 4, got: bytes.count) }
        let found = u32(0)
        guard found == magic else { throw .badMagic(path: path, found: found, expected: magic) }
        let rank = Int(magic & 0xFF), header = 4 + 4 * rank
        guard bytes.count >= header else { throw .badHeader(path: path, reason: "\(bytes.count) bytes, header needs \(header)") }
        let dims = (0..<rank).map { Int(u32(4 + 4 * $0)) }
        guard dims.allSatisfy({ $0 > 0 }) else { throw .badHeader(path: path, reason: "zero size in \(dims)") }
        let expected = dims.reduce(1, *), got = bytes.count - header
        guard got >= expected else { throw .truncated(path: path, expected: expected, got: got) }
        guard got == expected else { throw .badHeader(path: path, reason: "\(got - expected) bytes after the data") }
        return dims
    }
}
