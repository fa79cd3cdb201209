import CloserCore
import TerminalUI

/// The import screen: first the path of the file, then the preview of what importing it
/// would do, from which the user imports or cancels.
public struct ImportState: Sendable {
    public enum Phase: Sendable {
        /// Typing or pasting the path.
        case path
        /// The file read and matched against the store; nothing written yet.
        case preview(ForeignImportFile, ForeignImportReport)
    }

    public var phase: Phase = .path
    public var field: TextFieldState
    /// How the file is read: the process its stages map to, a mapping file. Changing one
    /// reads the file again and shows the new preview.
    public var options = ForeignImportOptions()
    /// The mapping file's path, once asked for (Tab at the path, m on the preview).
    public var mappingField: TextFieldState?
    /// Keys go to the mapping file's field, not the path's (or the preview's).
    public var mappingFocused = false
    /// What is wrong with the path or the file, under the field; or why a choice is not offered.
    public var error: String?
    /// The rejected rows' list.
    public var scroll = ScrollState()
    /// The date format picker while it is open: it takes every key.
    var datePicker: ImportDatePicker?

    public init(path: String = "") {
        field = TextFieldState(text: path, maxLength: 4096)
    }

    /// Keys to the mapping file's field, made empty the first time it is asked for.
    public mutating func focusMapping() {
        if mappingField == nil { mappingField = TextFieldState(text: "", maxLength: field.maxLength) }
        mappingFocused = true
    }

    public var file: ForeignImportFile? {
        if case .preview(let file, _) = phase { file } else { nil }
    }

    public var report: ForeignImportReport? {
        if case .preview(_, let report) = phase { report } else { nil }
    }

    static let pathKeys = KeyContext("import.path", en: "Import: the file's path", zh: "导入：文件路径")
    static let previewKeys = KeyContext("import.preview", en: "Import: the preview", zh: "导入：预览")
    static let mappingKeys = KeyContext("import.mapping", en: "Import: the mapping file", zh: "导入：映射文件")
    static let bindings: [KeyBinding] = [
        KeyBinding([.enter], .confirm, pathKeys),
        KeyBinding([.escape], .close, pathKeys),
        KeyBinding([.tab, .backTab], .importMapping, pathKeys),
        KeyBinding([.enter, .char("i")], .importAll, previewKeys),
        KeyBinding([.char("s")], .importSkipBad, previewKeys),
        KeyBinding([.backspace, .char("b")], .importBack, previewKeys),
        KeyBinding([.char("p")], .importNextProcess, previewKeys),
        KeyBinding([.char("m")], .importMapping, previewKeys),
        KeyBinding([.char("d")], .importDateFormat, previewKeys),
        KeyBinding([.escape], .close, previewKeys),
        KeyBinding([.up, .char("k")], .selectUp, previewKeys),
        KeyBinding([.down, .char("j")], .selectDown, previewKeys),
        KeyBinding([.pageUp], .pageUp, previewKeys),
        KeyBinding([.pageDown], .pageDown, previewKeys),
        KeyBinding([.home, .char("g")], .selectFirst, previewKeys),
        KeyBinding([.end, .char("G")], .selectLast, previewKeys),
        KeyBinding([.enter], .confirm, mappingKeys),
        KeyBinding([.escape], .close, mappingKeys),
    ]

    /// The path's keys while it is typed, the mapping file's while that is, else the preview's.
    var keys: KeyContext {
        if case .path = phase { return ImportState.pathKeys }
        return mappingFocused ? ImportState.mappingKeys : ImportState.previewKeys
    }
}

extension Command {
    public static let importAll = Command("import.all", en: "Import every row (none rejected)", zh: "导入全部行（仅当没有被拒绝的行）")
    public static let importSkipBad = Command("import.skip-bad", en: "Import the good rows only",
                                              zh: "只导入正确的行")
    public static let importBack = Command("import.back", en: "Back to the path", zh: "返回路径")
    public static let importNextProcess = Command("import.next-process", en: "Stages to the next process", zh: "将商机阶段映射到下一个流程")
    public static let importMapping = Command("import.mapping", en: "The mapping file's path", zh: "映射文件路径")
}
