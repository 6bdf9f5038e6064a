// swift-tools-version:6.0
import PackageDescription

// Kernels are hot element loops: keep them optimised even in debug builds,
// so `swift test` (a debug build) runs the fixtures in seconds, not minutes.
let optimised: [SwiftSetting] = [.unsafeFlags(["-O"])]

let package = Package(
    name: "inception",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "inception", targets: ["inception"]),
        .library(name: "InceptionRuntime", targets: ["InceptionRuntime"]),
        .library(name: "InceptionModel", targets: ["InceptionModel"]),
        .library(name: "InceptionLanguage", targets: ["InceptionLanguage"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(name: "CBLAS", path: "Sources/CBLAS", pkgConfig: "openblas",
                       providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CReadline", path: "Sources/CReadline",
                       providers: [.apt(["libreadline-dev"])]),
        // The fast path's C kernels (GEMM, Winograd transforms, im2col, pooling, batch statistics,
        // the thread pool), optimised in every build; the instruction set is chosen when they run.
        .target(name: "CKernels", cSettings: [.unsafeFlags(["-O3"])]),
        .target(name: "InceptionRuntime", dependencies: ["CBLAS", "CKernels"], swiftSettings: optimised),
        .target(name: "InceptionModel", dependencies: ["InceptionRuntime"], swiftSettings: optimised),
        .systemLibrary(name: "CPNG", path: "Sources/CPNG", providers: [.apt(["libpng-dev"])]),
        .systemLibrary(name: "CJPEG", path: "Sources/CJPEG", providers: [.apt(["libjpeg-dev"])]),
        .target(name: "InceptionImaging", dependencies: ["InceptionRuntime", "CPNG", "CJPEG"],
                resources: [.copy("Resources/imagenet_classes.txt")], swiftSettings: optimised),
        .target(name: "InceptionTraining", dependencies: ["InceptionRuntime", "InceptionModel", "InceptionImaging"], swiftSettings: optimised),
        // The language knows tensors, layers and blocks; pictures and networks are handed to it.
        .target(name: "InceptionLanguage", dependencies: ["InceptionRuntime"]),
        .target(name: "InceptionNetworkBuiltins", dependencies: ["InceptionRuntime", "InceptionModel", "InceptionImaging", "InceptionLanguage"]),
        .target(name: "InceptionCurriculum", dependencies: ["InceptionRuntime", "InceptionModel", "InceptionLanguage", "InceptionNetworkBuiltins", "InceptionImaging", "InceptionTraining"]),
        .target(name: "InceptionREPL", dependencies: ["InceptionRuntime", "InceptionModel", "InceptionLanguage", "InceptionNetworkBuiltins", "InceptionCurriculum", "CReadline"]),
        .executableTarget(name: "inception", dependencies: [
            "InceptionRuntime", "InceptionModel", "InceptionLanguage", "InceptionNetworkBuiltins", "InceptionImaging", "InceptionREPL", "InceptionCurriculum", "InceptionTraining", "CReadline",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .target(name: "TestSupport", dependencies: ["InceptionRuntime"], path: "Tests/TestSupport",
                exclude: ["Fixtures"]),
        .testTarget(name: "InceptionRuntimeTests", dependencies: ["InceptionRuntime", "CKernels", "TestSupport"],
                    exclude: ["torch_generator_values.py"]),
        .testTarget(name: "InceptionModelTests", dependencies: ["InceptionModel", "TestSupport"], exclude: ["Snapshots"]),
        .testTarget(name: "InceptionCLITests", dependencies: ["inception", "InceptionModel", "TestSupport"]),
        .testTarget(name: "InceptionREPLTests", dependencies: ["InceptionREPL", "TestSupport"], exclude: ["Fixtures", "Snapshots"]),
        .testTarget(name: "InceptionLanguageTests", dependencies: ["InceptionLanguage", "InceptionNetworkBuiltins", "TestSupport"], exclude: ["Snapshots", "Differential"]),
        .testTarget(name: "InceptionImagingTests", dependencies: ["InceptionImaging", "InceptionModel", "TestSupport"]),
        .testTarget(name: "InceptionCurriculumTests", dependencies: ["InceptionCurriculum", "InceptionLanguage", "InceptionNetworkBuiltins", "InceptionRuntime", "InceptionImaging", "InceptionTraining", "TestSupport", "inception"]),
        .testTarget(name: "InceptionTrainingTests", dependencies: ["InceptionTraining", "InceptionModel", "InceptionImaging", "TestSupport"]),
        .testTarget(name: "ExerciseGradingTests", dependencies: ["InceptionCurriculum"]),
    ]
)
