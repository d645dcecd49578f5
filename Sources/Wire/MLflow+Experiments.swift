/// MLflow's experiment endpoints: requests and responses.
extension MLflow {
    public enum CreateExperiment {
        public struct Request: RequestBody {
            public var name: String
            public var artifactLocation: String?
            public var tags: [KeyValue]
            enum CodingKeys: String, CodingKey, CaseIterable { case name, tags, artifactLocation = "artifact_location" }
            public init(from decoder: any Decoder) throws {
                let c = try decoder.strictContainer(CodingKeys.self, context: "CreateExperiment")
                name = try c.requireText(forKey: .name)
                artifactLocation = try c.decodeText(forKey: .artifactLocation)
                tags = try c.decodeIfPresent([KeyValue].self, forKey: .tags) ?? []
            }
        }
        public struct Response: Codable, Sendable {
            public var experimentID: String
            enum CodingKeys: String, CodingKey { case experimentID = "experiment_id" }
            public init(experimentID: String) { self.experimentID = experimentID }
        }
    }

    /// GET experiments/get?experiment_id=, and the body of experiments/delete and restore.
    public struct ExperimentID: RequestBody {
        public var experimentID: String
        enum CodingKeys: String, CodingKey, CaseIterable { case experimentID = "experiment_id" }
        public init(from decoder: any Decoder) throws {
            let c = try decoder.strictContainer(CodingKeys.self, context: "this request")
            experimentID = try c.requireText(forKey: .experimentID)
        }
    }

    public enum GetExperimentByName {
        public struct Request: RequestBody {
            public var experimentName: String
            enum CodingKeys: String, CodingKey, CaseIterable { case experimentName = "experiment_name" }
            public init(from decoder: any Decoder) throws {
                let c = try decoder.strictContainer(CodingKeys.self, context: "GetExperimentByName")
                experimentName = try c.requireText(forKey: .experimentName)
            }
        }
    }

    /// experiments/get and get-by-name.
    public struct ExperimentResponse: Codable, Sendable {
        public var experiment: Experiment
        public init(experiment: Experiment) { self.experiment = experiment }
    }

    public enum SearchExperiments {
        public struct Request: RequestBody {
            public var maxResults: Int64?
            public var pageToken: String?
            public var filter: String?
            public var orderBy: [String]
            public var viewType: String?
            enum CodingKeys: String, CodingKey, CaseIterable {
                case filter, maxResults = "max_results", pageToken = "page_token", orderBy = "order_by", viewType = "view_type"
            }
            public init(from decoder: any Decoder) throws {
                let c = try decoder.strictContainer(CodingKeys.self, context: "SearchExperiments")
                maxResults = try c.decodeInt64(forKey: .maxResults)
                pageToken = try c.decodeText(forKey: .pageToken)
                filter = try c.decodeText(forKey: .filter)
                orderBy = try c.decodeIfPresent([String].self, forKey: .orderBy) ?? []
                viewType = try c.decodeText(forKey: .viewType)
            }
        }
        public struct Response: Codable, Sendable {
            public var experiments: [Experiment]
            public var nextPageToken: String?
            enum CodingKeys: String, CodingKey { case experiments, nextPageToken = "next_page_token" }
            public init(experiments: [Experiment], nextPageToken: String?) {
                (self.experiments, self.nextPageToken) = (experiments, nextPageToken)
            }
        }
    }

    public enum UpdateExperiment {
        public struct Request: RequestBody {
            public var experimentID: String
            public var newName: String
            enum CodingKeys: String, CodingKey, CaseIterable { case experimentID = "experiment_id", newName = "new_name" }
            public init(from decoder: any Decoder) throws {
                let c = try decoder.strictContainer(CodingKeys.self, context: "UpdateExperiment")
                experimentID = try c.requireText(forKey: .experimentID)
                newName = try c.requireText(forKey: .newName)
            }
        }
    }

    public enum SetExperimentTag {
        public struct Request: RequestBody {
            public var experimentID: String
            public var key: String
            public var value: String
            enum CodingKeys: String, CodingKey, CaseIterable { case key, value, experimentID = "experiment_id" }
            public init(from decoder: any Decoder) throws {
                let c = try decoder.strictContainer(CodingKeys.self, context: "SetExperimentTag")
                experimentID = try c.requireText(forKey: .experimentID)
                key = try c.requireText(forKey: .key)
                value = try c.decodeIfPresent(String.self, forKey: .value) ?? ""
            }
        }
    }
}
