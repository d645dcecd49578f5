import Data
import Models
import Wire

/// The run object as the service serves it and the CLI reads it.
public typealias RunInfo = Run<RunSpec>
/// A page of run objects.
public typealias RunInfoList = RunList<RunSpec>

extension RunSpec: WireExample, SchemaEncoder.Named {
    /// The spec's fields depend on the model and optimizer types, so docs/openapi.json
    /// describes it by hand under this name (README's spec table is the reference).
    public static var schemaName: String { "Spec" }
    public static var example: RunSpec { RunSpec() }

    /// The layer table of the model this spec builds, from the spec and its data set's facts
    /// alone: no weights are allocated.
    public var layerTable: [LayerRow] {
        model.layerTable(imageShape: datasetInfo.imageShape, classes: datasetInfo.classes)
    }
}
