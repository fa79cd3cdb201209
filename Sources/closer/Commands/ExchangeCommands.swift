import ArgumentParser
import CloserCore
import CloserExchange
import CloserSQLite
import Foundation

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a table (deals, accounts, persons) as CSV or JSON, in the columns you name; or the whole store: JSON (one file), CSV (one file per entity in a folder), or an iCalendar file of next steps.",
        discussion: """
            closer export deals --where 'grade:A region:华东' --columns title,account,amount,currency,stage --out hot.csv
            closer export accounts --filter hot --format json
            closer export persons --search zgsh --columns name,account,title,phone,email --excel --out people.csv

            Deal columns: \(DealExportColumn.allCases.map(\.rawValue).joined(separator: ", ")) (default: \(DealExportColumn.defaults.map(\.rawValue).joined(separator: ",")))
            Account columns: \(AccountExportColumn.allCases.map(\.rawValue).joined(separator: ", ")) (default: \(AccountExportColumn.defaults.map(\.rawValue).joined(separator: ",")))
            Person columns: \(PersonExportColumn.allCases.map(\.rawValue).joined(separator: ", ")) (default: \(PersonExportColumn.defaults.map(\.rawValue).joined(separator: ",")))
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case json, csv, ics }
    enum Table: String, ExpressibleByArgument, CaseIterable { case deals, accounts, persons }

    @OptionGroup var store: StoreOptions
    @Argument(help: "A table to export (deals, accounts, persons); without one, the whole store.") var table: Table?
    @Option(help: "json, csv or ics (whole store: default json; a table: by --out's extension, else csv).") var format: Format?
    @Option(name: [.short, .long], help: "Output file (json, ics, a table; default stdout) or folder (whole store as csv; required).") var out: String?
    @Flag(help: "CSV that Excel (also Chinese Excel) opens as UTF-8: each file starts with a byte-order mark; in a table's export a text Excel would run as a formula (=, +, -, @ first) starts with an apostrophe, which import takes off.") var excel = false
    @Option(help: "ics: only this rep's deals and activities.") var owner: String?
    @OptionGroup var query: TableExportOptions

    func validate() throws {
        if excel, format == .json || format == .ics || table == nil && format != .csv { throw ValidationError("--excel applies to --format csv") }
        if owner != nil, format != .ics { throw ValidationError("--owner applies to --format ics") }
        if table != nil, format == .ics { throw ValidationError("--format ics exports the whole store's next steps; a table is csv or json") }
        if table == nil, query.isUsed { throw ValidationError("--where, --filter, --columns, --search, --sort apply to a table: closer export deals|accounts|persons …") }
    }

    func run() throws {
        if let table {
            return try exportTable(table)
        }
        let snapshot = try store.open().exportSnapshot()
        let counts = "\(snapshot.accounts.count) accounts, \(snapshot.persons.count) persons, \(snapshot.deals.count) deals, \(snapshot.activities.count) activities"
        switch format ?? .json {
        case .json:
            let data = try SnapshotJSON.encode(snapshot)
            if let out {
                try write(data, to: out)
                Output.error("exported \(counts) to \(out)")
            } else {
                FileHandle.standardOutput.write(data)
                FileHandle.standardOutput.write(Data("\n".utf8))
            }
        case .csv:
            guard let out else { throw CLIError("--format csv writes several files: name a folder with --out") }
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            for (name, data) in try SnapshotCSV.encode(snapshot) {
                let bytes = excel && name.hasSuffix(".csv") ? ExcelCSV.withBOM(data) : data
                try write(bytes, to: (out as NSString).appendingPathComponent(name))
            }
            Output.error("exported \(counts) to \(out)/\(excel ? " (UTF-8 with BOM, for Excel)" : "")")
        case .ics:
            let names = Dictionary(snapshot.accounts.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
            let deals = snapshot.deals.filter { owner == nil || $0.owner == owner }
            let activities = snapshot.activities.filter { owner == nil || $0.by == owner }
            let dealIDs = Set(deals.map(\.id))
            let plans = snapshot.plans.filter { plan in plan.dealID.map(dealIDs.contains) ?? (owner == nil || plan.owner == owner) }
            let events = ICalendar.events(deals: deals, activities: activities, plans: plans, accountNames: names, today: Day.today())
            let text = ICalendar.encode(events, stamp: Date())
            if let out {
                try write(Data(text.utf8), to: out)
                Output.error("exported \(events.count) next steps and planned activities to \(out)")
            } else {
                FileHandle.standardOutput.write(Data((SafeText.standardOutputIsTerminal ? SafeText.forTerminal(text) : text).utf8))
            }
        }
    }

    /// One table, as its query and columns say, streamed page by page to the file or stdout.
    private func exportTable(_ table: Table) throws {
        let db = try store.open()
        let format: TableExportFormat = switch self.format {
        case .json: .json
        case .csv: .csv
        default: out.map(TableExportFormat.forPath) ?? .csv
        }
        let exportQuery = try query.tableQuery(table, db: db, actor: store.actor)
        let exporter = TableExporter(store: db, format: format, excel: excel,
                                     context: ExportContext(catalog: try db.processCatalog(), lang: query.lang == "zh" ? .zh : .en),
                                     forTerminal: out == nil && SafeText.standardOutputIsTerminal)
        if let out {
            let rows = try exporter.export(exportQuery, toFile: out)
            Output.error("exported \(rows) \(table.rawValue) to \(out)\(excel ? " (UTF-8 with BOM, for Excel)" : "")")
        } else {
            try exporter.export(exportQuery) { FileHandle.standardOutput.write($0) }
        }
    }

    private func write(_ data: Data, to path: String) throws {
        try PrivateFile.write(data, to: path)
    }
}

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import Closer's own export (.json, .csv, a folder), another program's CSV/TSV of accounts, persons, deals or activities, or a vCard file of contacts.",
        discussion: """
            Our own format is all or nothing. A spreadsheet from Salesforce, HubSpot, Pipedrive or Excel has its columns mapped \
            from the header (English or Chinese: Account Name, Amount, Stage, Close Date, 客户名称, 联系人, 职位, 金额, 阶段, 预计成交日期, …); \
            --mapping FILE names the rest. UTF-8 (with or without BOM), UTF-16 and GB18030/GBK are detected. Rows are matched by \
            external id, else by name, so importing the same file again updates instead of duplicating. A .vcf file (vCard \
            2.1, 3.0, 4.0) becomes key persons of the account its cards name (ORG), or of --account.

            Fields a mapping file's "columns" can name: 
            """ + ImportField.allCases.map(\.rawValue).joined(separator: ", ") + ".")

    @OptionGroup var store: StoreOptions
    @OptionGroup var options: ImportOptions
    @Argument(help: "File or folder to import.") var path: String

    func run() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CLIError("\(path): no such file or folder")
        }
        let fileName = (path as NSString).lastPathComponent
        let lower = path.lowercased()
        if isDirectory.boolValue {
            let names = try FileManager.default.contentsOfDirectory(atPath: path)
                .filter { $0.hasSuffix(".csv") || $0 == "processes.json" || $0 == "team.json" }.sorted()
            guard !names.isEmpty else { throw CLIError("\(path): no .csv files in this folder") }
            try importOwn(SnapshotCSV.decode(files: try names.map { ($0, try read((path as NSString).appendingPathComponent($0))) }),
                          locate: SnapshotCSV.locator)
        } else if lower.hasSuffix(".json") {
            try importOwn(SnapshotJSON.decode(try read(path), fileName: fileName), locate: { entity, index in "\(fileName): \(entity)[\(index)]" })
        } else {
            // Our own CSV is told by its header; the foreign import refuses it, so it is checked first.
            if lower.hasSuffix(".csv"), let data = FileManager.default.contents(atPath: path), SnapshotCSV.isOwnFile(data) {
                try importOwn(SnapshotCSV.decode(files: [(fileName, data)]), locate: { _, index in "\(fileName) row \(index + 2)" })
            } else {
                try ForeignImport(path: path, options: options, store: try store.open()).run()
            }
        }
    }

    private func importOwn(_ snapshot: @autoclosure () throws -> Snapshot, locate: @escaping ImportLocator) throws {
        guard !options.dryRun, !options.skipBad else {
            throw CLIError("--dry-run and --skip-bad are for other programs' spreadsheets; Closer's own export is imported all or nothing")
        }
        let summary = try store.open().importSnapshot(try snapshot(), locate: locate)
        Output.line(summary.description)
    }

    private func read(_ path: String) throws -> Data {
        guard let data = FileManager.default.contents(atPath: path) else { throw CLIError("\(path): cannot be read") }
        return data
    }
}

/// How another program's file is read and what to do with bad rows.
struct ImportOptions: ParsableArguments {
    @Flag(name: .customLong("dry-run"), help: "Show what would be created, updated and rejected; write nothing.")
    var dryRun = false

    @Flag(name: .customLong("skip-bad"), help: "Import the good rows and write the rejected ones to a file to fix and import again.")
    var skipBad = false

    @Option(help: ArgumentHelp("Where --skip-bad writes the rejected rows (default: FILE.rejected.csv).", valueName: "path"))
    var rejects: String?

    @Option(help: ArgumentHelp("A JSON mapping file: {\"columns\": {\"Header\": \"field\"}, \"stages\": {\"Name\": \"stage\"}, \"process\": \"project\", \"dateFormat\": \"DD-MM-YY\"}.", valueName: "file"))
    var mapping: String?

    @Option(help: "What the rows are, when the header does not say.")
    var entity: ImportEntity?

    @Option(help: "vCard: the account every contact becomes a key person of (by name; created if new). Default: each card's ORG.")
    var account: String?

    @Option(help: "The process whose stages deals are mapped to (default: project).")
    var process: String?

    @Option(name: .customLong("max-mb"), help: "Refuse files larger than this many megabytes.")
    var maxMB = ForeignTable.defaultByteLimit / (1024 * 1024)

    @Option(help: "How many planned rows --dry-run lists.")
    var show = 200

    @Option(name: .customLong("date-format"),
            help: ArgumentHelp("How the file writes dates with the year last, when its values do not say: \(ImportDateFormat.examples).",
                               valueName: "format"))
    var dateFormat: String?

    func validate() throws {
        guard maxMB > 0 else { throw ValidationError("--max-mb must be at least 1") }
        if let dateFormat, ImportDateFormat.named(dateFormat) == nil {
            throw ValidationError("--date-format '\(dateFormat)' is not a date format; use \(ImportDateFormat.examples)")
        }
        guard show >= 0 else { throw ValidationError("--show must not be negative") }
    }

}

extension ImportEntity: ExpressibleByArgument {}
