/// Listing runs for `GET /api/runs`: filters, sorts and keyset pagination.
extension RunStore {
    /// One page of runs matching `query`, in its order, and the cursor for the next page.
    ///
    /// Pagination is by keyset (the last row's sort key and id), never OFFSET: a page costs
    /// the same at any depth, and runs added between pages cause no duplicates or gaps. A
    /// metric sort reads two segments, runs with the metric (through its index) and then
    /// runs without one (no epoch yet), so the runs without come last in either direction.
    /// - Throws: `StoreError.invalidCursor` when `query.after` is not a cursor this listing
    ///   handed out for the same sort.
    public func listRuns(_ query: RunQuery) throws -> RunPage {
        precondition(query.limit >= 1, "RunStore.listRuns: limit must be >= 1 (got \(query.limit))")
        let cursor = try query.after.map { try RunCursor(decoding: $0, for: query.sort) }
        let wanted = query.limit + 1                       // one extra row tells whether a next page exists
        var runs = try readers.read { db in
            try db.transaction(.deferred) {
                guard let column = query.sort.column else {
                    return try Self.segment(db, query, where: cursor.map { ("id \(Self.op(query.sort)) ?", [$0.id]) },
                                            orderBy: "id", limit: wanted)
                }
                var runs: [RunRecord] = []
                if cursor == nil || cursor?.value != nil {  // the cursor is not yet in the NULL segment
                    var clause = "\(column) IS NOT NULL"
                    var values: [(any SQLBindable)?] = []
                    if let cursor, let value = cursor.value {
                        clause += " AND (\(column), id) \(Self.op(query.sort)) (?, ?)"
                        values = [value, cursor.id]
                    }
                    runs = try Self.segment(db, query, where: (clause, values), orderBy: "\(column) \(Self.dir(query.sort)), id",
                                            limit: wanted)
                }
                if runs.count < wanted {
                    var clause = "\(column) IS NULL"
                    var values: [(any SQLBindable)?] = []
                    if let cursor, cursor.value == nil {
                        clause += " AND id \(Self.op(query.sort)) ?"
                        values = [cursor.id]
                    }
                    runs += try Self.segment(db, query, where: (clause, values), orderBy: "id", limit: wanted - runs.count)
                }
                return runs
            }
        }
        guard runs.count > query.limit else { return RunPage(runs: runs, next: nil) }
        runs.removeLast()
        return RunPage(runs: runs, next: RunCursor(after: runs[runs.count - 1], sort: query.sort).encoded())
    }

    /// One ordered, filtered slice of `runs`. `orderBy` names columns only; the direction of
    /// the query's sort is added to its last column here (and to every column before it by the
    /// caller), so an index on (key, id) serves it forwards or backwards.
    private static func segment(_ db: Database, _ query: RunQuery, where extra: (String, [(any SQLBindable)?])?,
                                orderBy: String, limit: Int) throws -> [RunRecord] {
        var clauses = ["lifecycle_stage = 'active'"]          // MLflow's deleted runs wait in the bin, unlisted
        var values: [(any SQLBindable)?] = []
        let filters: [(String, String?)] = [("status", query.status?.rawValue), ("dataset", query.dataset),
                                            ("model_type", query.modelType), ("name", query.name),
                                            ("source", query.source?.rawValue)]
        for case let (column, value?) in filters {
            clauses.append("\(column) = ?")
            values.append(value)
        }
        if let sweep = query.sweep {
            clauses.append("sweep_id = ?")
            values.append(sweep)
        }
        if let (clause, extraValues) = extra {
            clauses.append(clause)
            values += extraValues
        }
        let whereSQL = clauses.isEmpty ? "" : " WHERE " + clauses.joined(separator: " AND ")
        // Only column names written in this file and "ASC"/"DESC" reach the SQL text; every
        // value the caller gave is bound.
        let sql = "SELECT \(RunRecord.columns) FROM runs\(whereSQL) ORDER BY \(orderBy) \(dir(query.sort)) LIMIT ?"
        return try db.query(sql, bindings: values + [limit]) { try RunRecord(row: $0) }
    }

    private static func op(_ sort: RunSort) -> String { sort.descending ? "<" : ">" }
    private static func dir(_ sort: RunSort) -> String { sort.descending ? "DESC" : "ASC" }
}
