import Glibc

/// Serves the files under one directory (the dashboard), and nothing outside it.
///
/// The path is percent-decoded here as well (harmless if the caller already did: decoding only
/// adds refusals), then refused if any segment is `.` or `..`, contains a backslash or NUL, or
/// the path is not rooted. Finally the file's `realpath` must lie under the root's, which also
/// stops symlinks pointing out of the root. Every refusal is `nil` (a 404), never an error.
///
/// ```swift
/// let files = StaticFiles(root: "static")
/// router.fallback = { request in files.response(for: request.path) }
/// ```
public struct StaticFiles: Sendable {
    /// The root as given.
    public let root: String
    /// The root with symlinks resolved, or `nil` if it does not exist (then nothing is served).
    private let resolvedRoot: String?

    public init(root: String) {
        self.root = root
        resolvedRoot = Self.realPath(root)
    }

    /// The file for a request path, `/` meaning `/index.html` (and `dir/` meaning `dir/index.html`).
    /// - Returns: a 200 with the file's Content-Type, or `nil` when there is no such file under root.
    public func response(for path: String) -> HTTPResponse? {
        guard let resolvedRoot, let decoded = PercentDecoding.decode(Substring(path)),
              decoded.hasPrefix("/"), !decoded.utf8.contains(0) else { return nil }
        var segments = decoded.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        if segments.last?.isEmpty ?? true { segments = segments.dropLast() + ["index.html"] }
        guard segments.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." && !$0.contains("\\") }) else {
            return nil
        }
        let candidate = resolvedRoot + "/" + segments.joined(separator: "/")
        guard let real = Self.realPath(candidate), real.hasPrefix(resolvedRoot + "/"),
              let bytes = Self.readRegularFile(real) else { return nil }
        return HTTPResponse(status: 200, headers: [
            "Content-Type": Self.contentType(for: real),
            "Cache-Control": "no-cache",   // the dashboard changes with the server; revalidate each time (a 304)
            "ETag": Self.entityTag(bytes),
            "X-Content-Type-Options": "nosniff",
        ], body: .bytes(bytes))
    }

    /// A strong validator from the content (FNV-1a, 64 bits), so it survives restarts and copies of the tree.
    static func entityTag(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        let hex = String(hash, radix: 16)
        return "\"" + String(repeating: "0", count: 16 - hex.count) + hex + "-\(bytes.count)\""
    }

    /// The MIME type by extension; unknown types are served as opaque bytes, never sniffed as HTML.
    static func contentType(for path: String) -> String {
        let name = path.split(separator: "/").last ?? ""
        let ext = name.contains(".") ? name.split(separator: ".").last.map { $0.lowercased() } ?? "" : ""
        switch ext {
        case "html", "htm": return "text/html; charset=utf-8"
        case "js", "mjs": return "text/javascript; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "json", "map": return "application/json"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "ico": return "image/x-icon"
        case "txt": return "text/plain; charset=utf-8"
        case "csv": return "text/csv; charset=utf-8"
        default: return "application/octet-stream"
        }
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Reads a whole regular file (directories, devices and FIFOs are refused: a FIFO would block).
    private static func readRegularFile(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            offset += n
        }
        return offset == bytes.count ? bytes : nil
    }
}
