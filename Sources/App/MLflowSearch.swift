import Foundation
import Wire

/// MLflow's search grammar for runs (`filter_string` and `order_by` of runs/search):
///
///     metrics.acc > 0.9 and params.lr = '0.01' and tags."mlflow.runName" LIKE 'seed%'
///     attributes.status IN ('FINISHED', 'FAILED')
///
/// Clauses joined by AND; keys prefixed `metrics.`, `params.`, `tags.` or `attributes.` (bare
/// names are attributes), quoted with "…" or `…` when they hold odd characters. Metrics and
/// numeric attributes (`start_time`, `end_time`) take `= != > >= < <=` and a number; params,
/// tags and string attributes take `= != LIKE ILIKE IN NOT IN` and quoted strings.
///
/// ```swift
/// let filter = try MLflowSearch.Filter("metrics.acc > 0.9 and params.optimizer = 'adam'")
/// filter.matches(run)
/// ```
enum MLflowSearch {
    enum Entity: String { case metric, param, tag, attribute }

    struct Key: Equatable {
        let entity: Entity
        let name: String
    }

    enum Value: Equatable {
        case number(Double)
        case string(String)
        case list([String])
    }

    struct Clause: Equatable {
        let key: Key
        let op: String          // upper-cased: "=", "!=", ">", "LIKE", "NOT IN", ...
        let value: Value
    }

    /// A run as search sees it: its attributes, latest metrics, params and tags.
    struct Candidate {
        var strings: [String: String]       // status, run_name, run_id, user_id, artifact_uri, lifecycle_stage
        var numbers: [String: Double]       // start_time, end_time
        var metrics: [String: Double]
        var params: [String: String]
        var tags: [String: String]

        func value(_ key: Key) -> Value? {
            switch key.entity {
            case .metric: metrics[key.name].map(Value.number)
            case .param: params[key.name].map(Value.string)
            case .tag: tags[key.name].map(Value.string)
            case .attribute: numbers[key.name].map(Value.number) ?? strings[key.name].map(Value.string)
            }
        }
    }

    /// The attributes a search knows: string-valued and numeric.
    struct Vocabulary: Sendable {
        let strings: Set<String>
        let numbers: Set<String>
        static let runs = Vocabulary(strings: ["status", "run_name", "run_id", "user_id", "artifact_uri", "lifecycle_stage"],
                                     numbers: ["start_time", "end_time"])
        static let experiments = Vocabulary(strings: ["name", "lifecycle_stage"], numbers: ["creation_time", "last_update_time"])
    }

    static func invalid(_ message: String) -> MLflowError { MLflowError(.invalidParameterValue, message) }

    // MARK: - Filter

    struct Filter {
        let clauses: [Clause]

        /// - Throws: `MLflowError(.invalidParameterValue)` for a filter that does not parse.
        init(_ text: String?, vocabulary: Vocabulary = .runs) throws {
            guard let text, !text.trimmingCharacters(in: .whitespaces).isEmpty else { clauses = []; return }
            var tokenizer = Tokenizer(text)
            var tokens = try tokenizer.tokens()[...]
            var clauses: [Clause] = []
            while true {
                clauses.append(try MLflowSearch.clause(&tokens, in: text, vocabulary))
                guard let next = tokens.popFirst() else { break }
                guard case .word(let w) = next, w.uppercased() == "AND" else {
                    throw invalid("Invalid filter '\(text)': expected AND between clauses (OR is not supported)")
                }
            }
            self.clauses = clauses
        }

        func matches(_ run: Candidate) -> Bool {
            clauses.allSatisfy { clause in
                guard let actual = run.value(clause.key) else { return false }
                return MLflowSearch.compare(actual, clause.op, clause.value)
            }
        }
    }

