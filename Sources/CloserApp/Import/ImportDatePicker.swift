import CloserCore
import Foundation
import TerminalUI

extension Command {
    public static let importDateFormat = Command("import.date-format", en: "Say how the file writes its dates", zh: "指定文件的日期格式")
}

/// The import dialog's date format: picked on the preview (`d`), or offered at once when a date
/// column reads two ways (01-03-17: 1 March or 3 January?); choosing reads the file again.
struct ImportDatePicker: Sendable {
    var picker: PickerState
    /// The file to read again with the format chosen.
    var path: String

    static let automatic = "auto"

    /// Every format, the one in force highlighted; "automatic" lets each column's values decide.
    static func all(path: String, current: ImportDateFormat?, lang: Language) -> ImportDatePicker {
        let formats = [ImportDateFormat(order: .dayFirst), ImportDateFormat(order: .monthFirst), .yearFirst]
        let choices = [PickerChoice(id: automatic, label: LocalizedText(en: "automatic (each column's values decide)", zh: "自动（按各列的值判断）")[lang])]
            + formats.map { PickerChoice(id: $0.description, label: $0.description, detail: orderLabel($0.order)[lang]) }
        return ImportDatePicker(picker: PickerState(title: LocalizedText(en: "Dates in the file", zh: "文件中的日期")[lang], choices: choices,
                                                    selected: current.map { ImportDateFormat(order: $0.order).description } ?? automatic,
                                                    noMatch: FieldPickers.noMatch[lang]),
                                path: path)
    }

    /// The two readings of an ambiguous column, as the column writes them.
    static func ambiguous(_ column: AmbiguousDateColumn, path: String, lang: Language) -> ImportDatePicker {
        let choices = column.choices.map { PickerChoice(id: $0.description, label: $0.description, detail: orderLabel($0.order)[lang]) }
        let title = LocalizedText(en: "'\(column.header)': \(column.example) is?", zh: "「\(column.header)」\(column.example) 是？")[lang]
        return ImportDatePicker(picker: PickerState(title: title, choices: choices, noMatch: FieldPickers.noMatch[lang]), path: path)
    }

    static func orderLabel(_ order: ImportDateFormat.Order) -> LocalizedText {
        switch order {
        case .dayFirst: LocalizedText(en: "day first", zh: "日在前")
        case .monthFirst: LocalizedText(en: "month first", zh: "月在前")
        case .yearFirst: LocalizedText(en: "year first", zh: "年在前")
        }
    }

    /// "a date column reads two ways: pick its format" under the path, when the file was refused for it.
    static func ambiguityMessage(_ column: AmbiguousDateColumn, lang: Language) -> String {
        LocalizedText(en: "The dates in '\(column.header)' read both as \(column.choices.map(\.description).joined(separator: " and ")) ('\(column.example)'): pick one",
                      zh: "「\(column.header)」列的日期两种读法都成立（\(column.choices.map(\.description).joined(separator: " 或 "))，例如 \(column.example)）：请选择")[lang]
    }
}

extension ImportFlow {
    /// A key while the date format picker is open: chosen reads the file again with it.
    static func pickDate(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard case .importFile(var screen) = state.overlay, var open = screen.datePicker else { return [] }
        let result = open.picker.handle(key, pageSize: max(1, open.picker.choices.count))
        switch result {
        case nil:
            screen.datePicker = open
            state.overlay = .importFile(screen)
            return []
        case .cancelled:
            screen.datePicker = nil
            state.overlay = .importFile(screen)
            return []
        case .chosen(let ids):
            screen.datePicker = nil
            screen.options.dateFormat = ids.first.flatMap(ImportDateFormat.named)
            screen.error = nil
            state.overlay = .importFile(screen)
            return [read(state, open.path, screen)]
        }
    }
}
