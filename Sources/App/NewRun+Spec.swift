import Store
import Training
import Wire

extension NewRun {
    /// The row a validated spec is queued as: its layer table and parameter count worked out
    /// from the spec (no model built); a sweep's run adds its overrides and configuration.
    init(_ spec: RunSpec, overrides: JSONValue? = nil, configKey: String? = nil) throws {
        let layers = spec.layerTable
        self.init(name: spec.name, dataset: spec.dataset, modelType: spec.model.type.rawValue, specJSON: try WireJSON.text(spec),
                  parameters: layers.reduce(0) { $0 + $1.parameters }, device: spec.device.rawValue, epochsTotal: spec.epochs,
                  layersJSON: try WireJSON.text(layers), overridesJSON: try overrides.map { try WireJSON.text($0) },
                  configKey: configKey)
    }
}
