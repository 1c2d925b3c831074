// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Palisade",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "palisade", targets: ["CLI"]),
        .library(name: "LinearRegex", targets: ["LinearRegex"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // RE2-syntax regular expressions that run in time linear in the haystack. Depends on nothing.
        .target(name: "LinearRegex"),
        .testTarget(
            name: "LinearRegexTests",
            dependencies: ["LinearRegex"],
            exclude: ["Conformance/regex/NOTICE"],
            resources: [.copy("Conformance/regex/data")]
        ),

        // The `palisade` command: argument parsing and wiring only.
        .executableTarget(
            name: "CLI",
            dependencies: [
                "LinearRegex",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "CLITests",
            dependencies: ["CLI", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            exclude: ["Snapshots"]
        ),

        // Release-mode throughput benchmark for the regex engine (docs/PERFORMANCE.md).
        .executableTarget(
            name: "RegexBenchmark",
            dependencies: ["LinearRegex"],
            path: "Benchmarks/RegexBenchmark"
        ),
    ]
)

let sharedSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]
for target in package.targets {
    target.swiftSettings = (target.swiftSettings ?? []) + sharedSettings
}
