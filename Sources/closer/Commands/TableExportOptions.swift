import ArgumentParser
import CloserCore
import CloserSQLite

/// `closer export TABLE`'s query: the same query language, saved filters, search and sorts
/// the deal and account tables use, and the columns in the order wanted.
struct TableExportOptions: ParsableArguments {
    @Option(name: .customLong("where"), help: "An account query, e.g. \"grade:A,B region:华东 pipeline>500k\" (deals: their account must meet it).")
    var query: String?
    @Option(help: "A saved filter (closer filter list), combined with --where.") var filter: String?
    @Option(help: "Columns in the order wanted, comma-separated (see the list below; default: the table's default columns). A deal's stage brings its process, so the file imports back.")
    var columns: String?
    @Option(help: "Text or pinyin initials, as the table's / search.") var search: String?
    @Option(help: "Sort: deals amount, weighted, title, account, stage, close, due, updated, probability, owner, id; accounts name, grade, pipeline, …; persons name, account, title, level, influence, last-met, stance.")
    var sort: String?
    @Flag(help: "Sort descending (deals: the default for amount).") var desc = false
    @Flag(name: .customLong("include-closed"), help: "Deals: also won, lost and withdrawn ones.") var includeClosed = false
    @Option(help: "Language of the header and stage names: en or zh.") var lang: String = "en"

    var isUsed: Bool { query != nil || filter != nil || columns != nil || search != nil || sort != nil || desc || includeClosed }

    func tableQuery(_ table: ExportCommand.Table, db: any CLIStore, actor: String) throws -> TableExportQuery {
        guard lang == "en" || lang == "zh" else { throw CLIError("--lang: '\(lang)' is not en or zh") }
        let conditions = AccountQueryLanguage.resolvingMe(try QueryText.conditions(where: query, filter: filter, in: db), as: actor)
        do {
            switch table {
            case .deals:
                let sortKey = try sort.map { name in
                    guard let key = DealSortKey(rawValue: name) else { throw CLIError("--sort: '\(name)' is not one of \(DealSortKey.allCases.map(\.rawValue).joined(separator: ", "))") }
                    return key
                } ?? .amount
                let filter = DealFilter(text: search ?? "", includeClosed: includeClosed, accountConditions: conditions)
                // As the table: amount largest first unless a sort is named.
                let ascending = sort == nil ? false : !desc
                return .deals(DealQuery(filter: filter, sort: sortKey, ascending: ascending), try columns.map { DealExportColumn.readableBack(try DealExportColumn.parse($0)) } ?? DealExportColumn.defaults)
            case .accounts:
                let sortKey = try sort.map { name in
                    guard let key = AccountSortKey(rawValue: name) else { throw CLIError("--sort: '\(name)' is not one of \(AccountSortKey.allCases.map(\.rawValue).joined(separator: ", "))") }
                    return key
                } ?? .name
                let query = AccountQuery(text: search ?? "", conditions: conditions, sort: sortKey, ascending: !desc)
                return .accounts(query, try columns.map(AccountExportColumn.parse) ?? AccountExportColumn.defaults)
            case .persons:
                guard self.query == nil, filter == nil else { throw CLIError("--where and --filter are account queries; persons take --search") }
                let sortKey = try sort.map { name in
                    guard let key = PersonSortKey(rawValue: name) else { throw CLIError("--sort: '\(name)' is not one of \(PersonSortKey.allCases.map(\.rawValue).joined(separator: ", "))") }
                    return key
                } ?? .name
                let query = PersonTableQuery(text: search ?? "", sort: sortKey, ascending: !desc)
                return .persons(query, try columns.map(PersonExportColumn.parse) ?? PersonExportColumn.defaults)
            }
        } catch let error as ImportError {
            throw CLIError(error.description)
        }
    }
}
