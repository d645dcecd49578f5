import Testing
@testable import App
import Wire

@Suite struct MLflowSearchTests {
    static func run(_ metrics: [String: Double] = [:], params: [String: String] = [:], tags: [String: String] = [:],
                    status: String = "FINISHED", start: Double = 0) -> MLflowSearch.Candidate {
        MLflowSearch.Candidate(strings: ["status": status, "run_name": tags["mlflow.runName"] ?? "r", "run_id": "1",
                                         "user_id": "", "artifact_uri": "", "lifecycle_stage": "active"],
                               numbers: ["start_time": start], metrics: metrics, params: params, tags: tags)
    }

    @Test func filter_metricsParamsTagsAttributes_matchLikeMLflow() throws {
        let r = Self.run(["acc": 0.95], params: ["optimizer.type": "adam"], tags: ["mlflow.runName": "seed-1"])
        let yes = ["metrics.acc > 0.9", "metrics.acc >= 0.95 AND params.`optimizer.type` = 'adam'",
                   #"tags."mlflow.runName" LIKE 'seed%'"#, "tags.`mlflow.runName` ILIKE 'SEED-_'",
                   "attributes.status IN ('FINISHED', 'FAILED')", "status != 'RUNNING'", "params.\"optimizer.type\" != \"sgd\"",
                   "attribute.start_time <= 0", "metric.acc = 0.95", ""]
        for text in yes { #expect(try MLflowSearch.Filter(text).matches(r), "\(text)") }
        let no = ["metrics.acc < 0.9", "metrics.missing > 0", "params.`optimizer.type` = 'sgd'",
                  "attributes.status NOT IN ('FINISHED')", "tags.`mlflow.runName` LIKE 'seed'"]
        for text in no { #expect(try !MLflowSearch.Filter(text).matches(r), "\(text)") }
    }

    @Test func filter_malformed_throwsInvalidParameterValue() {
        for text in ["metrics.acc >", "metrics.acc > 'x'", "params.lr > 1", "foo.bar = 1", "metrics.a > 1 or metrics.b > 1",
                     "attributes.nope = 'x'", "params.lr = 'open", "params.lr LIKE 1", "metrics.a ~ 1", "params.a IN ('x'"] {
            #expect(throws: MLflowError.self, "\(text)") { try MLflowSearch.Filter(text) }
            do { _ = try MLflowSearch.Filter(text) } catch let e as MLflowError {
                #expect(e.errorCode == .invalidParameterValue)
            } catch { Issue.record("\(error)") }
        }
    }

    @Test func sort_byMetricDescending_missingLast_thenNewestFirst() throws {
        let runs = [(Self.run(["acc": 0.5], start: 1), Int64(1)), (Self.run([:], start: 9), 2),
                    (Self.run(["acc": 0.9], start: 2), 3), (Self.run(["acc": 0.5], start: 5), 4)]
        let sorted = MLflowSearch.sort(runs, by: [try MLflowSearch.Order("metrics.acc DESC")])
        #expect(sorted.map(\.1) == [3, 4, 1, 2])
        let ascending = MLflowSearch.sort(runs, by: [try MLflowSearch.Order("metrics.acc")])
        #expect(ascending.map(\.1) == [4, 1, 3, 2])
        #expect(throws: MLflowError.self) { try MLflowSearch.Order("metrics.acc DESC extra") }
    }

    @Test func like_percentAndUnderscore() {
        #expect(MLflowSearch.like("seed-12", "seed-%", caseSensitive: true))
        #expect(MLflowSearch.like("seed-12", "s__d%2", caseSensitive: true))
        #expect(!MLflowSearch.like("Seed", "seed", caseSensitive: true))
        #expect(MLflowSearch.like("Seed", "seed", caseSensitive: false))
    }
}
