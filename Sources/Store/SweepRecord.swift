/// One row of `sweeps`: the sweep as submitted (its runs are rows of `runs` with its id).
public struct SweepRecord: Sendable, Equatable {
    public var id: Int64
    public var name: String
    /// The sweep spec as JSON text, defaults filled in.
    public var specJSON: String
    /// The objective: an epoch row key, maximised or minimised.
    public var metric: String
    public var goal: String
    public var createdAt: String

    static let columns = "id, name, spec_json, metric, goal, created_at"

    init(row: Statement) {
        self.init(id: row.int64(0), name: row.text(1), specJSON: row.text(2), metric: row.text(3), goal: row.text(4),
                  createdAt: row.text(5))
    }

    public init(id: Int64, name: String, specJSON: String, metric: String, goal: String, createdAt: String) {
        (self.id, self.name, self.specJSON, self.metric, self.goal, self.createdAt) = (id, name, specJSON, metric, goal, createdAt)
    }
}
