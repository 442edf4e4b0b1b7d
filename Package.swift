// swift-tools-version:6.0
// imrsearch: exact full-text search over California IMR final determination letters.
// No package dependencies: the toolchain only (standard library, Glibc, Dispatch, Foundation, Swift Testing).
import PackageDescription

let package = Package(
    name: "imrsearch",
    products: [
        .library(name: "IMRSearch", targets: ["IMRSearch"]),
        .executable(name: "imrsearch", targets: ["imrsearch"]),
        .executable(name: "imrbench", targets: ["imrbench"]),
    ],
    targets: [
        .target(
            name: "IMRSearch",
            path: "Sources/IMRSearch",
            resources: [
                .embedInCode("Classification/taxonomy.txt"), .embedInCode("Classification/synonyms.txt"),
            ],
            // No unsafeFlags (SwiftPM refuses them in a dependency): the stored properties the hot loops mutate
            // opt out of dynamic exclusivity checks with @exclusivity(unchecked) instead.
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
        // The synthetic letter generator of the benchmarks and tests: not part of any product.
        .target(
            name: "IMRSynthesis",
            dependencies: ["IMRSearch"],
            path: "Sources/IMRSynthesis",
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
        .executableTarget(
            name: "imrsearch",
            dependencies: ["IMRSearch"],
            path: "Sources/imrsearch",
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
        .executableTarget(
            name: "imrbench",
            dependencies: ["IMRSearch", "IMRSynthesis"],
            path: "Benchmarks/imrbench",
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
        .testTarget(
            name: "IMRSearchTests",
            dependencies: ["IMRSearch", "IMRSynthesis"],
            path: "Tests/IMRSearchTests",
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
    ]
)
