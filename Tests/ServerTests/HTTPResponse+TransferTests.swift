import Foundation
import Testing
@testable import Server

struct HTTPResponseTransferTests {
    static let json = Array(String(repeating: "{\"run\":7,\"status\":\"finished\"},", count: 40).utf8)

    static func make(contentType: String = "application/json", body: [UInt8] = json, etag: String? = nil) -> HTTPResponse {
        var response = HTTPResponse(status: 200, headers: ["Content-Type": contentType], body: .bytes(body))
        if let etag { response.headers["ETag"] = etag }
        return response
    }

    static func request(_ headers: HTTPHeaders = [:], method: String = "GET") -> HTTPRequest {
        HTTPRequest(method: method, target: "/api/runs", headers: headers)
    }

    @Test func negotiated_acceptsGzip_bodyIsGzipAndInflatesBack() throws {
        let response = Self.make().negotiated(for: Self.request(["Accept-Encoding": "gzip, deflate, br"]))
        #expect(response.headers["Content-Encoding"] == "gzip")
        #expect(response.headers["Vary"] == "Accept-Encoding")
        #expect(response.bodyBytes.count < Self.json.count)
        #expect(gunzip(response.bodyBytes, expectedSize: Self.json.count) == Self.json)
    }

    @Test func negotiated_noAcceptEncoding_bodyUnchanged() {
        let response = Self.make().negotiated(for: Self.request())
        #expect(response.headers["Content-Encoding"] == nil)
        #expect(response.bodyBytes == Self.json)
    }

    @Test func negotiated_gzipQZero_bodyUnchanged() {
        let response = Self.make().negotiated(for: Self.request(["Accept-Encoding": "gzip;q=0, identity"]))
        #expect(response.headers["Content-Encoding"] == nil)
    }

    @Test func negotiated_csvAndJavaScript_areCompressed() {
        for type in ["text/csv; charset=utf-8", "text/javascript; charset=utf-8"] {
            let response = Self.make(contentType: type).negotiated(for: Self.request(["Accept-Encoding": "gzip"]))
            #expect(response.headers["Content-Encoding"] == "gzip", "\(type)")
        }
    }

    @Test func negotiated_imageOrTinyBody_notCompressed() {
        let png = Self.make(contentType: "image/png").negotiated(for: Self.request(["Accept-Encoding": "gzip"]))
        #expect(png.headers["Content-Encoding"] == nil)
        let tiny = Self.make(body: Array("{}".utf8)).negotiated(for: Self.request(["Accept-Encoding": "gzip"]))
        #expect(tiny.headers["Content-Encoding"] == nil)
        #expect(tiny.bodyBytes == Array("{}".utf8))
    }

    @Test func negotiated_ifNoneMatchSameTag_returns304WithoutBody() {
        let response = Self.make(etag: "\"abc-1\"").negotiated(for: Self.request(["If-None-Match": "\"abc-1\""]))
        #expect(response.status == 304)
        #expect(response.bodyBytes.isEmpty)
        #expect(response.headers["ETag"] == "\"abc-1\"")
    }

    @Test func negotiated_ifNoneMatchGzipTag_returns304ForGzipClient() {
        let gzipped = Self.make(etag: "\"abc-1\"").negotiated(for: Self.request(["Accept-Encoding": "gzip"]))
        let tag = gzipped.headers["ETag"] ?? ""
        #expect(tag == "\"abc-1-gz\"")
        let again = Self.make(etag: "\"abc-1\"").negotiated(for: Self.request(["Accept-Encoding": "gzip", "If-None-Match": tag]))
        #expect(again.status == 304)
    }

    @Test func negotiated_ifNoneMatchOtherTag_returns200() {
        let response = Self.make(etag: "\"abc-1\"").negotiated(for: Self.request(["If-None-Match": "\"old\", W/\"older\""]))
        #expect(response.status == 200)
        #expect(response.bodyBytes == Self.json)
    }

    @Test func negotiated_errorStatus_untouched() {
        var response = Self.make(etag: "\"abc-1\"")
        response.status = 404
        let sent = response.negotiated(for: Self.request(["Accept-Encoding": "gzip", "If-None-Match": "\"abc-1\""]))
        #expect(sent.status == 404)
        #expect(sent.headers["Content-Encoding"] == nil)
    }

    @Test func staticFile_secondRequestWithItsETag_is304() throws {
        let root = NSTemporaryDirectory() + "transfer-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try String(repeating: "body { color: red }\n", count: 50).write(toFile: root + "/style.css", atomically: false, encoding: .utf8)
        let files = StaticFiles(root: root)
        let first = try #require(files.response(for: "/style.css")).negotiated(for: Self.request(["Accept-Encoding": "gzip"]))
        #expect(first.status == 200)
        #expect(first.headers["Cache-Control"] == "no-cache")
        let tag = try #require(first.headers["ETag"])
        let second = try #require(files.response(for: "/style.css"))
            .negotiated(for: Self.request(["Accept-Encoding": "gzip", "If-None-Match": tag]))
        #expect(second.status == 304)
    }
}
