import CloserCore
import Foundation
import TerminalUI

/// Draws the import screen over the dashboard: the path field, or the preview — what the
/// file is, how its columns map, what would be created, updated and rejected, and the
/// rejected rows with line, column and reason.
enum ImportView {
    static func render(_ screen: ImportState, state: AppState, into canvas: inout Canvas) {
        renderDialog(screen, state: state, into: &canvas)
        if let dates = screen.datePicker {
            Picker.render(dates.picker, into: &canvas, area: Rect(x: 0, y: 0, width: state.width, height: state.height).inset(by: 2))
        }
    }

    static func renderDialog(_ screen: ImportState, state: AppState, into canvas: inout Canvas) {
        let area = Rect(x: 0, y: 0, width: state.width, height: state.height)
        let lang = state.lang
        guard let file = screen.file, let report = screen.report else {
            let width = min(area.width - 4, 90)
            // A file's problem is said in full: the message wraps, the box grows to hold it.
            let problem = screen.error.map { TextWidth.wrap($0, to: max(1, width - 4)) } ?? []
            // The mapping file's field, once Tab asked for it, takes two more lines.
            let mappingLines = screen.mappingField == nil ? 0 : 2
            let shown = Array(problem.prefix(max(1, area.height - 9 - mappingLines)))
            let box = area.centered(width: width, height: 8 + mappingLines + max(0, shown.count - 1))
            let inner = Panel.render(into: &canvas, rect: box, title: ImportText.title[lang], focused: true, fill: .overlay)
            canvas.put(ImportText.pathLabel[lang], x: inner.x + 1, y: inner.y, maxWidth: inner.width - 2)
            TextField.render(into: &canvas, rect: Rect(x: inner.x + 1, y: inner.y + 1, width: inner.width - 2, height: 1), state: screen.field,
                             focused: !screen.mappingFocused, placeholder: "~/Downloads/deals.csv")
            if let mapping = screen.mappingField {
                canvas.put(ImportText.mappingOptional[lang], x: inner.x + 1, y: inner.y + 2, role: screen.mappingFocused ? .normal : .dim, maxWidth: inner.width - 2)
                TextField.render(into: &canvas, rect: Rect(x: inner.x + 1, y: inner.y + 3, width: inner.width - 2, height: 1), state: mapping,
                                 focused: screen.mappingFocused, placeholder: "~/mapping.json")
            }
            for (offset, line) in shown.enumerated() {
                canvas.put(line, x: inner.x + 1, y: inner.y + 3 + mappingLines + offset, role: .error, maxWidth: inner.width - 2)
            }
            canvas.put(ImportText.pathKeys[lang], x: inner.x + 1, y: inner.maxY - 1, role: .dim, maxWidth: inner.width - 2)
            return
        }
        let layout = Layout(state: state, file: file, report: report, mapping: screen.options.mappingPath, dateFormat: screen.options.dateFormat)
        let inner = Panel.render(into: &canvas, rect: layout.box, title: "\(ImportText.title[lang]) — \(file.fileName)", focused: true, fill: .overlay)
        let x = inner.x + 1, width = inner.width - 2
        var y = inner.y
        for (text, role) in layout.head {
            canvas.put(text, x: x, y: y, role: role, maxWidth: width)
            y += 1
        }
        var scroll = screen.scroll
        let items = report.rejections.map { ListView.Item(rejectionLine($0, lang: lang, width: width), role: .error) }
        ListView.render(into: &canvas, rect: layout.list, items: items, state: &scroll, focused: true, selectedRole: .highlight)
        if screen.mappingFocused, let mapping = screen.mappingField {
            // The mapping file's path is typed over the notice and the keys.
            let label = ImportText.mappingLabel[lang] + " "
            canvas.put(label, x: x, y: inner.maxY - 2, role: .accent, maxWidth: width)
            let labelWidth = min(width - 1, TextWidth.of(label))
            TextField.render(into: &canvas, rect: Rect(x: x + labelWidth, y: inner.maxY - 2, width: max(1, width - labelWidth), height: 1),
                             state: mapping, focused: true, placeholder: "~/mapping.json")
            canvas.put(screen.error ?? ImportText.mappingKeys[lang], x: x, y: inner.maxY - 1, role: screen.error == nil ? .dim : .warning, maxWidth: width)
            return
        }
        if let error = screen.error {
            canvas.put(error, x: x, y: inner.maxY - 2, role: .warning, maxWidth: width)
        } else if let options = ImportText.optionKeys(file, lang: lang) {
            canvas.put(options, x: x, y: inner.maxY - 2, role: .dim, maxWidth: width)
        }
        canvas.put(ImportText.previewKeys(report, lang: lang), x: x, y: inner.maxY - 1, role: .dim, maxWidth: width)
    }

