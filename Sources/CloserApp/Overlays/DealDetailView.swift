import CloserCore
import Foundation
import TerminalUI

/// The open deal: facts on the left, the milestone checklist on the right, recent work and
/// history below, and the edit in progress at the bottom.
enum DealDetailView {
    static func render(_ detail: DealDetailState, lang: Language, today: Day, into canvas: inout Canvas, area: Rect) {
        let box = area.inset(dx: 2, dy: 1)
        let deal = detail.deal
        let inner = Panel.render(into: &canvas, rect: box, title: "#\(deal.id) \(deal.title)", focused: true, fill: .overlay)
        // The two panes share the width: a wide terminal gives activity notes the room.
        let leftWidth = inner.width / 2
        let footerHeight = min(max(5, inner.height - 8), footerRows(detail, lang: lang, width: inner.width - 2))
        let content = inner.height - footerHeight - 1
        let left = Rect(x: inner.x + 1, y: inner.y, width: leftWidth - 1, height: content)
        let right = Rect(x: inner.x + leftWidth + 1, y: inner.y, width: inner.width - leftWidth - 2, height: content)
        canvas.vline(x: inner.x + leftWidth, y: inner.y, length: content, role: .border)
        facts(detail, lang: lang, today: today, into: &canvas, rect: left)
        if detail.showsHealth { health(detail, lang: lang, into: &canvas, rect: right) } else { milestones(detail, lang: lang, into: &canvas, rect: right) }
        footer(detail, lang: lang, into: &canvas, rect: Rect(x: inner.x + 1, y: inner.maxY - footerHeight, width: inner.width - 2, height: footerHeight))
    }

    /// The footer's rows: history and keys (5), or the edit form with a refusal under it.
    static func footerRows(_ detail: DealDetailState, lang: Language, width: Int) -> Int {
        if case .lose(let form) = detail.mode { return max(5, 1 + Form.height(of: form)) }
        guard case .edit(let edit) = detail.mode else { return 5 }
        let notice = edit.conflict.map { TextWidth.wrap($0.notice(lang), to: max(1, width)).count } ?? 0
        return max(5, 1 + Form.height(of: edit.form) + notice)
    }

    static func facts(_ detail: DealDetailState, lang: Language, today: Day, into canvas: inout Canvas, rect: Rect) {
        let deal = detail.deal
        let process = detail.process
        let probability = DealRules.probability(deal, process: process, evidence: detail.evidence)
        let atRisk = DealRules.isAtRisk(deal, process: process, evidence: detail.evidence)
        let next = BoardView.nextStepText(
            DealSummaryBuilder.summary(deal, accountName: detail.accountName, probability: probability, atRisk: atRisk), lang: lang, today: today)
        var rows: [(String, String, StyleRole)] = [
            (lang(.account), detail.accountName, .normal),
            (lang(.stage), "\(process.stage(deal.stageKey)?.name[lang] ?? deal.stageKey) · \(process.name[lang])", .normal),
            (lang(.amount), "\(deal.amount.currency) \(deal.amount.plain)", .cardAmount),
            (lang(.probability), "\(probability)%" + (atRisk ? "  ⚑ " + lang(.atRisk) : ""), atRisk ? .risk : .normal),
            (lang(.expectedClose), deal.expectedClose?.description ?? "—", .normal),
            (lang(.nextStep), next.0, next.1),
            (lang(.owner), deal.owner, .normal),
            (LocalizedText(en: "Forecast", zh: "预测类别")[lang], deal.forecastCategory.label[lang] + " [f]", deal.forecastCategory == .commit ? .success : .normal),
        ]
        if deal.outcome != .open { rows.append((lang(.outcome), deal.outcome.label[lang] + " " + deal.outcomeReason, .warning)) }
        rows.append(coverageRow(detail.coverage, lang: lang))
        rows.append(healthRow(detail.health, lang: lang))
        let labelWidth = rows.map { TextWidth.of($0.0) }.max() ?? 0
        for (index, row) in rows.enumerated() where index < rect.height {
            canvas.put(TextWidth.padRight(row.0, to: labelWidth), x: rect.x, y: rect.y + index, role: .dim)
            canvas.put(row.1, x: rect.x + labelWidth + 2, y: rect.y + index, role: row.2, maxWidth: rect.width - labelWidth - 2)
        }
        var y = rect.y + rows.count + 1
        canvas.put(lang(.activities), x: rect.x, y: y, role: .title, maxWidth: rect.width)
        y += 1
        for activity in detail.activities where y < rect.maxY {
            canvas.put("\(activity.day) \(activity.kind.label[lang]) \(activity.notes)", x: rect.x, y: y, role: .normal, maxWidth: rect.width)
            y += 1
        }
    }

