// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Closer",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "closer", targets: ["closer"]),
        .executable(name: "closer-bench", targets: ["closer-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        // postgres-nio's own dependencies, named because its API speaks their types (event loops, TLS, logging).
        .package(url: "https://github.com/apple/swift-nio", from: "2.81.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.25.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.3"),
    ],
    targets: [
        // ncursesw wide-character API, with the C macros Swift cannot import turned into functions.
        .target(
            name: "CNcurses",
            cSettings: [.define("NCURSES_WIDECHAR", to: "1"), .define("_XOPEN_SOURCE_EXTENDED", to: "1")],
            linkerSettings: [.linkedLibrary("ncursesw")]
        ),
        // The shared model: entities, process templates, rules, queries, the Store protocol.
        .target(name: "CloserCore"),
        // Store machinery both backends share: the flows of a write, written once on a few
        // transaction primitives each backend implements with its own SQL (README inside).
        .target(name: "CloserStoreKit", dependencies: ["CloserCore"], exclude: ["README.md"]),
        // Files in and out, whatever the store: CSV/TSV and vCard from other programs, Closer's own
        // export, and the import planner that matches a file's rows against a store.
        .target(
            name: "CloserExchange",
            dependencies: ["CloserCore", .product(name: "CSV", package: "CSV.swift")]
        ),
        // The local file store: SQLite through GRDB, migrations, import and export.
        .target(
            name: "CloserSQLite",
            dependencies: [
                "CloserCore",
                "CloserExchange",
                "CloserStoreKit",
                .product(name: "GRDB", package: "GRDB.swift"),
                // The SQLite C API, for binding a bulk import's values without boxing them.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        // The team server store: PostgreSQL through postgres-nio, the same protocols, LISTEN/NOTIFY.
        .target(
            name: "CloserPostgres",
            dependencies: [
                "CloserCore",
                "CloserExchange",
                "CloserStoreKit",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The terminal layer: canvas, text width, sanitising, themes, keys, widgets, screen.
        .target(name: "TerminalUI", dependencies: ["CNcurses"]),
        // The dashboard: state, events, key maps, one file per screen.
        .target(name: "CloserApp", dependencies: ["CloserCore", "TerminalUI"], exclude: ["README.md"]),
        .executableTarget(
            name: "closer",
            dependencies: [
                "CloserCore", "CloserExchange", "CloserSQLite", "CloserPostgres", "CloserApp", "TerminalUI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "closer-bench",
            dependencies: ["CloserCore", "CloserExchange", "CloserSQLite", "CloserPostgres", "CloserApp", "TerminalUI"]
        ),
        .testTarget(name: "CloserCoreTests", dependencies: ["CloserCore"]),
        .testTarget(name: "CloserExchangeTests", dependencies: ["CloserExchange", "CloserCore", .product(name: "CSV", package: "CSV.swift")]),
        .testTarget(name: "CloserSQLiteTests", dependencies: ["CloserSQLite", "CloserExchange", "CloserCore"]),
        // What the store tests share: the throwaway PostgreSQL server, the backends to run against.
        .target(name: "StoreTestSupport", dependencies: ["CloserCore", "CloserExchange", "CloserSQLite", "CloserPostgres"], path: "Tests/StoreTestSupport"),
        .testTarget(name: "CloserPostgresTests", dependencies: ["CloserPostgres", "CloserSQLite", "CloserCore", "StoreTestSupport"]),
        // The store protocols' behaviour, the same tests against every backend.
        .testTarget(name: "StoreConformanceTests", dependencies: ["CloserCore", "CloserExchange", "CloserSQLite", "CloserPostgres", "StoreTestSupport"]),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI"]),
        .testTarget(name: "CloserAppTests", dependencies: [
            "CloserApp", "CloserCore", "CloserExchange", "CloserSQLite", "TerminalUI",
            // Rows as an older version left them, written past the store's checks.
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .testTarget(name: "EndToEndTests", dependencies: ["closer", "StoreTestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
    ],
    swiftLanguageModes: [.v6]
)
