// swift-tools-version: 6.0
// mlplab: experiment tracking that also runs the experiments. Module map (one-way):
// CBLAS/CZlib/CCurl <- Tensor <- NN <- Models; Tensor <- Data; Metrics; Training -> all; mlplab (CLI) on top.
import PackageDescription

let optimize: [SwiftSetting] = [.unsafeFlags(["-Ounchecked", "-wmo"], .when(configuration: .release))]

let package = Package(
    name: "mlplab",
    platforms: [.macOS(.v15)],
    products: [.executable(name: "mlplab", targets: ["mlplab"])],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .systemLibrary(name: "CBLAS", pkgConfig: "openblas",
                       providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CCurl", providers: [.apt(["libcurl4-openssl-dev"])]),

        .target(name: "Tensor", dependencies: ["CBLAS"], swiftSettings: optimize),
        .target(name: "NN", dependencies: ["Tensor"], swiftSettings: optimize),
        .target(name: "Models", dependencies: ["NN"], swiftSettings: optimize),
        .target(name: "Data", dependencies: ["Tensor", "CZlib", "CCurl"], swiftSettings: optimize),
        .target(name: "Metrics", swiftSettings: optimize),
        .target(name: "Training", dependencies: ["Models", "Data", "Metrics"], swiftSettings: optimize),
        .executableTarget(name: "mlplab", dependencies: [
            "Training",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        .testTarget(name: "TensorTests", dependencies: ["Tensor"]),
        .testTarget(name: "NNTests", dependencies: ["NN"]),
        .testTarget(name: "ModelsTests", dependencies: ["Models"]),
        .testTarget(name: "DataTests", dependencies: ["Data"]),
        .testTarget(name: "MetricsTests", dependencies: ["Metrics"]),
        .testTarget(name: "TrainingTests", dependencies: ["Training"]),
    ],
    swiftLanguageModes: [.v6]
)
