import Foundation
import Testing
import Store

@Suite struct CurveRecordTests {
    @Test func encode_NaNAUC_isNullAndDecodesBackToNaN() throws {
        let curve = CurveRecord(curve: "7", auc: .nan, fpr: [0, 1], tpr: [0, 1])
        let json = String(decoding: try JSONEncoder().encode(curve), as: UTF8.self)
        #expect(json.contains(#""auc":null"#))
        let back = try JSONDecoder().decode(CurveRecord.self, from: Data(json.utf8))
        #expect(back == curve && back.auc.isNaN)
    }

    @Test func equality_differentPoints_isFalse() {
        #expect(CurveRecord(curve: "1", auc: 0.5, fpr: [0, 1], tpr: [0, 1])
                != CurveRecord(curve: "1", auc: 0.5, fpr: [0, 1], tpr: [0, 0.5]))
    }
}
