import CZlib

/// gzip (RFC 1952) through zlib's deflate, for `Content-Encoding: gzip`.
///
/// `deflateInit2` is a C macro, so this calls `deflateInit2_` with the library's version and the
/// stream's size, as the macro would. Window bits 15 + 16 asks zlib for the gzip wrapper.
///
/// ```swift
/// let packed = Gzip.compress(Array("hello hello hello".utf8))   // 1f 8b 08 ...
/// ```
enum Gzip {
    /// The gzip member holding `bytes`, or `nil` if zlib fails (then the caller sends them as they are).
    /// - Parameter level: 1 (fastest) to 9 (smallest); 6 is zlib's default trade-off.
    static func compress(_ bytes: [UInt8], level: Int32 = 6) -> [UInt8]? {
        var stream = z_stream()
        let status = deflateInit2_(&stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY,
                                   ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { return nil }
        defer { deflateEnd(&stream) }
        var out = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(bytes.count))))
        var input = bytes
        let result: Int32 = input.withUnsafeMutableBufferPointer { source in
            out.withUnsafeMutableBufferPointer { target in
                stream.next_in = source.baseAddress
                stream.avail_in = uInt(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = uInt(target.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        guard result == Z_STREAM_END else { return nil }
        out.removeSubrange(Int(stream.total_out)...)
        return out
    }
}
