/// Column layout and rendering for tabular data. The caller supplies only the rows that
/// are visible (it may page them from a database) plus the total count.
public struct TableColumn: Sendable {
    public var title: String
    /// Display columns, not characters: CJK text counts double.
    public var width: Int
    public var alignment: TextWidth.Alignment

    public init(_ title: String, width: Int, alignment: TextWidth.Alignment = .left) {
        self.title = title
        self.width = width
        self.alignment = alignment
    }
}

public struct TableSort: Hashable, Sendable {
    public var column: Int
    public var ascending: Bool
    public init(column: Int, ascending: Bool) { self.column = column; self.ascending = ascending }
}

public enum TableView {
    /// Columns are separated by one space.
    public static let gap = 1

    /// Rows available for data below the header.
    public static func pageSize(for rect: Rect) -> Int { max(0, rect.height - 1) }

    /// Draws header and rows. `rows[0]` is row number `state.offset` of `total`;
    /// clamp `state` with `pageSize(for:)` before fetching the page.
    public static func render(into canvas: inout Canvas, rect: Rect, columns: [TableColumn], rows: [[String]],
                              total: Int, state: ScrollState, sort: TableSort? = nil, focused: Bool = true,
                              rowRoles: [StyleRole?] = []) {
        canvas.fill(rect)
        guard rect.height > 0 else { return }
        var header = ""
        for (i, column) in columns.enumerated() {
            var title = column.title
            if let sort, sort.column == i { title += sort.ascending ? "▲" : "▼" }
            header += TextWidth.fit(title, to: column.width, alignment: column.alignment)
            if i < columns.count - 1 { header += String(repeating: " ", count: gap) }
        }
        canvas.put(TextWidth.padRight(header, to: rect.width), x: rect.x, y: rect.y, role: .header, maxWidth: rect.width)
        for (row, cells) in rows.prefix(pageSize(for: rect)).enumerated() {
            let index = state.offset + row
            guard index < total else { break }
            let line = format(cells, columns: columns)
            let role: StyleRole = index == state.selected
                ? (focused ? .selected : .highlight)
                : ((row < rowRoles.count ? rowRoles[row] : nil) ?? .normal)
            // The row's role runs to the right edge (the selection bar), without measuring the line again to pad it.
            let used = canvas.put(line, x: rect.x, y: rect.y + 1 + row, role: role, maxWidth: rect.width)
            if used < rect.width { canvas.fill(Rect(x: rect.x + used, y: rect.y + 1 + row, width: rect.width - used, height: 1), role: role) }
        }
    }

    /// One row as text, each cell fitted to its column's display width.
    public static func format(_ cells: [String], columns: [TableColumn]) -> String {
        var line = ""
        for (i, column) in columns.enumerated() {
            let value = i < cells.count ? Sanitizer.clean(cells[i]) : ""
            line += TextWidth.fit(value, to: column.width, alignment: column.alignment)
            if i < columns.count - 1 { line += String(repeating: " ", count: gap) }
        }
        return line
    }

    /// Which column a screen x falls in (for click-to-sort on the header).
    public static func column(atX x: Int, rect: Rect, columns: [TableColumn]) -> Int? {
        var left = rect.x
        for (i, column) in columns.enumerated() {
            if x >= left && x < left + column.width { return i }
            left += column.width + gap
        }
        return nil
    }
}