    /// "⚠ No inside coach · No decision-maker mapped (+2) [o]": the severe gaps first, as the org chart lists them.
    static func coverageRow(_ warnings: [CoverageWarning], lang: Language) -> (String, String, StyleRole) {
        let label = LocalizedText(en: "Key persons", zh: "关键人")[lang]
        guard let first = warnings.first else { return (label, LocalizedText(en: "✓ no gaps [o]", zh: "✓ 无缺口 [o]")[lang], .success) }
        let shown = warnings.prefix(2).map { $0.message[lang] }.joined(separator: " · ")
        let more = warnings.count > 2 ? " (+\(warnings.count - 2))" : ""
        return (label, "⚠ " + shown + more + " [o]", first.isSevere ? .error : .warning)
    }

    /// "⚠ 2: #9 next · #6 budget [h]": how many health rules the deal trips, the list a key away.
    static func healthRow(_ warnings: [HealthWarning], lang: Language) -> (String, String, StyleRole) {
        let label = LocalizedText(en: "Health", zh: "健康")[lang]
        let key = KeyMap.keys(of: .toggleHealth, in: [DealDetailState.keys]).first.map(KeyMap.name(of:)) ?? ""
        guard !warnings.isEmpty else { return (label, LocalizedText(en: "✓ no warnings", zh: "✓ 无提示")[lang] + " [\(key)]", .success) }
        return (label, "⚠ \(warnings.count): " + warnings.map { $0.rule.shortLabel[lang] }.joined(separator: " · ") + " [\(key)]", .warning)
    }

    /// Each warning the deal trips: its title and what the data shows, why it matters, the fix.
    static func health(_ detail: DealDetailState, lang: Language, into canvas: inout Canvas, rect: Rect) {
        let key = KeyMap.keys(of: .toggleHealth, in: [DealDetailState.keys]).first.map(KeyMap.name(of:)) ?? ""
        canvas.put(LocalizedText(en: "Health (\(key): milestones)", zh: "健康提示（\(key)：关键节点）")[lang], x: rect.x, y: rect.y, role: .title, maxWidth: rect.width)
        var y = rect.y + 1
        guard !detail.health.isEmpty else {
            canvas.put(LocalizedText(en: "✓ The deal trips none of the health rules", zh: "✓ 该商机未触发任何健康规则")[lang], x: rect.x, y: y, role: .success, maxWidth: rect.width)
            return
        }
        /// Wrapped under a two-column indent; the first line may start with a mark instead.
        func paragraph(_ text: String, mark: String = "  ", _ role: StyleRole) {
            for (index, line) in TextWidth.wrap(text, to: max(1, rect.width - 2)).enumerated() where y < rect.maxY {
                canvas.put((index == 0 ? mark : "  ") + line, x: rect.x, y: y, role: role, maxWidth: rect.width)
                y += 1
            }
        }
        for warning in detail.health where y < rect.maxY {
            paragraph("\(warning.rule.title[lang])\(lang == .zh ? "：" : ": ")\(warning.detail[lang])", mark: "⚠ ", .warning)
            paragraph(LocalizedText(en: "Why: ", zh: "原因：")[lang] + warning.rule.why[lang], .dim)
            paragraph(LocalizedText(en: "Fix: ", zh: "对策：")[lang] + warning.rule.fix[lang], .normal)
        }
    }

