import Testing
@testable import Server

struct HTTPRequestJSONTests {
    struct Spec: Decodable, Equatable {
        struct Optimizer: Decodable, Equatable { let learningRate: Double }
        let batchSize: Int
        let optimizer: Optimizer
    }

    func request(_ json: String, contentType: String = "application/json") -> HTTPRequest {
        HTTPRequest(method: "POST", target: "/api/runs", headers: ["Content-Type": contentType], body: Array(json.utf8))
    }

    func error(_ request: HTTPRequest) -> APIError? {
        do { _ = try request.decodeJSON(Spec.self); return nil } catch { return error as? APIError }
    }

    @Test func decodeJSON_snakeCaseBody_decodes() throws {
        let spec = try request(#"{"batch_size": 32, "optimizer": {"learning_rate": 0.1}}"#,
                               contentType: "application/json; charset=utf-8").decodeJSON(Spec.self)
        #expect(spec == Spec(batchSize: 32, optimizer: .init(learningRate: 0.1)))
    }

    @Test func decodeJSON_notJSONContentType_is415() {
        #expect(error(request("{}", contentType: "text/plain"))?.code == .unsupportedMediaType)
    }

    @Test func decodeJSON_syntaxError_isBadRequest() {
        #expect(error(request("{oops"))?.code == .badRequest)
    }

    @Test func decodeJSON_wrongType_namesTheField() {
        let failure = error(request(#"{"batch_size": 32, "optimizer": {"learning_rate": "fast"}}"#))
        #expect(failure?.code == .invalidSpec)
        #expect(failure?.field == "optimizer.learning_rate")
    }

    @Test func decodeJSON_missingField_namesTheField() {
        let failure = error(request(#"{"optimizer": {"learning_rate": 1}}"#))
        #expect(failure?.code == .invalidSpec)
        #expect(failure?.field == "batch_size")
    }
}
