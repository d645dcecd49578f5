import Foundation
import NN
import Testing
import Training
import Wire

struct RunSpecTests {
    static func decode(_ json: String) throws(SpecError) -> RunSpec { try RunSpec.decode(Array(json.utf8)) }

    @Test func labsSeedSpec_decodesWithItsValues() throws {
        let spec = try Self.decode(#"""
            {"name": "seed-mlp", "dataset": "mnist",
             "model": {"type": "mlp", "hidden": [100, 80], "activation": "relu", "dropout": 0.2},
             "optimizer": {"type": "sgd", "lr": 0.01, "momentum": 0.9},
             "loss": "cross_entropy", "epochs": 10, "batch_size": 32, "seed": 10}
            """#)
        #expect(spec.model.hidden == [100, 80] && spec.model.dropout == 0.2 && spec.optimizer.momentum == 0.9)
        #expect(spec.epochs == 10 && spec.batchSize == 32 && spec.seed == 10 && spec.loss == .crossEntropy)
    }

    @Test func emptyObject_takesDocumentedDefaults() throws {
        let spec = try Self.decode("{}")
        #expect(spec == RunSpec())
        #expect(spec.dataset == "mnist" && spec.model.hidden == [100, 80] && spec.optimizer.type == .sgd)
        #expect(spec.epochs == 10 && spec.batchSize == 32 && spec.device == .cpu && spec.trainSamples == nil)
    }

    @Test func encodedSpec_decodesToTheSameSpec() throws {
        let spec = try Self.decode(#"{"optimizer": {"type": "adamw", "lr": 0.003}, "train_samples": 100, "loss": "mse"}"#)
        #expect(try Self.decode(String(decoding: JSONEncoder().encode(spec), as: UTF8.self)) == spec)
    }

    /// Each bad spec and the field its error must name.
    static let invalid: [(String, String)] = [
        (#"{"epochz": 3}"#, "epochz"),
        (#"{"model": {"hidden": [10], "dropuot": 0.1}}"#, "model.dropuot"),
        (#"{"optimizer": {"type": "sgd", "beta1": 0.9}}"#, "optimizer.beta1"),
        (#"{"optimizer": {"type": "adamax"}}"#, "optimizer.type"),
        (#"{"model": {"type": "transformer"}}"#, "model.type"),
        (#"{"model": {"activation": "swish"}}"#, "model.activation"),
        (#"{"loss": "hinge"}"#, "loss"),
        (#"{"optimizer": {"lr": "fast"}}"#, "optimizer.lr"),
        (#"{"optimizer": {"lr": 0}}"#, "optimizer.lr"),
        (#"{"optimizer": {"lr": -0.1}}"#, "optimizer.lr"),
        (#"{"optimizer": {"momentum": 1.5}}"#, "optimizer.momentum"),
        (#"{"optimizer": {"nesterov": true}}"#, "optimizer.nesterov"),
        (#"{"optimizer": {"type": "adam", "beta2": 1}}"#, "optimizer.beta2"),
        (#"{"epochs": 0}"#, "epochs"),
        (#"{"epochs": 2.5}"#, "epochs"),
        (#"{"epochs": "ten"}"#, "epochs"),
        (#"{"model": {"hidden": [100.5]}}"#, "model.hidden[0]"),
        (#"{"batch_size": 0}"#, "batch_size"),
        (#"{"model": {"dropout": 1.0}}"#, "model.dropout"),
        (#"{"model": {"dropout": -0.1}}"#, "model.dropout"),
        (#"{"model": {"hidden": []}}"#, "model.hidden"),
        (#"{"model": {"hidden": [100, 0]}}"#, "model.hidden[1]"),
        (#"{"model": {"hidden": [-5]}}"#, "model.hidden[0]"),
        (#"{"model": {"hidden": ["wide"]}}"#, "model.hidden[0]"),
        (#"{"model": {"hidden": [60000, 60000]}}"#, "model.hidden"),
        (#"{"batch_size": 65536, "model": {"hidden": [4000, 4000, 4000]}}"#, "batch_size"),
        (#"{"batch_size": 65536, "model": {"type": "mixer", "dim": 512, "channel_hidden": 2048}}"#, "batch_size"),
        (#"{"dataset": "cifar10"}"#, "dataset"),
        (#"{"device": "tpu"}"#, "device"),
        (#"{"device": "gpu:-1"}"#, "device"),
        (#"{"device": 0}"#, "device"),
        (#"{"train_samples": 0}"#, "train_samples"),
        (#"{"seed": -1}"#, "seed"),
        (#"{"name": ""}"#, "name"),
    ]

    @Test(arguments: invalid)
    func invalidField_isRejectedNamingIt(json: String, field: String) {
        #expect {
            try Self.decode(json)
        } throws: { error in
            (error as? SpecError)?.field == field
        }
    }

    @Test func textForAnInteger_saysExpectedAnInteger() {
        #expect {
            try Self.decode(#"{"epochs": "ten"}"#)
        } throws: { error in
            (error as? SpecError) == SpecError(field: "epochs", "expected an integer")
        }
    }

    @Test func malformedJSON_saysInvalidJSON() {
        #expect {
            try Self.decode(#"{"epochs": 3"#)
        } throws: { error in
            (error as? SpecError).map { $0.field.isEmpty && $0.message.hasPrefix("invalid JSON") } ?? false
        }
    }

    @Test func errorDescription_isOneLineWithFieldFirst() {
        let error = SpecError(field: "optimizer.lr", "must be > 0 (got -1.0)")
        #expect("\(error)" == "optimizer.lr: must be > 0 (got -1.0)")
    }
}
