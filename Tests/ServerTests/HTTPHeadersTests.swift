import Testing
@testable import Server

struct HTTPHeadersTests {
    @Test func subscript_anyCase_findsValue() {
        let headers: HTTPHeaders = ["Content-Type": "application/json"]
        #expect(headers["content-type"] == "application/json")
        #expect(headers["CONTENT-TYPE"] == "application/json")
        #expect(headers["Content-Length"] == nil)
    }

    @Test func sameName_punctuation_isNotFoldedLikeLetters() {
        #expect(!HTTPHeaders.sameName("a-b", "a\rb"))   // '-' and '\r' differ only in bit 0x20
        #expect(!HTTPHeaders.sameName("x", "xy"))
        #expect(HTTPHeaders.sameName("X-Request-Id", "x-request-id"))
    }

    @Test func set_replacesAllOfThatName_keepsOrder() {
        var headers = HTTPHeaders()
        headers.add("A", "1")
        headers.add("B", "2")
        headers.add("a", "3")
        #expect(headers.values(for: "A") == ["1", "3"])
        headers["A"] = "4"
        #expect(headers.fields.map(\.name) == ["B", "A"])
        #expect(headers.values(for: "a") == ["4"])
        headers["b"] = nil
        #expect(headers.count == 1)
        #expect(!headers.contains("B"))
    }
}
