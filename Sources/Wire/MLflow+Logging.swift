/// MLflow's logging endpoints: log-metric, log-parameter, log-batch, set-tag, delete-tag,
/// metrics/get-history.
extension MLflow {
    /// Most per-call limits of log-batch (mlflow/utils/validation.py).
    public static let maxMetricsPerBatch = 1_000, maxParamsTagsPerBatch = 100

    public enum LogMetric {
        public struct Request: RequestBody {
            public var runID: String
            public var metric: Metric
            enum CodingKeys: String, CodingKey, CaseIterable {
                case key, value, timestamp, step, runID = "run_id", runUUID = "run_uuid", modelID = "model_id"
                case datasetName = "dataset_name", datasetDigest = "dataset_digest"
            }
            public init(from decoder: any Decoder) throws {
                let c = try decoder.strictContainer(CodingKeys.self, context: "LogMetric")
                runID = try c.decodeText(forKey: .runID) ?? c.requireText(forKey: .runUUID)
                metric = try Metric(from: decoder)      // the same object holds the metric's fields
            }
        }
    }

    /// log-parameter and set-tag: a run, a key and a value.
    public struct RunKeyValue: RequestBody {
        public var runID: String
        public var key: String
        public var value: String
        enum CodingKeys: String, CodingKey, CaseIterable { case key, value, runID = "run_id", runUUID = "run_uuid" }
        public init(from decoder: any Decoder) throws {
            let c = try decoder.strictContainer(CodingKeys.self, context: "this request")
            runID = try c.decodeText(forKey: .runID) ?? c.requireText(forKey: .runUUID)
            key = try c.requireText(forKey: .key)
            value = try c.decodeIfPresent(String.self, forKey: .value) ?? ""
        }
    }

    public enum DeleteTag {
        public struct Request: RequestBody {
            public var runID: String
            public var key: String
            enum CodingKeys: String, CodingKey, CaseIterable { case key, runID = "run_id" }
            public init(from decoder: any Decoder) throws {
                let c = try decoder.strictContainer(CodingKeys.self, context: "DeleteTag")
                runID = try c.requireText(forKey: .runID)
                key = try c.requireText(forKey: .key)
            }
        }
    }

    public enum LogBatch {
        public struct Request: RequestBody {
            public var runID: String
            public var metrics: [Metric]
            public var params: [KeyValue]
            public var tags: [KeyValue]
            enum CodingKeys: String, CodingKey, CaseIterable { case metrics, params, tags, runID = "run_id" }
            public init(from decoder: any Decoder) throws {
                let c = try decoder.strictContainer(CodingKeys.self, context: "LogBatch")
                runID = try c.requireText(forKey: .runID)
                metrics = try c.decodeIfPresent([Metric].self, forKey: .metrics) ?? []
                params = try c.decodeIfPresent([KeyValue].self, forKey: .params) ?? []
                tags = try c.decodeIfPresent([KeyValue].self, forKey: .tags) ?? []
            }

            /// MLflow's limits: 1,000 metrics, 100 params and 100 tags per call.
            /// - Throws: `MLflowError(.invalidParameterValue)` naming the limit.
            public func validate() throws {
                for (what, count, limit) in [("metrics", metrics.count, maxMetricsPerBatch),
                                             ("params", params.count, maxParamsTagsPerBatch),
                                             ("tags", tags.count, maxParamsTagsPerBatch)] where count > limit {
                    throw MLflowError(.invalidParameterValue,
                                      "A batch logging request can contain at most \(limit) \(what). Got \(count) \(what). "
                                      + "Please split up \(what) across multiple requests and try again.")
                }
            }
        }
    }

    public enum GetMetricHistory {
        public struct Request: RequestBody {
            public var runID: String
            public var metricKey: String
            public var pageToken: String?
            public var maxResults: Int64?
            enum CodingKeys: String, CodingKey, CaseIterable {
                case runID = "run_id", runUUID = "run_uuid", metricKey = "metric_key", pageToken = "page_token"
                case maxResults = "max_results"
            }
            public init(from decoder: any Decoder) throws {
                let c = try decoder.strictContainer(CodingKeys.self, context: "GetMetricHistory")
                runID = try c.decodeText(forKey: .runID) ?? c.requireText(forKey: .runUUID)
                metricKey = try c.requireText(forKey: .metricKey)
                pageToken = try c.decodeText(forKey: .pageToken)
                maxResults = try c.decodeInt64(forKey: .maxResults)
            }
        }
        public struct Response: Codable, Sendable {
            public var metrics: [Metric]
            public var nextPageToken: String?
            enum CodingKeys: String, CodingKey { case metrics, nextPageToken = "next_page_token" }
            public init(metrics: [Metric], nextPageToken: String?) { (self.metrics, self.nextPageToken) = (metrics, nextPageToken) }
        }
    }
}
