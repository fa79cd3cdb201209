import CloserCore
import TerminalUI

/// The search field both account screens share, with the parser's complaint under it.
enum AccountSearchBar {
    static func render(_ state: AppState, hints: String, summary: String, into canvas: inout Canvas, area: Rect) {
        let lang = state.lang
        let search = state.accountSearch
        let label = "/ " + lang(.search) + ":"
        canvas.put(label, x: area.x, y: area.y, role: search.editing ? .accent : .dim, maxWidth: area.width)
        let fieldX = area.x + TextWidth.of(label) + 1
        let summaryWidth = TextWidth.of(summary)
        let fieldWidth = max(8, area.maxX - fieldX - summaryWidth - 2)
        let fieldRect = Rect(x: fieldX, y: area.y, width: fieldWidth, height: 1)
        if search.editing || !search.field.text.isEmpty {
            TextField.render(into: &canvas, rect: fieldRect, state: search.field, focused: search.editing)
        } else {
            canvas.put(LocalizedText(en: "press / to search", zh: "按 / 搜索")[lang], x: fieldX, y: area.y, role: .dim, maxWidth: fieldWidth)
        }
        canvas.put(summary, x: area.maxX - summaryWidth, y: area.y, role: .dim, maxWidth: summaryWidth)
        let below = area.y + 1
        if let error = search.error {
            // Mark the bad part in the field as it is shown (scrolled so the cursor fits).
            let characters = search.field.characters
            let start = search.field.scrollStart(width: fieldWidth)
            let position = min(max(0, error.position), characters.count)
            var x = fieldX
            if position >= start {
                let offset = TextWidth.of(String(characters[start..<position]))
                let end = min(characters.count, position + max(0, error.length))
                let width = max(1, TextWidth.of(String(characters[position..<end])))
                if offset < fieldWidth {
                    canvas.put(String(repeating: "^", count: min(width, fieldWidth - offset)), x: fieldX + offset, y: below, role: .error)
                    x = fieldX + offset + width + 1
                }
            }
            if x >= area.maxX - 8 { x = fieldX }
            // The Chinese wording where the parser gives one (an error made by message alone has none).
            let message = error.text[lang].isEmpty ? error.message : error.text[lang]
            canvas.put(message, x: x, y: below, role: .error, maxWidth: area.maxX - x)
        } else if search.editing {
            canvas.put("grade:A,B region:华东 owner:me pipeline>500k last>30d quadrant:opportunity · Enter · Esc",
                       x: fieldX, y: below, role: .dim, maxWidth: area.maxX - fieldX)
        } else {
            canvas.put(hints, x: area.x, y: below, role: .dim, maxWidth: area.width)
        }
    }
}

/// The account table: one page of rows, the visible columns that fit, the sort marked.
enum AccountTableView {
    static func render(_ state: AppState, into canvas: inout Canvas, area: Rect) {
        let lang = state.lang
        let table = state.accounts
        let body = AccountScreenLayout.body(area)
        let fitted = table.columns.fitted(width: body.width)
        let left = table.columns.visible.count - fitted.count
        let total = table.page?.total ?? 0
        var summary = "\(min(total, table.scroll.selected + 1))/\(total) \(lang(.accountsTotal))"
        if let sum = TableTotalsText.sum(table.totals, label: LocalizedText(en: "open Σ", zh: "在途 Σ"), numbers: state.numbers, today: state.today, lang: lang) {
            summary += " · " + sum
        }
        if left > 0 { summary += " · +\(left) \(lang(.columns))" }
        let hints = [
            "Enter 360°", "s/S " + LocalizedText(en: "sort", zh: "排序")[lang], "c " + lang(.columns),
            "/ " + lang(.search), "4 " + lang(.quadrant),
        ].joined(separator: " · ")
        AccountSearchBar.render(state, hints: hints, summary: summary, into: &canvas, area: area)
        let rows = table.page?.rows ?? []
        let cells = rows.map { row in fitted.map { $0.column.cell(row, numbers: state.numbers, lang: lang, today: state.today) } }
        let roles: [StyleRole?] = rows.map { row in
            row.nextStepDue.map { $0 < state.today } == true ? .cardOverdue : nil
        }
        // The widget draws the rows it is given from the scroll offset; ours start at the page's offset.
        var scroll = table.scroll
        scroll.selected -= table.page?.offset ?? 0
        scroll.offset = 0
        let sort = ColumnSorting.marker(table.sort, ascending: table.ascending, fitted)
        let columns = AccountColumnLayout.tableColumns(fitted, lang: lang)
        TableView.render(into: &canvas, rect: body, columns: columns, rows: cells, total: rows.count, state: scroll,
                         sort: sort, focused: !state.accountSearch.editing, rowRoles: roles)
        if rows.isEmpty, let hidden = state.accountSearch.hidden, body.height > 2 {
            canvas.put("⚠ " + hidden.text[lang], x: body.x + 1, y: body.y + 2, role: .warning, maxWidth: body.width - 1)
        }
    }
}

/// The account screens' overlays: the column chooser and the 360° view.
enum AccountOverlayView {
    static func render(_ overlay: AccountOverlay, state: AppState, into canvas: inout Canvas, area: Rect) {
        switch overlay {
        case .columns(let chooser): renderChooser(chooser, state: state, into: &canvas, area: area)
        case .account(let detail): Account360View.render(detail, state: state, into: &canvas, area: area)
        case .savedFilters(let picker): SavedFilterPickerView.render(picker, state: state, into: &canvas, area: area)
        }
    }

    static func renderChooser(_ chooser: ColumnChooserState, state: AppState, into canvas: inout Canvas, area: Rect) {
        switch chooser.table {
        case .accounts: ColumnChooserView.render(chooser, layout: state.accounts.columns, lang: state.lang, into: &canvas, area: area)
        case .deals: ColumnChooserView.render(chooser, layout: state.table.columns, lang: state.lang, into: &canvas, area: area)
        }
    }
}