    static func parseKey(_ token: Token?, in text: String, _ vocabulary: Vocabulary) throws -> Key {
        guard case .word(let word)? = token else { throw invalid("Invalid filter '\(text)': expected a key") }
        var entityName = "attributes", name = word
        if let dot = word.firstIndex(of: ".") {
            entityName = String(word[..<dot]).lowercased()
            name = String(word[word.index(after: dot)...])
        }
        let entity: Entity
        switch entityName {
        case "metric", "metrics": entity = .metric
        case "param", "params", "parameter", "parameters": entity = .param
        case "tag", "tags": entity = .tag
        case "attribute", "attributes", "attr", "run": entity = .attribute
        default: throw invalid("Invalid entity type '\(entityName)'. Valid values are ['metric', 'parameter', 'tag', 'attribute']")
        }
        if name.count >= 2, let q = name.first, q == "\"" || q == "`", name.last == q { name = String(name.dropFirst().dropLast()) }
        guard !name.isEmpty else { throw invalid("Invalid filter '\(text)': empty key") }
        if entity == .attribute {
            name = name == "created" ? "start_time" : name
            guard vocabulary.strings.contains(name) || vocabulary.numbers.contains(name) else {
                throw invalid("Invalid attribute key '\(name)' specified. Valid keys are "
                              + vocabulary.strings.union(vocabulary.numbers).sorted().description)
            }
        }
        return Key(entity: entity, name: name)
    }

    static func clause(_ tokens: inout ArraySlice<Token>, in text: String, _ vocabulary: Vocabulary) throws -> Clause {
        let key = try parseKey(tokens.popFirst(), in: text, vocabulary)
        guard case .op(var op)? = tokens.popFirst() else { throw invalid("Invalid filter '\(text)': expected a comparator after \(key.name)") }
        if op == "NOT" {
            guard case .op("IN")? = tokens.popFirst() else { throw invalid("Invalid filter '\(text)': expected IN after NOT") }
            op = "NOT IN"
        }
        let numeric = key.entity == .metric || (key.entity == .attribute && vocabulary.numbers.contains(key.name))
        let value: Value
        switch tokens.popFirst() {
        case .number(let n)?:
            guard numeric else { throw invalid("Parameter value is either not quoted or unidentified quote types used for string value \(n). Use either single or double quotes.") }
            value = .number(n)
        case .string(let s)?:
            guard !numeric else { throw invalid("Expected numeric value type for metric or numeric attribute '\(key.name)'. Found '\(s)'") }
            value = .string(s)
        case .list(let items)?:
            guard !numeric else { throw invalid("IN and NOT IN take a list of strings, not for '\(key.name)'") }
            value = .list(items)
        default: throw invalid("Invalid filter '\(text)': expected a value after \(op)")
        }
        let isList: Bool = if case .list = value { true } else { false }
        let allowed: Set<String> = numeric ? ["=", "!=", ">", ">=", "<", "<="]
            : isList ? ["IN", "NOT IN"] : ["=", "!=", "LIKE", "ILIKE"]
        guard allowed.contains(op) else {
            throw invalid("Invalid comparator '\(op)' for \(key.entity.rawValue) '\(key.name)'. Only \(allowed.sorted()) are allowed.")
        }
        return Clause(key: key, op: op, value: value)
    }

    static func compare(_ actual: Value, _ op: String, _ expected: Value) -> Bool {
        switch (actual, expected) {
        case let (.number(a), .number(b)):
            switch op {
            case "=": return a == b
            case "!=": return a != b
            case ">": return a > b
            case ">=": return a >= b
            case "<": return a < b
            case "<=": return a <= b
            default: return false
            }
        case let (.string(a), .string(b)):
            switch op {
            case "=": return a == b
            case "!=": return a != b
            case "LIKE": return like(a, b, caseSensitive: true)
            case "ILIKE": return like(a, b, caseSensitive: false)
            default: return false
            }
        case let (.string(a), .list(items)): return op == "IN" ? items.contains(a) : !items.contains(a)
        default: return false
        }
    }

    /// SQL's LIKE: `%` any run of characters, `_` one character.
    static func like(_ text: String, _ pattern: String, caseSensitive: Bool) -> Bool {
        let t = Array(caseSensitive ? text : text.lowercased()), p = Array(caseSensitive ? pattern : pattern.lowercased())
        var memo: [Int: Bool] = [:]
        func match(_ i: Int, _ j: Int) -> Bool {
            if let known = memo[i * (p.count + 1) + j] { return known }
            let result: Bool
            if j == p.count { result = i == t.count }
            else if p[j] == "%" { result = match(i, j + 1) || (i < t.count && match(i + 1, j)) }
            else { result = i < t.count && (p[j] == "_" || p[j] == t[i]) && match(i + 1, j + 1) }
            memo[i * (p.count + 1) + j] = result
            return result
        }
        return match(0, 0)
    }
}
