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
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(name: "CBLAS", path: "Sources/CBLAS", pkgConfig: "openblas",
                       providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CReadline", path: "Sources/CReadline",
                       providers: [.apt(["libreadline-dev"])]),
        .target(name: "InceptionRuntime", dependencies: ["CBLAS"], swiftSettings: optimised),
        .target(name: "InceptionModel", dependencies: ["InceptionRuntime"], swiftSettings: optimised),
        .executableTarget(name: "inception", dependencies: [
            "InceptionRuntime", "InceptionModel", "CReadline",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .target(name: "TestSupport", dependencies: ["InceptionRuntime"], path: "Tests/TestSupport",
                exclude: ["Fixtures"]),
        .testTarget(name: "InceptionRuntimeTests", dependencies: ["InceptionRuntime", "TestSupport"]),
        .testTarget(name: "InceptionModelTests", dependencies: ["InceptionModel", "TestSupport"]),
    ]
)
