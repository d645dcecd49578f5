/// The decoded request line and headers, plus what the connection needs to read the body and
/// decide about keep-alive.
struct HTTPRequestHead: Equatable {
    var method: String
    var target: String
    var path: String
    var query: [String: String]
    /// 0 for HTTP/1.0, 1 for HTTP/1.1.
    var minorVersion: Int
    var headers: HTTPHeaders
    /// Body bytes that follow the head (0 when there is no Content-Length on a GET).
    var contentLength: Int
    /// Whether the client wants the connection kept open after the response.
    var keepAlive: Bool
    /// `Expect: 100-continue`: the client waits for `100 Continue` before sending the body.
    var expectsContinue: Bool
    /// Bytes of the buffer taken by the head, including any blank lines before it and the final empty line.
    var length: Int

    /// The full request once its body has arrived.
    func request(body: [UInt8]) -> HTTPRequest {
        HTTPRequest(method: method, target: target, path: path, query: query, headers: headers, body: body)
    }
}
