/// What the API knows about a run when it is submitted; `RunStore.createRun` adds the id,
/// the `queued` status and the creation time.
public struct NewRun: Sendable, Codable, Equatable {
    public var name: String
    public var dataset: String
    public var modelType: String
    /// The validated experiment spec, as JSON text the App encoded.
    public var specJSON: String
    /// Trainable parameter count of the built model, when known.
    public var parameters: Int?
    public var device: String
    public var epochsTotal: Int
    /// The model's layer table (`[{"layer", "output_shape", "parameters"}]`) as JSON text.
    public var layersJSON: String?
    /// Set for a run of a sweep (`RunStore.createSweep` fills `sweepID`).
    public var sweepID: Int64?
    public var overridesJSON: String?
    public var configKey: String?

    public init(name: String, dataset: String, modelType: String, specJSON: String,
                parameters: Int? = nil, device: String = "cpu", epochsTotal: Int, layersJSON: String? = nil,
                overridesJSON: String? = nil, configKey: String? = nil) {
        precondition(epochsTotal >= 0, "NewRun: epochsTotal must be >= 0 (got \(epochsTotal))")
        self.name = name
        self.dataset = dataset
        self.modelType = modelType
        self.specJSON = specJSON
        self.parameters = parameters
        self.device = device
        self.epochsTotal = epochsTotal
        self.layersJSON = layersJSON
        self.overridesJSON = overridesJSON
        self.configKey = configKey
    }
}
