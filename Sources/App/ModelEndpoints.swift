import Server
import Store
import Training
import Wire

/// A run as a model: its checkpoints, its weights as a `.safetensors` file (the PyTorch twin's
/// names), and predictions for images (docs/API.md).
struct ModelEndpoints: Sendable {
    let models: RunModels

    func register(on router: inout Router) {
        let prefix = RunEndpoints.prefix
        router.add("GET", prefix + "/{id}/checkpoints") { _, p in try checkpoints(try pathID(p, kind: "run")) }
        router.add("GET", prefix + "/{id}/weights") { request, p in try weights(try pathID(p, kind: "run"), request) }
        router.add("POST", prefix + "/{id}/predict") { request, p in try predict(try pathID(p, kind: "run"), request) }
    }

    /// GET /api/runs/{id}/checkpoints: the epochs that have one, which is latest and which best.
    func checkpoints(_ id: Int64) throws -> HTTPResponse {
        do { return .json(CheckpointList(runId: id, checkpoints: try models.store.checkpoints(runID: id))) } catch StoreError.notFound {
            throw APIError(.notFound, "no run \(id)")
        }
    }

    /// GET /api/runs/{id}/weights?epoch=latest|best|N: the model's parameters as safetensors.
    func weights(_ id: Int64, _ request: HTTPRequest) throws -> HTTPResponse {
        let (epoch, checkpoint) = try models.checkpoint(runID: id, try EpochSelector(request))
        var response = HTTPResponse(status: 200, headers: ["Content-Type": "application/octet-stream"],
                                    body: .bytes(checkpoint.weights.encoded()))
        response.headers.add("Content-Disposition", "attachment; filename=\"run-\(id)-epoch-\(epoch).safetensors\"")
        return response
    }

    /// POST /api/runs/{id}/predict[?epoch=]: probabilities, logits and class per image.
    func predict(_ id: Int64, _ request: HTTPRequest) throws -> HTTPResponse {
        let model = try models.model(runID: id, try EpochSelector(request))
        let images = try request.predictImages(pixels: model.pixels)
        return .json(PredictResponse(runId: id, epoch: model.epoch, predictions: model.predict(images)))
    }
}
