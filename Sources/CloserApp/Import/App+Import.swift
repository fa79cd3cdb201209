import CloserCore
import Foundation
import TerminalUI

extension App {
    /// `I`: the import screen, at its path field.
    func beginImport() {
        guard importer != nil else {
            state.message = StatusMessage(LocalizedText(en: "Import is not available here; use closer import FILE", zh: "此处不能导入，请用 closer import 文件")[state.lang], isError: true)
            return
        }
        state.overlay = .importFile(ImportState())
    }

    func handleImportKey(_ key: Key, _ screen: inout ImportState) {
        switch screen.phase {
        case .path:
            switch key {
            case .escape:
                state.overlay = nil
            case .enter:
                submitImportPath(screen)
            case .tab, .backTab:
                // A spreadsheet whose headers say nothing we know needs its mapping file before the first read.
                if screen.mappingFocused { screen.mappingFocused = false } else { screen.focusMapping() }
                state.overlay = .importFile(screen)
            default:
                if screen.mappingFocused, var mapping = screen.mappingField {
                    guard mapping.handle(key) else { return }
                    screen.mappingField = mapping
                } else {
                    guard screen.field.handle(key) else { return }
                }
                screen.error = nil
                state.overlay = .importFile(screen)
            }
        case .preview(let file, let report):
            if screen.mappingFocused, var mapping = screen.mappingField {
                switch key {
                case .escape:
                    screen.mappingFocused = false
                    screen.error = nil
                case .enter:
                    if takeMapping(&screen) { return readImport(file.path, screen) }
                default:
                    guard mapping.handle(key) else { return }
                    screen.mappingField = mapping
                    screen.error = nil
                }
                state.overlay = .importFile(screen)
                return
            }
            switch key {
            case .escape:
                state.overlay = nil
                state.message = StatusMessage(LocalizedText(en: "Import of \(file.fileName) cancelled: nothing was written",
                                                            zh: "已取消导入 \(file.fileName)：未写入任何数据")[state.lang])
            case .enter, .char("i"):
                if report.rejections.isEmpty {
                    runImport(file, skipBad: false)
                } else {
                    screen.error = ImportText.rejectedHint(report, file: file, lang: state.lang)
                    state.overlay = .importFile(screen)
                }
            case .char("s"):
                runImport(file, skipBad: !report.rejections.isEmpty)
            case .backspace, .char("b"):
                screen.phase = .path
                screen.error = nil
                screen.options = ForeignImportOptions()
                state.overlay = .importFile(screen)
            case .char("p") where file.processKey != nil:
                // The next process's stages: a file from a service team's pipeline maps to its own.
                let keys = state.catalog.processes.map(\.key)
                guard keys.count > 1, let current = file.processKey else { return }
                let next = keys[((keys.firstIndex(of: current) ?? -1) + 1) % keys.count]
                screen.options.process = next
                readImport(file.path, screen)
            case .char("m") where !file.isVCard:
                screen.focusMapping()
                screen.error = nil
                state.overlay = .importFile(screen)
            default:
                guard screen.scroll.handle(key, count: report.rejections.count, pageSize: ImportView.rejectionRows(state)) else { return }
                state.overlay = .importFile(screen)
            }
        }
    }

    /// Checks the path at once (a missing file is said under the field), then reads the file
    /// after a "reading…" frame: a large file takes a moment.
    func submitImportPath(_ screen: ImportState) {
        var screen = screen
        let typed = screen.field.text.trimmingCharacters(in: .whitespacesAndNewlines)
        let lang = state.lang
        func refuse(_ text: LocalizedText) {
            screen.error = text[lang]
            state.overlay = .importFile(screen)
        }
        guard !typed.isEmpty else { return refuse(LocalizedText(en: "Type or paste the path of a .csv, .tsv, .txt or .vcf file",
                                                                 zh: "请输入或粘贴 .csv、.tsv、.txt 或 .vcf 文件的路径")) }
        let path = TypedPath.resolve(typed)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return refuse(LocalizedText(en: "No such file: \(path)", zh: "文件不存在：\(path)"))
        }
        guard !isDirectory.boolValue else { return refuse(LocalizedText(en: "\(path) is a folder: name a file in it", zh: "\(path) 是文件夹：请指定其中的文件")) }
        guard FileManager.default.isReadableFile(atPath: path) else {
            return refuse(LocalizedText(en: "Cannot read \(path) (permissions?)", zh: "无法读取 \(path)（权限？）"))
        }
        screen.options = ForeignImportOptions()
        guard takeMapping(&screen) else {
            state.overlay = .importFile(screen)
            return
        }
        readImport(path, screen)
    }

    /// Takes the mapping field's path (none when empty) into the screen's options. A file that
    /// is not there is said under the field, which keeps the keys: false, and nothing is read.
    func takeMapping(_ screen: inout ImportState) -> Bool {
        let typed = (screen.mappingField?.text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let path = typed.isEmpty ? nil : TypedPath.resolve(typed)
        screen.options.mappingPath = path
        var isDirectory: ObjCBool = false
        if let path, !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) || isDirectory.boolValue {
            screen.mappingFocused = true
            screen.error = LocalizedText(en: "No such mapping file: \(path)", zh: "映射文件不存在：\(path)")[state.lang]
            return false
        }
        screen.mappingFocused = false
        return true
    }

    /// Reads the file with the screen's options after a "reading…" frame (a large file takes a
    /// moment) and shows its preview; a file or mapping it cannot read is said on the screen,
    /// which keeps the preview it had.
    func readImport(_ path: String, _ screen: ImportState) {
        guard let importer else { return }
        var screen = screen
        let name = (path as NSString).lastPathComponent
        afterFrame(LocalizedText(en: "Reading \(name)…", zh: "正在读取 \(name)…")[state.lang]) { [self] in
            do {
                let file = try importer.read(path: path, options: screen.options)
                let report = try importer.preview(file)
                screen.phase = .preview(file, report)
                screen.scroll = ScrollState()
                screen.error = nil
            } catch {
                screen.error = String(describing: error)
            }
            state.overlay = .importFile(screen)
        }
    }

    /// Writes the file after an "importing…" frame, then reloads the screen and says what happened.
    func runImport(_ file: ForeignImportFile, skipBad: Bool) {
        guard let importer, case .importFile(var screen) = state.overlay else { return }
        let lang = state.lang
        afterFrame(LocalizedText(en: "Importing \(file.fileName) (\(file.rowCount) rows)…", zh: "正在导入 \(file.fileName)（\(file.rowCount) 行）…")[lang]) { [self] in
            do {
                let outcome = try importer.apply(file, options: screen.options, skipBad: skipBad)
                guard outcome.report.written else {
                    // The store changed since the preview and rows are rejected now: show them.
                    screen.phase = .preview(file, outcome.report)
                    screen.error = ImportText.rejectedHint(outcome.report, file: file, lang: lang)
                    state.overlay = .importFile(screen)
                    return
                }
                state.overlay = nil
                state.isEmptyStore = false
                state.reps = (try? store.users().map(\.name)) ?? state.reps
                reload()
                state.message = StatusMessage(ImportText.done(outcome, file: file, lang: lang), isError: outcome.rejectsError != nil)
            } catch {
                screen.error = String(describing: error)
                state.overlay = .importFile(screen)
            }
        }
    }
}
