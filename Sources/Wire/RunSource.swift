/// Who made a run: `mlplab` trained it here from a spec; `external` was logged from outside
/// through MLflow's tracking API (no spec, any metric keys).
public enum RunSource: String, Codable, Sendable, CaseIterable {
    case mlplab, external
}
