import Foundation
import Testing
import Store

@Suite struct EpochRecordTests {
    @Test func encode_NaNMetric_isNullAndDecodesBackToNaN() throws {
        let epoch = EpochRecord(epoch: 2, trainSeconds: 1, trainLoss: 0.5, trainAccuracy: 0.9, testLoss: 0.4,
                                testAccuracy: 0.91, aucMacro: .nan, aucMicro: 0.99, samplesPerSecond: 100, evalSeconds: 0.1)
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let json = String(decoding: try encoder.encode(epoch), as: UTF8.self)
        #expect(json.contains(#""auc_macro":null"#) && json.contains(#""samples_per_second":100"#))
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        #expect(try decoder.decode(EpochRecord.self, from: Data(json.utf8)) == epoch)
    }

    @Test func equality_differentMetric_isFalse() {
        #expect(EpochRecord(epoch: 1, trainSeconds: 1, trainLoss: 1, trainAccuracy: 1, testLoss: 1, testAccuracy: 1,
                            aucMacro: 1, aucMicro: 1, samplesPerSecond: 1, evalSeconds: 1)
                != EpochRecord(epoch: 1, trainSeconds: 1, trainLoss: 1, trainAccuracy: 1, testLoss: 1, testAccuracy: 1,
                               aucMacro: 1, aucMicro: 1, samplesPerSecond: 1, evalSeconds: 2))
    }
}
