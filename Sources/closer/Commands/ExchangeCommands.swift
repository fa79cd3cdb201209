import ArgumentParser
import CloserCore
import CloserSQLite
import Foundation

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export the whole store: JSON (one file) or CSV (one file per entity in a folder).")

    enum Format: String, ExpressibleByArgument, CaseIterable { case json, csv }

    @OptionGroup var store: StoreOptions
    @Option(help: "json or csv.") var format: Format = .json
    @Option(name: [.short, .long], help: "Output file (json; default stdout) or folder (csv; required).") var out: String?

    func run() throws {
        let snapshot = try store.open().exportSnapshot()
        switch format {
        case .json:
            let data = try SnapshotJSON.encode(snapshot)
            if let out {
                try write(data, to: out)
                Output.error("exported \(snapshot.accounts.count) accounts, \(snapshot.persons.count) persons, \(snapshot.deals.count) deals, \(snapshot.activities.count) activities to \(out)")
            } else {
                FileHandle.standardOutput.write(data)
                FileHandle.standardOutput.write(Data("\n".utf8))
            }
        case .csv:
            guard let out else { throw CLIError("--format csv writes several files: name a folder with --out") }
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            for (name, data) in try SnapshotCSV.encode(snapshot) {
                try write(data, to: (out as NSString).appendingPathComponent(name))
            }
            Output.error("exported \(snapshot.accounts.count) accounts, \(snapshot.persons.count) persons, \(snapshot.deals.count) deals, \(snapshot.activities.count) activities to \(out)/")
        }
    }

    private func write(_ data: Data, to path: String) throws {
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw StoreError.refused("cannot write \(path): \(error.localizedDescription)")
        }
    }
}

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import Closer's own export: a .json file, a .csv file, or a folder of CSV files. All or nothing.")

    @OptionGroup var store: StoreOptions
    @Argument(help: "File or folder to import.") var path: String

    func run() throws {
        let snapshot: Snapshot
        let locate: ImportLocator
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CLIError("\(path): no such file or folder")
        }
        if isDirectory.boolValue {
            let names = try FileManager.default.contentsOfDirectory(atPath: path)
                .filter { $0.hasSuffix(".csv") || $0 == "processes.json" }.sorted()
            guard !names.isEmpty else { throw CLIError("\(path): no .csv files in this folder") }
            snapshot = try SnapshotCSV.decode(files: try names.map { ($0, try read((path as NSString).appendingPathComponent($0))) })
            locate = SnapshotCSV.locator
        } else if path.lowercased().hasSuffix(".csv") {
            snapshot = try SnapshotCSV.decode(files: [((path as NSString).lastPathComponent, try read(path))])
            let fileName = (path as NSString).lastPathComponent
            locate = { _, index in "\(fileName) row \(index + 2)" }
        } else {
            snapshot = try SnapshotJSON.decode(try read(path), fileName: (path as NSString).lastPathComponent)
            let fileName = (path as NSString).lastPathComponent
            locate = { entity, index in "\(fileName): \(entity)[\(index)]" }
        }
        let summary = try store.open().importSnapshot(snapshot, by: store.actor, locate: locate)
        Output.line(summary.description)
    }

    private func read(_ path: String) throws -> Data {
        guard let data = FileManager.default.contents(atPath: path) else { throw CLIError("\(path): cannot be read") }
        return data
    }
}
