import CloserCore
import TerminalUI

/// One account on one screen: details and classification (or the edit form) on the left;
/// deals, key persons and the activity timeline on the right.
enum Account360View {
    static let maturityLabel = LocalizedText(en: "Maturity", zh: "成熟度")

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
        if let step = detail.ownership.step {
            ownershipStep(step, detail: detail, state: state, into: &canvas, rect: left)
        } else if let edit = detail.form {
            RecordFormView.render(edit, lang: lang, into: &canvas, rect: left)
        } else {
            // The ownership keys at the foot of the left column, the facts above them.
            let keys = ownershipHintLines(state.lang, width: left.width)
            let hintRows = left.height > keys.count + 8 ? keys.count : 0
            for (index, text) in keys.prefix(hintRows).enumerated() {
                canvas.put(text, x: left.x, y: left.maxY - hintRows + index, role: .dim, maxWidth: left.width)
            }
            facts(detail, state: state, into: &canvas, rect: Rect(x: left.x, y: left.y, width: left.width, height: left.height - hintRows))
        }
        lists(detail, state: state, into: &canvas, rect: right)
        let hints = detail.form == nil
            ? "↑↓ Enter \(lang(.open)) · e \(LocalizedText(en: "edit", zh: "编辑")[lang]) · Esc \(lang(.close))"
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
            (lang(.quadrant), account.quadrant.label[lang], .quadrant(account.quadrant)),
            ("", "\(labels[Account360State.assistanceField]) \(account.assistance) · \(labels[Account360State.loyaltyField]) \(account.loyalty)", .normal),
            (labels[Account360State.industryField], orDash(account.industry), .normal),
            (labels[Account360State.regionField], orDash(account.region), .normal),
            (labels[Account360State.natureField], orDash(account.businessNature), .normal),
            (labels[Account360State.scaleField], orDash(account.scale), .normal),
            (lang(.owner), "\(account.owner ?? LocalizedText(en: "(pool)", zh: "（公海）")[lang]) · \(account.visibility.label[lang])", .normal),
            (LocalizedText(en: "Pipeline", zh: "在途")[lang], "\(Money.compact(summary.pipeline)) (\(lang(.weighted)) \(Money.compact(summary.weighted)))", .cardAmount),
            (LocalizedText(en: "Won", zh: "已赢单")[lang], Money.compact(summary.won), .normal),
            (lang(.lifetimeValue), Money.compact(summary.lifetimeValue), .accent),
            (LocalizedText(en: "Last act", zh: "最近行动")[lang], summary.lastActivity?.description ?? dash, .normal),
        ]
        let maturityKey = KeyMap.keys(of: .cycleMaturity, in: [Account360State.keys]).first.map(KeyMap.name(of:)) ?? ""
        rows.append((maturityLabel[lang], (account.maturity.map { "\($0.level) \($0.label[lang])" } ?? LocalizedText(en: "not judged", zh: "未判断")[lang]) + " [\(maturityKey)]",
                     account.maturity == nil ? .dim : .normal))
        if !account.notes.isEmpty { rows.append((labels[Account360State.notesField], account.notes, .dim)) }
        // Who holds it beyond owner and visibility, after a blank row: shared with, protection, the pool.
        let ownership = ownershipRows(detail, state: state)
        if !ownership.isEmpty { rows += [("", "", .normal)] + ownership }
        let labelWidth = rows.map { TextWidth.of($0.0) }.max() ?? 0
        for (index, row) in rows.enumerated() where index < rect.height {
            canvas.put(TextWidth.padRight(row.0, to: labelWidth), x: rect.x, y: rect.y + index, role: .dim)
            canvas.put(row.1, x: rect.x + labelWidth + 1, y: rect.y + index, role: row.2, maxWidth: rect.width - labelWidth - 1)
        }
        // The method's guidance for the buyer's level, in the rows left below the facts.
        if let maturity = account.maturity {
            var y = rect.y + rows.count + 1
            for (index, line) in TextWidth.wrap(maturity.guidance[lang], to: max(1, rect.width - 2)).enumerated() where y < rect.maxY {
                canvas.put((index == 0 ? "→ " : "  ") + line, x: rect.x, y: y, role: .accent, maxWidth: rect.width)
                y += 1
            }
        }
    }

    static func lists(_ detail: Account360State, state: AppState, into canvas: inout Canvas, rect: Rect) {
        let lang = state.lang
        let limits = Account360Layout.limits(height: state.height)
        var y = rect.y
        var item = 0
        func line(_ text: String, _ role: StyleRole) {
            guard y < rect.maxY else { return }
            canvas.put(text, x: rect.x, y: y, role: role, maxWidth: rect.width)
            y += 1
        }
        /// A line of a list: the selected one is drawn across the column.
        func entry(_ text: String, _ role: StyleRole) {
            defer { item += 1 }
            guard y < rect.maxY else { return }
            let selected = item == detail.selection
            if selected { canvas.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), role: .selected) }
            line(text, selected ? .selected : role)
        }
        line("\(lang(.deals)) (\(detail.dealsTotal))", .title)
        // Open deals first, then the closed ones, as loaded (most recently changed first).
        for deal in detail.listedDeals.prefix(limits.deals) {
            let stage = deal.outcome == .open
                ? (state.catalog.process(deal.processKey)?.stage(deal.stageKey)?.name[lang] ?? deal.stageKey)
                : deal.outcome.label[lang]
            var text = "#\(deal.id) \(stage) \(deal.title) \(Money.compact(deal.amount.minorUnits))"
            if deal.outcome == .open {
                text += deal.nextStep.isEmpty ? " · ⚠ \(lang(.noNextStep))" : " → \(deal.nextStep)"
                if let due = deal.nextStepDue { text += " " + AccountColumn.shortDay(due, today: state.today) }
            }
            entry(text, deal.outcome == .open ? (deal.nextStepState(today: state.today).needsAttention ? .cardOverdue : .normal) : .dim)
        }
        if detail.deals.isEmpty { line("  " + lang(.none), .dim) }
        line("\(LocalizedText(en: "Key persons", zh: "关键人")[lang]) (\(detail.personsTotal))", .title)
        for person in detail.persons.prefix(limits.persons) {
            var parts = [person.name]
            if !person.title.isEmpty { parts.append(person.title) }
            parts.append(person.level.label[lang])
            parts.append(person.stance.label[lang])
            if person.isInsideCoach { parts.append("★" + LocalizedText(en: "coach", zh: "内线")[lang]) }
            entry(parts.joined(separator: " · "), person.stance == .opponent ? .warning : .normal)
        }
        if detail.persons.isEmpty { line("  " + lang(.none), .dim) }
        line(lang(.activities), .title)
        for activity in detail.activities.prefix(limits.activities) {
            entry("\(AccountColumn.shortDay(activity.day, today: state.today)) \(activity.kind.label[lang]) \(activity.notes)", .normal)
        }
        if detail.activities.isEmpty { line("  " + lang(.none), .dim) }
    }

    // MARK: Ownership

    /// Shared with, protection, why it sits in the pool, the pool warning: only the rows that say something.
    static func ownershipRows(_ detail: Account360State, state: AppState) -> [(String, String, StyleRole)] {
        let lang = state.lang
        let info = detail.ownership
        let account = detail.account
        var rows: [(String, String, StyleRole)] = []
        if !account.sharedWith.isEmpty {
            rows.append((LocalizedText(en: "Shared with", zh: "共享给")[lang], account.sharedWith.joined(separator: ", "), .normal))
        }
        if info.isProtected {
            rows.append((LocalizedText(en: "Protected", zh: "保护")[lang], LocalizedText(en: "yes (owner/manager only)", zh: "是（仅负责人/经理可改）")[lang], .warning))
        }
        if let reason = info.returnedReason, !reason.isEmpty {
            rows.append((LocalizedText(en: "Returned", zh: "退回原因")[lang], reason, .warning))
            if let by = info.returnedBy { rows.append((LocalizedText(en: "Returned by", zh: "退回人")[lang], by, .dim)) }
        }
        if let warning = info.warning {
            let when = warning.daysLeft <= 0
                ? LocalizedText(en: "⚠ back at the next sweep", zh: "⚠ 下次清理即退回")
                : LocalizedText(en: "⚠ back in \(warning.daysLeft) d", zh: "⚠ \(warning.daysLeft) 天后退回")
            rows.append((LocalizedText(en: "Pool", zh: "公海")[lang], when[lang], .warning))
            rows.append(("", lang == .zh ? warning.reason.chinese : warning.reason.description, .warning))
        }
        return rows
    }

    /// The ownership keys, wrapped to the column: "c 领取 · r 退回 · a 分配".
    static func ownershipHintLines(_ lang: Language, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for hint in AccountOwnershipKeys.shortHints(lang) {
            let candidate = line.isEmpty ? hint : line + " · " + hint
            if TextWidth.of(candidate) > width, !line.isEmpty {
                lines.append(line)
                line = hint
            } else {
                line = candidate
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    /// The reason for a return, or the list of users to assign to / share with, in the left column.
    static func ownershipStep(_ step: OwnershipStep, detail: Account360State, state: AppState, into canvas: inout Canvas, rect: Rect) {
        let lang = state.lang
        guard rect.height > 3, rect.width > 4 else { return }
        switch step {
        case .reason(let field, let error):
            canvas.put(LocalizedText(en: "Return to the pool 退回", zh: "退回公海")[lang], x: rect.x, y: rect.y, role: .title, maxWidth: rect.width)
            canvas.put(LocalizedText(en: "Why? (required; the next rep reads it)", zh: "原因（必填，下一位销售会看到）")[lang],
                       x: rect.x, y: rect.y + 1, role: .dim, maxWidth: rect.width)
            TextField.render(into: &canvas, rect: Rect(x: rect.x, y: rect.y + 2, width: rect.width, height: 1), state: field, focused: true)
            if let error { canvas.put(error, x: rect.x, y: rect.y + 3, role: .error, maxWidth: rect.width) }
            canvas.put("Enter \(LocalizedText(en: "return", zh: "退回")[lang]) · Esc \(lang(.cancel))",
                       x: rect.x, y: rect.y + 5, role: .dim, maxWidth: rect.width)
        case .pick(let pick):
            let title = pick.action == .assign
                ? LocalizedText(en: "Assign to 分配给", zh: "分配给")[lang]
                : LocalizedText(en: "Share with 共享给", zh: "共享给")[lang]
            canvas.put(title, x: rect.x, y: rect.y, role: .title, maxWidth: rect.width)
            let listRows = rect.height - 2
            let start = max(0, min(pick.cursor - listRows + 1, pick.users.count - listRows))
            for (row, index) in (start..<min(pick.users.count, start + listRows)).enumerated() {
                let user = pick.users[index]
                var text = " \(user.name) · \(user.role.label[lang])"
                if !user.displayName.isEmpty { text += " · \(user.displayName)" }
                canvas.put(TextWidth.padRight(text, to: rect.width), x: rect.x, y: rect.y + 1 + row,
                           role: index == pick.cursor ? .selected : .normal, maxWidth: rect.width)
            }
            canvas.put("↑↓ · Enter \(LocalizedText(en: "choose", zh: "选择")[lang]) · Esc \(lang(.cancel))",
                       x: rect.x, y: rect.maxY - 1, role: .dim, maxWidth: rect.width)
        }
    }
}

/// How many deals, persons and activities the 360° view shows at a terminal height.
enum Account360Layout {
    static func limits(height: Int) -> (deals: Int, persons: Int, activities: Int) {
        // Inside the frame: the three section titles and the hint line take four rows.
        let rows = max(3, height - 2 - 2 - 4)
        let deals = max(1, rows * 2 / 5), persons = max(1, rows * 3 / 10)
        return (deals, persons, max(1, rows - deals - persons))
    }
}
