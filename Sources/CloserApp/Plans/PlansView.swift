import CloserCore
import TerminalUI

/// Draws the planned activities over the screen: the list with days, times, kinds and where
/// each stands (overdue in the overdue colour), or the form being filled, and the keys.
enum PlansView {
    static func render(_ plans: PlansState, lang: Language, today: Day, into canvas: inout Canvas, area: Rect) {
        let box = area.inset(dx: min(4, area.width / 20), dy: 1)
        let title = LocalizedText(en: "Planned activities", zh: "计划行动")[lang] + " — #\(plans.dealID) \(plans.dealTitle)"
        let inner = Panel.render(into: &canvas, rect: box, title: title, focused: true, fill: .overlay)
        let body = Rect(x: inner.x + 1, y: inner.y, width: inner.width - 2, height: inner.height - 1)
        switch plans.mode {
        case .list, .confirmCancel:
            list(plans, lang: lang, today: today, into: &canvas, rect: body)
            let hints = PlansState.footerHints(lang).map { "\($0.key) \($0.label)" }.joined(separator: "  ")
            canvas.put(hints, x: body.x, y: inner.maxY - 1, role: .dim, maxWidth: body.width)
        case .add(let form):
            canvas.put(LocalizedText(en: "New plan", zh: "新计划")[lang], x: body.x, y: body.y, role: .title, maxWidth: body.width)
            Form.render(into: &canvas, rect: Rect(x: body.x, y: body.y + 2, width: body.width, height: body.height - 2), form: form)
            canvas.put(formHint(lang), x: body.x, y: inner.maxY - 1, role: .dim, maxWidth: body.width)
        case .done(let plan, let form):
            let heading = LocalizedText(en: "Done: ", zh: "完成：")[lang] + "\(plan.reference) \(plan.kind.label[lang]) · \(plan.text)"
            canvas.put(heading, x: body.x, y: body.y, role: .title, maxWidth: body.width)
            Form.render(into: &canvas, rect: Rect(x: body.x, y: body.y + 2, width: body.width, height: body.height - 2), form: form)
            canvas.put(formHint(lang), x: body.x, y: inner.maxY - 1, role: .dim, maxWidth: body.width)
        }
        if case .confirmCancel(_, let dialog) = plans.mode { dialog.render(into: &canvas, area: area) }
    }

    static func formHint(_ lang: Language) -> String {
        "Tab ↓ · Enter \(lang(.save)) · Esc \(lang(.cancel))"
    }

    static func list(_ plans: PlansState, lang: Language, today: Day, into canvas: inout Canvas, rect: Rect) {
        guard plans.loaded else {
            canvas.put(LocalizedText(en: "Reading…", zh: "读取中…")[lang], x: rect.x, y: rect.y, role: .dim, maxWidth: rect.width)
            return
        }
        let rows = plans.rows
        guard !rows.isEmpty else {
            canvas.put(LocalizedText(en: "Nothing planned yet: a plans one", zh: "尚无计划：按 a 计划一项")[lang], x: rect.x, y: rect.y, role: .dim, maxWidth: rect.width)
            return
        }
        var scroll = plans.scroll
        scroll.clamp(count: rows.count, pageSize: rect.height)
        let kindWidth = ActivityKind.allCases.map { TextWidth.of($0.label[lang]) }.max() ?? 6
        for line in 0..<rect.height {
            let index = scroll.offset + line
            guard rows.indices.contains(index) else { break }
            let plan = rows[index]
            let selected = index == scroll.selected
            let planState = plan.state(today: today)
            let role: StyleRole = selected ? .selected : plan.isDone ? .dim : planState.isOverdue ? .cardOverdue : .normal
            let y = rect.y + line
            canvas.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), role: selected ? .selected : .overlay)
            let day = plan.due?.description ?? "—"
            let time = plan.time?.description ?? ""
            let left = TextWidth.padRight(plan.reference, to: 5) + TextWidth.padRight(day, to: 11) + TextWidth.padRight(time, to: 6)
                + TextWidth.padRight(Sanitizer.clean(plan.kind.label[lang]), to: kindWidth + 1)
            let stateText = " " + planState.label[lang]
            let stateWidth = TextWidth.of(stateText)
            let used = canvas.put(left, x: rect.x, y: y, role: role, maxWidth: rect.width)
            let textWidth = rect.width - used - stateWidth
            canvas.put(TextWidth.truncate(Sanitizer.clean(plan.text), to: max(0, textWidth)), x: rect.x + used, y: y, role: role, maxWidth: max(0, textWidth))
            canvas.put(stateText, x: rect.maxX - stateWidth, y: y, role: role, maxWidth: stateWidth)
        }
    }
}
