import CCurl
import Foundation

/// Fetches files over HTTP(S) with libcurl, each checked against its MD5 before it is kept.
///
/// A file is written as `NAME.part` beside its destination and renamed only once complete and
/// verified, so a failed, interrupted or corrupt download never leaves a file that a later
/// run would take for data.
public struct Downloader: Sendable {
    /// Seconds allowed for connecting, and for the whole transfer of one file.
    public var connectTimeout = 15, transferTimeout = 600

    public init() {}

    /// Downloads `url` into `destination` if its MD5 is `md5`.
    /// - Throws: `DataError.downloadFailed` (network, HTTP status, disk) or `.checksumMismatch`.
    public func fetch(_ url: String, to destination: String, md5: String) throws(DataError) {
        let partial = destination + ".part"
        defer { unlink(partial) }
        try transfer(url, to: partial)
        let bytes: [UInt8]
        do { bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: partial))) } catch {
            throw .downloadFailed(url: url, reason: "cannot read back \(partial)")
        }
        let digest = MD5.hex(bytes)
        guard digest == md5.lowercased() else { throw .checksumMismatch(url: url, expected: md5, got: digest) }
        guard rename(partial, destination) == 0 else {
            throw .downloadFailed(url: url, reason: "cannot rename to \(destination): \(String(cString: strerror(errno)))")
        }
    }

    private func transfer(_ url: String, to path: String) throws(DataError) {
        guard let file = fopen(path, "wb") else {
            throw .downloadFailed(url: url, reason: "cannot write \(path): \(String(cString: strerror(errno)))")
        }
        guard let curl = mlplab_curl_init() else {
            fclose(file)
            throw .downloadFailed(url: url, reason: "libcurl did not start: \(String(cString: mlplab_curl_error()))")
        }
        defer { mlplab_curl_cleanup(curl) }
        var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        let code: CURLcode = errorBuffer.withUnsafeMutableBufferPointer { buffer in
            _ = mlplab_curl_set_string(curl, CURLOPT_URL, url)
            _ = mlplab_curl_set_long(curl, CURLOPT_FOLLOWLOCATION, 1)
            _ = mlplab_curl_set_long(curl, CURLOPT_FAILONERROR, 1)        // HTTP >= 400 is an error
            _ = mlplab_curl_set_long(curl, CURLOPT_NOSIGNAL, 1)            // safe in worker threads
            _ = mlplab_curl_set_long(curl, CURLOPT_CONNECTTIMEOUT, connectTimeout)
            _ = mlplab_curl_set_long(curl, CURLOPT_TIMEOUT, transferTimeout)
            _ = mlplab_curl_set_pointer(curl, CURLOPT_WRITEDATA, UnsafeMutableRawPointer(file))
            _ = mlplab_curl_set_pointer(curl, CURLOPT_ERRORBUFFER, UnsafeMutableRawPointer(buffer.baseAddress!))
            return mlplab_curl_perform(curl)
        }
        let closed = fclose(file)
        guard code == CURLE_OK else {
            let detail = String(decoding: errorBuffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            let status = mlplab_curl_response_code(curl)
            let reason = detail.isEmpty ? String(cString: mlplab_curl_strerror(code)) : detail
            throw .downloadFailed(url: url, reason: status >= 400 ? "HTTP \(status)" : reason)
        }
        guard closed == 0 else { throw .downloadFailed(url: url, reason: "cannot finish writing \(path)") }
    }
}
