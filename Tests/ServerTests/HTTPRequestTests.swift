import Testing
@testable import Server

struct HTTPRequestTests {
    @Test func init_fromTarget_decodesPathAndQuery() {
        let request = HTTPRequest(method: "GET", target: "/api/runs/7%20x?limit=2&name=a+b")
        #expect(request.path == "/api/runs/7 x")
        #expect(request.query == ["limit": "2", "name": "a b"])
        #expect(request.target == "/api/runs/7%20x?limit=2&name=a+b")
        #expect(request.body.isEmpty)
    }

    @Test func init_fromMalformedTarget_keepsRawPath() {
        let request = HTTPRequest(method: "GET", target: "/bad%zz?x=%q")
        #expect(request.path == "/bad%zz")
        #expect(request.query.isEmpty)
    }
}
