import Foundation

/// What the user typed or pasted as a path, made into one: surrounding quotes and the
/// backslashes a terminal adds when a file is dropped on it go, `~` is the home folder and a
/// relative path is taken from the folder `closer` was started in.
public enum TypedPath {
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

    /// As typed in this process: its home folder and the folder it was started in.
    public static func resolve(_ typed: String) -> String {
        resolve(typed, home: ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory(),
                currentDirectory: FileManager.default.currentDirectoryPath)
    }
}
