import Foundation
import Testing
import Wire

@Suite struct WireJSONTests {
    struct Metric: Codable { let value: Double }
    struct Spec: Codable {
        let lr: Double
        init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(allowed: ["lr"], context: "a test spec")
            lr = try decoder.container(keyedBy: AnyCodingKey.self).decode(Double.self, forKey: AnyCodingKey(stringValue: "lr"))
        }
    }

    @Test func encode_nonFiniteNumbers_becomeNull() throws {
        #expect(try WireJSON.text([Metric(value: .nan), Metric(value: -.infinity), Metric(value: 1.5)])
                == #"[{"value":null},{"value":null},{"value":1.5}]"#)
    }

    @Test func encode_sortsKeys() throws {
        #expect(try WireJSON.text(Health.example).hasPrefix(#"{"devices":[{"detail":"9.0","index":0,"memory_mb""#))
    }

    @Test func strict_notJSON_isBodyError() {
        #expect(throws: SpecError.self) { try WireJSON.strict(Spec.self, from: Array("lr=1".utf8)) }
        do { _ = try WireJSON.strict(Spec.self, from: Array("lr=1".utf8)) } catch {
            #expect(error.field.isEmpty && error.message.hasPrefix("invalid JSON"))
        }
    }

    @Test func strict_wrongType_namesField() {
        do { _ = try WireJSON.strict(Spec.self, from: Array(#"{"lr": "x"}"#.utf8)); Issue.record("accepted") } catch {
            #expect(error == SpecError(field: "lr", "expected a number"))
        }
    }

    @Test func strict_unknownKey_namesIt() {
        do { _ = try WireJSON.strict(Spec.self, from: Array(#"{"lr": 1, "lrr": 2}"#.utf8)); Issue.record("accepted") } catch {
            #expect(error.field == "lrr" && error.message.contains("expected one of: lr"))
        }
    }

    @Test func errorBody_nilField_isExplicitNull() throws {
        #expect(try WireJSON.text(ErrorBody(code: .notFound, message: "no run 7", field: nil))
                == #"{"error":{"code":"not_found","field":null,"message":"no run 7"}}"#)
    }
}
