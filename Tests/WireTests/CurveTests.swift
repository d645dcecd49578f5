import Foundation
import Testing
import Wire

@Suite struct CurveTests {
    @Test func encode_missingAUC_roundTripsAsNil() throws {
        let curve = Curve(curve: "7", auc: nil, fpr: [0, 1], tpr: [0, 1])
        let json = try WireJSON.text(curve)
        #expect(!json.contains("auc"))
        #expect(try WireJSON.decode(Curve.self, from: Array(json.utf8)) == curve)
    }

    @Test func equality_differentPoints_isFalse() {
        #expect(Curve(curve: "1", auc: 0.5, fpr: [0, 1], tpr: [0, 1]) != Curve(curve: "1", auc: 0.5, fpr: [0, 1], tpr: [0, 0.5]))
    }

    @Test func confusion_labelsFollowTheMatrix() {
        #expect(Confusion(runId: 1, epoch: 1, matrix: [[1, 0, 0], [0, 1, 0], [0, 0, 1]]).labels == [0, 1, 2])
    }
}
