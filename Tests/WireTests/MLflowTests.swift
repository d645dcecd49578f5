import Testing
import Wire

@Suite struct MLflowTests {
    @Test func metric_int64AsStringsAndNaN_decode() throws {
        let m = try WireJSON.strict(MLflow.Metric.self, from: Array(#"{"key": "a", "value": "NaN", "timestamp": "17", "step": "3"}"#.utf8))
        #expect(m.value.isNaN && m.timestamp == 17 && m.step == 3)
        #expect(try WireJSON.text(m) == #"{"key":"a","step":3,"timestamp":17,"value":"NaN"}"#)
    }

    @Test func logMetric_nonNumericValue_namesTheField() {
        #expect(throws: SpecError(field: "value", "expected a number (got 'abc')")) {
            try MLflow.LogMetric.Request.decode(Array(#"{"run_id": "1", "key": "a", "value": "abc", "timestamp": 1}"#.utf8))
        }
    }

    @Test func logBatch_overLimits_isInvalidParameterValue() throws {
        let metrics = (0...1000).map { #"{"key": "m", "value": \#($0), "timestamp": 1}"# }.joined(separator: ",")
        let request = try MLflow.LogBatch.Request.decode(Array(#"{"run_id": "1", "metrics": [\#(metrics)]}"#.utf8))
        #expect(throws: MLflowError.self) { try request.validate() }
    }

    @Test func error_encodesAsMLflowBody() throws {
        let e = MLflowError(SpecError(field: "key", "is required"))
        #expect(try WireJSON.text(e) == #"{"error_code":"INVALID_PARAMETER_VALUE","message":"Missing value for required parameter 'key'."}"#)
        #expect(e.status == 400 && MLflowError(.resourceDoesNotExist, "x").status == 404)
    }
}
