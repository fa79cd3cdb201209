import CloserCore
import TerminalUI

/// A form open on a saved row, and under it, while a save stands refused, who changed the row
/// and which fields, with the key that loads their values.
enum RecordFormView {
    static func render<Record>(_ edit: RecordForm<Record>, lang: Language, into canvas: inout Canvas, rect: Rect) {
        guard let conflict = edit.conflict else {
            Form.render(into: &canvas, rect: rect, form: edit.form)
            return
        }
        let notice = TextWidth.wrap(conflict.notice(lang), to: max(1, rect.width))
        let rows = min(notice.count, max(0, rect.height - 1))
        Form.render(into: &canvas, rect: Rect(x: rect.x, y: rect.y, width: rect.width, height: rect.height - rows), form: edit.form)
        for (index, line) in notice.prefix(rows).enumerated() {
            canvas.put(line, x: rect.x, y: rect.maxY - rows + index, role: .error, maxWidth: rect.width)
        }
    }
}
