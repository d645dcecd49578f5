import Foundation
import Wire

extension MLflowSearch {
    enum Token: Equatable {
        case word(String)       // a key, or AND
        case op(String)         // = != > >= < <= LIKE ILIKE IN NOT, upper-cased
        case number(Double)
        case string(String)
        case list([String])
    }

    /// Splits a filter into tokens; quoted keys keep their quotes (`tags."a b"`), string values lose them.
    struct Tokenizer {
        let text: String
        let chars: [Character]
        var i = 0

        init(_ text: String) { (self.text, chars) = (text, Array(text)) }

        mutating func tokens() throws -> [Token] {
            var out: [Token] = []
            while true {
                while i < chars.count, chars[i].isWhitespace { i += 1 }
                guard i < chars.count else { return out }
                let c = chars[i]
                if c == "'" || (c == "\"" && !expectsKey(out)) {
                    out.append(.string(try quoted()))
                } else if c == "(" {
                    out.append(.list(try list()))
                } else if c.isNumber || (c == "-" || c == ".") && i + 1 < chars.count && chars[i + 1].isNumber {
                    out.append(.number(try number()))
                } else if "=!<>".contains(c) {
                    out.append(.op(try comparator()))
                } else if c.isLetter || c == "_" || c == "`" || c == "\"" {
                    let w = try word()
                    out.append(["LIKE", "ILIKE", "IN", "NOT"].contains(w.uppercased()) ? .op(w.uppercased()) : .word(w))
                } else {
                    throw invalid("Invalid filter '\(text)': unexpected '\(c)' at position \(i)")
                }
            }
        }

        /// A key comes first and after AND.
        private func expectsKey(_ out: [Token]) -> Bool {
            guard let last = out.last else { return true }
            if case .word(let w) = last { return w.uppercased() == "AND" }
            return false
        }

        private mutating func quoted() throws -> String {
            let q = chars[i]
            i += 1
            var s = ""
            while i < chars.count, chars[i] != q {
                if chars[i] == "\\", i + 1 < chars.count { i += 1 }
                s.append(chars[i])
                i += 1
            }
            guard i < chars.count else { throw invalid("Invalid filter '\(text)': unterminated string") }
            i += 1
            return s
        }

        private mutating func list() throws -> [String] {
            i += 1
            var items: [String] = []
            while true {
                while i < chars.count, chars[i].isWhitespace { i += 1 }
                guard i < chars.count else { throw invalid("Invalid filter '\(text)': unterminated list") }
                if chars[i] == ")" && items.isEmpty { i += 1; return items }
                guard chars[i] == "'" || chars[i] == "\"" else {
                    throw invalid("Invalid filter '\(text)': a list holds quoted strings")
                }
                items.append(try quoted())
                while i < chars.count, chars[i].isWhitespace { i += 1 }
                guard i < chars.count else { throw invalid("Invalid filter '\(text)': unterminated list") }
                i += 1
                if chars[i - 1] == ")" { return items }
                guard chars[i - 1] == "," else { throw invalid("Invalid filter '\(text)': expected , or ) in a list") }
            }
        }

        private mutating func number() throws -> Double {
            let start = i
            i += 1
            while i < chars.count, chars[i].isNumber || "eE.+-".contains(chars[i]) { i += 1 }
            let s = String(chars[start..<i])
            guard let n = Double(s) else { throw invalid("Invalid filter '\(text)': bad number '\(s)'") }
            return n
        }

        private mutating func comparator() throws -> String {
            let start = i
            while i < chars.count, "=!<>".contains(chars[i]) { i += 1 }
            let s = String(chars[start..<i])
            guard ["=", "!=", ">", ">=", "<", "<=", "<>", "=="].contains(s) else {
                throw invalid("Invalid filter '\(text)': unknown comparator '\(s)'")
            }
            return s == "<>" ? "!=" : s == "==" ? "=" : s
        }

        /// A key such as `metrics.acc`, `tags."mlflow.runName"` or `params.`optimizer.lr``.
        private mutating func word() throws -> String {
            var s = ""
            while i < chars.count {
                let c = chars[i]
                if c == "`" || c == "\"" {
                    let q = c
                    s.append(c)
                    i += 1
                    while i < chars.count, chars[i] != q { s.append(chars[i]); i += 1 }
                    guard i < chars.count else { throw invalid("Invalid filter '\(text)': unterminated quoted key") }
                    s.append(q)
                    i += 1
                } else if c.isLetter || c.isNumber || "_.-:/".contains(c) {
                    s.append(c)
                    i += 1
                } else { break }
            }
            return s
        }
    }

    // MARK: - Order

    /// One `order_by` term: `metrics.acc DESC`, `attributes.start_time`, `params.lr ASC`.
    struct Order {
        let key: Key
        let descending: Bool

        /// - Throws: `MLflowError(.invalidParameterValue)` for a term that does not parse.
        init(_ text: String, vocabulary: Vocabulary = .runs) throws {
            var parts = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            var descending = false
            if let last = parts.last, ["ASC", "DESC"].contains(last.uppercased()), parts.count > 1 {
                descending = last.uppercased() == "DESC"
                parts.removeLast()
            }
            guard parts.count == 1 else { throw invalid("Invalid order_by clause '\(text)'. Could not be parsed.") }
            var tokenizer = Tokenizer(parts[0])
            let tokens = try tokenizer.tokens()
            guard tokens.count == 1 else { throw invalid("Invalid order_by clause '\(text)'. Could not be parsed.") }
            key = try parseKey(tokens.first, in: text, vocabulary)
            self.descending = descending
        }
    }

    /// Sorts by the orders, then by start time (newest first) and run id; a run without the
    /// key comes last either way, as in MLflow's SQL store.
    static func sort(_ runs: [(Candidate, Int64)], by orders: [Order]) -> [(Candidate, Int64)] {
        runs.sorted { a, b in
            for order in orders {
                let x = a.0.value(order.key), y = b.0.value(order.key)
                switch (x, y) {
                case (nil, nil): continue
                case (nil, _): return false
                case (_, nil): return true
                case let (.number(p)?, .number(q)?) where p != q: return order.descending ? p > q : p < q
                case let (.string(p)?, .string(q)?) where p != q: return order.descending ? p > q : p < q
                default: continue
                }
            }
            let s = a.0.numbers["start_time"] ?? 0, t = b.0.numbers["start_time"] ?? 0
            return s != t ? s > t : a.1 > b.1
        }
    }
}
