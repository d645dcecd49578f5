import Data
import Foundation
import Tensor
import Testing
import TestSupport

struct IDXReaderTests {
    let dir = IDXFixture.temporaryDirectory()

    @Test(arguments: [false, true])
    func images_rawOrGzip_areReadWithShapeAndPixels(gzip: Bool) throws {
        let path = IDXFixture.write(IDXFixture.images(count: 4), to: dir + "/img", gzip: gzip)
        let images = try IDXReader.readImages(path: path)
        #expect(images.count == 4 && images.rows == 2 && images.cols == 3)
        #expect(images.pixels.count == 24 && images.pixels[6] == 1 && images.pixels[23] == 8)
    }

    @Test func labels_areRead() throws {
        let path = IDXFixture.write(IDXFixture.labels([3, 1, 4, 1, 5]), to: dir + "/lab", gzip: true)
        #expect(try IDXReader.readLabels(path: path) == [3, 1, 4, 1, 5])
    }

    @Test func labelsFileReadAsImages_isBadMagic_namingTheFile() {
        let path = IDXFixture.write(IDXFixture.labels([1, 2]), to: dir + "/lab")
        #expect(throws: DataError.badMagic(path: path, found: 0x801, expected: 0x803)) { try IDXReader.readImages(path: path) }
        let message = (try? IDXReader.readImages(path: path)).map { _ in "" } ?? "\(DataError.badMagic(path: path, found: 0x801, expected: 0x803))"
        #expect(message.contains(path) && message.contains("magic"))
    }

    @Test func truncatedData_isReportedWithExpectedAndFoundSizes() {
        let bytes = Array(IDXFixture.images(count: 4).dropLast(5))
        let path = IDXFixture.write(bytes, to: dir + "/short", gzip: true)
        #expect(throws: DataError.truncated(path: path, expected: 24, got: 19)) { try IDXReader.readImages(path: path) }
    }

    @Test func truncatedGzipStream_isBadGzip() throws {
        let gz = IDXFixture.write(IDXFixture.images(count: 50), to: dir + "/cut", gzip: true)
        let data = try Data(contentsOf: URL(fileURLWithPath: gz))
        #expect(FileManager.default.createFile(atPath: gz, contents: data.prefix(data.count / 2)))
        #expect {
            try IDXReader.readImages(path: gz)
        } throws: { error in
            guard case let .badGzip(path, _) = error as? DataError else { return false }
            return path == gz
        }
    }

    @Test func headerShorterThanItsDimensions_isBadHeader() {
        let path = IDXFixture.write(IDXFixture.be32(0x0803) + IDXFixture.be32(1), to: dir + "/hdr")
        #expect {
            try IDXReader.readImages(path: path)
        } throws: { error in
            if case .badHeader = error as? DataError { return true } else { return false }
        }
    }

    @Test func trailingBytes_areRejected() {
        let path = IDXFixture.write(IDXFixture.labels([1, 2]) + [9], to: dir + "/extra")
        #expect(throws: DataError.self) { try IDXReader.readLabels(path: path) }
    }

    @Test func missingFile_isUnreadable() {
        #expect {
            try IDXReader.readLabels(path: dir + "/nothing")
        } throws: { error in
            if case .unreadable = error as? DataError { return true } else { return false }
        }
    }

    @Test func imagesAndLabelsCountsDisagree_isMismatch() {
        let img = IDXFixture.write(IDXFixture.images(count: 3), to: dir + "/i")
        let lab = IDXFixture.write(IDXFixture.labels([1, 2]), to: dir + "/l")
        #expect {
            try Dataset.load(name: "x", images: img, labels: lab)
        } throws: { error in
            "\(error)".contains("3 images") && "\(error)".contains("2 labels")
        }
    }

    @Test func gather_scalesPixelsToUnitInterval() throws {
        let img = IDXFixture.write(IDXFixture.images(count: 3), to: dir + "/i")
        let lab = IDXFixture.write(IDXFixture.labels([7, 8, 9]), to: dir + "/l")
        let data = try Dataset.load(name: "x", images: img, labels: lab)
        let x = Tensor(zeros: [0])
        var labels: [Int32] = []
        data.gather([2, 0] as [Int32], into: x, labels: &labels)
        #expect(x.shape == [2, 6] && labels == [9, 7])
        #expect(x[0] == 2 / 255 && x[6] == 0)
    }
}
