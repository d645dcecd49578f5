import Testing
@testable import Server

struct APIErrorTests {
    @Test func encode_withField_nestsUnderError() throws {
        let bytes = try HTTPResponse.encodeJSON(APIError(.invalidSpec, "must be > 0 (got -1.0)", field: "optimizer.lr"))
        #expect(String(decoding: bytes, as: UTF8.self)
                == #"{"error":{"code":"invalid_spec","field":"optimizer.lr","message":"must be > 0 (got -1.0)"}}"#)
    }

    @Test func encode_withoutField_writesNull() throws {
        let bytes = try HTTPResponse.encodeJSON(APIError(.conflict, "run 7 is running"))
        #expect(String(decoding: bytes, as: UTF8.self).contains(#""field":null"#))
    }

    @Test func status_comesFromCode() {
        #expect(APIError(.unavailable, "x").status == 503)
        #expect("\(APIError(.invalidSpec, "bad", field: "epochs"))" == "invalid_spec: bad (field epochs)")
    }
}
