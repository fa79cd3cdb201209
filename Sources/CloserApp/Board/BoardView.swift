import CloserCore
import Foundation
import TerminalUI

/// Draws the pipeline board: one column per stage with its totals, and the cards that fit.
public enum BoardView {
    public static func render(_ state: BoardState, lang: Language, today: Day, into canvas: inout Canvas, area: Rect) {
        guard let board = state.board else { return }
        let layout = BoardLayout(area: area, columnCount: board.columns.count)
        let first = layout.firstVisible(keeping: state.column, current: state.firstVisibleColumn)
        for slot in 0..<layout.visibleColumns {
            let index = first + slot
            guard board.columns.indices.contains(index) else { break }
            let rect = layout.columnRect(slot: slot)
            let column = board.columns[index]
            let focused = index == state.column
            header(column, lang: lang, focused: focused, into: &canvas, rect: rect)
            if slot > 0 { canvas.vline(x: rect.x - 1, y: rect.y, length: rect.height, role: .border) }
            if column.cards.isEmpty {
                canvas.put(lang(.emptyColumn), x: rect.x + 1, y: rect.y + BoardLayout.headerHeight, role: .dim, maxWidth: rect.width - 1)
                continue
            }
            let selected = state.selectedIndex(in: column.stage.key)
            for (row, card) in column.cards.prefix(layout.cardsPerColumn).enumerated() {
                let isSelected = focused && column.offset + row == selected
                self.card(card, lang: lang, today: today, selected: isSelected, into: &canvas, rect: layout.cardRect(slot: slot, row: row))
            }
            scrollHints(column, shown: min(column.cards.count, layout.cardsPerColumn), into: &canvas, rect: rect)
        }
        if first > 0 { canvas.put("◀", x: area.x, y: area.y, role: .accent) }
        if first + layout.visibleColumns < board.columns.count { canvas.put("▶", x: area.maxX - 1, y: area.y, role: .accent) }
    }

    static func header(_ column: BoardColumn, lang: Language, focused: Bool, into canvas: inout Canvas, rect: Rect) {
        let role: StyleRole = focused ? .stageHeaderFocused : .stageHeader
        canvas.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), role: role)
        let count = " \(column.count) "
        let countWidth = TextWidth.of(count)
        let name = " \(column.stage.name[lang]) \(column.stage.probability)%"
        canvas.put(name, x: rect.x, y: rect.y, role: role, maxWidth: rect.width - countWidth)
        canvas.put(count, x: rect.maxX - countWidth, y: rect.y, role: role, maxWidth: countWidth)
        let main = column.totals.first
        let currency = main.map { $0.currency == Money.defaultCurrency ? "" : " \($0.currency)" } ?? ""
        let extra = column.totals.count > 1 ? " +\(column.totals.count - 1)" : ""
        let sums = main.map { "\(lang(.total)) \(Money.compact($0.amount))\(currency)  \(lang(.weighted)) \(Money.compact($0.weighted))" }
            ?? "\(lang(.total)) 0"
        canvas.put(" " + sums + extra, x: rect.x, y: rect.y + 1, role: .stageTotal, maxWidth: rect.width)
        canvas.hline(x: rect.x, y: rect.y + 2, length: rect.width, role: focused ? .borderFocused : .border)
    }

    /// Four lines: grade and account; title; amount, days in stage and gate progress; next step and risk.
    static func card(_ deal: DealSummary, lang: Language, today: Day, selected: Bool, into canvas: inout Canvas, rect: Rect) {
        let base: StyleRole = selected ? .cardSelected : .card
        canvas.fill(rect, role: base)
        let width = rect.width - 1
        let x = rect.x + 1
        var used = canvas.put(deal.accountGrade.rawValue, x: x, y: rect.y, role: selected ? base : .grade(deal.accountGrade))
        used += canvas.put(" " + deal.accountName, x: x + used, y: rect.y, role: selected ? base : .cardAccount, maxWidth: width - used)
        canvas.put(deal.title, x: x, y: rect.y + 1, role: selected ? base : .cardTitle, maxWidth: width)
        let amount = Money.compact(deal.amount.minorUnits) + (deal.amount.currency == Money.defaultCurrency ? "" : " " + deal.amount.currency)
        var line3 = canvas.put(amount, x: x, y: rect.y + 2, role: selected ? base : .cardAmount, maxWidth: width)
        line3 += canvas.put(" · \(deal.daysInStage(today: today))\(lang(.days)) · ", x: x + line3, y: rect.y + 2, role: base, maxWidth: width - line3)
        let gateMet = deal.milestonesMet == deal.milestonesTotal
        canvas.put((gateMet ? "◆" : "◇") + "\(deal.milestonesMet)/\(deal.milestonesTotal)", x: x + line3, y: rect.y + 2,
                   role: selected ? base : (gateMet ? .milestoneDone : .milestoneOpen), maxWidth: width - line3)
        var line4 = 0
        if deal.atRisk {
            line4 += canvas.put("⚑" + lang(.atRisk) + " ", x: x, y: rect.y + 3, role: .risk, maxWidth: width)
        }
        let (text, role) = nextStepText(deal, lang: lang, today: today)
        canvas.put(text, x: x + line4, y: rect.y + 3, role: selected ? base : role, maxWidth: width - line4)
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
