import Foundation
import Testing
import TestSupport
@testable import Data

struct DatasetLocatorTests {
    @Test func directories_followFlagEnvironmentConfigDefaults() {
        let dirs = DatasetLocator.directories(flag: "/flag", environment: ["MLPLAB_DATA": "/env1:/env2"], config: ["/cfg"])
        #expect(dirs == ["/flag", "/env1", "/env2", "/cfg", "data", "/usr/share/datasets"])
    }

    @Test func directories_dropDuplicatesAndEmptyEntries() {
        let dirs = DatasetLocator.directories(flag: nil, environment: ["MLPLAB_DATA": "/a::/a"], config: ["data"])
        #expect(dirs == ["/a", "data", "/usr/share/datasets"])
    }

    @Test func find_usesFirstDirectoryHoldingAllFourFiles_rawOrGzip() throws {
        let first = IDXFixture.temporaryDirectory(), second = IDXFixture.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: first + "/mnist", withIntermediateDirectories: true)
        IDXFixture.write(IDXFixture.labels([1]), to: first + "/mnist/train-labels-idx1-ubyte")   // incomplete
        IDXFixture.writeDataset(in: second, name: "mnist", gzip: false)
        let locator = DatasetLocator(directories: [first, second], downloader: nil)
        let paths = try #require(locator.find(.mnist))
        #expect(paths.allSatisfy { $0.hasPrefix(second) && !$0.hasSuffix(".gz") })
        let (train, test) = try locator.load("mnist")
        #expect(train.count == 4 && test.count == 3 && train.imageShape == [28, 28])
    }

    @Test func fashionMNIST_missing_suggestsTheDebianPackage() {
        let locator = DatasetLocator(directories: [IDXFixture.temporaryDirectory()], downloader: nil)
        #expect {
            try locator.load("fashion-mnist")
        } throws: { error in
            "\(error)".contains("apt-get install dataset-fashion-mnist")
        }
    }

    @Test func unknownDataset_isNamed() {
        #expect(throws: DataError.unknownDataset("cifar")) { try DatasetLocator(directories: []).load("cifar") }
    }
}
