// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "FlowCanvas",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "flowcanvas", targets: ["flowcanvas"]),
        .library(name: "FlowKit", targets: ["FlowKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        // Model library: documents, catalog, validation, codec, diff, layout, workspace store.
        .target(
            name: "FlowKit",
            dependencies: [.product(name: "GRDB", package: "GRDB.swift")]
        ),
        // Local live runtime (sessions, node execution, triggers).
        .target(name: "FlowRuntime", dependencies: ["FlowKit"]),
        // The HTTP server of `flowcanvas serve` (Hummingbird), kept apart so FlowRuntime
        // stays server-free.
        .target(
            name: "FlowServer",
            dependencies: [
                "FlowRuntime", "FlowKit", "FlowShare",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        // The only C in the project: a shim over ncursesw.
        .target(
            name: "CNCurses",
            cSettings: [.define("_XOPEN_SOURCE_EXTENDED", to: "1")],
            linkerSettings: [.linkedLibrary("ncursesw")]
        ),
        // Cell buffer, events, widgets and the ncurses backend (the only importer of CNCurses).
        .target(name: "TerminalUI", dependencies: ["CNCurses"]),
        // The editor screens; draws only into TerminalUI's cell buffer.
        .target(name: "FlowEditor", dependencies: ["FlowKit", "FlowRuntime", "TerminalUI"]),
        // Read-only share links: password hashing, tokens, the share pages and request handler.
        .target(
            name: "FlowShare",
            dependencies: [
                "FlowKit", "TerminalUI", "FlowEditor",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]
        ),
        // Benchmarks behind `flowcanvas bench`.
        .target(name: "FlowBench", dependencies: ["FlowKit", "FlowRuntime", "FlowEditor", "TerminalUI"]),
        .executableTarget(
            name: "flowcanvas",
            dependencies: [
                "FlowKit", "FlowRuntime", "FlowServer", "FlowEditor", "FlowBench",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                "FlowShare",
            ]
        ),
        // Shared by the test targets: a loopback HTTP server, golden-file checks.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "FlowKitTests", dependencies: ["FlowKit"], exclude: ["Fixtures", "Golden"]),
        .testTarget(name: "FlowShareTests", dependencies: ["FlowShare", "FlowKit", "TerminalUI", "TestSupport"]),
        .testTarget(name: "FlowRuntimeTests", dependencies: ["FlowRuntime", "FlowKit", "TestSupport"]),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI", "TestSupport"], exclude: ["Golden"]),
        .testTarget(name: "FlowEditorTests", dependencies: ["FlowEditor", "TerminalUI", "FlowKit", "TestSupport"], exclude: ["Golden"]),
        // Runs the built `flowcanvas` binary (and tmux) against temporary workspaces.
        .testTarget(name: "EndToEndTests", dependencies: ["FlowKit", "FlowShare", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
