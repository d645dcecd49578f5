import Foundation

/// Finds a data set's four IDX files on disk, downloading MNIST when it is nowhere.
///
/// Data set NAME is looked for as DIR/NAME/ in each directory of `directories`, in order
/// (DESIGN.md, "Data"): the `--data` flag, `MLPLAB_DATA` (`:`-separated), config.json's list,
/// then the defaults — the service's `data` folder and /usr/share/datasets.
///
/// ```swift
/// let locator = DatasetLocator(directories: DatasetLocator.directories(flag: nil, config: []))
/// let (train, test) = try locator.load("mnist")
/// ```
public struct DatasetLocator: Sendable {
    public let directories: [String]
    public var downloader: Downloader?
    /// Overrides where MNIST is downloaded from (tests serve it from loopback).
    public var downloadBase: String?

    public init(directories: [String], downloader: Downloader? = Downloader(), downloadBase: String? = nil) {
        self.directories = directories
        self.downloader = downloader
        self.downloadBase = downloadBase
    }

    public static let defaultDirectories = ["data", "/usr/share/datasets"]

    /// The search order: flag, environment (`MLPLAB_DATA`), config, defaults; duplicates dropped.
    public static func directories(flag: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
                                   config: [String]) -> [String] {
        let env = environment["MLPLAB_DATA"].map { $0.split(separator: ":").map(String.init) } ?? []
        var seen = Set<String>()
        return ([flag].compactMap { $0 } + env + config + defaultDirectories).filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    /// Paths of the four files (train images, train labels, test images, test labels) in the
    /// first directory that has all of them, `.gz` or raw.
    public func find(_ info: DatasetInfo) -> [String]? {
        for dir in directories {
            let folder = (dir as NSString).appendingPathComponent(info.name)
            let paths = DatasetInfo.fileStems.compactMap { stem in
                [stem + ".gz", stem].map { (folder as NSString).appendingPathComponent($0) }
                    .first { FileManager.default.fileExists(atPath: $0) }
            }
            if paths.count == 4 { return paths }
        }
        return nil
    }

    /// Loads the train and test splits of `name`, downloading it first when it is
    /// downloadable and absent.
    public func load(_ name: String) throws(DataError) -> (train: Dataset, test: Dataset) {
        let info = try DatasetInfo.named(name)
        var paths = find(info)
        var downloadError: String?
        if paths == nil, info.downloadBase != nil, downloader != nil {
            do { try download(info); paths = find(info) } catch { downloadError = error.description }
        }
        guard let paths else {
            throw .notFound(dataset: name, files: DatasetInfo.fileStems, searched: directories,
                            download: downloadError ?? info.installHint.map { "not downloadable; install it with `\($0)`" })
        }
        return (try Dataset.load(name: name, images: paths[0], labels: paths[1]),
                try Dataset.load(name: name, images: paths[2], labels: paths[3]))
    }

    /// Downloads the data set into DIR/NAME of the first directory that can be written.
    public func download(_ info: DatasetInfo) throws(DataError) {
        guard let downloader, let base = downloadBase ?? info.downloadBase else {
            throw .downloadFailed(url: info.name, reason: "no download source")
        }
        guard let folder = writableFolder(for: info.name) else {
            throw .downloadFailed(url: base, reason: "no writable data directory among \(directories.joined(separator: ", "))")
        }
        do {
            for stem in DatasetInfo.fileStems {
                let file = stem + ".gz", target = (folder as NSString).appendingPathComponent(file)
                if FileManager.default.fileExists(atPath: target) { continue }
                try downloader.fetch(base + file, to: target, md5: info.md5[file] ?? "")
            }
        } catch {
            rmdir(folder)                     // only succeeds when empty: verified files stay
            throw error
        }
    }

    private func writableFolder(for name: String) -> String? {
        for dir in directories {
            let folder = (dir as NSString).appendingPathComponent(name)
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            if access(folder, W_OK) == 0 { return folder }
        }
        return nil
    }
}
