import Foundation
import Training
import Wire

/// The request and response bodies of the API by their names in docs/openapi.json, described
/// from the wire types themselves: the document is regenerated from them (`mlplab openapi --write`) and
/// a test fails when the two disagree on any field, its type or whether it may be null.
public enum APISchemas {
    /// Name in `components.schemas` → the type's schema.
    public static func all() throws -> [String: Schema] {
        [
            "Status": try SchemaEncoder.schema(of: RunStatus.example),
            "Progress": try SchemaEncoder.schema(of: Progress.example),
            "Layer": try SchemaEncoder.schema(of: LayerRow.example),
            "Epoch": try SchemaEncoder.schema(of: EpochRow.example),
            "Run": try SchemaEncoder.schema(of: RunInfo.example),
            "RunList": try SchemaEncoder.schema(of: RunInfoList.example),
            "Epochs": try SchemaEncoder.schema(of: Epochs.example),
            "Curve": try SchemaEncoder.schema(of: Curve.example),
            "Curves": try SchemaEncoder.schema(of: Curves.example),
            "Confusion": try SchemaEncoder.schema(of: Confusion.example),
            "AugmentedImages": try SchemaEncoder.schema(of: AugmentedImages.example),
            "Predictions": try SchemaEncoder.schema(of: Predictions.example),
            "StatusEvent": try SchemaEncoder.schema(of: StatusEvent.example),
            "Health": try SchemaEncoder.schema(of: Health.example),
            "RunJob": try SchemaEncoder.schema(of: RunJob.example),
            "WorkerStart": try SchemaEncoder.schema(of: WorkerMessage.Start.example),
            "WorkerAssignment": try SchemaEncoder.schema(of: WorkerMessage.Assignment<RunSpec>.example),
            "WorkerReport": try SchemaEncoder.schema(of: WorkerMessage.Report.example),
            "WorkerEpoch": try SchemaEncoder.schema(of: WorkerMessage.Epoch.example),
            "WorkerPredictions": try SchemaEncoder.schema(of: WorkerMessage.Predictions.example),
            "WorkerEnd": try SchemaEncoder.schema(of: WorkerMessage.End.example),
            "WorkerAck": try SchemaEncoder.schema(of: WorkerMessage.Ack.example),
            "Error": try SchemaEncoder.schema(of: ErrorBody.example),
            "Sweep": try SchemaEncoder.schema(of: Sweep.example),
            "SweepList": try SchemaEncoder.schema(of: SweepList.example),
            "PredictRequest": try SchemaEncoder.schema(of: PredictRequest.example),
            "Prediction": try SchemaEncoder.schema(of: ImagePrediction.example),
            "PredictResponse": try SchemaEncoder.schema(of: PredictResponse.example),
            "Checkpoint": try SchemaEncoder.schema(of: CheckpointInfo.example),
            "CheckpointList": try SchemaEncoder.schema(of: CheckpointList.example),
        ]
    }

    /// Schemas written by hand in the document and compared by name only.
    static let handWritten: Set<String> = [RunSpec.schemaName, SweepSpec.schemaName, JSONValue.schemaName]

    /// Where the document and the types disagree, one line each ("Epoch.learning_rate: in the
    /// type, missing from the document"); empty when the document is true.
    public static func differences(document: JSONValue) throws -> [String] {
        guard case let .object(components)? = document["components"]?["schemas"] else { return ["no components.schemas"] }
        var out: [String] = []
        for (name, schema) in try all().sorted(by: { $0.key < $1.key }) {
            guard let node = components[name] else { out.append("\(name): not in the document"); continue }
            let read = try Schema.read(node, components: components, named: handWritten, at: name)
            out += schema.differences(from: read.schema, at: name)
        }
        return out
    }

    /// The document with every registered schema written from its type (the rest untouched).
    public static func regenerated(_ document: JSONValue) throws -> JSONValue {
        guard case var .object(root) = document, case var .object(components)? = root["components"],
              case var .object(schemas)? = components["schemas"] else { return document }
        let all = try all()
        for (name, schema) in all {
            schemas[name] = schema.openAPI(shared: all.filter { $0.key != name })
        }
        components["schemas"] = .object(schemas)
        root["components"] = .object(components)
        return .object(root)
    }

    /// The document as its file holds it: pretty, keys sorted.
    public static func text(_ document: JSONValue) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(document), as: UTF8.self) + "\n"
    }
}
