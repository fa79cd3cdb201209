import Foundation

/// Text and files on their way out of Closer: what goes to a terminal carries no control
/// sequence, JSON carries every control and bidi character as an escape, and the files an
/// export writes are readable by their owner only, like the store.
public enum SafeText {
    /// Each control or bidi character (tab and line breaks kept) becomes U+FFFD: for CSV and
    /// iCalendar text bound for a terminal, where a field's ESC would start a command (a
    /// clipboard write, a cleared screen) and an embedded line break is only layout.
    public static func forTerminal(_ text: String) -> String {
        guard TextControl.mayContainControl(text) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if TextControl.isControl(scalar), !TextControl.isLineLayout(scalar) {
                out.append("\u{FFFD}")
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// JSON with every control and bidi character written as a `\u` escape. An encoder escapes
    /// C0 only: DEL, C1 (U+009B is a terminal's CSI) and the bidi overrides would go out raw.
    /// Such a character can only stand inside a JSON string, so escaping it there is exact.
    public static func escapingControls(inJSON data: Data) -> Data {
        guard let text = String(data: data, encoding: .utf8), TextControl.mayContainControl(text) else { return data }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if scalar.value >= 0x20, TextControl.isControl(scalar) {
                out += String(format: "\\u%04x", scalar.value)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return Data(out.utf8)
    }

    /// Whether standard output is a terminal (not a file or a pipe, which get exact bytes).
    public static var standardOutputIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
}

/// Files Closer writes with data in them (exports, rejected rows): created readable and
/// writable by their owner only, as the store is, and put in place in one step.
public enum PrivateFile {
    public static func write(_ data: Data, to path: String) throws {
        let partial = path + ".partial-\(ProcessInfo.processInfo.processIdentifier)"
        let descriptor = open(partial, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard descriptor >= 0 else { throw StoreError.refused(.cannotWrite(path: path, reason: String(cString: strerror(errno)))) }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        do {
            try handle.write(contentsOf: data)
            try handle.close()
            guard rename(partial, path) == 0 else { throw StoreError.refused(.fileSystem(String(cString: strerror(errno)))) }
        } catch {
            try? handle.close()
            unlink(partial)
            throw StoreError.refused(.cannotWrite(path: path, reason: error.localizedDescription))
        }
    }

    /// An empty file to stream into, owner-only; `finish` renames it into place.
    public static func create(_ path: String) throws -> (handle: FileHandle, partial: String) {
        let partial = path + ".partial-\(ProcessInfo.processInfo.processIdentifier)"
        let descriptor = open(partial, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard descriptor >= 0 else {
            throw StoreError.refused(.cannotWrite(path: path, reason: "is the folder there and writable? (\(String(cString: strerror(errno))))"))
        }
        return (FileHandle(fileDescriptor: descriptor, closeOnDealloc: true), partial)
    }
}
