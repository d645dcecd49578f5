import Testing
@testable import Server

/// The decoder on byte strings: no sockets, every limit and malformation.
struct HTTPDecoderTests {
    let decoder = HTTPDecoder(limits: HTTPLimits(requestLine: 64, headerCount: 4, headerBytes: 128, body: 100))

    func head(_ text: String) throws(HTTPDecoderError) -> HTTPRequestHead? {
        try decoder.decodeHead(Array(text.utf8))
    }

    func error(_ text: String) -> HTTPDecoderError? {
        do { _ = try head(text); return nil } catch { return error }
    }

    @Test func getRequest_complete_isParsed() throws {
        let text = "GET /api/runs?limit=5 HTTP/1.1\r\nHost: x\r\nAccept: */*\r\n\r\n"
        let decoded = try #require(try head(text + "GET /next"))
        #expect(decoded.method == "GET")
        #expect(decoded.target == "/api/runs?limit=5")
        #expect(decoded.path == "/api/runs")
        #expect(decoded.query == ["limit": "5"])
        #expect(decoded.headers["host"] == "x")
        #expect(decoded.headers.count == 2)
        #expect(decoded.contentLength == 0)
        #expect(decoded.keepAlive)
        #expect(decoded.length == text.utf8.count)
    }

    @Test func head_incomplete_returnsNil() throws {
        #expect(try head("GET /x HTTP/1.1\r\nHost: x\r\n") == nil)
        #expect(try head("GET /x HT") == nil)
        #expect(try head("") == nil)
    }

    @Test func lineEndings_bareLF_areAccepted() throws {
        let decoded = try #require(try head("GET /x HTTP/1.1\nHost: x\n\n"))
        #expect(decoded.headers["Host"] == "x")
    }

    @Test func leadingBlankLines_areSkipped() throws {
        let decoded = try #require(try head("\r\n\r\nGET /x HTTP/1.1\r\n\r\n"))
        #expect(decoded.path == "/x")
        #expect(decoded.length == 23)
    }

    @Test func leadingBlankLines_overLimit_throw() {
        #expect(error(String(repeating: "\r\n", count: 40)) == .badRequestLine("too many blank lines before the request line"))
    }

    @Test func requestLine_malformed_throwsBadRequestLine() {
        for text in ["GET\r\n\r\n", "GET /x\r\n\r\n", "GET  /x HTTP/1.1\r\n\r\n", "GET /x HTTP/1.1 extra\r\n\r\n",
                     "G(T /x HTTP/1.1\r\n\r\n", "GET /x FTP/1.1\r\n\r\n", "\u{1}\u{2}\u{3}\r\n\r\n"] {
            guard case .badRequestLine = error(text) else {
                Issue.record("expected badRequestLine for \(text.debugDescription), got \(String(describing: error(text)))")
                continue
            }
        }
    }

    @Test func version_http2_throwsUnsupportedVersion() {
        #expect(error("GET /x HTTP/2.0\r\n\r\n") == .unsupportedVersion("HTTP/2.0"))
    }

    @Test func target_notOriginForm_throwsBadTarget() {
        #expect(error("GET x HTTP/1.1\r\n\r\n") == .badTarget("must start with /"))
        #expect(error("GET http://h/x HTTP/1.1\r\n\r\n") == .badTarget("must start with /"))
        #expect(error("GET /a\u{7F}b HTTP/1.1\r\n\r\n") == .badTarget("bytes outside visible ASCII"))
    }

    @Test func target_badEscapes_throwBadTarget() {
        #expect(error("GET /%zz HTTP/1.1\r\n\r\n") == .badTarget("bad percent-encoding in path"))
        #expect(error("GET /%C3 HTTP/1.1\r\n\r\n") == .badTarget("bad percent-encoding in path"))
        #expect(error("GET /a%00b HTTP/1.1\r\n\r\n") == .badTarget("NUL in path"))
        #expect(error("GET /x?a=%4 HTTP/1.1\r\n\r\n") == .badTarget("bad percent-encoding in query"))
    }

