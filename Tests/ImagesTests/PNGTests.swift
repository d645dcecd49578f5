import Foundation
import Testing
@testable import Images

/// Fixtures written by Fixtures/make_fixtures.py (zlib + struct, no PIL).
func fixture(_ name: String) throws -> [UInt8] {
    let url = try #require(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil))
    return [UInt8](try Data(contentsOf: url))
}

struct PNGTests {
    /// The levels every colour-type fixture encodes (make_fixtures.py's LEVELS), 3×2.
    static let levels: [Float] = [0, 64, 128, 192, 255, 32].map { $0 / 255 }

    @Test(arguments: ["gray8.png", "gray16.png", "gray_alpha8.png", "rgb8.png", "rgb16.png", "rgba8.png", "palette8.png"])
    func decodeGray_everyColourTypeAndDepth_givesTheSameLevels(_ name: String) throws {
        let image = try PNG.decodeGray(try fixture(name))
        #expect(image.width == 3 && image.height == 2)
        for (got, want) in zip(image.pixels, Self.levels) { #expect(abs(got - want) <= 0.5 / 255, "\(name)") }
    }

    @Test(arguments: ["transparent_ink.png", "transparent_ink16.png"])
    func decodeGray_transparentCanvas_inkOnWhite(_ name: String) throws {
        let image = try PNG.decodeGray(try fixture(name))
        #expect(image.pixels == [0, 1, 1, 1, 0, 1])
    }

    @Test func encode_thenDecode_roundTrips() throws {
        let bytes: [UInt8] = (0..<(28 * 17)).map { UInt8($0 % 256) }
        let file = try PNG.encode(gray: bytes, width: 28, height: 17)
        #expect(Array(file.prefix(8)) == PNG.signature)
        let image = try PNG.decodeGray(file)
        #expect(image.width == 28 && image.height == 17 && image.bytes == bytes)
    }

    @Test func decodeGray_empty_throwsEmpty() {
        #expect(throws: PNGError.empty) { try PNG.decodeGray([]) }
    }

    @Test func decodeGray_notAPNG_throwsNotPNG() {
        #expect(throws: PNGError.notPNG) { try PNG.decodeGray(Array("GIF89a, not a png".utf8)) }
        #expect(throws: PNGError.notPNG) { try PNG.decodeGray([0x89, 0x50]) }
    }

    @Test func decodeGray_truncated_throwsTruncated() throws {
        let file = try fixture("digit7.png")
        for cut in [12, 40, file.count / 2, file.count - 16] {     // the last 12 bytes are IEND, which libpng does not need
            #expect {
                try PNG.decodeGray(Array(file.prefix(cut)))
            } throws: { error in
                guard case let .truncated(message) = error as? PNGError else { return false }
                return !message.isEmpty
            }
        }
    }

    @Test func decodeGray_badCRC_throwsCorrupt() throws {
        var file = try fixture("gray8.png")
        file[20] ^= 0xFF                       // inside IHDR: its CRC no longer matches
        #expect {
            try PNG.decodeGray(file)
        } throws: { error in
            if case .corrupt = error as? PNGError { return true } else { return false }
        }
    }

    @Test func decodeGray_overTheLimit_throwsTooLargeBeforeDecoding() throws {
        let file = try fixture("digit7.png")   // 150×210
        #expect(throws: PNGError.tooLarge(width: 150, height: 210, maxPixels: 10_000)) {
            try PNG.decodeGray(file, maxPixels: 10_000)
        }
        let huge = try PNG.encode(gray: [UInt8](repeating: 0, count: 5000 * 4000), width: 5000, height: 4000)
        #expect(throws: PNGError.tooLarge(width: 5000, height: 4000, maxPixels: PNG.defaultMaxPixels)) {
            try PNG.decodeGray(huge)
        }
    }

    @Test func errors_describeTheProblem() {
        #expect(PNGError.notPNG.description.contains("not a PNG"))
        #expect(PNGError.tooLarge(width: 5000, height: 4000, maxPixels: 100).description == "the PNG is 5000x4000, over the limit of 100 pixels")
    }
}
