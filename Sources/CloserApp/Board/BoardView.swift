import CloserCore
import Foundation
import TerminalUI

/// Draws the pipeline board: one column per stage with its totals, and the cards that fit.
public enum BoardView {
    public static func render(_ state: BoardState, numbers: TeamNumbers, lang: Language, today: Day, into canvas: inout Canvas, area: Rect) {
        guard let board = state.board else { return }
        let layout = BoardLayout(area: area, columnCount: board.columns.count)
        let first = layout.firstVisible(keeping: state.column, current: state.firstVisibleColumn)
        for slot in 0..<layout.visibleColumns {
            let index = first + slot
            guard board.columns.indices.contains(index) else { break }
            let rect = layout.columnRect(slot: slot)
            let column = board.columns[index]
            let focused = index == state.column
            header(column, total: numbers.total(column.totals.map { ($0.currency, $0.amount) }, on: today),
                   weighted: numbers.total(column.totals.map { ($0.currency, $0.weighted) }, on: today),
                   lang: lang, focused: focused, into: &canvas, rect: rect)
            if slot > 0 { canvas.vline(x: rect.x - 1, y: rect.y, length: rect.height, role: .border) }
            if column.cards.isEmpty {
                canvas.put(lang(.emptyColumn), x: rect.x + 1, y: rect.y + BoardLayout.headerHeight, role: .dim, maxWidth: rect.width - 1)
                continue
            }
            let selected = state.selectedIndex(in: column.stage.key)
            for (row, card) in column.cards.prefix(layout.cardsPerColumn).enumerated() {
                let isSelected = focused && column.offset + row == selected
                self.card(card, health: state.health[card.id] ?? 0, numbers: numbers, lang: lang, today: today, selected: isSelected, into: &canvas,
                          rect: layout.cardRect(slot: slot, row: row))
            }
            scrollHints(column, shown: min(column.cards.count, layout.cardsPerColumn), into: &canvas, rect: rect)
        }
        if first > 0 { canvas.put("◀", x: area.x, y: area.y, role: .accent) }
        if first + layout.visibleColumns < board.columns.count { canvas.put("▶", x: area.maxX - 1, y: area.y, role: .accent) }
    }

