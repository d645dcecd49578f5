import Foundation
import Data
import Models
import Wire
import NN
import Testing

/// The image facts the models are checked against.
private let mnist = DatasetInfo.mnist

struct ModelSpecValidationTests {
    static func decode(_ json: String) throws -> ModelSpec {
        struct Run: Decodable { let model: ModelSpec }
        return try JSONDecoder().decode(Run.self, from: Data("{\"model\": \(json)}".utf8)).model
    }

    /// The field of the SpecError that decoding then validating `json` throws.
    static func failingField(_ json: String) -> String? {
        do { try decode(json).validate(imageShape: mnist.imageShape, classes: mnist.classes); return nil } catch let error as SpecError { return error.field } catch { return "\(error)" }
    }

    @Test func mixer_emptySpec_takesTorchReferenceDefaults() throws {
        let spec = try Self.decode(#"{"type": "mixer"}"#)
        #expect((spec.patch, spec.dim, spec.depth) == (7, 64, 4))
        #expect(spec.resolvedTokenHidden(imageSide: 28) == 32)     // 2 · 16 tokens
        #expect(spec.resolvedChannelHidden == 256)                 // 4 · dim
        #expect(spec.dropout == 0)
    }

    @Test func resmlp_expansion_setsChannelHidden() throws {
        let spec = try Self.decode(#"{"type": "resmlp", "dim": 32, "expansion": 3}"#)
        #expect(spec.resolvedChannelHidden == 96)
        #expect(spec.layerscale == 0.1)
    }

    @Test func modelSpec_encodeThenDecode_roundTrips() throws {
        var spec = try Self.decode(#"{"type": "vip", "patch": 4, "dim": 63, "channel_hidden": 252}"#)
        spec.resolveDefaults(imageSide: mnist.imageShape[0])
        let json = String(decoding: try JSONEncoder().encode(spec), as: UTF8.self)
        #expect(json.contains("\"segments\":7"))
        let again = try Self.decode(json)
        #expect(again.parameterCount(imageShape: mnist.imageShape, classes: mnist.classes) == spec.parameterCount(imageShape: mnist.imageShape, classes: mnist.classes))
    }

    @Test(arguments: [
        (#"{"type": "mixer", "hidden": [10]}"#, "model.hidden"),            // a field of mlp
        (#"{"type": "mlp", "patch": 7}"#, "model.patch"),                    // a field of the patch models
        (#"{"type": "resmlp", "token_hidden": 8}"#, "model.token_hidden"),  // mixer's
        (#"{"type": "vip", "layerscale": 0.1}"#, "model.layerscale"),       // resmlp's
        (#"{"type": "mixer", "dimm": 64}"#, "model.dimm"),                   // misspelt
        (#"{"type": "gmlp"}"#, "model.type"),
    ])
    func modelSpec_foreignOrUnknownField_isRejectedNamingIt(_ json: String, _ field: String) {
        #expect(Self.failingField(json) == field)
    }

    @Test(arguments: [
        (#"{"type": "mixer", "patch": 5}"#, "model.patch"),                  // does not divide 28
        (#"{"type": "mixer", "patch": 0}"#, "model.patch"),
        (#"{"type": "mixer", "dim": 0}"#, "model.dim"),
        (#"{"type": "resmlp", "depth": 0}"#, "model.depth"),
        (#"{"type": "mixer", "token_hidden": -1}"#, "model.token_hidden"),
        (#"{"type": "vip", "channel_hidden": 0}"#, "model.channel_hidden"),
        (#"{"type": "mixer", "dropout": 1}"#, "model.dropout"),
        (#"{"type": "resmlp", "layerscale": 0}"#, "model.layerscale"),
        (#"{"type": "resmlp", "expansion": 4, "channel_hidden": 256}"#, "model.expansion"),
        (#"{"type": "vip", "patch": 4, "dim": 64}"#, "model.dim"),          // not a multiple of the grid side 7
        (#"{"type": "vip", "patch": 14, "dim": 2}"#, "model.dim"),          // dim/4 = 0
        (#"{"type": "vip", "patch": 4, "dim": 63, "segments": 9}"#, "model.segments"),
        (#"{"type": "mixer", "dim": 4096, "depth": 256, "channel_hidden": 8192}"#, "model.dim"),   // too large
    ])
    func modelSpec_outOfRange_isRejectedNamingTheField(_ json: String, _ field: String) {
        #expect(Self.failingField(json) == field)
    }

    @Test func vip_dimNotMultipleOfGrid_messageNamesTheGrid() {
        do {
            try Self.decode(#"{"type": "vip", "patch": 4, "dim": 64}"#).validate(imageShape: mnist.imageShape, classes: mnist.classes)
            Issue.record("expected a SpecError")
        } catch let error as SpecError {
            #expect(error.message.contains("multiple of the patch grid side 7"))
        } catch { Issue.record("\(error)") }
    }

    @Test func labSpecs_validate() throws {
        for json in [#"{"type": "mixer", "patch": 7, "dim": 64, "depth": 4, "token_hidden": 64, "channel_hidden": 256}"#,
                     #"{"type": "resmlp", "patch": 7, "dim": 64, "depth": 4, "channel_hidden": 256, "layerscale": 0.1}"#,
                     #"{"type": "vip", "patch": 4, "dim": 63, "depth": 4, "channel_hidden": 252}"#,
                     #"{"type": "mlp", "hidden": [100, 80], "activation": "relu", "dropout": 0.2}"#] {
            try Self.decode(json).validate(imageShape: mnist.imageShape, classes: mnist.classes)
        }
    }
}
