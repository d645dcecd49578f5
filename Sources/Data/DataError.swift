/// What went wrong reading, finding or downloading a data set. Every case names the file or
/// data set, so the one line the CLI prints is enough to act on.
public enum DataError: Error, Equatable, Sendable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case badGzip(path: String, reason: String)
    case badMagic(path: String, found: UInt32, expected: UInt32)
    case badHeader(path: String, reason: String)
    case truncated(path: String, expected: Int, got: Int)
    case mismatch(reason: String)
    case unknownDataset(String)
    case notFound(dataset: String, files: [String], searched: [String], download: String?)
    case downloadFailed(url: String, reason: String)
    case checksumMismatch(url: String, expected: String, got: String)

    public var description: String {
        switch self {
        case let .unreadable(path, reason): "cannot read \(path): \(reason)"
        case let .badGzip(path, reason): "\(path): not a valid gzip file (\(reason))"
        case let .badMagic(path, found, expected):
            "\(path): bad IDX magic number 0x\(String(found, radix: 16)) (expected 0x\(String(expected, radix: 16)))"
        case let .badHeader(path, reason): "\(path): bad IDX header: \(reason)"
        case let .truncated(path, expected, got): "\(path): truncated: expected \(expected) bytes of data, found \(got)"
        case let .mismatch(reason): reason
        case let .unknownDataset(name): "unknown dataset '\(name)' (expected one of: \(DatasetInfo.names.joined(separator: ", ")))"
        case let .notFound(dataset, files, searched, download):
            "dataset \(dataset) not found: looked for \(files.joined(separator: ", ")) (or .gz) in "
                + (searched.isEmpty ? "no directory" : searched.map { "\($0)/\(dataset)" }.joined(separator: ", "))
                + (download.map { "; download failed: \($0)" } ?? "")
        case let .downloadFailed(url, reason): "download of \(url) failed: \(reason)"
        case let .checksumMismatch(url, expected, got): "download of \(url) is corrupt: md5 \(got), expected \(expected)"
        }
    }
}
