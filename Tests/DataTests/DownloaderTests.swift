import Foundation
import Testing
import TestSupport
@testable import Data

/// The download path against a local HTTP server on 127.0.0.1: no test needs the network.
struct DownloaderTests {
    let dir = IDXFixture.temporaryDirectory()
    let payload = Array("mnist bytes".utf8)

    func files(in folder: String) -> [String] { (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] }

    @Test func md5_knownVectors() {
        #expect(MD5.hex([]) == "d41d8cd98f00b204e9800998ecf8427e")
        #expect(MD5.hex(Array("abc".utf8)) == "900150983cd24fb0d6963f7d28e17f72")
        #expect(MD5.hex(Array("The quick brown fox jumps over the lazy dog".utf8)) == "9e107d9d372bb6826bd81d3542a419d6")
        #expect(MD5.hex([UInt8](repeating: 97, count: 1000)) == "cabe45dcc9ae5b66ba86600cca6b8ba8")
    }

    @Test func goodFile_isKeptUnderItsName() throws {
        let server = try LocalHTTPServer(files: ["f.gz": payload])
        defer { server.stop() }
        try Downloader().fetch(server.baseURL + "f.gz", to: dir + "/f.gz", md5: MD5.hex(payload))
        #expect(FileManager.default.contents(atPath: dir + "/f.gz") == Data(payload))
        #expect(files(in: dir) == ["f.gz"])
    }

    @Test func badChecksum_leavesNothingBehind() throws {
        let server = try LocalHTTPServer(files: ["f.gz": payload])
        defer { server.stop() }
        #expect {
            try Downloader().fetch(server.baseURL + "f.gz", to: dir + "/f.gz", md5: String(repeating: "0", count: 32))
        } throws: { error in
            if case .checksumMismatch = error as? DataError { return true } else { return false }
        }
        #expect(files(in: dir).isEmpty)
    }

    @Test func notFound_saysHTTP404_andLeavesNothingBehind() throws {
        let server = try LocalHTTPServer(files: [:])
        defer { server.stop() }
        #expect {
            try Downloader().fetch(server.baseURL + "missing.gz", to: dir + "/m.gz", md5: "x")
        } throws: { error in
            "\(error)".contains("HTTP 404") && "\(error)".contains("missing.gz")
        }
        #expect(files(in: dir).isEmpty)
    }

    @Test func refusedConnection_isDownloadFailed() throws {
        let server = try LocalHTTPServer(files: [:])
        let url = server.baseURL + "x.gz"
        server.stop()
        #expect {
            try Downloader().fetch(url, to: dir + "/x.gz", md5: "x")
        } throws: { error in
            if case .downloadFailed = error as? DataError { return true } else { return false }
        }
        #expect(files(in: dir).isEmpty)
    }

    @Test func locator_downloadsAbsentMNIST_verifiesAndLoadsIt() throws {
        let source = IDXFixture.temporaryDirectory()
        IDXFixture.writeDataset(in: source, name: "mnist")
        var served: [String: [UInt8]] = [:], sums: [String: String] = [:]
        for stem in DatasetInfo.fileStems {
            let bytes = [UInt8](FileManager.default.contents(atPath: "\(source)/mnist/\(stem).gz")!)
            served[stem + ".gz"] = bytes
            sums[stem + ".gz"] = MD5.hex(bytes)
        }
        let server = try LocalHTTPServer(files: served)
        defer { server.stop() }
        let info = DatasetInfo(name: "mnist", downloadBase: server.baseURL, md5: sums, installHint: nil,
                               imageShape: [28, 28], classes: 10, trainCount: 60_000, testCount: 10_000)
        var locator = DatasetLocator(directories: [dir], downloadBase: server.baseURL)
        try locator.download(info)
        locator.downloader = nil                  // what follows must come from disk
        let (train, test) = try locator.load("mnist")
        #expect(train.count == 4 && test.count == 3)
        #expect(Set(files(in: dir + "/mnist")) == Set(DatasetInfo.fileStems.map { $0 + ".gz" }))
    }

    @Test func locator_offline_errorNamesFilesAndEveryDirectory() throws {
        let server = try LocalHTTPServer(files: [:])
        defer { server.stop() }
        let locator = DatasetLocator(directories: [dir, "/nonexistent-mlplab"], downloadBase: server.baseURL)
        #expect {
            try locator.load("mnist")
        } throws: { error in
            let text = "\(error)"
            return text.contains("train-images-idx3-ubyte") && text.contains(dir + "/mnist")
                && text.contains("/nonexistent-mlplab/mnist") && text.contains("HTTP 404")
        }
        #expect(!FileManager.default.fileExists(atPath: dir + "/mnist"))
    }
}
