import Testing
@testable import Server

struct HTTPResponseTests {
    struct Row: Encodable {
        let trainLoss: Double
        let testAccuracy: Float?
        let runId: Int
        enum CodingKeys: String, CodingKey { case trainLoss = "train_loss", testAccuracy = "test_accuracy", runId = "run_id" }
    }

    @Test func json_keys_areTheTypesCodingKeys_sorted() {
        let response = HTTPResponse.json(Row(trainLoss: 0.5, testAccuracy: 0.25, runId: 7), status: 201)
        #expect(response.status == 201)
        #expect(response.headers["Content-Type"] == "application/json")
        #expect(String(decoding: response.bodyBytes, as: UTF8.self) == #"{"run_id":7,"test_accuracy":0.25,"train_loss":0.5}"#)
    }

    @Test func json_nonFiniteNumbers_becomeNull() {
        let rows = [Row(trainLoss: .nan, testAccuracy: .infinity, runId: 1), Row(trainLoss: -.infinity, testAccuracy: 1, runId: 2)]
        let text = String(decoding: HTTPResponse.json(rows).bodyBytes, as: UTF8.self)
        #expect(text == #"[{"run_id":1,"test_accuracy":null,"train_loss":null},{"run_id":2,"test_accuracy":1,"train_loss":null}]"#)
    }

    @Test func json_stringsLikeTheSentinelText_areUntouched() {
        let text = String(decoding: HTTPResponse.json(["a": "mlplab-nonfinite", "b": "nan"]).bodyBytes, as: UTF8.self)
        #expect(text == #"{"a":"mlplab-nonfinite","b":"nan"}"#)
    }

    @Test func json_slashes_areNotEscaped() {
        #expect(String(decoding: HTTPResponse.json(["location": "/api/runs/7"]).bodyBytes, as: UTF8.self)
                == #"{"location":"/api/runs/7"}"#)
    }

    @Test func error_envelope_carriesCodeStatusAndNullField() {
        let response = HTTPResponse.error(APIError(.notFound, "no run 7"))
        #expect(response.status == 404)
        #expect(String(decoding: response.bodyBytes, as: UTF8.self)
                == #"{"error":{"code":"not_found","field":null,"message":"no run 7"}}"#)
    }

    @Test func text_and_empty_setStatusAndType() {
        let csv = HTTPResponse.text("a,b\n", contentType: "text/csv; charset=utf-8")
        #expect(csv.headers["content-type"] == "text/csv; charset=utf-8")
        #expect(csv.bodyBytes == Array("a,b\n".utf8))
        #expect(HTTPResponse.empty().status == 204)
        #expect(HTTPResponse.empty(status: 202).bodyBytes.isEmpty)
    }

    @Test func stream_setsEventStreamHeaders() {
        let response = HTTPResponse.stream { _ in }
        #expect(response.headers["Content-Type"] == "text/event-stream")
        guard case .stream = response.body else { Issue.record("not a stream"); return }
    }
}
