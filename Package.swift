// swift-tools-version:6.0
import PackageDescription

// The layers, each importing only what is below it (README "Where things are" draws it):
//   FlowKit ← FlowRuntime ← FlowServer
//   TerminalUI ← TerminalUINcurses (the only user of CNCurses)
//   FlowKit + TerminalUI ← FlowCanvasView ← FlowEditor, FlowShare
//   everything ← FlowCLI ← flowcanvas (main.swift is one call)
// Every target lists each module it imports, even when another dependency brings it.
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
        // NIOHTTPTypes: the request parts serve's connection guards see (Hummingbird's own).
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        // Tests only: reads docs/openapi.yaml to compare it with serve's routes.
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // The PostgreSQL workspace backend only (FlowStorePostgres; NIOSSL for sslmode); see DECISIONS.
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        // Outgoing HTTP of http-request nodes and webhooks (FlowRuntime's NetworkHTTPClient).
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    ],
    targets: [
        // Escaping of text bound for a terminal: the one function the CLI, serve's log and
        // the editor's cell buffer share.
        .target(name: "TerminalText"),
        // Model library: documents, catalog, validation, codec, diff, layout, workspace store.
        .target(
            name: "FlowKit",
            dependencies: ["TerminalText", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // Local live runtime (sessions, node execution, triggers).
        .target(
            name: "FlowRuntime",
            dependencies: [
                "FlowKit",
                .product(name: "GRDB", package: "GRDB.swift"),
                // HMAC-SHA256 of webhook signatures (`WebhookSignature`).
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
        // The HTTP server of `flowcanvas serve` (Hummingbird), kept apart so FlowRuntime
        // stays server-free. Builds neither the editor nor ncurses.
        .target(
            name: "FlowServer",
            dependencies: [
                "FlowRuntime", "FlowKit", "FlowShare", "TerminalText",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
        // The workspace store on PostgreSQL: a `WorkspaceBackend` for FlowKit's `Workspace`.
        // Apart from FlowKit so that only it, the CLI and their tests build postgres-nio.
        .target(
            name: "FlowStorePostgres",
            dependencies: [
                "FlowKit",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The runtime's tables on PostgreSQL (sessions shared by several `serve` processes):
        // a `RuntimeStorage` for FlowRuntime's engine. Imports FlowRuntime and
        // FlowStorePostgres, never the other way (see DECISIONS).
        .target(
            name: "FlowRuntimePostgres",
            dependencies: [
                "FlowKit", "FlowRuntime", "FlowStorePostgres",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
        // The only C in the project: a shim over ncursesw.
        .target(
            name: "CNCurses",
            cSettings: [.define("_XOPEN_SOURCE_EXTENDED", to: "1")],
            linkerSettings: [.linkedLibrary("ncursesw")]
        ),
        // Cell buffer, events, widgets and the run loop; no terminal library.
        .target(name: "TerminalUI", dependencies: ["TerminalText"]),
        // The real terminal backend: the only importer of CNCurses.
        .target(name: "TerminalUINcurses", dependencies: ["TerminalUI", "CNCurses"]),
        // What draws a flow: the editable model and the canvas renderer (editor and share pages).
        .target(name: "FlowCanvasView", dependencies: ["FlowKit", "TerminalUI"]),
        // The editor screens; draws only into TerminalUI's cell buffer.
        .target(
            name: "FlowEditor",
            dependencies: ["FlowKit", "FlowRuntime", "TerminalUI", "TerminalUINcurses", "FlowCanvasView"]
        ),
        // Read-only share links: password hashing, tokens, the share pages and request handler.
        .target(
            name: "FlowShare",
            dependencies: [
                "FlowKit", "TerminalUI", "FlowCanvasView",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        // Benchmarks behind `flowcanvas bench`.
        .target(
            name: "FlowBench",
            dependencies: ["FlowKit", "FlowRuntime", "FlowCanvasView", "FlowEditor", "TerminalUI"]
        ),
        // The command line: argument-parser commands and the CLI's text and JSON output.
        .target(
            name: "FlowCLI",
            dependencies: [
                "FlowKit", "FlowRuntime", "FlowServer", "FlowEditor", "FlowBench", "FlowShare", "TerminalUI", "TerminalText",
                "FlowStorePostgres", "FlowRuntimePostgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(name: "flowcanvas", dependencies: ["FlowCLI"]),
        // Shared by the test targets: a loopback HTTP server, golden screen checks, the test
        // PostgreSQL server (through scripts/lib/test-postgres.sh and psql).
        .target(name: "TestSupport", dependencies: ["FlowKit", "TerminalUI", "FlowShare"], path: "Tests/TestSupport"),
        .testTarget(
            name: "FlowKitTests", dependencies: ["FlowKit", "TerminalText", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")],
            exclude: ["Fixtures", "Golden"]
        ),
        .testTarget(name: "FlowShareTests", dependencies: ["FlowShare", "FlowKit", "TerminalUI", "TestSupport"]),
        .testTarget(
            name: "FlowRuntimeTests",
            dependencies: ["FlowRuntime", "FlowKit", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // serve's routes in process through HummingbirdTesting (no socket).
        .testTarget(
            name: "FlowServerTests",
            dependencies: [
                "FlowServer", "FlowRuntime", "FlowShare", "FlowKit",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .testTarget(
            name: "TerminalUITests", dependencies: ["TerminalUI", "TerminalUINcurses", "TestSupport"], exclude: ["Golden"]
        ),
        .testTarget(
            name: "FlowEditorTests",
            dependencies: ["FlowEditor", "FlowCanvasView", "TerminalUI", "FlowKit", "TestSupport"],
            exclude: ["Golden"]
        ),
        .testTarget(name: "FlowBenchTests", dependencies: ["FlowBench", "FlowRuntime", "FlowKit"]),
        .testTarget(name: "FlowCLITests", dependencies: ["FlowCLI", "FlowKit", "TestSupport"]),
        // The store's contract, run against SQLite and against a real PostgreSQL.
        .testTarget(name: "FlowStoreTests", dependencies: ["FlowKit", "FlowStorePostgres", "TestSupport"]),
        // The runtime's session store contract on SQLite and on a real PostgreSQL, and
        // several processes sharing one PostgreSQL database.
        .testTarget(
            name: "FlowRuntimePostgresTests",
            dependencies: ["FlowRuntimePostgres", "FlowRuntime", "FlowStorePostgres", "FlowKit", "TestSupport"]
        ),
        // Runs the built `flowcanvas` binary (and tmux) against temporary workspaces.
        .testTarget(name: "EndToEndTests", dependencies: ["FlowKit", "FlowShare", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
