import TerminalUI

/// Where columns and cards sit for a given area: used by the renderer and by mouse clicks,
/// so a click always lands on what was drawn.
public struct BoardLayout: Sendable {
    public static let minColumnWidth = 24
    public static let headerHeight = 3
    /// Four text lines and a blank line between cards.
    public static let cardHeight = 5

    public let area: Rect
    public let columnCount: Int
    public let visibleColumns: Int
    public let columnWidth: Int

    public init(area: Rect, columnCount: Int) {
        self.area = area
        self.columnCount = columnCount
        let fits = max(1, (area.width + 1) / (BoardLayout.minColumnWidth + 1))
        visibleColumns = max(1, min(columnCount, fits))
        columnWidth = max(1, (area.width - (visibleColumns - 1)) / visibleColumns)
    }

    /// Cards that fit under a column header.
    public var cardsPerColumn: Int { max(1, (area.height - BoardLayout.headerHeight) / BoardLayout.cardHeight) }

    /// Scrolls horizontally just enough that `column` is visible.
    public func firstVisible(keeping column: Int, current: Int) -> Int {
        var first = min(max(0, current), max(0, columnCount - visibleColumns))
        if column < first { first = column }
        if column >= first + visibleColumns { first = column - visibleColumns + 1 }
        return max(0, first)
    }

    public func columnRect(slot: Int) -> Rect {
        let x = area.x + slot * (columnWidth + 1)
        let width = slot == visibleColumns - 1 ? area.maxX - x : columnWidth
        return Rect(x: x, y: area.y, width: width, height: area.height)
    }

    public func cardRect(slot: Int, row: Int) -> Rect {
        let column = columnRect(slot: slot)
        return Rect(x: column.x, y: column.y + BoardLayout.headerHeight + row * BoardLayout.cardHeight,
                    width: column.width, height: BoardLayout.cardHeight - 1)
    }

    /// Which column slot and card row a screen position falls on.
    public func hit(x: Int, y: Int) -> (slot: Int, row: Int?)? {
        guard area.contains(x: x, y: y) else { return nil }
        let slot = min(visibleColumns - 1, (x - area.x) / (columnWidth + 1))
        let cardY = y - area.y - BoardLayout.headerHeight
        return (slot, cardY >= 0 ? cardY / BoardLayout.cardHeight : nil)
    }
}
