import CloserCore
import TerminalUI

/// The deal table: one page of rows, the visible columns that fit, the sort marked.
enum DealTableView {
    static func render(_ table: DealTableState, catalog: ProcessCatalog, numbers: TeamNumbers, lang: Language, today: Day,
                       into canvas: inout Canvas, area: Rect) {
        let rows = table.page?.rows ?? []
        let fitted = table.columns.fitted(width: area.width)
        let cells = rows.map { deal in fitted.map { $0.column.cell(deal, catalog: catalog, numbers: numbers, lang: lang, today: today) } }
        let roles: [StyleRole?] = rows.map { deal in
            deal.nextStepState(today: today).needsAttention ? .cardOverdue : (deal.atRisk ? .risk : nil)
        }
        // The widget draws the rows it is given from the scroll offset; ours start at the page's offset.
        var scroll = table.scroll
        scroll.selected -= table.page?.offset ?? 0
        scroll.offset = 0
        TableView.render(into: &canvas, rect: area, columns: DealColumnLayout.tableColumns(fitted, lang: lang), rows: cells,
                         total: rows.count, state: scroll, sort: ColumnSorting.marker(table.sort, ascending: table.ascending, fitted),
                         focused: true, rowRoles: roles)
        let total = table.page?.total ?? 0
        let left = table.columns.visible.count - fitted.count
        var summary = " \(min(total, table.scroll.selected + 1))/\(total) \(lang(.dealsTotal))"
        if let sum = TableTotalsText.sum(table.totals, numbers: numbers, today: today, lang: lang) { summary += " · " + sum }
        if left > 0 { summary += " · +\(left) \(lang(.columns))" }
        summary += " · s: \(table.sort.title[lang]) \(table.ascending ? "▲" : "▼") "
        canvas.put(summary, x: max(0, area.maxX - TextWidth.of(summary) - 1), y: area.maxY - 1, role: .dim)
    }
}
