import CZlib
import Foundation

/// gzip decompression through zlib, for the `.gz` IDX files.
enum Gzip {
    /// True when `data` starts with the gzip magic bytes 1f 8b.
    static func isCompressed(_ data: [UInt8]) -> Bool { data.count >= 2 && data[0] == 0x1F && data[1] == 0x8B }

    /// Inflates a whole gzip stream. `path` only names the file in errors.
    static func decompress(_ input: [UInt8], path: String) throws(DataError) -> [UInt8] {
        var stream = z_stream()
        // inflateInit2 is a macro; 15 + 32: largest window, detect gzip or zlib header.
        guard inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .badGzip(path: path, reason: "zlib could not start")
        }
        defer { inflateEnd(&stream) }
        // The gzip trailer's last four bytes hold the uncompressed size (mod 2³²): allocate it
        // once (plus slack for the trailer's read) instead of doubling a guess and copying.
        let sizeHint = input.count >= 18 ? input.suffix(4).reversed().reduce(0) { $0 << 8 | Int($1) } : 0
        var output = [UInt8](repeating: 0, count: max(sizeHint + 1024, input.count * 2, 1 << 16))
        var produced = 0
        var status: Int32 = Z_OK
        var input = input
        input.withUnsafeMutableBufferPointer { inBuf in
            stream.next_in = inBuf.baseAddress
            stream.avail_in = uInt(inBuf.count)
            while status == Z_OK {
                if produced == output.count { output += [UInt8](repeating: 0, count: output.count) }
                output.withUnsafeMutableBufferPointer { outBuf in
                    stream.next_out = outBuf.baseAddress! + produced
                    stream.avail_out = uInt(outBuf.count - produced)
                    status = inflate(&stream, Z_NO_FLUSH)
                    produced = outBuf.count - Int(stream.avail_out)
                }
                if status == Z_BUF_ERROR && stream.avail_in == 0 { break }   // input ended mid-stream
                if status == Z_BUF_ERROR { status = Z_OK }                  // output full: grow and go on
            }
        }
        guard status == Z_STREAM_END else {
            let reason = status == Z_BUF_ERROR ? "stream ends early (truncated)" : "zlib error \(status)"
            throw .badGzip(path: path, reason: reason)
        }
        output.removeLast(output.count - produced)       // shrinks in place, no copy
        return output
    }
}
