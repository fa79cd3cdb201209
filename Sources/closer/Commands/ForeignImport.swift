import CloserCore
import CloserSQLite
import Foundation
import TerminalUI

/// `closer import` of another program's CSV/TSV: read, map, plan, and say what happened.
struct ForeignImport {
    var path: String
    var options: ImportOptions
    var store: SQLiteStore
    var user: String

    func run(_ data: Data) throws {
        do {
            try importFile(data)
        } catch let error as ImportError {
            throw CLIError(Sanitizer.clean(error.description))
        } catch let error as CLIError {
            // Messages quote the file's values: its control characters must not reach the terminal.
            throw CLIError(Sanitizer.clean(error.description))
        }
    }

    private func importFile(_ data: Data) throws {
        let fileName = (path as NSString).lastPathComponent
        let mapping = try options.mappingFile()
        let byteLimit = options.maxMB * 1024 * 1024
        let isVCard = path.lowercased().hasSuffix(".vcf") || path.lowercased().hasSuffix(".vcard")
        let file = isVCard
            ? try ForeignFile(vCard: data, fileName: fileName, account: options.account, catalog: try store.processCatalog(), user: user, byteLimit: byteLimit)
            : try ForeignFile(data, fileName: fileName, mapping: mapping, entity: options.entity, process: options.process,
                              catalog: try store.processCatalog(), user: user, byteLimit: byteLimit)
        let (table, columns, batch) = (file.table, file.mapping, file.batch)
        let report = try store.importForeign(batch, dryRun: options.dryRun, skipBad: options.skipBad, by: user)
        let delimiter = table.delimiter == "\t" ? "tab" : table.delimiter == ";" ? "semicolon" : "comma"
        let source = isVCard ? "\(fileName) (vCard contacts, \(table.encoding.rawValue))"
            : "\(fileName) (\(columns.entity.rawValue), \(table.encoding.rawValue), \(delimiter)-separated)"

        if !options.dryRun, !report.written {
            let first = report.rejections.first.map(\.description) ?? "rejected"
            let more = report.rejections.count > 1 ? " (\(report.rejections.count) rows rejected; --dry-run lists them, --skip-bad imports the rest)" : " (--skip-bad imports the rest)"
            throw CLIError("\(first) — nothing was imported\(more)")
        }
        if options.dryRun {
            Output.line("dry run of \(source): \(report.summary); nothing was written")
            for action in report.actions.prefix(options.show) {
                Output.line("  line \(action.line)  \(action.verb.rawValue)  \(String(action.entity.rawValue.dropLast()))  \(action.name)")
            }
            if report.actions.count > options.show { Output.line("  … \(report.actions.count - options.show) more (--show N lists more)") }
            for rejection in report.rejections { Output.line("  rejected: \(rejection)") }
        } else {
            Output.line("imported \(source): \(report.summary)")
            if !report.rejections.isEmpty {
                let out = options.rejects ?? Self.rejectsPath(for: path)
                let data = try ForeignRejects.encode(header: table.header, batch: batch, rejections: report.rejections)
                do { try data.write(to: URL(fileURLWithPath: out), options: .atomic) } catch {
                    throw CLIError("the good rows were imported, but the rejected rows cannot be written to \(out): \(error.localizedDescription)")
                }
                for rejection in report.rejections { Output.error("rejected: \(rejection)") }
                Output.error("wrote \(Set(report.rejections.map(\.line)).count) rejected rows to \(out): fix them there and import that file again")
            }
        }
        if !report.unmappedStages.isEmpty, let process = file.process?.key {
            let list = report.unmappedStages.sorted { $0.key < $1.key }.map { "'\($0.key)' (\($0.value) row\($0.value == 1 ? "" : "s"))" }
            Output.error("stages not mapped to \(process): \(list.joined(separator: ", ")); map them under \"stages\" in a mapping file (--mapping)")
        }
        if !report.unmappedColumns.isEmpty {
            Output.error("columns not imported (no field; name them in --mapping or map to \"ignore\"): \(report.unmappedColumns.joined(separator: ", "))")
        }
        if !report.unusedColumns.isEmpty {
            Output.error("columns not used for \(columns.entity.rawValue) (or a second column for the same field): \(report.unusedColumns.joined(separator: ", "))")
        }
    }

    /// deals.csv → deals.rejected.csv, next to the file.
    static func rejectsPath(for path: String) -> String {
        let base = (path as NSString).deletingPathExtension
        return base.hasSuffix(".rejected") ? base + ".csv" : base + ".rejected.csv"
    }
}
