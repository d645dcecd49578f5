import CCurl
import Foundation
import Wire

/// The CLI's HTTP client (libcurl): plain requests for submit/ls/show, and a streamed GET
/// for `watch`'s server-sent events.
struct HTTPClient {
    let base: String
    /// Sent as `Authorization: Bearer` when set.
    var token: String? = nil

    struct Response { let status: Int; let body: [UInt8] }

    /// Receives body bytes as they arrive; returning false ends the transfer.
    private final class Sink {
        var body: [UInt8] = []
        let onData: (([UInt8]) -> Bool)?
        init(onData: (([UInt8]) -> Bool)?) { self.onData = onData }
    }

    func request(_ method: String, _ path: String, json body: Data? = nil) throws -> Response {
        try perform(method, path, body: body, onData: nil)
    }

    /// Sends `body` as `contentType` (e.g. a PNG as image/png).
    func request(_ method: String, _ path: String, body: Data, contentType: String) throws -> Response {
        try perform(method, path, body: body, contentType: contentType, onData: nil)
    }

    /// GETs `path` and hands each chunk to `onData` until it returns false or the server closes.
    func stream(_ path: String, onData: @escaping ([UInt8]) -> Bool) throws {
        _ = try perform("GET", path, body: nil, onData: onData, timeout: 0)
    }

    private func perform(_ method: String, _ path: String, body: Data?, contentType: String = "application/json",
                         onData: (([UInt8]) -> Bool)?, timeout: Int = 60) throws -> Response {
        guard let curl = mlplab_curl_init() else {
            throw CLIError("libcurl did not start: \(String(cString: mlplab_curl_error()))")
        }
        defer { mlplab_curl_cleanup(curl) }
        let url = base.hasSuffix("/") ? String(base.dropLast()) + path : base + path
        let sink = Sink(onData: onData)
        let box = Unmanaged.passUnretained(sink).toOpaque()
        var headers: UnsafeMutablePointer<curl_slist>? = mlplab_curl_slist_append(nil, "Accept: application/json")
        defer { mlplab_curl_slist_free_all(headers) }
        if let token { headers = mlplab_curl_slist_append(headers, "Authorization: Bearer \(token)") }
        _ = mlplab_curl_set_string(curl, CURLOPT_URL, url)
        _ = mlplab_curl_set_string(curl, CURLOPT_CUSTOMREQUEST, method)
        _ = mlplab_curl_set_long(curl, CURLOPT_NOSIGNAL, 1)
        _ = mlplab_curl_set_long(curl, CURLOPT_CONNECTTIMEOUT, 5)
        _ = mlplab_curl_set_long(curl, CURLOPT_TIMEOUT, timeout)
        _ = mlplab_curl_set_write_function(curl) { data, size, count, user in
            let sink = Unmanaged<Sink>.fromOpaque(user!).takeUnretainedValue()
            let bytes = Array(UnsafeRawBufferPointer(start: data, count: size * count))
            if let onData = sink.onData { return onData(bytes) ? size * count : 0 }
            sink.body += bytes
            return size * count
        }
        _ = mlplab_curl_set_pointer(curl, CURLOPT_WRITEDATA, box)
        let payload = body.map { [UInt8]($0) } ?? []
        if body != nil {
            headers = mlplab_curl_slist_append(headers, "Content-Type: \(contentType)")
            _ = mlplab_curl_set_long(curl, CURLOPT_POSTFIELDSIZE, payload.count)
        }
        _ = mlplab_curl_set_headers(curl, headers)
        let code: CURLcode = payload.withUnsafeBytes { raw in
            if body != nil { _ = mlplab_curl_set_pointer(curl, CURLOPT_POSTFIELDS, UnsafeMutableRawPointer(mutating: raw.baseAddress)) }
            return mlplab_curl_perform(curl)
        }
        if code != CURLE_OK && !(code == CURLE_WRITE_ERROR && onData != nil) {
            throw CLIError("cannot reach the mlplab server at \(base): \(String(cString: mlplab_curl_strerror(code)))")
        }
        return Response(status: mlplab_curl_response_code(curl), body: sink.body)
    }
}

extension HTTPClient.Response {
    /// Decodes a 2xx body, or throws the server's error as one line.
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        guard (200..<300).contains(status) else {
            if let e = try? WireJSON.decode(ErrorBody.self, from: body) {
                throw CLIError("\(e.error.field.map { "\($0): " } ?? "")\(e.error.message) (HTTP \(status))")
            }
            throw CLIError("server answered HTTP \(status)")
        }
        do { return try WireJSON.decode(T.self, from: body) } catch {
            throw CLIError("unexpected answer from the server: \(error)")
        }
    }
}
