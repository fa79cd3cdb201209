import CloserCore

/// What the board screen remembers between frames: the loaded read model and where the
/// selection and scrolling stand. Card indexes are absolute within a column (not on screen).
public struct BoardState: Sendable {
    public var board: Board?
    public var column = 0
    public var firstVisibleColumn = 0
    /// Selected card index per stage key.
    public var selected: [String: Int] = [:]
    /// First card loaded per stage key (the column's scroll position).
    public var offsets: [String: Int] = [:]
    /// How many health rules each loaded card's deal trips (none: not listed).
    public var health: [Int64: Int] = [:]

    public init() {}

    public var currentColumn: BoardColumn? {
        guard let board, board.columns.indices.contains(column) else { return nil }
        return board.columns[column]
    }

    public func selectedIndex(in stage: String) -> Int { selected[stage] ?? 0 }

    /// The deal under the selection, if the column has one loaded.
    public var selectedDeal: DealSummary? {
        guard let column = currentColumn else { return nil }
        let index = selectedIndex(in: column.stage.key) - column.offset
        return column.cards.indices.contains(index) ? column.cards[index] : nil
    }

    /// Puts the selection on a deal wherever it now stands, so a reload (ours or another
    /// person's change) never leaves the user looking at a different card.
    public mutating func follow(dealID: Int64) -> Bool {
        guard let board else { return false }
        for (columnIndex, column) in board.columns.enumerated() {
            if let cardIndex = column.cards.firstIndex(where: { $0.id == dealID }) {
                self.column = columnIndex
                selected[column.stage.key] = column.offset + cardIndex
                return true
            }
        }
        return false
    }
}
