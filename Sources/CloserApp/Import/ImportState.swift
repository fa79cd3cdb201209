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
}
