import CZlib
import Testing
@testable import Server

/// Inflates a gzip member with zlib (window bits 15 + 16: gzip wrapper only), as a browser would.
func gunzip(_ packed: [UInt8], expectedSize: Int) -> [UInt8]? {
    var stream = z_stream()
    guard inflateInit2_(&stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
    defer { inflateEnd(&stream) }
    var input = packed
    var out = [UInt8](repeating: 0, count: expectedSize + 64)
    let status: Int32 = input.withUnsafeMutableBufferPointer { source in
        out.withUnsafeMutableBufferPointer { target in
            stream.next_in = source.baseAddress
            stream.avail_in = uInt(source.count)
            stream.next_out = target.baseAddress
            stream.avail_out = uInt(target.count)
            return inflate(&stream, Z_FINISH)
        }
    }
    guard status == Z_STREAM_END else { return nil }
    return Array(out[0..<Int(stream.total_out)])
}

struct GzipTests {
    @Test func compress_text_roundTripsThroughInflate() throws {
        let text = Array(String(repeating: "{\"epoch\":1,\"test_accuracy\":0.9694},", count: 200).utf8)
        let packed = try #require(Gzip.compress(text))
        #expect(packed.starts(with: [0x1f, 0x8b, 0x08]))   // gzip magic, deflate
        #expect(packed.count < text.count / 10)
        #expect(gunzip(packed, expectedSize: text.count) == text)
    }

    @Test func compress_empty_roundTrips() throws {
        let packed = try #require(Gzip.compress([]))
        #expect(gunzip(packed, expectedSize: 0) == [])
    }

    @Test func compress_randomBytes_roundTrips() throws {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<70_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let packed = try #require(Gzip.compress(bytes, level: 1))
        #expect(gunzip(packed, expectedSize: bytes.count) == bytes)
    }
}
