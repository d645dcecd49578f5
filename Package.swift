// swift-tools-version: 6.0
// mlplab: experiment tracking that also runs the experiments. Module map (one-way):
// Wire (request/response shapes, the strict decoder) -> nothing; Locking (Lock, a pthread mutex) -> nothing;
// CLibraryLoader <- CProducts/CCUDA/CCurl; CProducts/CKernels/CCUDA <- Tensor <- NN <- Models; Tensor <- Data; Metrics;
// Training -> Models, NN, Tensor, Data, Metrics, Wire, Locking; Store -> CSQLite, Wire, Locking;
// Server -> Wire, CZlib (gzip), Locking; Images -> CPNG (PNG in and out, the MNIST-style reduction);
// App -> Training, Store, Server, Wire, Images, CCrypto (token hashes), Locking; mlplab (CLI) -> App, Training, Store, Server, Wire.
// Each target lists every module its files import.
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
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CCrypto", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CPNG", providers: [.apt(["libpng-dev"])]),
        .target(name: "CKernels", cSettings: [.unsafeFlags(["-O3", "-fno-math-errno"])]),
        // dlopen and dlsym of a library's functions, for the three targets below.
        .target(name: "CLibraryLoader", linkerSettings: [.linkedLibrary("dl")]),
        // libcurl resolved at the first transfer, for the CLI's client and the downloader.
        .target(name: "CCurl", dependencies: ["CLibraryLoader"], linkerSettings: [.linkedLibrary("pthread")]),
        // oneDNN's and OpenBLAS's products resolved at the first product: not mapped by a service at rest.
        .target(name: "CProducts", dependencies: ["CLibraryLoader"], linkerSettings: [.linkedLibrary("pthread")]),
        // The CUDA driver, cuBLAS and NVRTC resolved at run time, and the GPU kernels' source.
        .target(name: "CCUDA", dependencies: ["CLibraryLoader"], exclude: ["kernels.cu"],
                cSettings: [.unsafeFlags(["-Wno-c23-extensions"])]),

        .target(name: "Wire", swiftSettings: optimize),
        .target(name: "Locking", swiftSettings: optimize),
        .target(name: "Tensor", dependencies: ["CProducts", "CKernels", "CCUDA"], swiftSettings: optimize),
        .target(name: "NN", dependencies: ["Tensor"], swiftSettings: optimize),
        .target(name: "Models", dependencies: ["NN", "Tensor", "Wire"], swiftSettings: optimize),
        .target(name: "Data", dependencies: ["Tensor", "CKernels", "CZlib", "CCurl"], swiftSettings: optimize),
        .target(name: "Metrics", swiftSettings: optimize),
        .target(name: "Training", dependencies: ["Models", "NN", "Tensor", "Data", "Metrics", "Wire", "Locking"],
                swiftSettings: optimize),
        .target(name: "Store", dependencies: ["CSQLite", "Wire", "Locking"], swiftSettings: optimize),
        .target(name: "Images", dependencies: ["CPNG"], swiftSettings: optimize),
        .target(name: "Server", dependencies: ["Wire", "CZlib", "Locking", .product(name: "Logging", package: "swift-log")],
                swiftSettings: optimize),
        .target(name: "App", dependencies: ["Training", "Store", "Server", "Wire", "Images", "CCrypto", "Locking",
                                            .product(name: "Logging", package: "swift-log")],
                swiftSettings: optimize),
        .executableTarget(name: "mlplab", dependencies: [
            "Training", "App", "Store", "Server", "Wire", "CCurl",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        .target(name: "TestSupport", dependencies: ["Wire"], path: "Tests/TestSupport"),
        .target(name: "EngineSupport", dependencies: ["Tensor"], path: "Tests/EngineSupport"),
        .testTarget(name: "WireTests", dependencies: ["Wire"]),
        .testTarget(name: "LockingTests", dependencies: ["Locking"]),
        .testTarget(name: "TensorTests", dependencies: ["Tensor", "EngineSupport"]),
        .testTarget(name: "NNTests", dependencies: ["NN", "Tensor", "EngineSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "ModelsTests", dependencies: ["Models", "NN", "Tensor", "Data", "Wire"]),
        .testTarget(name: "DataTests", dependencies: ["Data", "Tensor", "CKernels", "TestSupport"]),
        .testTarget(name: "MetricsTests", dependencies: ["Metrics"], exclude: ["Fixtures"]),
        .testTarget(name: "TrainingTests", dependencies: ["Training", "Data", "Models", "NN", "Tensor", "Wire", "Store", "EngineSupport"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "ImagesTests", dependencies: ["Images"], resources: [.copy("Fixtures")]),
        .testTarget(name: "StoreTests", dependencies: ["Store", "Wire"]),
        .testTarget(name: "ServerTests", dependencies: ["Server", "Wire", "CZlib", "Locking"]),
        .testTarget(name: "AppTests", dependencies: ["App", "Training", "Store", "Server", "Data", "Wire", "Images", "TestSupport",
                                                     .product(name: "Logging", package: "swift-log")],
                    exclude: ["Fixtures"]),
        .testTarget(name: "CLITests", dependencies: ["mlplab", "App", "Store", "Training", "Wire", "TestSupport",
                                                     .product(name: "Logging", package: "swift-log")]),
    ],
    swiftLanguageModes: [.v6]
)
