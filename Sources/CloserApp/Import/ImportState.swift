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
    /// What is wrong with the path or the file, under the field; or why a choice is not offered.
    public var error: String?
    /// The rejected rows' list.
    public var scroll = ScrollState()

    public init(path: String = "") {
        field = TextFieldState(text: path, maxLength: 4096)
    }

    public var file: ForeignImportFile? {
        if case .preview(let file, _) = phase { file } else { nil }
    }

    public var report: ForeignImportReport? {
        if case .preview(_, let report) = phase { report } else { nil }
    }
}
