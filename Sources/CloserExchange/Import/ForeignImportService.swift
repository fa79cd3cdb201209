import CloserCore
import Foundation

/// The one import path of another program's file, shared by `closer import` and the
/// dashboard's import screen: read the file from disk, map and check it, preview or write
/// it, and put the rows an import skipped in a file the user can fix.
public struct ForeignImportService: ForeignImporting {
    public let store: any ForeignBatchImporting

    public init(store: any ForeignBatchImporting) {
        self.store = store
    }

    public func read(path: String, options: ForeignImportOptions) throws -> ForeignImportFile {
        let user = store.actor
        let fileName = (path as NSString).lastPathComponent
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw ImportError("\(path): no such file") }
        guard !isDirectory.boolValue else { throw ImportError("\(path) is a folder: name one .csv, .tsv, .txt or .vcf file") }
        // Refused by its size before it is read: a huge file must not be pulled into memory.
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        if size > options.byteLimit {
            throw ImportError("\(fileName): \(size / (1024 * 1024)) MB is over the \(options.byteLimit / (1024 * 1024)) MB import limit; nothing was imported")
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw ImportError("\(path): cannot be read (permissions?)") }
        let lower = path.lowercased()
        if lower.hasSuffix(".json") || lower.hasSuffix(".csv") && SnapshotCSV.isOwnFile(data) {
            throw ImportError("\(fileName) is Closer's own export: restore it with closer import \(fileName) (all or nothing)")
        }
        let mapping = try Self.mappingFile(options.mappingPath)
        let catalog = try store.processCatalog()
        let isVCard = lower.hasSuffix(".vcf") || lower.hasSuffix(".vcard")
        let file = isVCard
            ? try ForeignFile(vCard: data, fileName: fileName, account: options.account, catalog: catalog, user: user, byteLimit: options.byteLimit)
            : try ForeignFile(data, fileName: fileName, mapping: mapping, entity: options.entity, process: options.process,
                              dateFormat: options.dateFormat, catalog: catalog, user: user, byteLimit: options.byteLimit)
        let delimiter = isVCard ? "" : file.table.delimiter == "\t" ? "tab" : file.table.delimiter == ";" ? "semicolon" : "comma"
        return ForeignImportFile(path: path, fileName: fileName, isVCard: isVCard, encoding: file.table.encoding.rawValue, delimiter: delimiter,
                                 mapping: file.mapping, processKey: file.process?.key, batch: file.batch)
    }

    public func preview(_ file: ForeignImportFile) throws -> ForeignImportReport {
        var report = try store.importForeign(file.batch, dryRun: true, skipBad: false)
        report.encoding = file.encoding
        return report
    }

    public func apply(_ file: ForeignImportFile, options: ForeignImportOptions, skipBad: Bool) throws -> ForeignImportOutcome {
        var report = try store.importForeign(file.batch, dryRun: false, skipBad: skipBad)
        report.encoding = file.encoding
        var outcome = ForeignImportOutcome(report: report)
        guard report.written, !report.rejections.isEmpty else { return outcome }
        let out = options.rejectsPath ?? ForeignImportOutcome.rejectsPath(for: file.path)
        outcome.rejectsPath = out
        outcome.rejectedRows = Set(report.rejections.map(\.line)).count
        do {
            let data = try ForeignRejects.encode(header: file.mapping.header, batch: file.batch, rejections: report.rejections)
            try PrivateFile.write(data, to: out)
        } catch {
            outcome.rejectsError = "the good rows were imported, but the rejected rows cannot be written to \(out): \(error.localizedDescription)"
        }
        return outcome
    }

    static func mappingFile(_ path: String?) throws -> MappingFile? {
        guard let path else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else { throw ImportError("\(path): cannot be read") }
        return try MappingFile.decode(data, fileName: (path as NSString).lastPathComponent)
    }
}