    /// "line 12  金额          '12x' is not an amount …", column names cut to one width.
    static func rejectionLine(_ rejection: Rejection, lang: Language, width: Int) -> String {
        let line = TextWidth.padRight("\(ImportText.line[lang]) \(rejection.line)", to: 10)
        let column = TextWidth.padRight(TextWidth.truncate(rejection.column.isEmpty ? "—" : rejection.column, to: 14), to: 14)
        return "\(line) \(column) \(rejection.text[lang])"
    }

    /// How many rejected rows the list shows at once, for paging.
    static func rejectionRows(_ state: AppState) -> Int {
        guard case .importFile(let screen) = state.overlay, let file = screen.file, let report = screen.report else { return 1 }
        return max(1, Layout(state: state, file: file, report: report, mapping: screen.options.mappingPath).list.height)
    }

    /// The preview's lines above the rejected rows, and the room the rows get.
    struct Layout {
        var box: Rect
        var head: [(String, StyleRole)] = []
        var list: Rect

        init(state: AppState, file: ForeignImportFile, report: ForeignImportReport, mapping: String?, dateFormat: ImportDateFormat? = nil) {
            let lang = state.lang
            box = Rect(x: 0, y: 0, width: state.width, height: state.height).inset(by: 1)
            let inner = box.inset(by: 1)
            let width = max(1, inner.width - 2)
            var facts = ["\(ImportText.kind[lang]): \(ImportText.kind(file, lang: lang))", "\(ImportText.encoding[lang]) \(file.encoding)"]
            let delimiter = ImportText.delimiter(file.delimiter, lang: lang)
            if !delimiter.isEmpty { facts.append(delimiter) }
            if let process = file.processKey { facts.append("\(ImportText.process[lang]) \(process)") }
            if let mapping { facts.append("\(ImportText.mapping[lang]) \((mapping as NSString).lastPathComponent)") }
            if !file.isVCard { facts.append("\(ImportText.dates[lang]) " + (dateFormat.map { "\($0)" } ?? ImportText.datesAutomatic[lang])) }
            facts.append("\(file.rowCount) \(ImportText.rows[lang])")
            let label = "\(ImportText.file[lang]): "
            head.append((label + Self.leftTruncated(file.path, to: width - TextWidth.of(label)), .normal))
            // Kind, encoding, process, mapping and rows: on a narrow screen the facts go on over a second line.
            head += Self.wrap(facts, prefix: "", width: width, separator: " · ").map { ($0, .normal) }
            head.append((report.summaryText[lang], .accent))
            // The mapping wraps over a few lines; a tall terminal shows more of it.
            let mappingRoom = max(1, (inner.height - 12) / 3 + 1)
            let pairs = file.columns.compactMap { column in column.field.map { "\(column.header)→\($0.label[lang])" } }
            let wrapped = Self.wrap(pairs, prefix: "\(ImportText.columns[lang]): ", width: width)
            head += wrapped.prefix(mappingRoom).map { ($0, .normal) }
            if wrapped.count > mappingRoom, var last = head.popLast() {
                last.0 = TextWidth.truncate(last.0, to: max(1, width - 2)) + " …"
                head.append(last)
            }
            let leftOver = report.unmappedColumns + report.unusedColumns
            if !leftOver.isEmpty { head.append(("\(ImportText.notImported[lang]): \(leftOver.joined(separator: ", "))", .warning)) }
            if !report.unmappedStages.isEmpty, let process = file.processKey {
                head.append(("\(ImportText.unmappedStages[lang]) \(process): \(ForeignImportNotes.stageList(report, lang: lang).joined(separator: lang == .zh ? "、" : ", "))", .warning))
            }
            head.append((report.rejections.isEmpty ? ImportText.noRejections[lang] : "\(ImportText.rejected[lang]) (\(report.rejections.count)):",
                         report.rejections.isEmpty ? .success : .header))
            let top = inner.y + head.count
            // Two lines stay below the list: a notice and the keys.
            list = Rect(x: inner.x + 1, y: top, width: width, height: max(0, inner.maxY - 2 - top))
        }

        /// A long path keeps its end, where the file name is: "…/exports/deals.csv".
        static func leftTruncated(_ path: String, to width: Int) -> String {
            guard TextWidth.of(path) > width, width > 1 else { return path }
            var tail = Substring(path)
            while TextWidth.of(String(tail)) > width - 1, !tail.isEmpty { tail = tail.dropFirst() }
            return "…" + tail
        }

        /// Items joined by `separator` into lines of `width`, the first line after `prefix`.
        static func wrap(_ items: [String], prefix: String, width: Int, separator: String = "  ") -> [String] {
            var lines = [String](), current = prefix
            let indent = String(repeating: " ", count: min(TextWidth.of(prefix), width / 3))
            for item in items {
                let candidate = current == prefix || current == indent ? current + item : current + separator + item
                if TextWidth.of(candidate) > width, current != prefix, current != indent {
                    lines.append(current)
                    current = indent + item
                } else {
                    current = candidate
                }
            }
            lines.append(current)
            return lines
        }
    }
}
