import Wire

/// A page request for `RunStore.listRuns`: optional exact-match filters, an order, a page
/// size, and the cursor of the previous page.
///
/// ```swift
/// var query = RunQuery(status: .finished, sort: RunSort("-test_accuracy")!, limit: 20)
/// let first = try store.listRuns(query)
/// query.after = first.next            // nil when there are no more pages
/// ```
public struct RunQuery: Sendable, Equatable {
    public var status: RunStatus?
    public var dataset: String?
    public var modelType: String?
    /// Exact run name.
    public var name: String?
    /// Only the runs of this sweep.
    public var sweep: Int64?
    /// `mlplab` or `external`; nil for both.
    public var source: RunSource?
    public var sort: RunSort
    /// Page size, at least 1 (the API allows 1…500).
    public var limit: Int
    /// `RunPage.next` of the previous page, unchanged; nil for the first page.
    public var after: String?

    public init(status: RunStatus? = nil, dataset: String? = nil, modelType: String? = nil,
                name: String? = nil, source: RunSource? = nil, sort: RunSort = .newestFirst, limit: Int = 50, after: String? = nil) {
        self.status = status
        self.dataset = dataset
        self.modelType = modelType
        self.name = name
        self.source = source
        self.sort = sort
        self.limit = limit
        self.after = after
    }
}