    @Test func path_percentEncoded_isDecoded() throws {
        let decoded = try #require(try head("GET /static/%2e%2e/a%20b/%C3%A9?q=x+y%26z&flag HTTP/1.1\r\n\r\n"))
        #expect(decoded.path == "/static/../a b/é")
        #expect(decoded.query == ["q": "x y&z", "flag": ""])
        #expect(decoded.target == "/static/%2e%2e/a%20b/%C3%A9?q=x+y%26z&flag")
    }

    @Test func requestLine_overLimit_throwsTooLong() {
        let long = "GET /" + String(repeating: "a", count: 70) + " HTTP/1.1\r\n\r\n"
        #expect(error(long) == .requestLineTooLong(limit: 64))
        #expect(error(String(repeating: "a", count: 65)) == .requestLineTooLong(limit: 64))  // even before CRLF
    }

    @Test func headers_overCount_throwTooMany() {
        let text = "GET /x HTTP/1.1\r\n" + (1...5).map { "H\($0): v\r\n" }.joined() + "\r\n"
        #expect(error(text) == .tooManyHeaders(limit: 4))
    }

    @Test func headers_overBytes_throwTooLarge() {
        #expect(error("GET /x HTTP/1.1\r\nBig: " + String(repeating: "v", count: 200) + "\r\n\r\n") == .headersTooLarge(limit: 128))
        #expect(error("GET /x HTTP/1.1\r\nBig: " + String(repeating: "v", count: 200)) == .headersTooLarge(limit: 128))
    }

    @Test func headerLine_malformed_throwsBadHeader() {
        #expect(error("GET /x HTTP/1.1\r\nNoColon\r\n\r\n") == .badHeader("missing colon"))
        #expect(error("GET /x HTTP/1.1\r\nBad Name: v\r\n\r\n") == .badHeader("bad field name"))
        #expect(error("GET /x HTTP/1.1\r\n: v\r\n\r\n") == .badHeader("bad field name"))
        #expect(error("GET /x HTTP/1.1\r\nA: b\r\n folded\r\n\r\n") == .badHeader("obsolete line folding"))
        #expect(error("GET /x HTTP/1.1\r\nA: b\u{0}c\r\n\r\n") == .badHeader("control character in A"))
    }

    @Test func headerValue_whitespace_isTrimmed() throws {
        let decoded = try #require(try head("GET /x HTTP/1.1\r\nA: \t spaced out \t\r\nA: second\r\n\r\n"))
        #expect(decoded.headers["a"] == "spaced out")
        #expect(decoded.headers.values(for: "A") == ["spaced out", "second"])
    }

    @Test func contentLength_valid_setsBodyLength() throws {
        let decoded = try #require(try head("POST /x HTTP/1.1\r\nContent-Length: 12\r\n\r\n"))
        #expect(decoded.contentLength == 12)
    }

    @Test func contentLength_badOrDuplicate_throwsBadContentLength() {
        for value in ["-1", "abc", "1.5", "+5", "5, 5", ""] {
            guard case .badContentLength = error("POST /x HTTP/1.1\r\nContent-Length: \(value)\r\n\r\n") else {
                Issue.record("Content-Length \(value.debugDescription) accepted"); continue
            }
        }
        guard case .badContentLength = error("POST /x HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\n") else {
            Issue.record("duplicate Content-Length accepted"); return
        }
        guard case .badContentLength = error("POST /x HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n\r\n") else {
            Issue.record("20-digit Content-Length accepted"); return
        }
    }

    @Test func contentLength_overLimit_throwsBodyTooLarge() {
        #expect(error("POST /x HTTP/1.1\r\nContent-Length: 101\r\n\r\n") == .bodyTooLarge(length: 101, limit: 100))
    }

