import CloserCore
import TerminalUI

/// The deal table: one page of rows, columns measured by display width.
enum DealTableView {
    static func columns(_ lang: Language, width: Int) -> [TableColumn] {
        let fixed = 7 + 12 + 9 + 5 + 14 + 10 + 7 * TableView.gap
        let flexible = max(20, width - fixed)
        return [
            TableColumn("#", width: 7, alignment: .right),
            TableColumn(lang(.title), width: flexible * 5 / 9),
            TableColumn(lang(.account), width: flexible - flexible * 5 / 9),
            TableColumn(lang(.stage), width: 12),
            TableColumn(lang(.amount), width: 9, alignment: .right),
            TableColumn("%", width: 5, alignment: .right),
            TableColumn(lang(.nextStep), width: 14),
            TableColumn(lang(.owner), width: 10),
        ]
    }

    static let sortColumn: [DealSortKey: Int] = [.title: 1, .account: 2, .stage: 3, .amount: 4, .weighted: 4, .nextStepDue: 6]

    static func render(_ table: DealTableState, catalog: ProcessCatalog, lang: Language, today: Day, into canvas: inout Canvas, area: Rect) {
        let rows = table.page?.rows ?? []
        let cells: [[String]] = rows.map { deal in
            let due: String = switch deal.nextStepState(today: today) {
            case .missing: "⚠ " + lang(.none)
            case .overdue(let days): "⏰ -\(days)\(lang(.days))"
            case .dueToday: lang(.dueToday)
            case .upcoming: deal.nextStepDue?.description ?? ""
            }
            return [String(deal.id), (deal.atRisk ? "⚑ " : "") + deal.title, deal.accountName,
                    catalog.process(deal.processKey)?.stage(deal.stageKey)?.name[lang] ?? deal.stageKey,
                    Money.compact(deal.amount.minorUnits), "\(deal.probability)", due, deal.owner]
        }
        let roles: [StyleRole?] = rows.map { deal in
            deal.nextStepState(today: today).needsAttention ? "card.overdue" : (deal.atRisk ? "risk" : nil)
        }
        // The widget draws the rows it is given from the scroll offset; ours start at the page's offset.
        var scroll = table.scroll
        scroll.selected -= table.page?.offset ?? 0
        scroll.offset = 0
        let sort = sortColumn[table.sort].map { TableSort(column: $0, ascending: table.ascending) }
        TableView.render(into: &canvas, rect: area, columns: columns(lang, width: area.width), rows: cells,
                         total: rows.count, state: scroll, sort: sort, focused: true, rowRoles: roles)
        let total = table.page?.total ?? 0
        let summary = " \(min(total, table.scroll.selected + 1))/\(total) \(lang(.dealsTotal)) · s: \(table.sort.rawValue) \(table.ascending ? "▲" : "▼") "
        canvas.put(summary, x: max(0, area.maxX - TextWidth.of(summary) - 1), y: area.maxY - 1, role: .dim)
    }
}
