import Foundation
import Testing
import Wire

@Suite struct EpochRowTests {
    static func row(aucMacro: Double? = nil) -> EpochRow {
        var row = EpochRow(epoch: 2)
        (row.trainSeconds, row.trainLoss, row.trainAccuracy, row.testLoss) = (1, 0.5, 0.9, 0.4)
        (row.testAccuracy, row.aucMacro, row.aucMicro, row.samplesPerSecond, row.evalSeconds) = (0.91, aucMacro, 0.99, 100, 0.1)
        return row
    }

    @Test func encode_missingMetric_isAbsentAndDecodesBackToNil() throws {
        let json = try WireJSON.text(Self.row())
        #expect(!json.contains("auc_macro") && json.contains(#""samples_per_second":100"#))
        #expect(try WireJSON.decode(EpochRow.self, from: Array(json.utf8)) == Self.row())
    }

    @Test func flatColumns_followDeclarationOrder_withNilAsNull() throws {
        let columns = FlatEncoder.columns(of: Self.row())
        #expect(columns.map(\.key).starts(with: ["epoch", "train_seconds", "train_loss", "train_accuracy", "test_loss",
                                                  "test_accuracy", "auc_macro"]))
        #expect(columns[0].value == .integer(2) && columns[6].value == .null && columns[1].value == .real(1))
        // Every key the JSON row has, and no other (the JSON leaves nil fields out: compare the example's).
        let json = try WireJSON.decode([String: JSONValue].self, from: try WireJSON.encode(EpochRow.example))
        #expect(Set(FlatEncoder.columns(of: EpochRow.example).map(\.key)) == Set(json.keys))
    }

    @Test func flatDecoder_readsColumnsByName_missingOnesAreNil() throws {
        let values = Dictionary(uniqueKeysWithValues: FlatEncoder.columns(of: Self.row(aucMacro: 0.7)).map { ($0.key, $0.value) })
        #expect(try FlatDecoder.decode(EpochRow.self) { values[$0] } == Self.row(aucMacro: 0.7))
        let sparse = try FlatDecoder.decode(EpochRow.self) { $0 == "epoch" ? .integer(3) : nil }
        #expect(sparse == EpochRow(epoch: 3))
    }

    @Test func defined_nonFinite_isNil() {
        #expect(EpochRow.defined(.nan) == nil && EpochRow.defined(.infinity) == nil && EpochRow.defined(0.5) == 0.5)
    }
}
