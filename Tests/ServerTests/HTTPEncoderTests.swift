import Glibc
import Testing
@testable import Server

struct HTTPEncoderTests {
    func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    @Test func encode_bytesBody_headAndBodyInOneBuffer() {
        let out = text(HTTPEncoder.encode(.text("hi"), keepAlive: true))
        #expect(out.hasPrefix("HTTP/1.1 200 OK\r\nDate: "))
        #expect(out.contains("\r\nContent-Type: text/plain; charset=utf-8\r\n"))
        #expect(out.contains("\r\nContent-Length: 2\r\n"))
        #expect(!out.contains("Connection:"))
        #expect(out.hasSuffix("\r\n\r\nhi"))
    }

    @Test func encode_notKeepAlive_saysClose() {
        #expect(text(HTTPEncoder.encode(.empty(status: 200), keepAlive: false)).contains("\r\nConnection: close\r\n"))
        #expect(text(HTTPEncoder.encode(.empty(status: 200), keepAlive: true, minorVersion: 0)).contains("\r\nConnection: keep-alive\r\n"))
    }

    @Test func encode_204_hasNoContentLength() {
        #expect(!text(HTTPEncoder.encode(.empty(), keepAlive: true)).contains("Content-Length"))
        #expect(text(HTTPEncoder.encode(.empty(), keepAlive: true)).hasPrefix("HTTP/1.1 204 No Content\r\n"))
    }

    @Test func encode_headOnly_keepsLengthDropsBody() {
        let out = text(HTTPEncoder.encode(.text("hello"), keepAlive: true, headOnly: true))
        #expect(out.contains("Content-Length: 5\r\n"))
        #expect(out.hasSuffix("\r\n\r\n"))
    }

    @Test func encode_handlerFramingHeaders_areReplaced() {
        var response = HTTPResponse.text("abc")
        response.headers["Content-Length"] = "999"
        response.headers["transfer-encoding"] = "chunked"
        let out = text(HTTPEncoder.encode(response, keepAlive: true))
        #expect(!out.contains("999"))
        #expect(!out.lowercased().contains("transfer-encoding"))
        #expect(out.contains("Content-Length: 3\r\n"))
    }

    @Test func encode_crlfInHeaderValue_cannotSplitResponse() {
        var response = HTTPResponse.empty(status: 201)
        response.headers["Location"] = "/api/runs/7\r\nSet-Cookie: evil=1"
        let out = text(HTTPEncoder.encode(response, keepAlive: true))
        #expect(out.contains("Location: /api/runs/7Set-Cookie: evil=1\r\n"))
        #expect(!out.contains("\r\nSet-Cookie"))
    }

    @Test func encodeStreamHead_hasEventStreamAndNoLength() {
        let out = text(HTTPEncoder.encodeStreamHead(.stream { _ in }))
        #expect(out.contains("Content-Type: text/event-stream\r\n"))
        #expect(out.contains("Cache-Control: no-cache\r\n"))
        #expect(out.contains("Connection: close\r\n"))
        #expect(!out.contains("Content-Length"))
        #expect(out.hasSuffix("\r\n\r\n"))
    }

    @Test func httpDate_isIMFFixdate() {
        let date = HTTPEncoder.httpDate()
        #expect(date.count == 29)
        #expect(date.hasSuffix(" GMT"))
        // RFC 9110's own example, and strftime's rendering of other instants (leap day, year end).
        var out: [UInt8] = []
        HTTPEncoder.appendHTTPDate(784_111_777, to: &out)
        #expect(String(decoding: out, as: UTF8.self) == "Sun, 06 Nov 1994 08:49:37 GMT")
        for seconds: time_t in [0, 951_782_400, 1_735_689_599, 4_102_444_800, time(nil)] {
            var t = seconds, parts = tm(), buffer = [CChar](repeating: 0, count: 40)
            gmtime_r(&t, &parts)
            let n = strftime(&buffer, buffer.count, "%a, %d %b %Y %H:%M:%S GMT", &parts)
            var ours: [UInt8] = []
            HTTPEncoder.appendHTTPDate(seconds, to: &ours)
            #expect(ours == buffer[0..<n].map { UInt8(bitPattern: $0) }, "\(seconds)")
        }
    }

    @Test func reason_knownAndUnknown() {
        #expect(HTTPEncoder.reason(for: 431) == "Request Header Fields Too Large")
        #expect(HTTPEncoder.reason(for: 418) == "Client Error")
    }
}
