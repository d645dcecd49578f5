import Data
import EngineSupport
import Foundation
import NN
import Tensor
import Testing
import Training
import Wire

/// Each training-recipe field against what torch computes
/// (Fixtures/make_recipe_reference.py wrote Fixtures/recipe_reference.json).
struct RecipeReferenceTests {
    struct Reference: Decodable {
        struct Schedule: Decodable {
            let schedule: JSONValue, lr: Float, steps_per_epoch: Int, epochs: Int, lrs: [Double]
        }
        struct Augment: Decodable {
            let name: String, shape: [Int], image: [Float], angle_deg: Float, scale: Float, tx: Float, ty: Float
            let expected: [Float]
            let field: [Float]?, alpha: Float?, sigma: Float?
        }
        struct Smoothing: Decodable { let smoothing: Float, logits: [Float], labels: [Int32], loss: Double, gradient: [Float] }
        struct Decay: Decodable {
            struct Grad: Decodable { let w: [[Float]], b: [Float] }
            struct Case: Decodable { let w: [[Float]], b: [Float] }
            let w0: [[Float]], b0: [Float], grads: [Grad], cases: [String: Case]
        }
        struct Clip: Decodable {
            let max_norm: Float, w_grad: [[Float]], b_grad: [Float], norm: Float, w_clipped: [[Float]], b_clipped: [Float]
        }
        let schedules: [Schedule]
        let augment: [Augment]
        let smoothing: Smoothing
        let decay: Decay
        let clip: Clip
    }

