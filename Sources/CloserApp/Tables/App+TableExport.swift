import CloserCore
import Foundation
import TerminalUI

/// `E` on the deal, account and key-person tables: writes what the table shows now — its
/// filter, search and sort, the shown columns in their order — to a CSV (ready for Excel)
/// or JSON file.
extension App {
    func beginTableExport() {
        guard let table = exportedTable else { return }
        let name = "closer-\(table)-\(state.today).csv"
        state.overlay = .prompt(PromptState(title: LocalizedText(en: "Export the \(table) shown to (.csv or .json)", zh: "将当前列表导出到（.csv 或 .json）")[state.lang],
                                            text: name, purpose: .exportTable))
    }

    /// "deals", "accounts", "persons": the table on screen, if it is one that exports.
    var exportedTable: String? {
        switch state.screen {
        case .deals: "deals"
        case .accounts: "accounts"
        case .persons: "persons"
        default: nil
        }
    }

    /// The table's query without its page: every row it would show, in its order.
    var tableExportQuery: TableExportQuery? {
        switch state.screen {
        case .deals:
            let query = DealQuery(filter: state.filter, sort: state.table.sort.sortKey, ascending: state.table.ascending)
            return .deals(query, state.table.columns.visible.flatMap(\.exportColumns))
        case .accounts:
            return .accounts(accountQuery(offset: 0, limit: TableExporter.pageSize), state.accounts.columns.visible.map(\.exportColumn))
        case .persons:
            let table = state.personTable
            let query = PersonTableQuery(text: table.text, sort: table.sort.sortKey ?? .name, ascending: table.ascending)
            return .persons(query, table.columns.visible.map(\.exportColumn))
        default:
            return nil
        }
    }

    func exportTable(to typed: String, prompt: PromptState) {
        guard let query = tableExportQuery, let table = exportedTable else { return }
        let path = TypedPath.resolve(typed)
        let folder = (path as NSString).deletingLastPathComponent
        var isDirectory: ObjCBool = false
        guard !typed.isEmpty, FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            var retry = prompt
            retry.error = typed.isEmpty ? LocalizedText(en: "Name the file to write", zh: "请输入文件名")[state.lang]
                : LocalizedText(en: "No such folder: \(folder)", zh: "文件夹不存在：\(folder)")[state.lang]
            state.overlay = .prompt(retry)
            return
        }
        state.overlay = nil
        // A CSV from the dashboard is for a spreadsheet: UTF-8 that Chinese Excel reads, formulas guarded.
        let format = TableExportFormat.forPath(path)
        let exporter = TableExporter(store: store, format: format, excel: format == .csv, context: ExportContext(catalog: state.catalog, lang: state.lang))
        let name = (path as NSString).lastPathComponent
        afterFrame(LocalizedText(en: "Exporting to \(name)…", zh: "正在导出到 \(name)…")[state.lang]) { [self] in
            do {
                let rows = try exporter.export(query, toFile: path)
                state.message = StatusMessage(LocalizedText(en: "Exported \(rows) \(table) to \(path)", zh: "已导出 \(rows) 行到 \(path)")[state.lang])
            } catch {
                state.message = StatusMessage(String(describing: error), isError: true)
            }
        }
    }
}

extension DealColumn {
    /// The export's columns for this one: a stage with its process, an amount with its currency,
    /// a next step with its date — what it takes to read the row back.
    var exportColumns: [DealExportColumn] {
        switch self {
        case .id: [.id]
        case .title: [.title]
        case .account: [.account]
        case .stage: [.stage, .process]
        case .amount: [.amount, .currency]
        case .weighted: [.weighted]
        case .probability: [.probability]
        case .expectedClose: [.close]
        case .nextStep: [.nextStep, .due]
        case .owner: [.owner]
        }
    }
}

extension AccountColumn {
    var exportColumn: AccountExportColumn {
        switch self {
        case .name: .name
        case .grade: .grade
        case .quadrant: .quadrant
        case .industry: .industry
        case .region: .region
        case .owner: .owner
        case .pipeline: .pipeline
        case .weighted: .weighted
        case .won: .won
        case .lastActivity: .lastActivity
        case .nextStepDue: .due
        }
    }
}

extension PersonColumn {
    var exportColumn: PersonExportColumn {
        switch self {
        case .name: .name
        case .account: .account
        case .title: .title
        case .level: .level
        case .roles: .roles
        case .stance: .stance
        case .influence: .influence
        case .lastMet: .lastMet
        }
    }
}
