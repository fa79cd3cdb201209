import CloserCore
import Foundation

/// Keeps `process_stage` matching the processes the store knows (the built-in ones come with the
/// program and may change with it): a process whose stages changed has its history made again.
enum StagePositions {
    /// The built-in processes and the team's own, from the `process` table.
    static func catalog(_ connection: Connection) throws -> ProcessCatalog {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        let custom = try connection.query("SELECT json FROM process ORDER BY key").compactMap { row in
            try? decoder.decode(ProcessTemplate.self, from: Data(try row.text("json").utf8))
        }
        return ProcessCatalog(custom: custom)
    }

    static func known(_ catalog: ProcessCatalog) -> [String: [String: Int]] {
        Dictionary(catalog.processes.map { process in
            (process.key, Dictionary(process.stages.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { first, _ in first }))
        }, uniquingKeysWith: { first, _ in first })
    }

    static func stored(_ connection: Connection) throws -> [String: [String: Int]] {
        var stored: [String: [String: Int]] = [:]
        for row in try connection.query("SELECT process_key, stage_key, position FROM process_stage") {
            stored[try row.text("process_key"), default: [:]][try row.text("stage_key")] = try row.int("position")
        }
        return stored
    }

    static func areStale(_ connection: Connection, catalog: ProcessCatalog) throws -> Bool {
        let stored = try stored(connection)
        return known(catalog).contains { stored[$0.key] != $0.value }
    }

    static func syncWithStoredCatalog(_ connection: Connection) throws {
        try sync(connection, catalog: try catalog(connection))
    }

    /// Call inside a write transaction.
    static func sync(_ connection: Connection, catalog: ProcessCatalog) throws {
        let stored = try stored(connection)
        for (process, positions) in known(catalog).sorted(by: { $0.key < $1.key }) where stored[process] != positions {
            try connection.execute("DELETE FROM process_stage WHERE process_key = $1", [.text(process)])
            for (stage, position) in positions.sorted(by: { $0.value < $1.value }) {
                try connection.execute("INSERT INTO process_stage (process_key, stage_key, position) VALUES ($1, $2, $3)",
                                       [.text(process), .text(stage), .int(position)])
            }
            if stored[process] != nil {
                let deals = try connection.query("SELECT id FROM deal WHERE process_key = $1", [.text(process)]).map { try $0.int64("id") }
                try StageHistoryFill.fill(connection, deals: deals)
            }
        }
    }
}
