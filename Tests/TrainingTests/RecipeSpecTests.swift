import Foundation
import Testing
import Training
import Wire

/// The training-recipe fields of a spec: defaults, round trips, and every wrong type or range
/// refused naming its field.
struct RecipeSpecTests {
    static func decode(_ json: String) throws -> RunSpec { try RunSpec.decode(Array(json.utf8)) }

    @Test func defaults_areConstantScheduleNoAugmentNoSmoothingNoClip() throws {
        let spec = try Self.decode("{}")
        #expect(spec.schedule == ScheduleSpec() && spec.schedule.type == .constant)
        #expect(spec.augment == nil && spec.labelSmoothing == 0 && spec.gradClip == nil)
        #expect(spec.optimizer.decayNormsAndBiases)
    }

    @Test func everyRecipeField_decodesAndRoundTrips() throws {
        let json = #"""
        {"optimizer": {"type": "adamw", "lr": 0.001, "weight_decay": 0.05, "decay_norms_and_biases": false},
         "schedule": {"type": "cosine", "warmup_epochs": 1, "min_lr": 0.00001},
         "augment": {"rotate": 10, "translate": 0.1, "scale": [0.9, 1.1], "elastic": {"alpha": 8, "sigma": 3}},
         "label_smoothing": 0.1, "grad_clip": 1.0, "epochs": 12}
        """#
        let spec = try Self.decode(json)
        #expect(spec.schedule.type == .cosine && spec.schedule.warmupEpochs == 1 && spec.schedule.minLR == 1e-5)
        #expect(spec.augment == AugmentSpec(rotate: 10, translate: 0.1, scale: [0.9, 1.1],
                                            elastic: .init(alpha: 8, sigma: 3)))
        #expect(spec.labelSmoothing == 0.1 && spec.gradClip == 1.0 && !spec.optimizer.decayNormsAndBiases)
        let again = try RunSpec.decode(Array(try JSONEncoder().encode(spec)))
        #expect(again == spec)
    }

    @Test(arguments: ["step", "cosine", "onecycle", "constant"])
    func eachScheduleType_roundTripsWithItsDefaults(type: String) throws {
        let extra = type == "step" ? #", "step_size": 3"# : ""
        let spec = try Self.decode(#"{"schedule": {"type": "\#(type)"\#(extra)}}"#)
        #expect(spec.schedule.type.rawValue == type)
        #expect(try RunSpec.decode(Array(try JSONEncoder().encode(spec))) == spec)
    }

    @Test func specWithoutRecipe_encodesNoDecayFlag() throws {
        let text = String(decoding: try JSONEncoder().encode(try Self.decode(#"{"optimizer": {"type": "adamw"}}"#)),
                          as: UTF8.self)
        #expect(!text.contains("decay_norms_and_biases") && !text.contains("augment") && !text.contains("grad_clip"))
    }

    static let invalid: [(String, String)] = [
        (#"{"schedule": "cosine"}"#, "schedule"),
        (#"{"schedule": {"type": "linear"}}"#, "schedule.type"),
        (#"{"schedule": {"type": "step"}}"#, "schedule.step_size"),
        (#"{"schedule": {"type": "step", "step_size": 0}}"#, "schedule.step_size"),
        (#"{"schedule": {"type": "step", "step_size": 1.5}}"#, "schedule.step_size"),
        (#"{"schedule": {"type": "step", "step_size": 2, "gamma": 0}}"#, "schedule.gamma"),
        (#"{"schedule": {"type": "step", "step_size": 2, "gamma": "half"}}"#, "schedule.gamma"),
        (#"{"schedule": {"type": "step", "step_size": 2, "min_lr": 0}}"#, "schedule.min_lr"),
        (#"{"schedule": {"type": "cosine", "warmup_epochs": -1}}"#, "schedule.warmup_epochs"),
        (#"{"schedule": {"type": "cosine", "warmup_epochs": 11}}"#, "schedule.warmup_epochs"),
        (#"{"schedule": {"type": "cosine", "min_lr": 1}}"#, "schedule.min_lr"),
        (#"{"schedule": {"type": "cosine", "min_lr": -0.001}}"#, "schedule.min_lr"),
        (#"{"schedule": {"type": "cosine", "pct_start": 0.3}}"#, "schedule.pct_start"),
        (#"{"schedule": {"type": "onecycle", "pct_start": 1}}"#, "schedule.pct_start"),
        (#"{"schedule": {"type": "onecycle", "div_factor": 0.5}}"#, "schedule.div_factor"),
        (#"{"schedule": {"type": "onecycle", "final_div_factor": 0}}"#, "schedule.final_div_factor"),
        (#"{"augment": [10]}"#, "augment"),
        (#"{"augment": {"rotate": -1}}"#, "augment.rotate"),
        (#"{"augment": {"rotate": 200}}"#, "augment.rotate"),
        (#"{"augment": {"rotate": "ten"}}"#, "augment.rotate"),
        (#"{"augment": {"translate": 1.5}}"#, "augment.translate"),
        (#"{"augment": {"scale": 1.1}}"#, "augment.scale"),
        (#"{"augment": {"scale": [0.9]}}"#, "augment.scale"),
        (#"{"augment": {"scale": [1.1, 0.9]}}"#, "augment.scale"),
        (#"{"augment": {"scale": [0, 1]}}"#, "augment.scale"),
        (#"{"augment": {"shear": 5}}"#, "augment.shear"),
        (#"{"augment": {"elastic": {"alpha": 8}}}"#, "augment.elastic.sigma"),
        (#"{"augment": {"elastic": {"alpha": -1, "sigma": 3}}}"#, "augment.elastic.alpha"),
        (#"{"augment": {"elastic": {"alpha": 8, "sigma": 0}}}"#, "augment.elastic.sigma"),
        (#"{"augment": {"elastic": {"alpha": 8, "sigma": 3, "order": 1}}}"#, "augment.elastic.order"),
        (#"{"label_smoothing": 1}"#, "label_smoothing"),
        (#"{"label_smoothing": -0.1}"#, "label_smoothing"),
        (#"{"label_smoothing": "some"}"#, "label_smoothing"),
        (#"{"label_smoothing": 0.1, "loss": "mse"}"#, "label_smoothing"),
        (#"{"grad_clip": 0}"#, "grad_clip"),
        (#"{"grad_clip": -1}"#, "grad_clip"),
        (#"{"grad_clip": true}"#, "grad_clip"),
        (#"{"optimizer": {"type": "adamw", "decay_norms_and_biases": "no"}}"#, "optimizer.decay_norms_and_biases"),
        (#"{"optimizer": {"type": "sgd", "decay_norms_and_biases": 0}}"#, "optimizer.decay_norms_and_biases"),
    ]

    @Test(arguments: invalid)
    func invalidRecipeField_isRejectedNamingIt(json: String, field: String) {
        #expect {
            try Self.decode(json)
        } throws: { error in
            (error as? SpecError)?.field == field
        }
    }
}
