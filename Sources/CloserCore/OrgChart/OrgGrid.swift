/// The second lens on the buying organisation (003): level (decision / management / operators)
/// against function (using / technical / procurement). An empty cell is a place where we have
/// no contact.
public struct OrgGrid: Sendable {
    public static let levels = PersonLevel.allCases
    public static let functions = PersonFunction.allCases

    /// cells[level][function]: persons in the tree's display order.
    public let cells: [[[Int64]]]

    public init(_ tree: OrgTree) {
        var cells = Array(repeating: Array(repeating: [Int64](), count: OrgGrid.functions.count), count: OrgGrid.levels.count)
        for id in tree.ordered {
            guard let person = tree.persons[id], let row = OrgGrid.levels.firstIndex(of: person.level),
                  let column = OrgGrid.functions.firstIndex(of: person.function) else { continue }
            cells[row][column].append(id)
        }
        self.cells = cells
    }

    public func persons(level: PersonLevel, function: PersonFunction) -> [Int64] {
        guard let row = OrgGrid.levels.firstIndex(of: level), let column = OrgGrid.functions.firstIndex(of: function) else { return [] }
        return cells[row][column]
    }

    /// Cells with nobody in them, as (level, function), top-left first.
    public var emptyCells: [(PersonLevel, PersonFunction)] {
        OrgGrid.levels.flatMap { level in OrgGrid.functions.compactMap { persons(level: level, function: $0).isEmpty ? (level, $0) : nil } }
    }

    /// Reading order, cell by cell: what up and down walk through in the grid lens.
    public var ordered: [Int64] { cells.flatMap { $0.flatMap { $0 } } }
}
