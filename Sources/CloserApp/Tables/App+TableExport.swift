import CloserCore
import Foundation
import TerminalUI

/// `E` on the deal, account and key-person tables: writes what the table shows now — its
/// filter, search and sort, the shown columns in their order — to a CSV (ready for Excel)
/// or JSON file.
/// A table as `E` writes it: its name ("deals", "accounts", "persons") and its query without a page.
struct TableExport: Sendable {
    var name: String
    var query: TableExportQuery
}

extension App {
    /// The table on screen, if it is one that exports.
    var tableExport: TableExport? { Screens.module(state.screen).export(state) }

    func beginTableExport() {
        guard let table = tableExport?.name else { return }
        let name = "closer-\(table)-\(state.today).csv"
        state.overlay = .prompt(PromptState(title: LocalizedText(en: "Export the \(table) shown to (.csv or .json)", zh: "将当前列表导出到（.csv 或 .json）")[state.lang],
                                            text: name, purpose: .exportTable))
    }

    func exportTable(to typed: String, prompt: PromptState) {
        guard let export = tableExport else { return }
        perform([.work(ExportFolder(typed: typed, prompt: prompt, export: export,
                                    context: ExportContext(catalog: state.catalog, lang: state.lang)), replyTo: .exporter)])
    }
}

/// The folder a typed export path names, checked before anything is written.
struct ExportFolder: Work {
    var typed: String
    var prompt: PromptState
    var export: TableExport
    var context: ExportContext

    struct Reply: Sendable {
        var work: ExportFolder
        var path: String
        /// The folder, when it is not there.
        var missingFolder: String?
    }

    func run(in world: World) throws -> Reply {
        let path = TypedPath.resolve(typed)
        let folder = (path as NSString).deletingLastPathComponent
        var isDirectory: ObjCBool = false
        let there = world.files.fileExists(atPath: folder, isDirectory: &isDirectory) && isDirectory.boolValue
        return Reply(work: self, path: path, missingFolder: there ? nil : folder)
    }
}

/// Writes every row the table's query gives, in its columns, to the file (atomically).
struct ExportTable: Work {
    var export: TableExport
    var path: String
    var context: ExportContext

    struct Reply: Sendable {
        var rows: Int
        var table: String
        var path: String
    }

    func run(in world: World) throws -> Reply {
        // A CSV from the dashboard is for a spreadsheet: UTF-8 that Chinese Excel reads, formulas guarded.
        let format = TableExportFormat.forPath(path)
        let exporter = TableExporter(store: world.store, format: format, excel: format == .csv, context: context)
        return Reply(rows: try exporter.export(export.query, toFile: path), table: export.name, path: path)
    }
}

/// `E`'s answers: a missing folder is said in the prompt; a good path writes after a frame saying so.
enum TableExportFlow {
    static func update(_ state: inout AppState, _ event: ScreenEvent) -> [Effect] {
        let lang = state.lang
        switch event {
        case .reply(let checked as ExportFolder.Reply):
            let work = checked.work
            if work.typed.isEmpty || checked.missingFolder != nil {
                var retry = work.prompt
                retry.error = work.typed.isEmpty ? LocalizedText(en: "Name the file to write", zh: "请输入文件名")[lang]
                    : LocalizedText(en: "No such folder: \(checked.missingFolder ?? "")", zh: "文件夹不存在：\(checked.missingFolder ?? "")")[lang]
                state.overlay = .prompt(retry)
                return []
            }
            state.overlay = nil
            let name = (checked.path as NSString).lastPathComponent
            return [.afterFrame(busy: LocalizedText(en: "Exporting to \(name)…", zh: "正在导出到 \(name)…")[lang],
                                [.work(ExportTable(export: work.export, path: checked.path, context: work.context), replyTo: .exporter)])]
        case .reply(let done as ExportTable.Reply):
            state.message = StatusMessage(LocalizedText(en: "Exported \(done.rows) \(done.table) to \(done.path)",
                                                        zh: "已导出 \(done.rows) 行到 \(done.path)")[lang])
            return []
        case .failed(_, let error):
            state.message = .failure(error, in: state.lang)
            return []
        default:
            return []
        }
    }
}

