import Foundation

/// Where a run listing stopped: the sort key and id of the last run served (keyset
/// pagination, so a page costs the same at any depth and rows inserted meanwhile cause no
/// duplicates or gaps). It travels as opaque base64url JSON; clients hand it back unchanged.
struct RunCursor: Codable, Equatable {
    /// The order it belongs to (`RunSort.description`): resuming under another order is refused.
    var sort: String
    /// The last run's sort key; nil for `created` (the id is the key) and for a run in the
    /// trailing no-metric segment.
    var value: Double?
    var id: Int64

    enum CodingKeys: String, CodingKey {
        case sort = "s", value = "v", id = "i"
    }

    init(sort: RunSort, value: Double?, id: Int64) {
        self.sort = sort.description
        self.value = value
        self.id = id
    }

    /// The cursor after `run` in a listing ordered by `sort`.
    init(after run: RunRecord, sort: RunSort) {
        let value: Double? = switch sort.field {
        case .created: nil
        case .testAccuracy: run.testAccuracy
        case .aucMacro: run.aucMacro
        }
        self.init(sort: sort, value: value, id: run.id)
    }

    /// Reads a cursor handed out by `encoded()` for the same sort.
    /// - Throws: `StoreError.invalidCursor` for anything else.
    init(decoding text: String, for sort: RunSort) throws {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard text.count <= 200, let data = Data(base64Encoded: base64),
              let cursor = try? JSONDecoder().decode(RunCursor.self, from: data) else {
            throw StoreError.invalidCursor("'\(text.prefix(40))' is not a cursor from this listing")
        }
        guard cursor.sort == sort.description else {
            throw StoreError.invalidCursor("cursor is for sort '\(cursor.sort)', not '\(sort)'")
        }
        guard cursor.id > 0, cursor.value?.isFinite ?? true, sort.field != .created || cursor.value == nil else {
            throw StoreError.invalidCursor("cursor holds an impossible position")
        }
        self = cursor
    }

    /// Base64url JSON without padding: safe in a query string as it is.
    func encoded() -> String {
        // Encoding a struct of a string, a finite double and an integer cannot fail.
        let data = (try? JSONEncoder().encode(self)) ?? Data()
        return data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
