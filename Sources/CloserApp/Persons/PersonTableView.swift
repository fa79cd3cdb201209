import CloserCore
import TerminalUI

/// The key persons of every account: one page of rows, the columns that fit, the sort marked.
enum PersonTableView {
    static func render(_ table: PersonTableState, lang: Language, into canvas: inout Canvas, area: Rect) {
        let rows = table.page?.rows ?? []
        let fitted = table.columns.fitted(width: area.width)
        let cells = rows.map { row in fitted.map { $0.column.cell(row, lang: lang) } }
        let roles: [StyleRole?] = rows.map { row in
            row.person.isInsideCoach ? .coach : row.person.stance == .opponent ? .stance(.opponent) : nil
        }
        var scroll = table.scroll
        scroll.selected -= table.page?.offset ?? 0
        scroll.offset = 0
        TableView.render(into: &canvas, rect: area, columns: ColumnLayout<PersonColumn>.tableColumns(fitted, lang: lang), rows: cells,
                         total: rows.count, state: scroll, sort: ColumnSorting.marker(table.sort, ascending: table.ascending, fitted),
                         focused: true, rowRoles: roles)
        let total = table.page?.total ?? 0
        var summary = " \(min(total, table.scroll.selected + 1))/\(total) " + LocalizedText(en: "persons", zh: "人")[lang]
        if !table.text.isEmpty { summary += " · “\(table.text)”" }
        summary += " · / " + LocalizedText(en: "search", zh: "搜索")[lang] + " · s S · Enter " + LocalizedText(en: "org chart", zh: "组织结构")[lang] + " "
        canvas.put(summary, x: max(0, area.maxX - TextWidth.of(summary) - 1), y: area.maxY - 1, role: .dim)
    }
}
