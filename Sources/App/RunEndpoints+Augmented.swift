import Server
import Training
import Wire

/// What the model of a run is shown: a few training images through its spec's augmentation.
extension RunEndpoints {
    /// Images in the strip; `?count=` asks for 1...64.
    static let augmentedDefault = 8

    func augmented(_ id: Int64, _ request: HTTPRequest) throws -> HTTPResponse {
        let run = try record(id)
        let count = try request.query["count"].map { text in
            guard let n = Int(text), (1...64).contains(n) else {
                throw APIError(.badRequest, "count must be an integer in 1...64 (got \(text))", field: "count")
            }
            return n
        } ?? Self.augmentedDefault
        guard let spec = specs.entry(id: run.id, specJSON: run.specJSON, layersJSON: run.layersJSON,
                                     overridesJSON: run.overridesJSON).spec else {
            throw APIError(.notFound, "run \(id) has no spec (it was logged from outside), so no training images")
        }
        let samples: (shape: [Int], images: [[Float]], labels: [Int])
        do { samples = try spec.augmentedSamples(from: datasets, count: count) } catch {
            throw APIError(.notFound, "data set \(spec.dataset) is not available here: \(error)")
        }
        return .json(AugmentedImages(runId: id, shape: samples.shape, images: samples.images, labels: samples.labels))
    }
}
