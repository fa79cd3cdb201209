import CloserCore
import Foundation
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

/// What the user typed or pasted as a path, made into one: surrounding quotes and the
/// backslashes a terminal adds when a file is dropped on it go, `~` is the home folder and a
/// relative path is taken from the folder `closer` was started in.
public enum ImportPath {
    public static func resolve(_ typed: String, home: String, currentDirectory: String) -> String {
        var text = typed.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.count >= 2, let first = text.first, first == text.last, first == "'" || first == "\"" {
            text = String(text.dropFirst().dropLast())
        } else if text.contains("\\") {
            // "My\ Deals.csv" as a shell-escaped drop: each backslash escapes the next character.
            var unescaped = "", escaping = false
            for character in text {
                if escaping || character != "\\" { unescaped.append(character); escaping = false } else { escaping = true }
            }
            text = unescaped
        }
        if text == "~" { return home }
        if text.hasPrefix("~/") { text = (home as NSString).appendingPathComponent(String(text.dropFirst(2))) }
        if !text.hasPrefix("/") { text = (currentDirectory as NSString).appendingPathComponent(text) }
        return (text as NSString).standardizingPath
    }
}
