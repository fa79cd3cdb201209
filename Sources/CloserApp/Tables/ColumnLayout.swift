import CloserCore
import TerminalUI

/// A column of a smart table (accounts, deals): its title and width, the direction a first
/// sort takes. The table's layout, its sort keys and the column chooser work on any of them.
public protocol TableColumnKind: CaseIterable, Hashable, Sendable where AllCases == [Self] {
    var title: LocalizedText { get }
    /// Display width; for a flexible column, the least it takes.
    var width: Int { get }
    /// Its share of the width left over once every shown column has its width (0: fixed).
    var flex: Int { get }
    /// The most a flexible column grows to (nil: no limit).
    var maxWidth: Int? { get }
    var alignment: TextWidth.Alignment { get }
    var defaultAscending: Bool { get }
}

extension TableColumnKind {
    public var flex: Int { 0 }
    public var maxWidth: Int? { nil }
    public var alignment: TextWidth.Alignment { .left }
}

/// Which columns show, in which order, and how wide each one is at a given width.
public struct ColumnLayout<Column: TableColumnKind>: Sendable, Hashable {
    /// Every column, in display order.
    public var order: [Column] = Column.allCases
    public var hidden: Set<Column>

    public init(hidden: Set<Column> = []) {
        self.hidden = hidden
    }

    public var visible: [Column] { order.filter { !hidden.contains($0) } }

    /// The visible columns that fit `width`, from the left, with their widths: columns that do
    /// not fit are left off (the table's summary says how many); the flexible ones share what
    /// is left by their `flex`, the last taking the rounding, each up to its `maxWidth`.
    func fitted(width: Int) -> [(column: Column, width: Int)] {
        var chosen = [Column]()
        var used = 0
        for column in visible {
            let need = column.width + (chosen.isEmpty ? 0 : TableView.gap)
            if used + need > width { break }
            chosen.append(column)
            used += need
        }
        let flexible = chosen.filter { $0.flex > 0 }
        let weights = flexible.map(\.flex).reduce(0, +)
        guard weights > 0 else { return chosen.map { ($0, $0.width) } }
        let shared = flexible.map(\.width).reduce(0, +) + max(0, width - used)
        var given = 0
        var widths: [Column: Int] = [:]
        for (index, column) in flexible.enumerated() {
            let share = index == flexible.count - 1 ? shared - given : shared * column.flex / weights
            let width = min(column.maxWidth ?? Int.max, max(column.width, share))
            given += width
            widths[column] = width
        }
        return chosen.map { ($0, widths[$0] ?? $0.width) }
    }

    /// The next visible column after `column` (the first one after the last), for `s`.
    func next(after column: Column) -> Column {
        let shown = visible
        guard let index = shown.firstIndex(of: column) else { return shown.first ?? column }
        return shown[(index + 1) % shown.count]
    }

    /// Space shows or hides; at least one column always shows.
    public mutating func toggle(_ column: Column) {
        if hidden.contains(column) {
            hidden.remove(column)
        } else if visible.count > 1 {
            hidden.insert(column)
        }
    }

    /// Moves a column one place earlier (-1) or later (+1); returns its new index.
    @discardableResult
    public mutating func move(at index: Int, by step: Int) -> Int {
        let target = index + step
        guard order.indices.contains(index), order.indices.contains(target) else { return index }
        order.swapAt(index, target)
        return target
    }

    /// The widget's columns for the fitted ones, titles in `lang`.
    static func tableColumns(_ fitted: [(column: Column, width: Int)], lang: Language) -> [TableColumn] {
        fitted.map { TableColumn($0.column.title[lang], width: $0.width, alignment: $0.column.alignment) }
    }
}

/// How a smart table's sort moves, on its (column, ascending) pair: `s` steps to the next
/// visible column in that column's default direction, `S` reverses, a header click sorts by the
/// clicked column (clicked again: reversed).
enum ColumnSorting {
    /// The sort after `s`.
    static func next<Column: TableColumnKind>(after column: Column, in layout: ColumnLayout<Column>) -> (Column, ascending: Bool) {
        let next = layout.next(after: column)
        return (next, next.defaultAscending)
    }

    /// The sort after a click on `clicked`'s header.
    static func click<Column: TableColumnKind>(_ clicked: Column, sort column: Column, ascending: Bool) -> (Column, ascending: Bool) {
        clicked == column ? (column, !ascending) : (clicked, clicked.defaultAscending)
    }

    /// The widget's sort marker, when the sort column is among the fitted ones.
    static func marker<Column: TableColumnKind>(_ column: Column, ascending: Bool, _ fitted: [(column: Column, width: Int)]) -> TableSort? {
        fitted.firstIndex { $0.column == column }.map { TableSort(column: $0, ascending: ascending) }
    }
}
