import TerminalUI

/// One column of a review table: its heading, its cells, and how it gives way on a narrow screen.
struct ReviewColumn {
    var header: String
    var cells: [String]
    /// Columns with the lowest `keep` are left out first when the table does not fit.
    var keep: Int
    /// Text columns shrink (their cells cut with "…") down to `shortest`; figures never do.
    var shrinks = false
    var shortest = 6
    var alignRight = false
    /// Shorter cells to use when the table does not fit (a deal's own amount without its converted value).
    var compact: [String]? = nil
}

/// Lays review columns out in a width: natural widths, then the least needed columns left out,
/// then the text columns shortened, the least needed first. A heading is never cut below its own width unless its column
/// is text, so no two headings read the same.
enum ReviewTable {
    struct Laid {
        var columns: [ReviewColumn]
        var widths: [Int]

        func line(_ cells: [String]) -> String {
            zip(zip(cells, widths), columns).map { pair, column in
                let cut = TextWidth.truncate(pair.0, to: pair.1)
                return column.alignRight ? TextWidth.padLeft(cut, to: pair.1) : TextWidth.padRight(cut, to: pair.1)
            }.joined(separator: "  ")
        }

        var header: String { line(columns.map(\.header)) }
        func row(_ index: Int) -> String { line(columns.map { $0.cells.indices.contains(index) ? $0.cells[index] : "" }) }
    }

    /// `rows`: the rows on screen, whose cells set the widths.
    static func fit(_ all: [ReviewColumn], width: Int, rows: [Int]) -> Laid {
        func natural(_ column: ReviewColumn) -> Int {
            rows.filter(column.cells.indices.contains).reduce(TextWidth.of(column.header)) { max($0, TextWidth.of(column.cells[$1])) }
        }
        func least(_ column: ReviewColumn) -> Int {
            column.shrinks ? min(natural(column), column.shortest) : natural(column)
        }
        var columns = all
        func needed(_ measure: (ReviewColumn) -> Int) -> Int { columns.map(measure).reduce(0, +) + 2 * max(0, columns.count - 1) }
        while columns.count > 1, needed(least) > width, let drop = columns.indices.min(by: { columns[$0].keep < columns[$1].keep }) {
            columns.remove(at: drop)
        }
        var widths = columns.map(natural)
        var over = widths.reduce(0, +) + 2 * max(0, columns.count - 1) - width
        // Before any cell is cut, columns with a shorter form take it.
        for index in columns.indices where over > 0 {
            guard let compact = columns[index].compact else { continue }
            columns[index].cells = compact
            let narrower = natural(columns[index])
            over -= widths[index] - narrower
            widths[index] = narrower
        }
        // The least needed text column gives way first, down to its shortest, then the next.
        while over > 0, let giving = columns.indices.filter({ columns[$0].shrinks && widths[$0] > least(columns[$0]) })
            .min(by: { columns[$0].keep < columns[$1].keep }) {
            let given = min(over, widths[giving] - least(columns[giving]))
            widths[giving] -= given
            over -= given
        }
        return Laid(columns: columns, widths: widths)
    }
}
