import CloserCore
import TerminalUI

/// The person form and the delete question over the org chart.
enum OrgChartOverlayView {
    static func render(_ overlay: OrgChartOverlay, lang: Language, into canvas: inout Canvas, area: Rect) {
        switch overlay {
        case .confirmDelete(_, let dialog):
            dialog.render(into: &canvas, area: area)
        case .person(let form):
            let height = Form.height(of: form.form) + 4 + (form.conflict == nil ? 0 : 2)
            let box = area.centered(width: min(area.width - 4, 76), height: min(area.height - 2, height))
            let title = form.isNew ? LocalizedText(en: "New key person", zh: "新建关键人")[lang]
                : LocalizedText(en: "Edit \(form.person.name)", zh: "编辑 \(form.person.name)")[lang]
            let inner = Panel.render(into: &canvas, rect: box, title: title, focused: true, fill: .overlay)
            var edit = RecordForm(form: form.form, original: form.person)
            edit.conflict = form.conflict
            RecordFormView.render(edit, lang: lang, into: &canvas, rect: Rect(x: inner.x + 1, y: inner.y + 1, width: inner.width - 2, height: inner.height - 2))
            canvas.put("Tab ↓ · Enter \(lang(.save)) · Esc \(lang(.cancel))", x: inner.x + 1, y: inner.maxY - 1, role: .dim, maxWidth: inner.width - 2)
        }
    }
}
