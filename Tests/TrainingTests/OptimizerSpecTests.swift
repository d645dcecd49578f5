import Foundation
import NN
import Tensor
import EngineSupport
import Testing
import Training
import Wire

/// Each optimizer replays three steps whose results torch.optim computed
/// (Fixtures/make_optimizer_reference.py wrote Fixtures/optimizer_reference.json).
struct OptimizerSpecTests {
    struct Reference: Decodable {
        struct Case: Decodable { let optimizer: String; let expected: [[Float]] }
        let p0: [[Float]]
        let grads: [[[Float]]]
        let cases: [String: Case]
    }

    static let reference: Reference = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/optimizer_reference.json")
        return try! JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
    }()

    /// The mlplab spec of each reference case (same hyperparameters as the script's kwargs).
    static let specs: [String: String] = [
        "sgd": #"{"type": "sgd", "lr": 0.1}"#,
        "sgd_momentum": #"{"type": "sgd", "lr": 0.1, "momentum": 0.9}"#,
        "sgd_nesterov_wd": #"{"type": "sgd", "lr": 0.1, "momentum": 0.9, "nesterov": true, "weight_decay": 0.01}"#,
        "adam": #"{"type": "adam", "lr": 0.01}"#,
        "adam_wd": #"{"type": "adam", "lr": 0.01, "beta1": 0.8, "beta2": 0.99, "eps": 1e-6, "weight_decay": 0.1}"#,
        "adamw": #"{"type": "adamw", "lr": 0.01}"#,
        "rmsprop": #"{"type": "rmsprop", "lr": 0.01, "alpha": 0.9}"#,
        "rmsprop_momentum_wd": #"{"type": "rmsprop", "lr": 0.01, "alpha": 0.99, "momentum": 0.5, "weight_decay": 0.1, "eps": 1e-6}"#,
        "adagrad": #"{"type": "adagrad", "lr": 0.1}"#,
        "adagrad_decay": #"{"type": "adagrad", "lr": 0.1, "lr_decay": 0.5, "initial_accumulator": 0.2, "weight_decay": 0.1}"#,
    ]

    @Test(arguments: Engines.names, specs.keys.sorted())
    func threeSteps_matchTorchOptim(engine: String, name: String) throws { try Engines.on(engine) {
        let ref = Self.reference, expected = try #require(ref.cases[name]).expected.flatMap { $0 }
        let spec = try JSONDecoder().decode(OptimizerSpec.self, from: Data(Self.specs[name]!.utf8))
        try spec.validate()
        let p = Parameter("p", Tensor(ref.p0.flatMap { $0 }, shape: [2, 3]))
        let optimizer = spec.make([p])
        for g in ref.grads {
            p.grad.copy(from: Tensor(g.flatMap { $0 }, shape: [2, 3]))
            optimizer.step()
        }
        for (got, want) in zip(p.value.toArray(), expected) {
            #expect(abs(got - want) < 1e-5, "\(name): \(got) vs torch \(want)")
        }
    } }

    @Test func defaults_matchPyTorch() throws {
        func decode(_ json: String) throws -> OptimizerSpec { try JSONDecoder().decode(OptimizerSpec.self, from: Data(json.utf8)) }
        let adamw = try decode(#"{"type": "adamw"}"#), adagrad = try decode(#"{"type": "adagrad"}"#)
        let rmsprop = try decode(#"{"type": "rmsprop"}"#), adam = try decode(#"{"type": "adam"}"#)
        #expect(adamw.weightDecay == 0.01 && adam.weightDecay == 0)
        #expect(adagrad.eps == 1e-10 && rmsprop.eps == 1e-8 && rmsprop.alpha == 0.99)
        #expect(adam.beta1 == 0.9 && adam.beta2 == 0.999)
    }

    @Test func fieldOfAnotherOptimizer_isRejectedNamingIt() {
        #expect(throws: SpecError.self) {
            try JSONDecoder().decode(OptimizerSpec.self, from: Data(#"{"type": "adam", "momentum": 0.9}"#.utf8))
        }
    }
}