    static func milestones(_ detail: DealDetailState, lang: Language, into canvas: inout Canvas, rect: Rect) {
        canvas.put(lang(.milestones), x: rect.x, y: rect.y, role: .title, maxWidth: rect.width)
        var y = rect.y + 1
        var lastStage = ""
        for (index, row) in detail.milestoneRows.enumerated() where y < rect.maxY {
            if row.stage.key != lastStage {
                // A stage's name with none of its milestones under it says nothing: stop before it.
                guard y + 1 < rect.maxY else { break }
                let current = row.stage.key == detail.deal.stageKey ? " ◀" : ""
                canvas.put("\(row.stage.name[lang]) \(row.stage.probability)%\(current)", x: rect.x, y: y, role: .dim, maxWidth: rect.width)
                y += 1
                lastStage = row.stage.key
            }
            let status = detail.deal.status(of: row.milestone, in: row.stage, evidence: detail.evidence)
            let (mark, role): (String, StyleRole) = switch status {
            case .done: ("[x]", .milestoneDone)
            case .proven: ("[✓]", .milestoneDone)
            case .forced: ("[!]", .risk)
            case .open: ("[ ]", .milestoneOpen)
            }
            let selected = index == detail.cursor
            if selected { canvas.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), role: .selected) }
            canvas.put(" \(mark) \(row.milestone.name[lang])", x: rect.x, y: y, role: selected ? .selected : role, maxWidth: rect.width)
            y += 1
        }
    }

    static func footer(_ detail: DealDetailState, lang: Language, into canvas: inout Canvas, rect: Rect) {
        canvas.hline(x: rect.x - 1, y: rect.y, length: rect.width + 2, role: .border)
        switch detail.mode {
        case .browse:
            var y = rect.y + 1
            let wording = ChangeWording(catalog: ProcessCatalog(custom: [detail.process]), lang: lang)
            for event in detail.events.prefix(2) {
                canvas.put("\(lang(.history)): \(Day(event.at)) \(event.user) \(wording.line(event))", x: rect.x, y: y, role: .dim, maxWidth: rect.width)
                y += 1
            }
            let hints = DealDetailState.footerHints(lang).map { "\($0.key) \($0.label)" }.joined(separator: " · ") + " · Esc"
            canvas.put(hints, x: rect.x, y: rect.maxY - 1, role: .dim, maxWidth: rect.width)
        case .edit(let edit):
            RecordFormView.render(edit, lang: lang, into: &canvas, rect: Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: rect.height - 1))
        case .logActivity(let form):
            // The footer's top rule says what is being logged and how to leave; the four fields fill its rows.
            canvas.put(" \(lang(.logActivity)) · Enter \(lang(.save)) · Esc \(lang(.cancel)) ", x: rect.x + 1, y: rect.y, role: .title, maxWidth: rect.width - 2)
            Form.render(into: &canvas, rect: Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: rect.height - 1), form: form)
        case .lose(let form):
            canvas.put(" \(LocalizedText(en: "Lost", zh: "丢单")[lang]) · Enter \(lang(.save)) · Esc \(lang(.cancel)) ", x: rect.x + 1, y: rect.y, role: .title, maxWidth: rect.width - 2)
            Form.render(into: &canvas, rect: Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: rect.height - 1), form: form)
        }
    }
}

/// The card-shaped view of a full deal, so the detail screen words the next step as the board does.
enum DealSummaryBuilder {
    static func summary(_ deal: Deal, accountName: String, probability: Int, atRisk: Bool) -> DealSummary {
        DealSummary(id: deal.id, title: deal.title, accountID: deal.accountID, accountName: accountName, accountGrade: .c,
                    processKey: deal.processKey, stageKey: deal.stageKey, amount: deal.amount, probability: probability,
                    weighted: DealRules.weighted(deal.amount.minorUnits, probability: probability), atRisk: atRisk,
                    milestonesMet: 0, milestonesTotal: 0, stageEnteredAt: deal.stageEnteredAt, expectedClose: deal.expectedClose,
                    nextStep: deal.nextStep, nextStepDue: deal.nextStepDue, lastActivity: nil, owner: deal.owner,
                    outcome: deal.outcome, version: deal.version)
    }
}
