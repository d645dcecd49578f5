/// MLflow's run endpoints: create, get, update, delete, restore, search.
extension MLflow {
    public enum CreateRun {
        public struct Request: RequestBody {
            public var experimentID: String?
            public var userID: String?
            public var runName: String?
            public var startTime: Int64?
            public var tags: [KeyValue]
            enum CodingKeys: String, CodingKey, CaseIterable {
                case tags, experimentID = "experiment_id", userID = "user_id", runName = "run_name", startTime = "start_time"
            }
            public init(from decoder: any Decoder) throws {
                let c = try decoder.strictContainer(CodingKeys.self, context: "CreateRun")
                experimentID = try c.decodeText(forKey: .experimentID)
                userID = try c.decodeText(forKey: .userID)
                runName = try c.decodeText(forKey: .runName)
                startTime = try c.decodeInt64(forKey: .startTime)
                tags = try c.decodeIfPresent([KeyValue].self, forKey: .tags) ?? []
            }
        }
    }

    /// runs/create and runs/get.
    public struct RunResponse: Codable, Sendable {
        public var run: Run
        public init(run: Run) { self.run = run }
    }

    /// GET runs/get?run_id=, and the body of runs/delete and restore. `run_uuid` is the old name.
    public struct RunID: RequestBody {
        public var runID: String
        enum CodingKeys: String, CodingKey, CaseIterable { case runID = "run_id", runUUID = "run_uuid" }
        public init(from decoder: any Decoder) throws {
            let c = try decoder.strictContainer(CodingKeys.self, context: "this request")
            runID = try c.decodeText(forKey: .runID) ?? c.requireText(forKey: .runID)
        }
    }

    public enum UpdateRun {
        public struct Request: RequestBody {
            public var runID: String
            public var status: RunStatus?
            public var endTime: Int64?
            public var runName: String?
            enum CodingKeys: String, CodingKey, CaseIterable {
                case status, runID = "run_id", runUUID = "run_uuid", endTime = "end_time", runName = "run_name"
            }
            public init(from decoder: any Decoder) throws {
                let c = try decoder.strictContainer(CodingKeys.self, context: "UpdateRun")
                runID = try c.decodeText(forKey: .runUUID) ?? c.requireText(forKey: .runID)
                if let id = try c.decodeText(forKey: .runID) { runID = id }
                status = try c.decodeChoice(RunStatus.self, forKey: .status)
                endTime = try c.decodeInt64(forKey: .endTime)
                runName = try c.decodeText(forKey: .runName)
            }
        }
        public struct Response: Codable, Sendable {
            public var runInfo: RunInfo
            enum CodingKeys: String, CodingKey { case runInfo = "run_info" }
            public init(runInfo: RunInfo) { self.runInfo = runInfo }
        }
    }

    public enum SearchRuns {
        public struct Request: RequestBody {
            public var experimentIDs: [String]
            public var filter: String?
            public var runViewType: String?
            public var maxResults: Int64?
            public var orderBy: [String]
            public var pageToken: String?
            enum CodingKeys: String, CodingKey, CaseIterable {
                case filter, experimentIDs = "experiment_ids", runViewType = "run_view_type", maxResults = "max_results"
                case orderBy = "order_by", pageToken = "page_token"
            }
            public init(from decoder: any Decoder) throws {
                let c = try decoder.strictContainer(CodingKeys.self, context: "SearchRuns")
                experimentIDs = try c.decodeIfPresent([String].self, forKey: .experimentIDs) ?? []
                filter = try c.decodeText(forKey: .filter)
                runViewType = try c.decodeText(forKey: .runViewType)
                maxResults = try c.decodeInt64(forKey: .maxResults)
                orderBy = try c.decodeIfPresent([String].self, forKey: .orderBy) ?? []
                pageToken = try c.decodeText(forKey: .pageToken)
            }
        }
        public struct Response: Codable, Sendable {
            public var runs: [Run]
            public var nextPageToken: String?
            enum CodingKeys: String, CodingKey { case runs, nextPageToken = "next_page_token" }
            public init(runs: [Run], nextPageToken: String?) { (self.runs, self.nextPageToken) = (runs, nextPageToken) }
        }
    }
}
