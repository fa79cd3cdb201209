import CloserCore
import Foundation
import TerminalUI

extension App {
    /// `I`: the import screen, at its path field.
    func beginImport() {
        guard runner.hasImporter else {
            state.message = StatusMessage(LocalizedText(en: "Import is not available here; use closer import FILE", zh: "此处不能导入，请用 closer import 文件")[state.lang], isError: true)
            return
        }
        state.overlay = .importFile(ImportState())
    }

    func handleImport(_ command: Command, _ screen: inout ImportState) {
        switch screen.phase {
        case .path:
            switch command {
            case .close:
                state.overlay = nil
            case .confirm:
                submitImportPath(screen)
            case .importMapping:
                // A spreadsheet whose headers say nothing we know needs its mapping file before the first read.
                if screen.mappingFocused { screen.mappingFocused = false } else { screen.focusMapping() }
                state.overlay = .importFile(screen)
            default:
                break
            }
        case .preview(let file, let report):
            if screen.mappingFocused {
                switch command {
                case .close:
                    screen.mappingFocused = false
                    screen.error = nil
                case .confirm:
                    return takeMappingAndRead(file, screen)
                default:
                    return
                }
                state.overlay = .importFile(screen)
                return
            }
            switch command {
            case .close:
                state.overlay = nil
                state.message = StatusMessage(LocalizedText(en: "Import of \(file.fileName) cancelled: nothing was written",
                                                            zh: "已取消导入 \(file.fileName)：未写入任何数据")[state.lang])
            case .importAll:
                if report.rejections.isEmpty {
                    runImport(file, skipBad: false)
                } else {
                    screen.error = ImportText.rejectedHint(report, file: file, lang: state.lang)
                    state.overlay = .importFile(screen)
                }
            case .importSkipBad:
                runImport(file, skipBad: !report.rejections.isEmpty)
            case .importBack:
                screen.phase = .path
                screen.error = nil
                screen.options = ForeignImportOptions()
                state.overlay = .importFile(screen)
            case .importNextProcess where file.processKey != nil:
                // The next process's stages: a file from a service team's pipeline maps to its own.
                let keys = state.catalog.processes.map(\.key)
                guard keys.count > 1, let current = file.processKey else { return }
                let next = keys[((keys.firstIndex(of: current) ?? -1) + 1) % keys.count]
                screen.options.process = next
                readImport(file.path, screen)
            case .importDateFormat where !file.isVCard:
                screen.datePicker = ImportDatePicker.all(path: file.path, current: screen.options.dateFormat, lang: state.lang)
                state.overlay = .importFile(screen)
            case .importMapping where !file.isVCard:
                screen.focusMapping()
                screen.error = nil
                state.overlay = .importFile(screen)
            default:
                guard let key = command.scrollKey,
                      screen.scroll.handle(key, count: report.rejections.count, pageSize: ImportView.rejectionRows(state)) else { return }
                state.overlay = .importFile(screen)
            }
        }
    }

    /// A key typed into the path or the mapping file's field.
    func typeImport(_ key: Key, _ screen: inout ImportState) {
        if screen.mappingFocused, var mapping = screen.mappingField {
            guard mapping.handle(key) else { return }
            screen.mappingField = mapping
        } else if case .path = screen.phase {
            guard screen.field.handle(key) else { return }
        } else {
            return
        }
        screen.error = nil
        state.overlay = .importFile(screen)
    }

    /// Checks the path at once (a missing file is said under the field), then reads the file
    /// after a "reading…" frame: a large file takes a moment.
    func submitImportPath(_ screen: ImportState) {
        perform(ImportFlow.submitPath(&state, screen))
    }

    func runImport(_ file: ForeignImportFile, skipBad: Bool) {
        guard case .importFile(let screen) = state.overlay else { return }
        perform(ImportFlow.apply(state, file, screen: screen, skipBad: skipBad))
    }

    func readImport(_ path: String, _ screen: ImportState) {
        perform([ImportFlow.read(state, path, screen)])
    }

