import Foundation

/// How another program's file is to be read: what the header does not say.
public struct ForeignImportOptions: Sendable, Equatable {
    /// A JSON mapping file (`MappingFile`) naming the columns and stages the dictionary does not know.
    public var mappingPath: String?
    /// What the rows are, when the header does not say.
    public var entity: ImportEntity?
    /// vCard: the account every contact becomes a key person of (default: each card's ORG).
    public var account: String?
    /// The process whose stages deals are mapped to (default: project).
    public var process: String?
    /// Files larger than this are refused before they are read.
    public var byteLimit: Int
    /// Where an import that skips bad rows writes them (default: FILE.rejected.csv next to FILE).
    public var rejectsPath: String?
    /// How dates with the year last are written, said by the user; nil: each column's values decide
    /// (or the mapping file's `dateFormat`).
    public var dateFormat: ImportDateFormat?

    public static let defaultByteLimit = 40 * 1024 * 1024

    public init(mappingPath: String? = nil, entity: ImportEntity? = nil, account: String? = nil, process: String? = nil,
                byteLimit: Int = ForeignImportOptions.defaultByteLimit, rejectsPath: String? = nil, dateFormat: ImportDateFormat? = nil) {
        self.mappingPath = mappingPath
        self.entity = entity
        self.account = account
        self.process = process
        self.byteLimit = byteLimit
        self.rejectsPath = rejectsPath
        self.dateFormat = dateFormat
    }
}

/// A foreign file read, decoded, mapped and checked row by row, not yet matched against the
/// store: what a preview shows about the file itself, and what an import writes from.
public struct ForeignImportFile: Sendable {
    public var path: String
    public var fileName: String
    public var isVCard: Bool
    /// "UTF-8", "GB18030", …
    public var encoding: String
    /// "comma", "tab", "semicolon" (vCard: "").
    public var delimiter: String
    public var mapping: ColumnMapping
    /// The process deals' stages were mapped to (deals only).
    public var processKey: String?
    public var batch: ForeignBatch

    public init(path: String, fileName: String, isVCard: Bool, encoding: String, delimiter: String, mapping: ColumnMapping,
                processKey: String?, batch: ForeignBatch) {
        self.path = path
        self.fileName = fileName
        self.isVCard = isVCard
        self.encoding = encoding
        self.delimiter = delimiter
        self.mapping = mapping
        self.processKey = processKey
        self.batch = batch
    }

    /// What kind of file it is, in a few words: "deals", "vCard contacts".
    public var kind: String { isVCard ? "vCard contacts" : mapping.entity.rawValue }

    /// "deals.csv (deals, UTF-8, comma-separated)".
    public var source: String {
        isVCard ? "\(fileName) (vCard contacts, \(encoding))" : "\(fileName) (\(mapping.entity.rawValue), \(encoding), \(delimiter)-separated)"
    }

    /// Every column of the header in file order with the field it fills; nil for a column not imported.
    public var columns: [(header: String, field: ImportField?)] {
        mapping.header.enumerated().map { index, header in (header, mapping.fields[index]) }
    }

    /// How many data rows the file has.
    public var rowCount: Int { batch.rows.count }
}

/// What an import wrote: the report, and where the rows it skipped went.
public struct ForeignImportOutcome: Sendable {
    public var report: ForeignImportReport
    /// The file the rejected rows were written to (an import that skips bad rows, with some).
    public var rejectsPath: String?
    /// How many rows that file holds (a row with two problems is one row).
    public var rejectedRows: Int
    /// Why the rejected rows could not be written, when they could not: the good rows are imported.
    public var rejectsError: String?

    public init(report: ForeignImportReport, rejectsPath: String? = nil, rejectedRows: Int = 0, rejectsError: String? = nil) {
        self.report = report
        self.rejectsPath = rejectsPath
        self.rejectedRows = rejectedRows
        self.rejectsError = rejectsError
    }
}

/// Importing another program's file, as the command line and the dashboard both do it: read
/// the file once, preview it against the store (nothing written), then write it all or
/// nothing, or skipping the bad rows. The store's module implements it; the dashboard only
/// knows this protocol.
public protocol ForeignImporting: Sendable {
    /// Reads and checks a file; an unreadable, malformed or unmappable file is refused with one line.
    func read(path: String, options: ForeignImportOptions) throws -> ForeignImportFile
    /// What importing the file would create, update and reject; writes nothing.
    func preview(_ file: ForeignImportFile) throws -> ForeignImportReport
    /// Writes the file: with rejected rows and `skipBad` false nothing is written (the report says
    /// why); with `skipBad` the good rows are written and the rejected ones go to a file.
    func apply(_ file: ForeignImportFile, options: ForeignImportOptions, skipBad: Bool) throws -> ForeignImportOutcome
}

extension ForeignImportOutcome {
    /// deals.csv → deals.rejected.csv, next to the file (a rejects file's own rejects overwrite it).
    public static func rejectsPath(for path: String) -> String {
        let base = (path as NSString).deletingPathExtension
        return base.hasSuffix(".rejected") ? base + ".csv" : base + ".rejected.csv"
    }
}

/// The warnings an import gives besides its counts, worded once for the command line and the dashboard.
public enum ForeignImportNotes {
    /// "stages not mapped to project: 'Angebot' (3 rows)…"; nil when every stage was mapped.
    public static func unmappedStages(_ report: ForeignImportReport, process: String?) -> String? {
        guard !report.unmappedStages.isEmpty, let process else { return nil }
        let list = stageList(report)
        return "stages not mapped to \(process): \(list.joined(separator: ", ")); map them under \"stages\" in a mapping file (--mapping)"
    }

    /// "'Angebot' (3 rows)" / "「Angebot」（3 行）", one per unmapped stage, by name.
    public static func stageList(_ report: ForeignImportReport, lang: Language = .en) -> [String] {
        report.unmappedStages.sorted { $0.key < $1.key }.map {
            LocalizedText(en: "'\($0.key)' (\($0.value) row\($0.value == 1 ? "" : "s"))", zh: "「\($0.key)」（\($0.value) 行）")[lang]
        }
    }

    public static func unmappedColumns(_ report: ForeignImportReport) -> String? {
        report.unmappedColumns.isEmpty ? nil
            : "columns not imported (no field; name them in --mapping or map to \"ignore\"): \(report.unmappedColumns.joined(separator: ", "))"
    }

    /// "dates: 'Close Date' read as DD-MM-YY"; nil when the file has no date column.
    public static func dateColumns(_ batch: ForeignBatch) -> LocalizedText? {
        guard !batch.dateColumns.isEmpty else { return nil }
        return LocalizedText(en: "dates: " + batch.dateColumns.map(\.text.en).joined(separator: ", "),
                             zh: "日期：" + batch.dateColumns.map(\.text.zh).joined(separator: "，"))
    }

    public static func unusedColumns(_ report: ForeignImportReport) -> String? {
        report.unusedColumns.isEmpty ? nil
            : "columns not used for \(report.entity.rawValue) (or a second column for the same field): \(report.unusedColumns.joined(separator: ", "))"
    }
}
