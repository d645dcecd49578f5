import Data
import Foundation
import Testing
import Training

/// Trains the lab's MLP on a real data set. MNIST is used when it can be found
/// (`MLPLAB_DATA=../shared/data` in CI, a `data/` folder, or a download); otherwise
/// Fashion-MNIST from Debian's dataset-fashion-mnist. The test says which, and fails when
/// neither is there: it never passes by testing nothing.
struct RealDataTests {
    @Test func labMLP_twoEpochs_reachesTheStatedAccuracyFloor() throws {
        let locator = DatasetLocator(directories: DatasetLocator.directories(flag: nil, config: []))
        let dataset: String, floor: Double, data: (train: Dataset, test: Dataset)
        if let mnist = try? locator.load("mnist") {
            (dataset, floor, data) = ("mnist", 0.95, mnist)          // PyTorch: 0.96 after 2 epochs
        } else {
            (dataset, floor, data) = ("fashion-mnist", 0.80, try locator.load("fashion-mnist"))   // PyTorch: 0.84
        }
        var spec = RunSpec()
        spec.dataset = dataset
        spec.model.dropout = 0.2
        spec.optimizer.momentum = 0.9
        (spec.epochs, spec.seed) = (2, 10)
        let results = try Trainer(spec: spec, train: data.train, test: data.test).run(observer: nil)
        print("real-data test on \(dataset): test accuracy \(results.last!.row.testAccuracy ?? 0), AUC macro \(results.last!.row.aucMacro ?? 0)")
        #expect(data.train.count == 60_000 && data.test.count == 10_000)
        #expect((results.last!.row.testAccuracy ?? 0) >= floor, "\(dataset): accuracy floor \(floor)")
        #expect((results.last!.row.aucMacro ?? 0) >= 0.98)
    }
}
