// swift-tools-version:6.0
// libFuzzer targets for imrsearch's two parsers (README "Fuzzing"). A package of its own, so that plain
// `swift build` / `swift test` of imrsearch never see them. Build with the sanitizer flags on every module:
//   swift build -c release -Xswiftc -sanitize=fuzzer,address
import PackageDescription

let package = Package(
    name: "imrsearch-fuzz",
    dependencies: [.package(name: "imrsearch", path: "..")],
    targets: [
        .target(name: "FuzzDriver", path: "Sources/FuzzDriver", swiftSettings: [.swiftLanguageMode(.v5)]),
        .executableTarget(
            name: "fuzz-query-parser",
            dependencies: ["FuzzDriver", .product(name: "IMRSearch", package: "imrsearch")],
            path: "Sources/FuzzQueryParser",
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
        .executableTarget(
            name: "fuzz-letter-parser",
            dependencies: ["FuzzDriver", .product(name: "IMRSearch", package: "imrsearch")],
            path: "Sources/FuzzLetterParser",
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
    ]
)
