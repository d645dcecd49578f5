/// The body of `POST /api/sweeps`: a base run spec, the values to try, the seeds, the
/// objective and the early-stopping rule.
///
/// ```json
/// {"name": "lab-optimizers", "base": {"epochs": 5, "validation": 5000},
///  "grid": {"optimizer": [{"type": "sgd", "lr": 0.01, "momentum": 0.9}, {"type": "adam", "lr": 0.001}]},
///  "random": {"count": 8, "params": {"optimizer.lr": {"log_uniform": [1e-4, 0.1]}}},
///  "seeds": [1, 2, 3], "objective": {"metric": "validation_accuracy", "goal": "max"},
///  "early_stopping": {"rule": "median", "min_epochs": 2}}
/// ```
/// Keys of `grid` and `random.params` are dot paths into the run spec; a value replaces the
/// whole field. Training expands and validates every combination (`SweepPlan`).
public struct SweepSpec: Codable, Sendable, Equatable, RequestBody {
    public enum Goal: String, Codable, Sendable, CaseIterable { case max, min }
    public enum Rule: String, Codable, Sendable, CaseIterable { case none, median, asha }

    public struct Objective: Codable, Sendable, Equatable {
        /// An epoch row key; nil: `validation_accuracy` when the base holds out a validation split, else `test_accuracy`.
        public var metric: String?
        public var goal: Goal = .max
        public init(metric: String? = nil, goal: Goal = .max) { (self.metric, self.goal) = (metric, goal) }
        enum CodingKeys: String, CodingKey, CaseIterable { case metric, goal }
        public init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(allowed: CodingKeys.allCases.map(\.rawValue), context: "objective")
            let c = try decoder.container(keyedBy: CodingKeys.self)
            metric = try c.decodeIfPresent(String.self, forKey: .metric)
            goal = try c.decodeChoice(Goal.self, forKey: .goal) ?? .max
        }
    }

    public struct EarlyStopping: Codable, Sendable, Equatable {
        public var rule: Rule = .median
        /// No run is stopped before it has trained this many epochs.
        public var minEpochs = 1
        /// ASHA: a run continues past a rung only if it is in the best 1/reduction_factor there.
        public var reductionFactor = 3
        enum CodingKeys: String, CodingKey, CaseIterable { case rule, minEpochs = "min_epochs", reductionFactor = "reduction_factor" }
        public init(rule: Rule = .median, minEpochs: Int = 1) { (self.rule, self.minEpochs) = (rule, minEpochs) }
        public init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(allowed: CodingKeys.allCases.map(\.rawValue), context: "early_stopping")
            let c = try decoder.container(keyedBy: CodingKeys.self)
            rule = try c.decodeChoice(Rule.self, forKey: .rule) ?? rule
            minEpochs = try c.decodeInteger(forKey: .minEpochs) ?? minEpochs
            reductionFactor = try c.decodeInteger(forKey: .reductionFactor) ?? reductionFactor
        }
    }

    /// One random parameter: exactly one of the distributions.
    public struct Distribution: Codable, Sendable, Equatable {
        public var logUniform: [Double]?
        public var uniform: [Double]?
        public var intUniform: [Int]?
        public var choice: [JSONValue]?
        enum CodingKeys: String, CodingKey, CaseIterable {
            case logUniform = "log_uniform", uniform, intUniform = "int_uniform", choice
        }
        public init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(allowed: CodingKeys.allCases.map(\.rawValue), context: "a distribution")
            let c = try decoder.container(keyedBy: CodingKeys.self)
            logUniform = try c.decodeIfPresent([Double].self, forKey: .logUniform)
            uniform = try c.decodeIfPresent([Double].self, forKey: .uniform)
            intUniform = try c.decodeIntegers(forKey: .intUniform)
            choice = try c.decodeIfPresent([JSONValue].self, forKey: .choice)
            let given = [logUniform != nil, uniform != nil, intUniform != nil, choice != nil].filter { $0 }.count
            if given != 1 {
                throw SpecError(field: decoder.fieldPath, "give exactly one of: \(CodingKeys.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }
    }

    public struct RandomSearch: Codable, Sendable, Equatable {
        public var count: Int
        public var params: [String: Distribution]
        enum CodingKeys: String, CodingKey, CaseIterable { case count, params }
        public init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(allowed: CodingKeys.allCases.map(\.rawValue), context: "random")
            let c = try decoder.container(keyedBy: CodingKeys.self)
            count = try c.decodeInteger(forKey: .count) ?? 0
            params = try c.decode([String: Distribution].self, forKey: .params)
        }
    }

    public var name = "sweep"
    /// A run spec (strictly checked once each combination is applied to it).
    public var base: JSONValue = .object([:])
    public var grid: [String: [JSONValue]] = [:]
    public var random: RandomSearch?
    public var seeds: [Int] = [0]
    /// Seeds the random draws, so the same sweep expands the same way.
    public var seed = 0
    public var objective = Objective()
    public var earlyStopping: EarlyStopping?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, base, grid, random, seeds, seed, objective, earlyStopping = "early_stopping"
    }

    public init() {}

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(allowed: CodingKeys.allCases.map(\.rawValue), context: "a sweep")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? name
        base = try c.decodeIfPresent(JSONValue.self, forKey: .base) ?? base
        grid = try c.decodeIfPresent([String: [JSONValue]].self, forKey: .grid) ?? grid
        random = try c.decodeIfPresent(RandomSearch.self, forKey: .random)
        seeds = try c.decodeIntegers(forKey: .seeds) ?? seeds
        seed = try c.decodeInteger(forKey: .seed) ?? seed
        objective = try c.decodeIfPresent(Objective.self, forKey: .objective) ?? objective
        earlyStopping = try c.decodeIfPresent(EarlyStopping.self, forKey: .earlyStopping)
    }
}
