import Foundation

/// The data sets mlplab knows, their files, and where MNIST is published.
public struct DatasetInfo: Sendable, Equatable {
    public let name: String
    /// Base URL the four files are downloaded from, with their published MD5s; nil when the
    /// data set is installed another way (Debian's `dataset-fashion-mnist`).
    public let downloadBase: String?
    public let md5: [String: String]
    public let installHint: String?
    /// [H, W] of one image.
    public let imageShape: [Int]
    public let classes: Int
    /// Images in the training and test splits.
    public let trainCount: Int, testCount: Int

    public static let fileStems = ["train-images-idx3-ubyte", "train-labels-idx1-ubyte",
                                   "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"]

    /// MNIST (LeCun, Cortes & Burges), with the checksums it is published with.
    public static let mnist = DatasetInfo(
        name: "mnist", downloadBase: "https://ossci-datasets.s3.amazonaws.com/mnist/",
        md5: ["train-images-idx3-ubyte.gz": "f68b3c2dcbeaaa9fbdd348bbdeb94873",
              "train-labels-idx1-ubyte.gz": "d53e105ee54ea40749a09fcbcd1e9432",
              "t10k-images-idx3-ubyte.gz": "9fb629c4189551a2d022fa330f9573f3",
              "t10k-labels-idx1-ubyte.gz": "ec29112dd5afa0611ce80d1b7f02629c"],
        installHint: nil, imageShape: [28, 28], classes: 10, trainCount: 60_000, testCount: 10_000)

    /// Fashion-MNIST (Xiao, Rasul & Vollgraf 2017), as Debian's dataset-fashion-mnist installs it.
    public static let fashionMNIST = DatasetInfo(name: "fashion-mnist", downloadBase: nil, md5: [:],
                                                 installHint: "apt-get install dataset-fashion-mnist",
                                                 imageShape: [28, 28], classes: 10, trainCount: 60_000, testCount: 10_000)

    public static let all = [mnist, fashionMNIST]
    /// The names a spec's `dataset` may take, in the order of `all`.
    public static var names: [String] { all.map(\.name) }
    /// Pixels per image.
    public var features: Int { imageShape.reduce(1, *) }

    public static func named(_ name: String) throws(DataError) -> DatasetInfo {
        guard let info = all.first(where: { $0.name == name }) else { throw .unknownDataset(name) }
        return info
    }
}
