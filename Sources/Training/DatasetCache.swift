import Data
import Locking

/// Data sets loaded once and shared read-only by every worker (MNIST is ~55 MB as bytes;
/// decoding it per run would cost a second and that memory per worker).
public final class DatasetCache: Sendable {
    private let locator: DatasetLocator
    private let loaded = Lock<[String: (train: Dataset, test: Dataset)]>([:])
    private let loading = Lock<Void>(())          // one load at a time: two workers don't decode twice

    public init(locator: DatasetLocator) { self.locator = locator }

    /// A cache over the usual lookup: `directories` in order, MNIST downloaded from `mirror`
    /// (default: where it is published) when it is in none of them.
    public convenience init(directories: [String], mirror: String?) {
        self.init(locator: DatasetLocator(directories: directories, downloadBase: mirror))
    }

    /// Searched after the configured directories: the service's `data` folder and
    /// /usr/share/datasets (Debian's dataset-fashion-mnist).
    public static var defaultDirectories: [String] { DatasetLocator.defaultDirectories }

    /// The search order: `flag`, `MLPLAB_DATA` in `environment` (`:`-separated), `config`, then
    /// the defaults; duplicates and empty entries dropped (Data's `DatasetLocator.directories`).
    public static func searchDirectories(flag: String?, environment: [String: String], config: [String]) -> [String] {
        DatasetLocator.directories(flag: flag, environment: environment, config: config)
    }

    public func splits(_ name: String) throws -> (train: Dataset, test: Dataset) {
        if let hit = loaded.withLock({ $0[name] }) { return hit }
        return try loading.withLock { _ in
            if let hit = loaded.withLock({ $0[name] }) { return hit }
            let splits = try locator.load(name)
            loaded.withLock { $0[name] = splits }
            return splits
        }
    }

    /// True when the data set is on disk or can be downloaded, so a spec can be refused at
    /// submission rather than failing later in a worker.
    public func isAvailable(_ name: String) -> Bool {
        guard let info = try? DatasetInfo.named(name) else { return false }
        return locator.find(info) != nil || (info.downloadBase != nil && locator.downloader != nil)
    }
}

extension DatasetCache {
    /// The image shape and class count of the data set `name` (from the catalogue: nothing is
    /// loaded), or nil for a name the catalogue does not know.
    public func shape(of name: String) -> (imageShape: [Int], classes: Int)? {
        guard let info = try? DatasetInfo.named(name) else { return nil }
        return (info.imageShape, info.classes)
    }
}
