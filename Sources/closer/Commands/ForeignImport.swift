import CloserCore
import CloserExchange
import CloserSQLite
import Foundation
import TerminalUI

/// `closer import` of another program's CSV/TSV or vCard: the shared import service does the
/// work (the dashboard's import screen uses the same one); this says what happened.
struct ForeignImport {
    var path: String
    var options: ImportOptions
    var store: any CLIStore

    func run() throws {
        do {
            try importFile()
        } catch let error as ImportError {
            throw CLIError(Sanitizer.clean(error.description))
        } catch let error as CLIError {
            // Messages quote the file's values: its control characters must not reach the terminal.
            throw CLIError(Sanitizer.clean(error.description))
        }
    }

    private func importFile() throws {
        let service = ForeignImportService(store: store)
        let settings = options.serviceOptions
        let file = try service.read(path: path, options: settings)
        let report: ForeignImportReport
        if options.dryRun {
            report = try service.preview(file)
            Output.line("dry run of \(file.source): \(report.summary); nothing was written")
            if let dates = ForeignImportNotes.dateColumns(file.batch) { Output.line(dates.en) }
            for action in report.actions.prefix(options.show) {
                Output.line("  line \(action.line)  \(action.verb.rawValue)  \(String(action.entity.rawValue.dropLast()))  \(action.name)")
            }
            if report.actions.count > options.show { Output.line("  … \(report.actions.count - options.show) more (--show N lists more)") }
            for rejection in report.rejections { Output.line("  rejected: \(rejection)") }
        } else {
            let outcome = try service.apply(file, options: settings, skipBad: options.skipBad)
            report = outcome.report
            if !report.written {
                let first = report.rejections.first.map(\.description) ?? "rejected"
                let more = report.rejections.count > 1 ? " (\(report.rejections.count) rows rejected; --dry-run lists them, --skip-bad imports the rest)" : " (--skip-bad imports the rest)"
                throw CLIError("\(first) — nothing was imported\(more)")
            }
            Output.line("imported \(file.source): \(report.summary)")
            if let error = outcome.rejectsError { throw CLIError(error) }
            if let out = outcome.rejectsPath {
                for rejection in report.rejections { Output.error("rejected: \(rejection)") }
                Output.error("wrote \(outcome.rejectedRows) rejected rows to \(out): fix them there and import that file again")
            }
        }
        for note in [ForeignImportNotes.unmappedStages(report, process: file.processKey), ForeignImportNotes.unmappedColumns(report),
                     ForeignImportNotes.unusedColumns(report)] {
            if let note { Output.error(note) }
        }
    }
}

extension ImportOptions {
    var serviceOptions: ForeignImportOptions {
        ForeignImportOptions(mappingPath: mapping, entity: entity, account: account, process: process,
                             byteLimit: maxMB * 1024 * 1024, rejectsPath: rejects, dateFormat: dateFormat.flatMap(ImportDateFormat.named))
    }
}
