// swift-tools-version: 6.0
// mlplab: experiment tracking that also runs the experiments. Module map (one-way):
// CBLAS/CDNNL/CKernels/CZlib/CCurl/CSQLite <- Tensor <- NN <- Models; Tensor <- Data; Metrics; Training -> Models, Data, Metrics;
// Store -> CSQLite; Server -> nothing of ours; App -> Training, Store, Server; mlplab (CLI) on top.
import PackageDescription

let optimize: [SwiftSetting] = [.unsafeFlags(["-Ounchecked", "-wmo"], .when(configuration: .release))]

let package = Package(
    name: "mlplab",
    platforms: [.macOS(.v15)],
    products: [.executable(name: "mlplab", targets: ["mlplab"])],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        .systemLibrary(name: "CBLAS", pkgConfig: "openblas",
                       providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CCurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CDNNL", providers: [.apt(["libdnnl-dev"])]),
        .target(name: "CKernels", cSettings: [.unsafeFlags(["-O3", "-fno-math-errno"])]),

        .target(name: "Tensor", dependencies: ["CBLAS", "CDNNL", "CKernels"], swiftSettings: optimize),
        .target(name: "NN", dependencies: ["Tensor"], swiftSettings: optimize),
        .target(name: "Models", dependencies: ["NN"], swiftSettings: optimize),
        .target(name: "Data", dependencies: ["Tensor", "CZlib", "CCurl"], swiftSettings: optimize),
        .target(name: "Metrics", swiftSettings: optimize),
        .target(name: "Training", dependencies: ["Models", "Data", "Metrics"], swiftSettings: optimize),
        .target(name: "Store", dependencies: ["CSQLite"], swiftSettings: optimize),
        .target(name: "Server", dependencies: [.product(name: "Logging", package: "swift-log")], swiftSettings: optimize),
        .target(name: "App", dependencies: ["Training", "Store", "Server", .product(name: "Logging", package: "swift-log")],
                swiftSettings: optimize),
        .executableTarget(name: "mlplab", dependencies: [
            "Training", "App", "Store", "Server", "CCurl",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "TensorTests", dependencies: ["Tensor"]),
        .testTarget(name: "NNTests", dependencies: ["NN"], exclude: ["Fixtures"]),
        .testTarget(name: "ModelsTests", dependencies: ["Models"]),
        .testTarget(name: "DataTests", dependencies: ["Data", "Tensor", "TestSupport"]),
        .testTarget(name: "MetricsTests", dependencies: ["Metrics"], exclude: ["Fixtures"]),
        .testTarget(name: "TrainingTests", dependencies: ["Training"]),
        .testTarget(name: "StoreTests", dependencies: ["Store"]),
        .testTarget(name: "ServerTests", dependencies: ["Server"]),
        .testTarget(name: "AppTests", dependencies: ["App", "TestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["mlplab", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
