import Models
import NN
import Tensor

/// Saving a run's whole training state after an epoch and continuing from it bit for bit.
///
/// A checkpoint (`Checkpoint`, a safetensors file) holds the model's parameters under the
/// PyTorch twin's names ("net.0.weight"), the optimizer's buffers as
/// "optimizer.SLOT.NAME" ("optimizer.exp_avg.net.0.weight"), and in `__metadata__` the epoch,
/// the optimizer's step count and every random stream's four state words ("rng.shuffle",
/// "rng.dropout.0", …). Restored into a fresh `Trainer` of the same spec, the next epochs equal
/// those of an uninterrupted run (same engine). A schedule driven by the step count (or the
/// epoch) needs nothing more: both come back.
extension Trainer {
    /// A named random stream of the run; `get`/`set` read and replace its state.
    struct RandomStream {
        let name: String
        let get: () -> RandomGenerator
        let set: (RandomGenerator) -> Void
    }

    /// Every random stream of the run, by name, in a stable order. A new stream (augmentation,
    /// say) is one more entry here, and checkpoints carry it.
    var randomStreams: [RandomStream] {
        [RandomStream(name: "shuffle", get: { self.shuffleRNG }, set: { self.shuffleRNG = $0 })]
            + model.dropouts.enumerated().map { i, dropout in
                RandomStream(name: "dropout.\(i)", get: { dropout.rng }, set: { dropout.rng = $0 })
            }
    }

    /// The training state after `epochsDone` epochs.
    public func checkpoint() -> Checkpoint {
        var tensors = model.namedParameters.map { SafeTensors.Entry(name: $0.name, shape: $0.parameter.value.shape,
                                                                     values: $0.parameter.value.toArray()) }
        let names = model.namedParameters.map(\.name)
        for slot in optimizer.slots {
            for (name, t) in zip(names, slot.tensors) {
                tensors.append(.init(name: Checkpoint.optimizerPrefix + slot.name + "." + name, shape: t.shape, values: t.toArray()))
            }
        }
        var metadata = [Checkpoint.epochKey: String(epochsDone), Checkpoint.stepsKey: String(optimizer.steps),
                        "format": Checkpoint.format, "optimizer.type": spec.optimizer.type.rawValue]
        for stream in randomStreams {
            metadata[Checkpoint.randomPrefix + stream.name] = stream.get().state.map { String($0, radix: 16) }.joined(separator: ",")
        }
        return Checkpoint(file: SafeTensors(tensors: tensors, metadata: metadata))
    }

    /// Continues from `checkpoint`: parameters, optimizer buffers and steps, random streams and
    /// the epoch count; the next `run` trains epoch `checkpoint.epoch + 1` on.
    /// - Throws: `CheckpointError.mismatch` naming the first tensor, stream or field that does
    ///   not fit this trainer (another spec's checkpoint); nothing is changed then.
    public func restore(_ checkpoint: Checkpoint) throws(CheckpointError) {
        let file = checkpoint.file
        guard let epoch = checkpoint.epoch, epoch >= 0, let steps = file.metadata[Checkpoint.stepsKey].flatMap(Int.init) else {
            throw .mismatch("metadata has no epoch or optimizer.steps")
        }
        var copies: [(Tensor, SafeTensors.Entry)] = []
        func take(_ name: String, into t: Tensor) throws(CheckpointError) {
            guard let entry = file[name] else { throw .mismatch("no tensor \(name)") }
            guard entry.shape == t.shape else { throw .mismatch("\(name) is \(entry.shape), the model's is \(t.shape)") }
            copies.append((t, entry))
        }
        let named = model.namedParameters
        for (name, p) in named { try take(name, into: p.value) }
        for slot in optimizer.slots {
            for ((name, _), t) in zip(named, slot.tensors) { try take(Checkpoint.optimizerPrefix + slot.name + "." + name, into: t) }
        }
        let streams = randomStreams
        var states: [RandomGenerator] = []
        for stream in streams {
            let words = file.metadata[Checkpoint.randomPrefix + stream.name]?.split(separator: ",").compactMap { UInt64($0, radix: 16) }
            guard let words, words.count == 4, words.contains(where: { $0 != 0 }) else {
                throw .mismatch("no state for the random stream \(stream.name)")
            }
            states.append(RandomGenerator(state: words))
        }
        for (t, entry) in copies where !entry.values.isEmpty {
            entry.values.withUnsafeBufferPointer { t.data.update(from: $0.baseAddress!, count: $0.count) }
        }
        for (stream, state) in zip(streams, states) { stream.set(state) }
        optimizer.steps = steps
        epochsDone = epoch
    }
}

/// A run's saved training state after one epoch: a safetensors file (see `Trainer.checkpoint()`).
public struct Checkpoint: Equatable, Sendable {
    static let format = "mlplab-checkpoint-1"
    static let epochKey = "epoch", stepsKey = "optimizer.steps"
    static let optimizerPrefix = "optimizer.", randomPrefix = "rng."

    public var file: SafeTensors

    public init(file: SafeTensors) { self.file = file }

    /// Reads a checkpoint's bytes.
    /// - Throws: `CheckpointError.malformed` when they are not a safetensors file.
    public init(decoding bytes: [UInt8]) throws(CheckpointError) { file = try SafeTensors(decoding: bytes) }

    public func encoded() -> [UInt8] { file.encoded() }

    /// The epoch it was taken after.
    public var epoch: Int? { file.metadata[Self.epochKey].flatMap(Int.init) }

    /// The model's parameters only, under the PyTorch twin's names: the exported `.safetensors`
    /// (`model.load_state_dict(safetensors.torch.load_file(f))` takes it as it is).
    public var weights: SafeTensors {
        SafeTensors(tensors: file.tensors.filter { !$0.name.hasPrefix(Self.optimizerPrefix) },
                    metadata: ["format": "pt", "epoch": file.metadata[Self.epochKey] ?? ""])
    }
}
