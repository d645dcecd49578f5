/// Everything measured on a labelled set from a classifier's probabilities: accuracy, the
/// confusion matrix, and ROC curves with their AUCs one-vs-rest for each class, micro-averaged
/// (all class decisions pooled) and macro-averaged (mean of the class AUCs).
public struct ClassificationReport: Sendable, Codable, Equatable {
    public let accuracy: Double
    /// confusion[truth][predicted], counts.
    public let confusion: [[Int]]
    public let classROC: [ROCCurve]
    public let microROC: ROCCurve
    /// Mean of the class AUCs over classes that have both positives and negatives (scikit-learn
    /// refuses a set where one does not; we skip it so short runs still get a number).
    public let aucMacro: Double
    public var aucMicro: Double { microROC.auc }
    /// The N×K scores and N labels the report was computed from (the caller's arrays, kept
    /// without a copy), e.g. for storing a test set's predictions next to its AUCs.
    public let scores: [Float]
    public let labels: [Int32]

    /// - Parameters:
    ///   - probabilities: N×K row-major class probabilities (or any scores).
    ///   - labels: N true classes in 0..<K.
    ///   - classes: K.
    ///   - curvePoints: keep at most about this many points of each ROC curve (AUCs are always
    ///     computed on the full curves). A full micro curve of MNIST's test set has up to 100,000
    ///     points; a run that keeps every epoch's report needs them bounded.
    public init(probabilities: [Float], labels: [Int32], classes: Int, curvePoints: Int? = nil) {
        let n = labels.count
        precondition(probabilities.count == n * classes, "ClassificationReport: \(probabilities.count) scores for \(n)×\(classes)")
        var confusion = Array(repeating: Array(repeating: 0, count: classes), count: classes)
        var correct = 0
        for i in 0..<n {
            let row = probabilities[(i * classes)..<((i + 1) * classes)]
            let predicted = row.indices.max { row[$0] < row[$1] }! - i * classes   // first maximum, as argmax
            let truth = Int(labels[i])
            confusion[truth][predicted] += 1
            if predicted == truth { correct += 1 }
        }
        self.confusion = confusion
        (self.scores, self.labels) = (probabilities, labels)
        accuracy = n > 0 ? Double(correct) / Double(n) : .nan
        let scores = probabilities.map(Double.init)
        let thin: (ROCCurve) -> ROCCurve = { roc in curvePoints.map { roc.thinned(to: $0) } ?? roc }
        classROC = (0..<classes).map { k in
            thin(ROCCurve(scores: (0..<n).map { scores[$0 * classes + k] }, positives: labels.map { Int($0) == k }))
        }
        microROC = thin(ROCCurve(scores: scores, positives: (0..<n * classes).map { Int(labels[$0 / classes]) == $0 % classes }))
        let defined = classROC.map(\.auc).filter { !$0.isNaN }
        aucMacro = defined.isEmpty ? .nan : defined.reduce(0, +) / Double(defined.count)
    }
}
