/// One page of runs, and the cursor for the next page (nil on the last page).
public struct RunPage: Sendable, Codable, Equatable {
    public var runs: [RunRecord]
    public var next: String?

    public init(runs: [RunRecord], next: String?) {
        self.runs = runs
        self.next = next
    }
}
