import Wire

/// MLflow's checks on names and values (mlflow/utils/validation.py), shared by its endpoints.
enum MLflowValidation {
    static let maxKeyLength = 250, maxParamLength = 6_000, maxTagLength = 8_000

    /// A metric, param or tag key: at most 250 characters of letters, digits, `_ - . / :` and
    /// spaces, not a path that climbs (`..`) or starts at `/`.
    /// - Throws: `MLflowError(.invalidParameterValue)`.
    static func key(_ key: String, _ kind: String) throws {
        let ok = key.count <= maxKeyLength && !key.hasPrefix("/") && !key.split(separator: "/").contains("..")
            && key.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || "_-./: ".unicodeScalars.contains($0) }
        if !ok {
            throw MLflowError(.invalidParameterValue, "Invalid \(kind) name: '\(key)'. Names may only contain alphanumerics, "
                              + "underscores (_), dashes (-), periods (.), spaces ( ), colon(:) and slashes (/), "
                              + "at most \(maxKeyLength) characters.")
        }
    }

    static func param(_ p: MLflow.KeyValue) throws {
        try key(p.key, "parameter")
        if p.value.count > maxParamLength {
            throw MLflowError(.invalidParameterValue, "Param value for '\(p.key)' exceeds \(maxParamLength) characters")
        }
    }

    static func tag(_ t: MLflow.KeyValue) throws {
        try key(t.key, "tag")
        if t.value.count > maxTagLength {
            throw MLflowError(.invalidParameterValue, "Tag value for '\(t.key)' exceeds \(maxTagLength) characters")
        }
    }

    static func metric(_ m: MLflow.Metric) throws { try key(m.key, "metric") }

    /// `ACTIVE_ONLY` (default), `DELETED_ONLY`, `ALL` as lifecycle stages.
    static func stages(_ viewType: String?) throws -> Set<String> {
        switch viewType ?? "ACTIVE_ONLY" {
        case "ACTIVE_ONLY", "1": ["active"]
        case "DELETED_ONLY", "2": ["deleted"]
        case "ALL", "3": ["active", "deleted"]
        case let other: throw MLflowError(.invalidParameterValue, "Invalid view type '\(other)'; expected ACTIVE_ONLY, DELETED_ONLY or ALL")
        }
    }
}
