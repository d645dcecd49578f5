/// The order of a run listing: a field, and newest/highest first when `descending`.
/// Runs with no value yet (NULL metric: no epoch recorded) come last in both directions, and
/// equal values are ordered by id in the same direction, so the order is total and a cursor
/// can resume it exactly.
public struct RunSort: Sendable, Codable, Equatable, CustomStringConvertible {
    public enum Field: String, Sendable, Codable, CaseIterable {
        case created
        case testAccuracy = "test_accuracy"
        case aucMacro = "auc_macro"
    }

    public var field: Field
    public var descending: Bool

    public init(field: Field, descending: Bool) {
        self.field = field
        self.descending = descending
    }

    /// The API's default: newest first.
    public static let newestFirst = RunSort(field: .created, descending: true)

    /// Parses the API's `sort` parameter: a field name, with a leading `-` for descending,
    /// e.g. `-test_accuracy`.
    /// - Returns: nil for an unknown field (the API answers 400).
    public init?(_ text: String) {
        let descending = text.hasPrefix("-")
        guard let field = Field(rawValue: descending ? String(text.dropFirst()) : text) else { return nil }
        self.init(field: field, descending: descending)
    }

    /// The API spelling, e.g. `-test_accuracy`.
    public var description: String { (descending ? "-" : "") + field.rawValue }

    /// The `runs` column holding the sort key; nil for `created`, which is id order.
    var column: String? {
        switch field {
        case .created: nil
        case .testAccuracy: "test_accuracy"
        case .aucMacro: "auc_macro"
        }
    }
}
