import Tensor

/// The seam check (`SeamCheck`) between two engines named as `MLPLAB_ENGINE` names them, for
/// the CLI, which sees Training and not Tensor.
public enum EngineComparison {
    public struct Row: Sendable {
        public let operation: String
        public let relativeError: Double
    }

    /// - Throws: `EngineError` naming an engine that is unknown or cannot run here.
    public static func compare(_ engine: String, with reference: String) throws -> [Row] {
        let a = try Engine.backend(named: engine), b = try Engine.backend(named: reference)
        return SeamCheck.compare(a, with: b).map { Row(operation: $0.operation, relativeError: $0.relativeError) }
    }
}
