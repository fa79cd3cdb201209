import CloserCore
import TerminalUI

/// One account on one screen: details and classification (or the edit form) on the left;
/// deals, key persons and the activity timeline on the right.
enum Account360View {
    static func render(_ detail: Account360State, state: AppState, into canvas: inout Canvas, area: Rect) {
        let lang = state.lang
        let account = detail.account
        let box = area.inset(dx: 2, dy: 1)
        let inner = Panel.render(into: &canvas, rect: box, title: "\(LocalizedText(en: "Account", zh: "客户")[lang]) 360° · \(account.name)", focused: true, fill: .overlay)
        guard inner.width > 20, inner.height > 4 else { return }
        let leftWidth = min(40, inner.width * 2 / 5)
        let left = Rect(x: inner.x + 1, y: inner.y, width: leftWidth - 1, height: inner.height - 1)
        let right = Rect(x: inner.x + leftWidth + 1, y: inner.y, width: inner.width - leftWidth - 2, height: inner.height - 1)
        canvas.vline(x: inner.x + leftWidth, y: inner.y, length: inner.height - 1, role: .border)
        if let form = detail.form {
            Form.render(into: &canvas, rect: left, form: form)
        } else {
            facts(detail, state: state, into: &canvas, rect: left)
        }
        lists(detail, state: state, into: &canvas, rect: right)
        let hints = detail.form == nil
            ? "e \(LocalizedText(en: "edit", zh: "编辑")[lang]) · Esc \(lang(.close))"
            : "Tab ↓ · Enter \(lang(.save)) · Esc \(lang(.cancel)) · C-r \(LocalizedText(en: "newest version", zh: "载入新版本")[lang])"
        canvas.put(hints, x: inner.x + 1, y: inner.maxY - 1, role: .dim, maxWidth: inner.width - 1)
    }

    static func facts(_ detail: Account360State, state: AppState, into canvas: inout Canvas, rect: Rect) {
        let lang = state.lang
        let account = detail.account
        let summary = detail.summary
        let labels = Account360State.fieldLabels(lang)
        let dash = "—"
        func orDash(_ text: String) -> String { text.isEmpty ? dash : text }
        var rows: [(String, String, StyleRole)] = [
            (labels[Account360State.gradeField], account.grade.label[lang], QuadrantView.gradeRole(account.grade)),
            (lang(.quadrant), account.quadrant.label[lang], StyleRole("quadrant.\(account.quadrant.rawValue)")),
            ("", "\(labels[Account360State.assistanceField]) \(account.assistance) · \(labels[Account360State.loyaltyField]) \(account.loyalty)", .normal),
            (labels[Account360State.industryField], orDash(account.industry), .normal),
            (labels[Account360State.regionField], orDash(account.region), .normal),
            (labels[Account360State.natureField], orDash(account.businessNature), .normal),
            (labels[Account360State.scaleField], orDash(account.scale), .normal),
            (lang(.owner), "\(account.owner ?? LocalizedText(en: "(pool)", zh: "（公海）")[lang]) · \(account.visibility.label[lang])", .normal),
            (LocalizedText(en: "Pipeline", zh: "在途")[lang], "\(Money.compact(summary.pipeline)) (\(lang(.weighted)) \(Money.compact(summary.weighted)))", "card.amount"),
            (LocalizedText(en: "Won", zh: "已赢单")[lang], Money.compact(summary.won), .normal),
            (lang(.lifetimeValue), Money.compact(summary.lifetimeValue), .accent),
            (LocalizedText(en: "Last act", zh: "最近行动")[lang], summary.lastActivity?.description ?? dash, .normal),
        ]
        if !account.notes.isEmpty { rows.append((labels[Account360State.notesField], account.notes, .dim)) }
        let labelWidth = rows.map { TextWidth.of($0.0) }.max() ?? 0
        for (index, row) in rows.enumerated() where index < rect.height {
            canvas.put(TextWidth.padRight(row.0, to: labelWidth), x: rect.x, y: rect.y + index, role: .dim)
            canvas.put(row.1, x: rect.x + labelWidth + 1, y: rect.y + index, role: row.2, maxWidth: rect.width - labelWidth - 1)
        }
    }

    static func lists(_ detail: Account360State, state: AppState, into canvas: inout Canvas, rect: Rect) {
        let lang = state.lang
        let limits = Account360Layout.limits(height: state.height)
        var y = rect.y
        func line(_ text: String, _ role: StyleRole) {
            guard y < rect.maxY else { return }
            canvas.put(text, x: rect.x, y: y, role: role, maxWidth: rect.width)
            y += 1
        }
        line("\(lang(.deals)) (\(detail.dealsTotal))", .title)
        // Open deals first, then the closed ones, as loaded (most recently changed first).
        let deals = detail.deals.filter { $0.outcome == .open } + detail.deals.filter { $0.outcome != .open }
        for deal in deals.prefix(limits.deals) {
            let stage = deal.outcome == .open
                ? (state.catalog.process(deal.processKey)?.stage(deal.stageKey)?.name[lang] ?? deal.stageKey)
                : deal.outcome.label[lang]
            var text = "#\(deal.id) \(stage) \(deal.title) \(Money.compact(deal.amount.minorUnits))"
            if deal.outcome == .open {
                text += deal.nextStep.isEmpty ? " · ⚠ \(lang(.noNextStep))" : " → \(deal.nextStep)"
                if let due = deal.nextStepDue { text += " " + AccountColumn.shortDay(due, today: state.today) }
            }
            line(text, deal.outcome == .open ? (deal.nextStepState(today: state.today).needsAttention ? "card.overdue" : .normal) : .dim)
        }
        if detail.deals.isEmpty { line("  " + lang(.none), .dim) }
        line("\(LocalizedText(en: "Key persons", zh: "关键人")[lang]) (\(detail.personsTotal))", .title)
        for person in detail.persons.prefix(limits.persons) {
            var parts = [person.name]
            if !person.title.isEmpty { parts.append(person.title) }
            parts.append(person.level.label[lang])
            parts.append(person.stance.label[lang])
            if person.isInsideCoach { parts.append("★" + LocalizedText(en: "coach", zh: "内线")[lang]) }
            line(parts.joined(separator: " · "), person.stance == .opponent ? .warning : .normal)
        }
        if detail.persons.isEmpty { line("  " + lang(.none), .dim) }
        line(lang(.activities), .title)
        for activity in detail.activities.prefix(limits.activities) {
            line("\(AccountColumn.shortDay(activity.day, today: state.today)) \(activity.kind.label[lang]) \(activity.notes)", .normal)
        }
        if detail.activities.isEmpty { line("  " + lang(.none), .dim) }
    }
}
