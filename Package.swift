// swift-tools-version: 6.1
import PackageDescription

/// A release build of `palisade` (and of the benchmarks) on Linux carries the Swift runtime and Foundation in the binary
/// (linked by lld, which the toolchain ships): a scan starts in half the time, without loading
/// twenty shared libraries, and every call into the runtime (each retain and release) is direct
/// (docs/PERFORMANCE.md, "Static linking"). Debug builds and tests link as usual.
let staticRuntimeInRelease = LinkerSetting.unsafeFlags(
    ["-static-stdlib", "-use-ld=lld"], .when(platforms: [.linux], configuration: .release))
/// The executable's own module compiled against the static runtime, so that the link brings in
/// what static Foundation needs.
let staticRuntimeCompileInRelease = SwiftSetting.unsafeFlags(
    ["-static-stdlib"], .when(platforms: [.linux], configuration: .release))

let package = Package(
    name: "Palisade",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "palisade", targets: ["CLI"]),
        .library(name: "LinearRegex", targets: ["LinearRegex"]),
        .library(name: "CEL", targets: ["CEL"]),
        .library(name: "HCL", targets: ["HCL"]),
        .library(name: "TerraformInput", targets: ["TerraformInput"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
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

        // The Common Expression Language: parser, checker, interpreter and libraries.
        // Depends only on LinearRegex (for matches() and the regex library).
        .target(name: "CEL", dependencies: ["LinearRegex"]),
        .testTarget(
            name: "CELTests",
            dependencies: ["CEL"],
            exclude: ["Conformance/cel/NOTICE"],
            resources: [.copy("Conformance/cel/data")]
        ),

        // HCL2, the language of Terraform: the native syntax and the JSON syntax read into one syntax
        // tree with source ranges. Depends on nothing.
        .target(name: "HCL"),
        .testTarget(name: "HCLTests", dependencies: ["HCL"], exclude: ["Fixtures"]),

        // Terraform configurations read as Terraform reads them: modules loaded with their variables,
        // expressions evaluated (unknown where only an apply would know), Terraform's functions, plan JSON;
        // every resource instance turned into a located resource for the policies.
        .target(name: "TerraformInput", dependencies: ["PolicyModel", "HCL", "LinearRegex"]),
        .testTarget(
            name: "TerraformInputTests", dependencies: ["TerraformInput", "PolicyModel", "HCL"],
            resources: [.copy("Fixtures")]),

        // Locations, severities, diagnostics and the located document tree every input uses.
        .target(name: "PolicyModel"),
        .testTarget(name: "PolicyModelTests", dependencies: ["PolicyModel"]),

        // YAML streams read with Yams into located `Node` trees, guarded against hostile input.
        .target(name: "YAMLSupport", dependencies: ["PolicyModel", .product(name: "Yams", package: "Yams")]),
        .testTarget(name: "YAMLSupportTests", dependencies: ["YAMLSupport", "PolicyModel"]),

        // Kubernetes manifests (YAML or JSON, several documents, `List`s) read into resources, with the
        // pod spec of every workload kind found in one place.
        // CI definitions: GitHub Actions workflows and actions (the ${{ }} expression language parsed
        // into trees) and GitLab CI pipelines, read into located resources with normalised views.
        .target(name: "WorkflowInput", dependencies: ["PolicyModel", "YAMLSupport"]),
        .testTarget(name: "WorkflowInputTests", dependencies: ["WorkflowInput", "PolicyModel"]),

        .target(name: "KubernetesInput", dependencies: ["PolicyModel", "YAMLSupport"]),
        .testTarget(name: "KubernetesInputTests", dependencies: ["KubernetesInput", "PolicyModel"]),

        // Dockerfiles and Containerfiles read as BuildKit reads them (directives, continuations, heredocs,
        // exec and shell forms, build arguments in FROM) into one located resource per file with its stages.
        .target(name: "DockerfileInput", dependencies: ["PolicyModel"]),
        .testTarget(name: "DockerfileInputTests", dependencies: ["DockerfileInput", "PolicyModel"]),

        // Plaintext secrets: detectors as data (Detectors/<id>.yaml, a resource), the keyword
        // prefilter and pattern set, entropy and structure checks, redaction and keyed hashes.
        .target(
            name: "Secrets",
            dependencies: [
                "PolicyModel", "LinearRegex", "YAMLSupport", "Reporting",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.copy("Detectors")]),
        .testTarget(
            name: "SecretsTests",
            dependencies: [
                "Secrets", "PolicyModel", "LinearRegex", .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.copy("Fixtures")]),

        // Policy documents read, checked and compiled, and evaluated against resources.
        .target(
            name: "PolicyEngine", dependencies: [
                "CEL", "PolicyModel", "YAMLSupport", "KubernetesInput", "TerraformInput", "WorkflowInput",
            ]),
        .testTarget(
            name: "PolicyEngineTests", dependencies: ["PolicyEngine", "PolicyModel", "CEL", "KubernetesInput"]),

        // The built-in policies: one YAML file each under Policies/<input>/, found without a list.
        .target(name: "PolicyLibrary", dependencies: ["PolicyEngine", "PolicyModel"], resources: [.copy("Policies")]),
        .testTarget(
            name: "PolicyLibraryTests",
            dependencies: ["PolicyLibrary", "PolicyEngine", "PolicyModel", "KubernetesInput", "Workspace"],
            exclude: ["Fixtures"]
        ),

        // Scan results rendered for people (text with source excerpts) and machines (JSON, SARIF).
        .target(name: "Reporting", dependencies: ["PolicyModel"]),
        .testTarget(
            name: "ReportingTests", dependencies: ["Reporting", "PolicyModel", "TestSupport"],
            exclude: ["Goldens", "Schemas"]),

        // Helpers for the test targets only (not a product): a strict JSON reader and a JSON Schema
        // validator that names the path and the rule of every violation. Depends only on Foundation.
        .target(name: "TestSupport"),
        .testTarget(name: "TestSupportTests", dependencies: ["TestSupport"]),

        // What one scan reads and how: file discovery with skip patterns, `.palisade.yaml`, inline
        // ignores, the policy set, and the concurrent read–parse–evaluate pipeline.
        .target(
            name: "Workspace",
            dependencies: [
                "CEL", "PolicyModel", "YAMLSupport", "KubernetesInput", "TerraformInput", "WorkflowInput",
                "DockerfileInput", "PolicyEngine", "PolicyLibrary", "Reporting", "Secrets", "Archives",
            ]
        ),

        // The members of zip, tar and gzip archives, read in memory with limits (zlib inflates).
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .target(name: "Archives", dependencies: ["CZlib"]),
        .testTarget(name: "ArchivesTests", dependencies: ["Archives"], exclude: ["Fixtures"]),
        .testTarget(
            name: "WorkspaceTests",
            dependencies: [
                "Workspace", "PolicyModel", "PolicyEngine", "Reporting", "TerraformInput", "Secrets", "Archives",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            exclude: ["Fixtures"]
        ),

        // The `palisade` command: argument parsing and wiring only.
        .executableTarget(
            name: "CLI",
            dependencies: [
                "LinearRegex",
                "CEL",
                "PolicyModel",
                "KubernetesInput",
                "TerraformInput",
                "PolicyEngine",
                "PolicyLibrary",
                "Reporting",
                "Secrets",
                "Workspace",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
            ],
        ),
        .testTarget(
            name: "CLITests",
            dependencies: [
                "CLI", "CEL", "Reporting", "TestSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            exclude: ["Snapshots", "Fixtures"]
        ),

        // Release-mode throughput benchmark for the regex engine (docs/PERFORMANCE.md).
        // Timing and formatting helpers shared by the benchmark executables.
        .target(name: "BenchmarkSupport", path: "Benchmarks/BenchmarkSupport"),
        .executableTarget(
            name: "RegexBenchmark",
            dependencies: ["LinearRegex", "BenchmarkSupport"],
            path: "Benchmarks/RegexBenchmark"
        ),

        // Release-mode benchmark of the CEL engine: compile and evaluation times (docs/PERFORMANCE.md).
        .executableTarget(
            name: "CELBenchmark",
            dependencies: ["CEL", "BenchmarkSupport"],
            path: "Benchmarks/CELBenchmark"
        ),

        // Release-mode benchmark of the HCL parser: throughput on a generated Terraform corpus
        // (docs/PERFORMANCE.md).
        .executableTarget(
            name: "HCLBenchmark",
            dependencies: ["HCL", "BenchmarkSupport"],
            path: "Benchmarks/HCLBenchmark"
        ),

        // Release-mode benchmark of the Dockerfile parser: throughput on generated Dockerfiles and the time
        // of hostile ones (docs/PERFORMANCE.md).
        .executableTarget(
            name: "DockerfileBenchmark",
            dependencies: ["DockerfileInput", "PolicyModel", "BenchmarkSupport"],
            path: "Benchmarks/DockerfileBenchmark"
        ),

        // Release-mode benchmark of the secrets scanner: MB/s of the built-in detectors over a folder's
        // text files, and what each detector costs (docs/PERFORMANCE.md).
        .executableTarget(
            name: "SecretsBenchmark",
            dependencies: [
                "Secrets", "LinearRegex", "BenchmarkSupport", .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Benchmarks/SecretsBenchmark"
        ),
    ]
)

let sharedSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]
for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + sharedSettings
    // Executables only, so that the libraries stay free of unsafe flags for packages that use them.
    if target.type == .executable {
        target.swiftSettings = (target.swiftSettings ?? []) + [staticRuntimeCompileInRelease]
        target.linkerSettings = (target.linkerSettings ?? []) + [staticRuntimeInRelease]
    }
}