    /// Enter in the mapping file's field on the preview: the file again, with that mapping.
    func takeMappingAndRead(_ file: ForeignImportFile, _ screen: ImportState) {
        perform([.work(CheckImportFiles(typedPath: nil, typedMapping: screen.mappingText, screen: screen, rereading: file.path), replyTo: .importer)])
    }
}

extension ImportState {
    var mappingText: String { (mappingField?.text ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
}

/// The file a path names and the mapping file, checked before anything is read.
struct CheckImportFiles: Work {
    /// The path typed (nil when the file is already read and only the mapping changes).
    var typedPath: String?
    var typedMapping: String
    /// The screen as it was asked from, to go on from.
    var screen: ImportState
    /// The file to read again once the mapping is taken (on the preview).
    var rereading: String?

    struct Reply: Sendable {
        var work: CheckImportFiles
        var path: String?
        var refusal: LocalizedText?
        var mappingPath: String?
        var mappingMissing: Bool
    }

    func run(in world: World) throws -> Reply {
        var reply = Reply(work: self, path: nil, refusal: nil, mappingPath: nil, mappingMissing: false)
        if let typedPath {
            let path = TypedPath.resolve(typedPath)
            var isDirectory: ObjCBool = false
            if !world.files.fileExists(atPath: path, isDirectory: &isDirectory) {
                reply.refusal = LocalizedText(en: "No such file: \(path)", zh: "文件不存在：\(path)")
            } else if isDirectory.boolValue {
                reply.refusal = LocalizedText(en: "\(path) is a folder: name a file in it", zh: "\(path) 是文件夹：请指定其中的文件")
            } else if !world.files.isReadableFile(atPath: path) {
                reply.refusal = LocalizedText(en: "Cannot read \(path) (permissions?)", zh: "无法读取 \(path)（权限？）")
            }
            guard reply.refusal == nil else { return reply }
            reply.path = path
        }
        let mapping = typedMapping.isEmpty ? nil : TypedPath.resolve(typedMapping)
        reply.mappingPath = mapping
        var isDirectory: ObjCBool = false
        if let mapping, !world.files.fileExists(atPath: mapping, isDirectory: &isDirectory) || isDirectory.boolValue {
            reply.mappingMissing = true
        }
        return reply
    }
}

/// Reads a file and works out its preview; writes nothing.
struct ReadImport: Work {
    var path: String
    var screen: ImportState

    struct Reply: Sendable {
        var screen: ImportState
        var file: ForeignImportFile
        var report: ForeignImportReport
    }

    func run(in world: World) throws -> Reply {
        guard let importer = world.importer else { throw StoreError.refused(.importUnavailable) }
        let file = try importer.read(path: path, options: screen.options)
        return Reply(screen: screen, file: file, report: try importer.preview(file))
    }
}

/// Writes a previewed file (the good rows only with `skipBad`).
struct ApplyImport: Work {
    var file: ForeignImportFile
    var screen: ImportState
    var skipBad: Bool

    struct Reply: Sendable {
        var work: ApplyImport
        var outcome: ForeignImportOutcome
        /// The store's users after the import (a file may add reps).
        var users: [String]?
    }

    func run(in world: World) throws -> Reply {
        guard let importer = world.importer else { throw StoreError.refused(.importUnavailable) }
        let outcome = try importer.apply(file, options: screen.options, skipBad: skipBad)
        let users = outcome.report.written ? try? world.store.users().map(\.name) : nil
        return Reply(work: self, outcome: outcome, users: users)
    }
}

/// The import screen's work and what its answers do.
enum ImportFlow {
    static func submitPath(_ state: inout AppState, _ screen: ImportState) -> [Effect] {
        var screen = screen
        let typed = screen.field.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !typed.isEmpty else {
            screen.error = LocalizedText(en: "Type or paste the path of a .csv, .tsv, .txt or .vcf file",
                                         zh: "请输入或粘贴 .csv、.tsv、.txt 或 .vcf 文件的路径")[state.lang]
            state.overlay = .importFile(screen)
            return []
        }
        return [.work(CheckImportFiles(typedPath: typed, typedMapping: screen.mappingText, screen: screen, rereading: nil), replyTo: .importer)]
    }

    /// Reads after a "reading…" frame (a large file takes a moment).
    static func read(_ state: AppState, _ path: String, _ screen: ImportState) -> Effect {
        let name = (path as NSString).lastPathComponent
        return .afterFrame(busy: LocalizedText(en: "Reading \(name)…", zh: "正在读取 \(name)…")[state.lang],
                           [.work(ReadImport(path: path, screen: screen), replyTo: .importer)])
    }

    /// Writes after an "importing…" frame.
    static func apply(_ state: AppState, _ file: ForeignImportFile, screen: ImportState, skipBad: Bool) -> [Effect] {
        let busy = LocalizedText(en: "Importing \(file.fileName) (\(file.rowCount) rows)…", zh: "正在导入 \(file.fileName)（\(file.rowCount) 行）…")
        return [.afterFrame(busy: busy[state.lang], [.work(ApplyImport(file: file, screen: screen, skipBad: skipBad), replyTo: .importer)])]
    }

    static func update(_ state: inout AppState, _ event: ScreenEvent) -> [Effect] {
        let lang = state.lang
        switch event {
        case .reply(let checked as CheckImportFiles.Reply):
            var screen = checked.work.screen
            if let refusal = checked.refusal {
                screen.error = refusal[lang]
                state.overlay = .importFile(screen)
                return []
            }
            if checked.work.typedPath != nil { screen.options = ForeignImportOptions() }
            // A mapping file that is not there is said under its field, which keeps the keys; nothing is read.
            screen.options.mappingPath = checked.mappingPath
            if checked.mappingMissing, let mapping = checked.mappingPath {
                screen.mappingFocused = true
                screen.error = LocalizedText(en: "No such mapping file: \(mapping)", zh: "映射文件不存在：\(mapping)")[lang]
                state.overlay = .importFile(screen)
                return []
            }
            screen.mappingFocused = false
            state.overlay = .importFile(screen)
            guard let path = checked.path ?? checked.work.rereading else { return [] }
            return [read(state, path, screen)]
        case .reply(let read as ReadImport.Reply):
            var screen = read.screen
            screen.phase = .preview(read.file, read.report)
            screen.scroll = ScrollState()
            screen.error = nil
            state.overlay = .importFile(screen)
            return []
        case .failed(let read as ReadImport, let error):
            var screen = read.screen
            screen.error = ErrorText.of(error, in: lang)
            if let ambiguous = (error as? ImportError)?.ambiguousDates {
                // Not a dead end: the two readings are offered, and choosing one reads the file again.
                screen.phase = .path
                screen.error = ImportDatePicker.ambiguityMessage(ambiguous, lang: lang)
                screen.datePicker = ImportDatePicker.ambiguous(ambiguous, path: read.path, lang: lang)
            }
            state.overlay = .importFile(screen)
            return []
        case .reply(let applied as ApplyImport.Reply):
            let file = applied.work.file
            guard applied.outcome.report.written else {
                // The store changed since the preview and rows are rejected now: show them.
                var screen = applied.work.screen
                screen.phase = .preview(file, applied.outcome.report)
                screen.error = ImportText.rejectedHint(applied.outcome.report, file: file, lang: lang)
                state.overlay = .importFile(screen)
                return []
            }
            state.overlay = nil
            state.isEmptyStore = false
            state.reps = applied.users ?? state.reps
            return [.reload(keeping: nil),
                    .say(StatusMessage(ImportText.done(applied.outcome, file: file, lang: lang), isError: applied.outcome.rejectsError != nil))]
        case .failed(let applied as ApplyImport, let error):
            var screen = applied.screen
            screen.error = ErrorText.of(error, in: lang)
            state.overlay = .importFile(screen)
            return []
        default:
            return []
        }
    }
}