    static let reference: Reference = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/recipe_reference.json")
        return try! JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
    }()

    // MARK: - Schedules

    @Test(arguments: 0..<reference.schedules.count)
    func schedule_everyStep_matchesTorchSchedulers(index: Int) throws {
        let ref = Self.reference.schedules[index]
        let schedule = try JSONDecoder().decode(ScheduleSpec.self, from: JSONEncoder().encode(ref.schedule))
        try schedule.validate(lr: ref.lr, epochs: ref.epochs)
        let total = ref.steps_per_epoch * ref.epochs
        #expect(ref.lrs.count == total)
        for (step, want) in ref.lrs.enumerated() {
            let got = schedule.learningRate(step: step, stepsPerEpoch: ref.steps_per_epoch, totalSteps: total, lr: ref.lr)
            #expect(abs(Double(got) - want) <= 1e-6 * Double(ref.lr) + 1e-7 * want,
                    "\(schedule.type) step \(step): \(got) vs torch \(want)")
        }
    }

    @Test func trainer_storesTheLastStepsRateInEachEpochRow() throws {
        var spec = TrainerTests.spec(epochs: 3)
        spec.schedule = ScheduleSpec(type: .cosine)
        spec.schedule.warmupEpochs = 1
        let data = Synthetic.dataset(count: 64, seed: 3)
        let trainer = try Trainer(spec: spec, train: data, test: data)
        let rows = try trainer.run(observer: nil).map(\.row)
        let steps = trainer.stepsPerEpoch
        #expect(steps == 4)
        for row in rows {
            let want = spec.schedule.learningRate(step: row.epoch * steps - 1, stepsPerEpoch: steps, totalSteps: 3 * steps,
                                                  lr: spec.optimizer.lr)
            #expect(row.learningRate == Double(want))
        }
        #expect(rows[0].learningRate == Double(spec.optimizer.lr))     // end of the warm-up
        #expect(rows[2].learningRate! < rows[1].learningRate!)           // cosine decay, min_lr 0 reached after the last step
    }

    // MARK: - Augmentation

    @Test(arguments: 0..<reference.augment.count)
    func augmentation_fixedDraws_matchAffineGridAndGridSample(index: Int) {
        let ref = Self.reference.augment[index]
        let (h, w) = (ref.shape[0], ref.shape[1])
        let affine = Augmentation.Affine(angle: ref.angle_deg * .pi / 180, scale: ref.scale,
                                         shiftX: ref.tx * Float(w) / 2, shiftY: ref.ty * Float(h) / 2)
        var image = ref.image
        image.withUnsafeMutableBufferPointer {
            Augmentation.transform($0.baseAddress!, imageShape: ref.shape, affine: affine, rawField: ref.field,
                                   alpha: ref.alpha ?? 0, sigma: ref.sigma ?? 1)
        }
        var worst: Float = 0
        for (got, want) in zip(image, ref.expected) { worst = max(worst, abs(got - want)) }
        #expect(worst < 1e-4, "\(ref.name): largest difference \(worst)")
    }

    @Test func augmentation_rotate90_permutesPixels_asTorchDoes() {
        let ref = Self.reference.augment.first { $0.name == "rotate90" }!, n = ref.shape[0]
        var image = ref.image
        image.withUnsafeMutableBufferPointer {
            Augmentation.transform($0.baseAddress!, imageShape: ref.shape, affine: .init(angle: .pi / 2))
        }
        // output (v, u) samples input (row u, column n−1−v): the top row lands in the left column
        for v in 0..<n {
            for u in 0..<n {
                #expect(abs(image[v * n + u] - ref.image[u * n + n - 1 - v]) < 1e-5)
                #expect(abs(ref.expected[v * n + u] - ref.image[u * n + n - 1 - v]) < 1e-5)
            }
        }
    }

    @Test func augmentation_allRangesZero_returnsTheInput() {
        let data = Synthetic.dataset(count: 20, seed: 5)
        let batch = Tensor(zeros: [0]), copy = Tensor(zeros: [0])
        var labels: [Int32] = [], copyLabels: [Int32] = []
        data.gather(Array(0..<20), into: copy, labels: &copyLabels)
        var rng = RandomGenerator(seed: 1)
        AugmentSpec(rotate: 0, translate: 0, scale: [1, 1]).augmentation
            .gather(0..<20, of: data, into: batch, labels: &labels, rng: &rng)
        #expect(batch.toArray() == copy.toArray() && labels == copyLabels)
        AugmentSpec(elastic: .init(alpha: 0, sigma: 2)).augmentation.gather(0..<20, of: data, into: batch, labels: &labels, rng: &rng)
        #expect(batch.toArray() == copy.toArray())
    }

    @Test func augmentation_sameSeed_sameImages_otherSeed_otherImages() {
        let data = Synthetic.dataset(count: 8, seed: 5)
        func distorted(seed: UInt64) -> [Float] {
            let batch = Tensor(zeros: [0])
            var labels: [Int32] = [], rng = RandomGenerator(seed: seed)
            AugmentSpec(rotate: 15, translate: 0.1, scale: [0.9, 1.1], elastic: .init(alpha: 3, sigma: 2))
                .augmentation.gather(0..<8, of: data, into: batch, labels: &labels, rng: &rng)
            return batch.toArray()
        }
        #expect(distorted(seed: 1) == distorted(seed: 1))
        #expect(distorted(seed: 1) != distorted(seed: 2))
    }

    @Test func augmentation_onTwoThreads_givesTheSameBitsAsOne() throws {
        let data = Synthetic.dataset(count: 64, seed: 6)
        let one = Engine.best(), two = one.withThreads(2)
        func distorted(_ backend: Backend) -> [Float] {
            Engine.$current.withValue(backend) {
                let batch = Tensor(zeros: [0])
                var labels: [Int32] = [], rng = RandomGenerator(seed: 4)
                AugmentSpec(rotate: 15, translate: 0.1, scale: [0.9, 1.1], elastic: .init(alpha: 3, sigma: 2))
                    .augmentation.gather(0..<64, of: data, into: batch, labels: &labels, rng: &rng)
                return batch.toArray()
            }
        }
        let original = Engine.$current.withValue(one) { () -> [Float] in
            let batch = Tensor(zeros: [0]); var labels: [Int32] = []
            data.gather(Array(0..<64), into: batch, labels: &labels)
            return batch.toArray()
        }
        let single = distorted(one)
        #expect(single != original)
        #expect(distorted(two) == single)
    }

    @Test func trainer_withAugment_isBitIdenticalOnRerun_andDiffersFromWithout() throws {
        var spec = TrainerTests.spec(epochs: 1)
        let data = Synthetic.dataset(count: 64, seed: 3)
        func loss(_ spec: RunSpec) throws -> Double? { try Trainer(spec: spec, train: data, test: data).run(observer: nil)[0].row.trainLoss }
        let plain = try loss(spec)
        spec.augment = AugmentSpec(rotate: 10, translate: 0.1, scale: [0.9, 1.1])
        #expect(try loss(spec) == loss(spec))
        #expect(try loss(spec) != plain)
    }

    // MARK: - Label smoothing

    @Test(arguments: Engines.names)
    func labelSmoothing_lossAndGradient_matchTorch(engine: String) { Engines.on(engine) {
        let ref = Self.reference.smoothing, b = ref.labels.count
        let logits = Tensor(ref.logits, shape: [b, 10]), loss = Loss(.crossEntropy, smoothing: ref.smoothing)
        let sum = ref.labels.withUnsafeBufferPointer { loss.evaluate(logits: logits, labels: $0, computeGradient: true) }
        #expect(abs(sum / Double(b) - ref.loss) < 1e-5, "loss \(sum / Double(b)) vs torch \(ref.loss)")
        for (got, want) in zip(loss.gradient.toArray(), ref.gradient) { #expect(abs(got - want) < 1e-6) }
    } }

    @Test(arguments: Engines.names)
    func labelSmoothing_gradient_matchesFiniteDifferences(engine: String) { Engines.on(engine) {
        let labels: [Int32] = [2, 0, 1, 2]
        let logits = Engines.random([4, 5], seed: 21, scale: 3), loss = Loss(.crossEntropy, smoothing: 0.2)
        func mean() -> Double { labels.withUnsafeBufferPointer { loss.evaluate(logits: logits, labels: $0, computeGradient: false) } / 4 }
        _ = labels.withUnsafeBufferPointer { loss.evaluate(logits: logits, labels: $0, computeGradient: true) }
        let analytic = loss.gradient.toArray(), h: Float = 1e-2
        for i in 0..<logits.count {
            let saved = logits[i]
            logits[i] = saved + h; let plus = mean()
            logits[i] = saved - h; let minus = mean()
            logits[i] = saved
            #expect(abs(Double(analytic[i]) - (plus - minus) / Double(2 * h)) < 2e-3, "logit \(i)")
        }
    } }

    // MARK: - Decay exemption and clipping

    static let decaySpecs: [String: String] = [
        "adamw": #"{"type": "adamw", "lr": 0.01, "weight_decay": 0.1, "decay_norms_and_biases": false}"#,
        "adam": #"{"type": "adam", "lr": 0.01, "weight_decay": 0.1, "decay_norms_and_biases": false}"#,
        "sgd": #"{"type": "sgd", "lr": 0.1, "momentum": 0.9, "weight_decay": 0.05, "decay_norms_and_biases": false}"#,
    ]

    @Test(arguments: Engines.names, decaySpecs.keys.sorted())
    func decayExemption_threeSteps_matchTorchParamGroups(engine: String, name: String) throws { try Engines.on(engine) {
        let ref = Self.reference.decay, want = try #require(ref.cases[name])
        let spec = try JSONDecoder().decode(OptimizerSpec.self, from: Data(Self.decaySpecs[name]!.utf8))
        let w = Parameter("weight", Tensor(ref.w0.flatMap { $0 }, shape: [3, 4]))
        let b = Parameter("bias", Tensor(ref.b0, shape: [3]))
        let optimizer = spec.make([w, b])
        for g in ref.grads {
            w.grad.copy(from: Tensor(g.w.flatMap { $0 }, shape: [3, 4]))
            b.grad.copy(from: Tensor(g.b, shape: [3]))
            optimizer.step()
        }
        for (got, torch) in zip(w.value.toArray() + b.value.toArray(), want.w.flatMap { $0 } + want.b) {
            #expect(abs(got - torch) < 1e-5, "\(name): \(got) vs torch \(torch)")
        }
    } }

    @Test(arguments: Engines.names)
    func gradClip_matchesClipGradNorm(engine: String) { Engines.on(engine) {
        let ref = Self.reference.clip
        let w = Parameter("weight", Tensor(zeros: [3, 4])), b = Parameter("bias", Tensor(zeros: [3]))
        w.grad.copy(from: Tensor(ref.w_grad.flatMap { $0 }, shape: [3, 4]))
        b.grad.copy(from: Tensor(ref.b_grad, shape: [3]))
        let norm = clipGradientNorm([w, b], maxNorm: ref.max_norm)
        #expect(abs(norm - ref.norm) < 1e-5)
        for (got, torch) in zip(w.grad.toArray() + b.grad.toArray(), ref.w_clipped.flatMap { $0 } + ref.b_clipped) {
            #expect(abs(got - torch) < 1e-6)
        }
        let before = w.grad.toArray()
        clipGradientNorm([w, b], maxNorm: 100)                      // under the limit: unchanged
        #expect(w.grad.toArray() == before)
    } }
}
