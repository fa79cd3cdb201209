/// Excel runs a CSV cell that starts with =, +, -, @ (or a tab or carriage return before one)
/// as a formula: a deal named `=HYPERLINK("http://…")` by anyone who can edit it would become
/// a link in the manager's spreadsheet. Text cells of a CSV meant for Excel get an apostrophe
/// first, which shows the text as typed; the importer takes the apostrophe off again, so an
/// exported file imports as it was.
public enum ExcelFormula {
    static func isTrigger(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D: true
        default: false
        }
    }

    /// The text as Excel should show it, not run it. A text that already looks guarded gets an
    /// apostrophe too, so that unguarding gives it back exactly.
    public static func guarded(_ text: String) -> String {
        guard let first = text.utf8.first, isTrigger(first) || isGuarded(text) else { return text }
        return "'" + text
    }

    /// The text in a CSV not meant for Excel: as it is, but for one that looks guarded, which
    /// the importer would otherwise unguard.
    public static func plain(_ text: String) -> String {
        isGuarded(text) ? "'" + text : text
    }

    private static func isGuarded(_ text: String) -> Bool {
        let bytes = text.utf8
        guard bytes.first == UInt8(ascii: "'"), let second = bytes.dropFirst().first else { return false }
        return isTrigger(second) || second == UInt8(ascii: "'") && isGuarded(String(text.dropFirst()))
    }

    /// The text a guarded cell stood for; any other text as it is.
    public static func unguarded(_ text: String) -> String {
        isGuarded(text) ? String(text.dropFirst()) : text
    }
}
