import Foundation
import Wire

/// The `schedule` object of a spec: the learning rate of every optimizer step, as
/// `torch_reference.py`'s `lr_factor` (and torch's `OneCycleLR`) computes it.
///
/// ```json
/// {"type": "cosine", "warmup_epochs": 1, "min_lr": 0}
/// ```
/// `constant` (default); `step` (`step_size` epochs, `gamma`); `cosine` (linear warm-up over
/// `warmup_epochs`, then cosine decay to `min_lr`); `onecycle` (`pct_start`, `div_factor`,
/// `final_div_factor`; the peak is `optimizer.lr`, cosine annealing, no momentum cycling).
/// The rate is a pure function of the step, so a resumed run recomputes it.
public struct ScheduleSpec: Codable, Equatable, Sendable {
    public enum Kind: String, Codable, Sendable, CaseIterable { case constant, step, cosine, onecycle }

    public var type: Kind = .constant
    public var stepSize = 1                     // step: epochs between decays
    public var gamma = 0.1                      // step
    public var warmupEpochs = 0.0               // cosine
    public var minLR = 0.0                      // cosine
    public var pctStart = 0.3, divFactor = 25.0, finalDivFactor = 1e4   // onecycle

    public init(type: Kind = .constant) { self.type = type }

    enum CodingKeys: String, CodingKey {
        case type, gamma
        case stepSize = "step_size", warmupEpochs = "warmup_epochs", minLR = "min_lr"
        case pctStart = "pct_start", divFactor = "div_factor", finalDivFactor = "final_div_factor"
    }

    /// The fields each type accepts, besides `type`.
    static let fields: [Kind: [CodingKeys]] = [
        .constant: [], .step: [.stepSize, .gamma], .cosine: [.warmupEpochs, .minLR],
        .onecycle: [.pctStart, .divFactor, .finalDivFactor],
    ]

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        type = try c.decodeChoice(Kind.self, forKey: .type) ?? .constant
        let allowed = [CodingKeys.type] + Self.fields[type]!
        try decoder.rejectUnknownKeys(allowed: allowed.map(\.rawValue), context: "schedule \(type.rawValue)")
        if type == .step {
            guard let size = try c.decodeInteger(forKey: .stepSize) else {
                throw SpecError(field: "schedule.step_size", "required for the step schedule (epochs between decays)")
            }
            stepSize = size
        }
        gamma = try c.decodeIfPresent(Double.self, forKey: .gamma) ?? gamma
        warmupEpochs = try c.decodeIfPresent(Double.self, forKey: .warmupEpochs) ?? warmupEpochs
        minLR = try c.decodeIfPresent(Double.self, forKey: .minLR) ?? minLR
        pctStart = try c.decodeIfPresent(Double.self, forKey: .pctStart) ?? pctStart
        divFactor = try c.decodeIfPresent(Double.self, forKey: .divFactor) ?? divFactor
        finalDivFactor = try c.decodeIfPresent(Double.self, forKey: .finalDivFactor) ?? finalDivFactor
    }

    /// Writes the type's fields only, defaults filled in.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(type, forKey: .type)
        for key in Self.fields[type]! {
            switch key {
            case .stepSize: try c.encode(stepSize, forKey: key)
            case .gamma: try c.encode(gamma, forKey: key)
            case .warmupEpochs: try c.encode(warmupEpochs, forKey: key)
            case .minLR: try c.encode(minLR, forKey: key)
            case .pctStart: try c.encode(pctStart, forKey: key)
            case .divFactor: try c.encode(divFactor, forKey: key)
            case .finalDivFactor: try c.encode(finalDivFactor, forKey: key)
            case .type: break
            }
        }
    }

    /// Checks every range, naming the field ("schedule.min_lr").
    public func validate(lr: Float, epochs: Int) throws(SpecError) {
        func check(_ ok: Bool, _ k: CodingKeys, _ message: String) throws(SpecError) {
            if !ok { throw SpecError(field: "schedule.\(k.rawValue)", message) }
        }
        try check(stepSize >= 1, .stepSize, "must be >= 1 epoch (got \(stepSize))")
        try check(gamma.isFinite && gamma > 0 && gamma <= 1, .gamma, "must be in (0, 1] (got \(gamma))")
        try check(warmupEpochs.isFinite && warmupEpochs >= 0 && warmupEpochs <= Double(epochs), .warmupEpochs,
                  "must be in 0...\(epochs), the run's epochs (got \(warmupEpochs))")
        try check(minLR.isFinite && minLR >= 0 && minLR <= Double(lr), .minLR,
                  "must be in [0, optimizer.lr = \(lr)] (got \(minLR))")
        try check(pctStart.isFinite && pctStart > 0 && pctStart < 1, .pctStart, "must be in (0, 1) (got \(pctStart))")
        try check(divFactor.isFinite && divFactor >= 1, .divFactor, "must be >= 1 (got \(divFactor))")
        try check(finalDivFactor.isFinite && finalDivFactor >= 1, .finalDivFactor, "must be >= 1 (got \(finalDivFactor))")
    }

    /// The learning rate of optimizer step `step` (0-based) of a run of `totalSteps` steps,
    /// `stepsPerEpoch` to an epoch, whose `optimizer.lr` is `lr`.
    public func learningRate(step: Int, stepsPerEpoch: Int, totalSteps: Int, lr: Float) -> Float {
        let base = Double(lr)
        switch type {
        case .constant:
            return lr
        case .step:
            return Float(base * pow(gamma, Double((step / stepsPerEpoch) / stepSize)))
        case .cosine:
            let warm = Int(warmupEpochs * Double(stepsPerEpoch))
            if step < warm { return Float(base * Double(step + 1) / Double(warm)) }
            let t = Double(step - warm) / Double(max(1, totalSteps - warm)), low = minLR / base
            return Float(base * (low + (1 - low) * 0.5 * (1 + cos(Double.pi * t))))
        case .onecycle:                                     // torch.optim.lr_scheduler.OneCycleLR, two phases
            let initial = base / divFactor, final = initial / finalDivFactor
            let peakStep = pctStart * Double(totalSteps) - 1, lastStep = Double(totalSteps - 1)
            func anneal(_ start: Double, _ end: Double, _ pct: Double) -> Double { end + (start - end) / 2 * (cos(.pi * pct) + 1) }
            let s = Double(step)
            if s <= peakStep { return Float(anneal(initial, base, peakStep > 0 ? s / peakStep : 1)) }
            return Float(anneal(base, final, (s - peakStep) / max(lastStep - peakStep, 1e-12)))
        }
    }
}
