import Testing
@testable import Server

struct RouterTests {
    struct Boom: Error {}

    func router() -> Router {
        var router = Router(logger: quietLogger)
        router.add("GET", "/api/runs") { _, _ in .json(["runs": [Int]()]) }
        router.add("POST", "/api/runs") { _, _ in .json(["id": 1], status: 201) }
        router.add("GET", "/api/runs/{id}/epochs") { _, params in .json(["id": params["id"] ?? ""]) }
        router.add("DELETE", "/api/runs/{id}") { _, params in
            throw APIError(.conflict, "run \(params["id"] ?? "") is running")
        }
        router.add("GET", "/api/boom") { _, _ in throw Boom() }
        return router
    }

    func body(_ response: HTTPResponse) -> String { String(decoding: response.bodyBytes, as: UTF8.self) }

    @Test func handle_patternWithCapture_passesDecodedParam() {
        let response = router().handle(HTTPRequest(method: "GET", target: "/api/runs/7%20b/epochs"))
        #expect(response.status == 200)
        #expect(body(response) == #"{"id":"7 b"}"#)
    }

    @Test func handle_trailingSlash_matches() {
        #expect(router().handle(HTTPRequest(method: "GET", target: "/api/runs/")).status == 200)
    }

    @Test func handle_unknownPath_is404NotFound() {
        let response = router().handle(HTTPRequest(method: "GET", target: "/api/nope"))
        #expect(response.status == 404)
        #expect(body(response).contains(#""code":"not_found""#))
    }

    @Test func handle_wrongMethod_is405WithAllow() {
        let response = router().handle(HTTPRequest(method: "PUT", target: "/api/runs"))
        #expect(response.status == 405)
        #expect(response.headers["Allow"] == "GET, POST, HEAD")
        #expect(body(response).contains(#""code":"method_not_allowed""#))
    }

    @Test func handle_thrownAPIError_isItsJSON() {
        let response = router().handle(HTTPRequest(method: "DELETE", target: "/api/runs/3"))
        #expect(response.status == 409)
        #expect(body(response) == #"{"error":{"code":"conflict","field":null,"message":"run 3 is running"}}"#)
    }

    @Test func handle_otherError_is500WithGenericMessage() {
        let response = router().handle(HTTPRequest(method: "GET", target: "/api/boom"))
        #expect(response.status == 500)
        #expect(body(response).contains(#""code":"internal""#))
        #expect(!body(response).contains("Boom"))
    }

    @Test func handle_head_usesGetRoute() {
        #expect(router().handle(HTTPRequest(method: "HEAD", target: "/api/runs")).status == 200)
    }

    @Test func fallback_nonAPIGet_isUsedAndNilIs404() {
        var router = router()
        router.fallback = { request in request.path == "/" ? .text("index") : nil }
        #expect(body(router.handle(HTTPRequest(method: "GET", target: "/"))) == "index")
        #expect(router.handle(HTTPRequest(method: "GET", target: "/missing.js")).status == 404)
        #expect(router.handle(HTTPRequest(method: "POST", target: "/", body: [])).status == 404)
        #expect(router.handle(HTTPRequest(method: "GET", target: "/api/zzz")).status == 404)
    }

    @Test func fallback_throwing_isCaughtToo() {
        var router = router()
        router.fallback = { _ in throw Boom() }
        #expect(router.handle(HTTPRequest(method: "GET", target: "/x")).status == 500)
    }
}

struct RouterTranslateTests {
    struct Full: Error {}

    @Test func handle_translatedError_isAnsweredWithItsAPIError() {
        var router = Router(logger: quietLogger)
        router.add("POST", "/api/runs") { _, _ in throw Full() }
        router.add("GET", "/api/boom") { _, _ in throw RouterTests.Boom() }
        router.translate = { $0 is Full ? APIError(.insufficientStorage, "the disk is full") : nil }
        let full = router.handle(HTTPRequest(method: "POST", target: "/api/runs"))
        #expect(full.status == 507)
        #expect(String(decoding: full.bodyBytes, as: UTF8.self).contains(#""code":"insufficient_storage""#))
        #expect(router.handle(HTTPRequest(method: "GET", target: "/api/boom")).status == 500)
    }
}
