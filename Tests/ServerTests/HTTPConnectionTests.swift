import Foundation
import Testing
@testable import Server

/// End to end on 127.0.0.1: keep-alive, malformed input, limits and timeouts, one connection at a time.
struct HTTPConnectionTests {
    @Test func keepAlive_twoRequests_sameConnectionAnswersBoth() throws {
        let server = try TestServer()
        let client = try server.client()
        client.send("GET /echo/one HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(client.readResponse()?.text == #"{"q":"","word":"one"}"#)
        client.send("GET /echo/two?q=x%20y HTTP/1.1\r\nHost: t\r\n\r\n")
        let second = try #require(client.readResponse())
        #expect(second.status == 200)
        #expect(second.text == #"{"q":"x y","word":"two"}"#)
        #expect(second.headers["Connection"] == nil)
    }

    @Test func pipelined_requestsInOneSend_answeredInOrder() throws {
        let server = try TestServer()
        let client = try server.client()
        client.send("POST /echo HTTP/1.1\r\nContent-Length: 5\r\n\r\nhelloGET /echo/b HTTP/1.1\r\n\r\n")
        #expect(client.readResponse()?.text == "hello")
        #expect(client.readResponse()?.text == #"{"q":"","word":"b"}"#)
    }

    @Test func http10_withoutKeepAlive_closesAfterResponse() throws {
        let server = try TestServer()
        let client = try server.client()
        client.send("GET /x HTTP/1.0\r\n\r\n")
        let response = try #require(client.readResponse())
        #expect(response.headers["Connection"] == "close")
        #expect(client.isClosed(within: 2))
    }

    @Test func connectionClose_header_closesAfterResponse() throws {
        let server = try TestServer()
        let client = try server.client()
        client.send("GET /x HTTP/1.1\r\nConnection: close\r\n\r\n")
        #expect(client.readResponse()?.status == 200)
        #expect(client.isClosed(within: 2))
    }

    @Test func handlerConnectionClose_closesAfterResponse() throws {
        var router = Router.make()
        router.add("GET", "/bye") { _, _ in
            var response = HTTPResponse.text("bye")
            response.headers["Connection"] = "close"
            return response
        }
        let server = try TestServer(router: router)
        let client = try server.client()
        client.send("GET /bye HTTP/1.1\r\n\r\n")
        let response = try #require(client.readResponse())
        #expect(response.headers.values(for: "Connection") == ["close"])
        #expect(client.isClosed(within: 2))
    }

    @Test(arguments: [
        ("GARBAGE\r\n\r\n", 400),
        ("\u{1}\u{2}\u{ff}\r\n\r\n", 400),
        ("GET /" + String(repeating: "a", count: 9000) + " HTTP/1.1\r\n\r\n", 400),
        ("GET /x HTTP/2.0\r\n\r\n", 400),
        ("GET /%zz HTTP/1.1\r\n\r\n", 400),
        ("GET /x HTTP/1.1\r\nNo colon here\r\n\r\n", 400),
        ("GET /x HTTP/1.1\r\n" + String(repeating: "X-A: b\r\n", count: 101) + "\r\n", 431),
        ("GET /x HTTP/1.1\r\nX-Big: " + String(repeating: "b", count: 17 * 1024) + "\r\n\r\n", 431),
        ("POST /echo HTTP/1.1\r\nContent-Length: abc\r\n\r\n", 400),
        ("POST /echo HTTP/1.1\r\nContent-Length: -1\r\n\r\n", 400),
        ("POST /echo HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\nx", 400),
        ("POST /echo HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n", 411),
        ("POST /echo HTTP/1.1\r\nContent-Length: 2000000\r\n\r\n", 413),
    ])
    func malformed_request_answers4xxThenServerKeepsServing(raw: String, status: Int) throws {
        let server = try TestServer()
        let client = try server.client()
        client.send(raw)
        let response = try #require(client.readResponse())
        #expect(response.status == status)
        #expect(response.headers["Content-Type"] == "application/json")
        #expect(response.text.hasPrefix(#"{"error":{"code":""#))
        #expect(response.headers["Connection"] == "close")
        #expect(client.isClosed(within: 3))
        #expect(try server.get("/x")?.status == 200)
    }

    @Test func body_overLimitWhileSending_answers413WithoutReadingItAll() throws {
        let server = try TestServer(limits: .test(body: 1000))
        let client = try server.client()
        client.send("POST /echo HTTP/1.1\r\nContent-Length: 5000\r\n\r\n" + String(repeating: "z", count: 1500))
        let response = try #require(client.readResponse())
        #expect(response.status == 413)
        #expect(response.text.contains("payload_too_large"))
        #expect(try server.get("/x")?.status == 200)
    }

    @Test func oversizedHead_withoutLineEnd_answers431WithoutWaitingForTimeout() throws {
        let server = try TestServer(limits: .test(read: 5))
        let client = try server.client()
        client.send("GET /x HTTP/1.1\r\nX-Big: " + String(repeating: "b", count: 30 * 1024))
        let start = Date()
        #expect(client.readResponse(timeout: 3)?.status == 431)
        #expect(Date().timeIntervalSince(start) < 2)
    }

    @Test func expect100Continue_bodyWithheld_getsContinueThenResponse() throws {
        let server = try TestServer()
        let client = try server.client()
        client.send("POST /echo HTTP/1.1\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\n")
        #expect(client.readAvailable(until: { $0.contains("\r\n\r\n") }).hasPrefix("HTTP/1.1 100 Continue\r\n"))
        client.send("abc")
        #expect(client.readResponse()?.text == "abc")
    }

    @Test func slowClient_partialHead_closedAfterReadTimeout() throws {
        let server = try TestServer(limits: .test(read: 0.5))
        let client = try server.client()
        client.send("GET /x HTTP/1.1\r\nHost:")
        let start = Date()
        #expect(client.isClosed(within: 3))
        #expect(Date().timeIntervalSince(start) >= 0.4)
        #expect(try server.get("/x")?.status == 200)
    }

    @Test func slowClient_tricklingBytes_closedAtDeadlineNotPerByte() throws {
        let server = try TestServer(limits: .test(read: 0.6))
        let client = try server.client()
        let start = Date()
        for byte in "GET /x HTTP/1.1\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa".utf8 {
            guard client.send([byte]) else { break }
            usleep(50_000)
            if Date().timeIntervalSince(start) > 3 { break }
        }
        #expect(Date().timeIntervalSince(start) < 2.5)   // cut off while still trickling
        #expect(client.isClosed(within: 2))
    }

    @Test func truncatedBody_clientStalls_closedAfterTimeout() throws {
        let server = try TestServer(limits: .test(read: 0.5))
        let client = try server.client()
        client.send("POST /echo HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc")
        #expect(client.isClosed(within: 3))
        #expect(try server.get("/x")?.status == 200)
    }

    @Test func truncatedBody_clientCloses_serverKeepsServing() throws {
        let server = try TestServer()
        do {
            let client = try server.client()
            client.send("POST /echo HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc")
        }
        #expect(try server.get("/x")?.status == 200)
        #expect(server.eventually { server.server.connectionCount == 0 })
    }

    @Test func idleKeepAlive_closedAfterIdleTimeout() throws {
        let server = try TestServer(limits: .test(idle: 0.5))
        let client = try server.client()
        client.send("GET /x HTTP/1.1\r\n\r\n")
        #expect(client.readResponse()?.status == 200)
        #expect(client.isClosed(within: 3))
    }

    @Test func clientGone_beforeResponse_noSIGPIPE() throws {
        let server = try TestServer()
        do {
            let client = try server.client()
            client.send("GET /slow HTTP/1.1\r\n\r\n")
        }   // closed while the handler sleeps; the write then hits a reset socket
        usleep(500_000)
        #expect(try server.get("/x")?.status == 200)
    }

    @Test func head_request_hasLengthButNoBody() throws {
        let server = try TestServer()
        let client = try server.client()
        client.send("HEAD /x HTTP/1.1\r\n\r\nGET /x HTTP/1.1\r\n\r\n")
        let raw = client.readAvailable(until: { $0.components(separatedBy: "HTTP/1.1 200").count == 3 && $0.hasSuffix("}") })
        #expect(raw.components(separatedBy: "Content-Length: 11\r\n").count == 3)
        #expect(raw.components(separatedBy: #"{"ok":true}"#).count == 2)
    }
}