    @Test func contentLength_underALargerPrefixLimit_isAcceptedThereOnly() throws {
        var limits = decoder.limits
        limits.bodyByPrefix = ["/big/": 1000, "/big/small/": 50]
        let wide = HTTPDecoder(limits: limits)
        func head(_ path: String, _ length: Int) throws(HTTPDecoderError) -> HTTPRequestHead? {
            try wide.decodeHead(Array("POST \(path) HTTP/1.1\r\nContent-Length: \(length)\r\n\r\n".utf8))
        }
        #expect(try head("/big/x", 1000)?.contentLength == 1000)
        #expect(throws: HTTPDecoderError.bodyTooLarge(length: 1001, limit: 1000)) { try head("/big/x", 1001) }
        #expect(throws: HTTPDecoderError.bodyTooLarge(length: 101, limit: 100)) { try head("/bigger", 101) }
        #expect(throws: HTTPDecoderError.bodyTooLarge(length: 51, limit: 50)) { try head("/big/small/y", 51) }
    }

    @Test func post_withoutContentLength_hasNoBody() throws {
        let request = try #require(try decoder.decode(Array("POST /x HTTP/1.1\r\n\r\n".utf8)))
        #expect(request.method == "POST" && request.body.isEmpty && !request.headers.contains("Content-Length"))
    }

    @Test func transferEncoding_chunked_throwsNotSupported() {
        #expect(error("POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n") == .transferEncodingNotSupported)
        #expect(error("POST /x HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n") == .transferEncodingNotSupported)
    }

    @Test func connection_headers_setKeepAlive() throws {
        #expect(try head("GET /x HTTP/1.1\r\nConnection: close\r\n\r\n")?.keepAlive == false)
        #expect(try head("GET /x HTTP/1.1\r\nConnection: Keep-Alive, Close\r\n\r\n")?.keepAlive == false)
        #expect(try head("GET /x HTTP/1.0\r\n\r\n")?.keepAlive == false)
        #expect(try head("GET /x HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")?.keepAlive == true)
        #expect(try head("GET /x HTTP/1.0\r\n\r\n")?.minorVersion == 0)
    }

    @Test func expect_100Continue_isNoted() throws {
        #expect(try head("POST /x HTTP/1.1\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\n")?.expectsContinue == true)
    }

    @Test func decode_bodyAndPipelinedRequest_splitsExactly() throws {
        let bytes = Array("POST /echo HTTP/1.1\r\nContent-Length: 5\r\n\r\nhelloGET /next HTTP/1.1\r\n\r\n".utf8)
        let request = try #require(try decoder.decode(bytes))
        #expect(request.body == Array("hello".utf8))
        #expect(try decoder.decode(Array(bytes.prefix(45))) == nil)   // body not all there yet
    }

    @Test func errors_mapToAPIErrorStatuses() {
        #expect(HTTPDecoderError.badRequestLine("x").apiError.status == 400)
        #expect(HTTPDecoderError.requestLineTooLong(limit: 1).apiError.status == 400)
        #expect(HTTPDecoderError.tooManyHeaders(limit: 1).apiError.status == 431)
        #expect(HTTPDecoderError.headersTooLarge(limit: 1).apiError.status == 431)
        #expect(HTTPDecoderError.transferEncodingNotSupported.apiError.status == 411)
        #expect(HTTPDecoderError.bodyTooLarge(length: 2, limit: 1).apiError.status == 413)
    }

    @Test func randomMutations_neverCrash_andEndInAnswerOrNeedMore() {
        let seed = Array("POST /api/runs/7?x=%41&y=b+c HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc".utf8)
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {   // SplitMix64: deterministic, so a failure reproduces
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int(truncatingIfNeeded: (z ^ (z >> 31)) >> 1)
        }
        for _ in 0..<5000 {
            var bytes = seed
            for _ in 0..<(1 + next() % 4) {
                let i = next() % bytes.count
                switch next() % 3 {
                case 0: bytes[i] = UInt8(truncatingIfNeeded: next())
                case 1: bytes.remove(at: i)
                default: bytes.insert(UInt8(truncatingIfNeeded: next()), at: i)
                }
            }
            for cut in [bytes.count, bytes.count / 2] {
                _ = try? decoder.decode(Array(bytes.prefix(cut)))
            }
        }
    }
}
