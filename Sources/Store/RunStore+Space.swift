import Glibc

/// Disk space: new runs are refused while the database's disk is (nearly) full, and a small
/// reserve file beside the database (`PATH-reserve`, 1 MiB) is given up when a write that must
/// happen (a run's final status) meets a full disk, then made again once there is room.
extension RunStore {
    /// Below this much free space on the database's disk, new runs and sweeps are refused: a
    /// run that cannot store its epochs would only fail later, after using a worker.
    public static let minimumFreeBytes = 4 << 20

    /// The size of the reserve file.
    static let reserveBytes = 1 << 20

    /// The reserve file beside the database.
    var reservePath: String { path + "-reserve" }

    /// Bytes free to this process on the file system that holds the database, or nil when it
    /// cannot be asked (statvfs failed).
    public var freeBytes: Int? {
        var info = statvfs()
        guard statvfs(folder, &info) == 0 else { return nil }
        return Int(info.f_bavail) * Int(info.f_frsize)
    }

    /// - Throws: `StoreError.diskFull` when less than `minimumFreeBytes` are free.
    func requireSpace() throws {
        guard let free = freeBytes else { return }
        if free < Self.minimumFreeBytes {
            throw StoreError.diskFull("\(free) bytes free on the disk holding \(path) (new runs need \(Self.minimumFreeBytes))")
        }
        makeReserve()
    }

    /// Runs `body`; when it meets a full disk, frees the reserve and runs it once more.
    func usingReserve<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch StoreError.diskFull where unlink(reservePath) == 0 {
            return try body()
        }
    }

    /// Writes the reserve file when it is missing and the disk has room for it (best effort:
    /// without it a full disk may leave a failed run marked `running` until the next start).
    func makeReserve() {
        if access(reservePath, F_OK) == 0 { return }
        guard let free = freeBytes, free >= Self.minimumFreeBytes + Self.reserveBytes else { return }
        let fd = open(reservePath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return }
        defer { close(fd) }
        // Real blocks, not a sparse file: posix_fallocate, or zeros where it is not supported.
        if posix_fallocate(fd, 0, off_t(Self.reserveBytes)) != 0 {
            let zeros = [UInt8](repeating: 0, count: Self.reserveBytes)
            if zeros.withUnsafeBytes({ write(fd, $0.baseAddress, $0.count) }) != Self.reserveBytes { unlink(reservePath) }
        }
    }

    /// The folder of the database file, whose file system `freeBytes` asks about.
    var folder: String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