    /// The stage, its count, and its open amount and weighted amount in the base currency at
    /// today's rates; what has no rate is named on the rule under them, never left out unsaid.
    static func header(_ column: BoardColumn, total: BaseTotal, weighted: BaseTotal, lang: Language, focused: Bool,
                       into canvas: inout Canvas, rect: Rect) {
        let role: StyleRole = focused ? .stageHeaderFocused : .stageHeader
        canvas.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), role: role)
        let count = " \(column.count) "
        let countWidth = TextWidth.of(count)
        let name = " \(column.stage.name[lang]) \(column.stage.probability)%"
        canvas.put(name, x: rect.x, y: rect.y, role: role, maxWidth: rect.width - countWidth)
        canvas.put(count, x: rect.maxX - countWidth, y: rect.y, role: role, maxWidth: countWidth)
        let currency = total.currency == Money.defaultCurrency ? "" : " \(total.currency)"
        let sums = column.count == 0 ? "\(lang(.total)) 0"
            : "\(lang(.total)) \(Money.compact(total.minorUnits, lang))\(currency)  \(lang(.weighted)) \(Money.compact(weighted.minorUnits, lang))"
        canvas.put(" " + sums, x: rect.x, y: rect.y + 1, role: .stageTotal, maxWidth: rect.width)
        canvas.hline(x: rect.x, y: rect.y + 2, length: rect.width, role: focused ? .borderFocused : .border)
        if !total.isComplete {
            // The scroll hint (▲ n) at the right end of this rule may cover its tail.
            canvas.put(" " + missingRates(total, lang: lang) + " ", x: rect.x + 1, y: rect.y + 2, role: .warning, maxWidth: max(0, rect.width - 2))
        }
    }

    /// "+ USD 500k: no rate": the amounts a total could not convert, by currency.
    static func missingRates(_ total: BaseTotal, lang: Language) -> String {
        let amounts = total.missingCurrencies.map { "\($0) \(Money.compact(total.unconverted[$0] ?? 0, lang))" }.joined(separator: " + ")
        return LocalizedText(en: "+ \(amounts): no rate", zh: "+ \(amounts) 无汇率")[lang]
    }

    /// The card's health mark: a cross and how many rules the deal trips (help's legend says so).
    static let healthGlyph = "✚"

    static func healthMark(_ count: Int) -> String { count > 0 ? "\(healthGlyph)\(count)" : "" }

    /// Four lines: grade, account and health mark; title; amount (converted beside it when it fits),
    /// days in stage and gate progress; next step and risk.
    static func card(_ deal: DealSummary, health: Int, numbers: TeamNumbers, lang: Language, today: Day, selected: Bool,
                     into canvas: inout Canvas, rect: Rect) {
        let base: StyleRole = selected ? .cardSelected : .card
        canvas.fill(rect, role: base)
        let width = rect.width - 1
        let x = rect.x + 1
        let mark = healthMark(health)
        let markWidth = mark.isEmpty ? 0 : TextWidth.of(mark) + 1
        var used = canvas.put(deal.accountGrade.rawValue, x: x, y: rect.y, role: selected ? base : .grade(deal.accountGrade))
        // Names that do not fit end in "…", so a cut name never reads as a whole one.
        used += canvas.put(" " + TextWidth.truncate(deal.accountName, to: max(0, width - used - markWidth - 1)), x: x + used, y: rect.y,
                           role: selected ? base : .cardAccount, maxWidth: width - used - markWidth)
        if !mark.isEmpty {
            canvas.put(mark, x: rect.maxX - markWidth, y: rect.y, role: selected ? base : .risk, maxWidth: markWidth)
        }
        canvas.put(TextWidth.truncate(deal.title, to: max(0, width)), x: x, y: rect.y + 1, role: selected ? base : .cardTitle, maxWidth: width)
        let gateMet = deal.milestonesMet == deal.milestonesTotal
        let days = " · \(deal.daysInStage(today: today))\(lang(.days)) · "
        let gate = (gateMet ? "◆" : "◇") + "\(deal.milestonesMet)/\(deal.milestonesTotal)"
        let converted = numbers.amount(deal.amount, on: today, lang: lang)
        let amount = TextWidth.of(converted + days + gate) <= width ? converted : numbers.ownAmount(deal.amount, lang: lang)
        var line3 = canvas.put(amount, x: x, y: rect.y + 2, role: selected ? base : .cardAmount, maxWidth: width)
        line3 += canvas.put(days, x: x + line3, y: rect.y + 2, role: base, maxWidth: width - line3)
        canvas.put(gate, x: x + line3, y: rect.y + 2, role: selected ? base : (gateMet ? .milestoneDone : .milestoneOpen), maxWidth: width - line3)
        var line4 = 0
        if deal.atRisk {
            line4 += canvas.put("⚑" + lang(.atRisk) + " ", x: x, y: rect.y + 3, role: .risk, maxWidth: width)
        }
        let (text, role) = nextStepText(deal, lang: lang, today: today)
        canvas.put(TextWidth.truncate(text, to: max(0, width - line4)), x: x + line4, y: rect.y + 3, role: selected ? base : role, maxWidth: width - line4)
    }

    static func nextStepText(_ deal: DealSummary, lang: Language, today: Day) -> (String, StyleRole) {
        switch deal.nextStepState(today: today) {
        case .missing: return ("⚠ " + lang(.noNextStep), .cardOverdue)
        case .overdue(let days): return ("⏰ \(shortDate(deal.nextStepDue)) \(lang(.overdue)) \(days)\(lang(.days)) · \(deal.nextStep)", .cardOverdue)
        case .dueToday: return ("→ \(lang(.dueToday)) · \(deal.nextStep)", .cardDue)
        case .upcoming: return ("→ \(shortDate(deal.nextStepDue)) \(deal.nextStep)", .cardDue)
        }
    }

    static func shortDate(_ day: Day?) -> String {
        guard let day else { return "" }
        return String(format: "%02d-%02d", day.month, day.day)
    }

    static func scrollHints(_ column: BoardColumn, shown: Int, into canvas: inout Canvas, rect: Rect) {
        if column.offset > 0 {
            canvas.put("▲ \(column.offset)", x: rect.maxX - 8, y: rect.y + 2, role: .accent, maxWidth: 8)
        }
        let below = column.count - column.offset - shown
        if below > 0 {
            canvas.put("▼ \(below)", x: rect.maxX - 8, y: rect.maxY - 1, role: .accent, maxWidth: 8)
        }
    }
}

extension BoardView {
    /// What the marks on a card mean, for the help screen.
    static func legend(_ lang: Language) -> HelpSection {
        func entry(_ mark: String, _ en: String, _ zh: String) -> KeyHint { KeyHint(mark, LocalizedText(en: en, zh: zh)[lang]) }
        return HelpSection(title: LocalizedText(en: "Marks on the board's cards", zh: "看板卡片上的标记")[lang], entries: [
            entry(healthMark(2), "health: the deal trips 2 warnings (the open deal lists why and the fix)", "健康：该商机触发 2 条警示（打开商机可见原因与对策）"),
            entry("◆3/3 ◇1/3", "the next stage's gate: milestones met / needed", "下一阶段关口：已达成 / 应达成的里程碑"),
            entry("⚑", "marked at risk", "已标记风险"),
            entry("⚠ ⏰", "no next step; next step overdue", "无下一步；下一步逾期"),
            entry("≈", "a deal in another currency, converted at today's rate", "外币商机按今日汇率折算"),
        ])
    }

    /// The health rules the mark counts, and the taboos the data cannot prove, named as coaching
    /// points for the review conversation rather than faked as warnings.
    static func healthLegend(_ lang: Language) -> HelpSection {
        let rules = HealthRule.allCases.map { KeyHint("\(healthGlyph) \($0.shortLabel[lang])", $0.title[lang]) }
        let coaching = CoachingPoints.all.map {
            KeyHint("#\($0.taboo)", LocalizedText(en: "coaching point, not counted: ", zh: "辅导要点，不计数：")[lang] + $0.title[lang])
        }
        return HelpSection(title: LocalizedText(en: "Deal health (the ten taboos of 002)", zh: "商机健康（002 的十忌）")[lang], entries: rules + coaching)
    }
}
