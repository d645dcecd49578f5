import Foundation
import Testing
@testable import Server

/// Each test builds its own tree: `parent/root/...` is served, `parent/secret.txt` must never be.
struct StaticFilesTests {
    let parent: String
    let files: StaticFiles

    init() throws {
        parent = NSTemporaryDirectory() + "static-\(UUID().uuidString)"
        let root = parent + "/root"
        let manager = FileManager.default
        try manager.createDirectory(atPath: root + "/sub", withIntermediateDirectories: true)
        let contents = ["index.html": "<h1>runs</h1>", "app.js": "1", "mod.mjs": "2", "style.css": "3", "data.json": "{}",
                        "icon.svg": "<svg/>", "logo.png": "p", "favicon.ico": "i", "notes.txt": "t", "blob.bin": "b",
                        "sub/index.html": "sub"]
        for (name, text) in contents { try text.write(toFile: root + "/" + name, atomically: false, encoding: .utf8) }
        try "secret".write(toFile: parent + "/secret.txt", atomically: false, encoding: .utf8)
        try manager.createSymbolicLink(atPath: root + "/escape.txt", withDestinationPath: parent + "/secret.txt")
        try manager.createSymbolicLink(atPath: root + "/etc", withDestinationPath: "/etc")
        try manager.createSymbolicLink(atPath: root + "/alias.js", withDestinationPath: "app.js")
        files = StaticFiles(root: root)
    }

    func body(_ path: String) -> String? {
        files.response(for: path).map { String(decoding: $0.bodyBytes, as: UTF8.self) }
    }

    @Test func response_root_servesIndexHTML() throws {
        let response = try #require(files.response(for: "/"))
        #expect(response.status == 200)
        #expect(response.headers["Content-Type"] == "text/html; charset=utf-8")
        #expect(body("/") == "<h1>runs</h1>")
        #expect(body("/sub/") == "sub")
    }

    @Test func response_file_hasContentETagAndNoCache() throws {
        let first = try #require(files.response(for: "/app.js"))
        #expect(first.headers["ETag"] == files.response(for: "/app.js")?.headers["ETag"])
        #expect(first.headers["ETag"] != files.response(for: "/style.css")?.headers["ETag"])
        #expect(first.headers["ETag"]?.hasPrefix("\"") == true)
        #expect(first.headers["Cache-Control"] == "no-cache")
    }

    @Test func response_extensions_haveContentTypes() {
        let expected = ["/app.js": "text/javascript; charset=utf-8", "/mod.mjs": "text/javascript; charset=utf-8",
                        "/style.css": "text/css; charset=utf-8", "/data.json": "application/json",
                        "/icon.svg": "image/svg+xml", "/logo.png": "image/png", "/favicon.ico": "image/x-icon",
                        "/notes.txt": "text/plain; charset=utf-8", "/blob.bin": "application/octet-stream"]
        for (path, type) in expected { #expect(files.response(for: path)?.headers["Content-Type"] == type, "\(path)") }
    }

    @Test func response_symlinkInsideRoot_isServed() {
        #expect(body("/alias.js") == "1")
    }

    @Test func response_percentEncodedName_isDecoded() {
        #expect(body("/%61pp.js") == "1")
    }

    @Test func response_traversalAttempts_areNil() {
        let attempts = ["/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/static/..%2f..%2fetc/passwd",
                        "/..%2fsecret.txt", "/../secret.txt", "/sub/../index.html", "/%2E%2E/secret.txt",
                        "/%252e%252e/secret.txt", "//etc/passwd", "/./index.html", "/..\\secret.txt",
                        "/index.html%00.js", "relative.txt", "/escape.txt", "/etc/passwd", "/sub", "/missing.js", "/%zz"]
        for path in attempts { #expect(files.response(for: path) == nil, "\(path) was served") }
    }

    @Test func response_missingRoot_servesNothing() {
        #expect(StaticFiles(root: parent + "/nope").response(for: "/") == nil)
    }
}
