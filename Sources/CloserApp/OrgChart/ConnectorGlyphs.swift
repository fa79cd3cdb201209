import TerminalUI

/// Lines between boxes, kept as the directions each cell connects to and turned into
/// box-drawing characters at the end, so crossings and junctions always join up (a bus that
/// meets a stem becomes ┴, a trunk that meets a branch ├) whatever order they were drawn in.
struct ConnectorGlyphs: Sendable {
    struct Directions: OptionSet, Hashable, Sendable {
        let rawValue: UInt8
        static let up = Directions(rawValue: 1), down = Directions(rawValue: 2)
        static let left = Directions(rawValue: 4), right = Directions(rawValue: 8)
    }

    private(set) var cells: [Point: Directions] = [:]

    mutating func add(_ directions: Directions, x: Int, y: Int) {
        cells[Point(x: x, y: y), default: []].formUnion(directions)
    }

    /// A horizontal run from x0 to x1 (either order), each cell joined to its neighbours.
    mutating func horizontal(y: Int, from x0: Int, to x1: Int) {
        let lo = min(x0, x1), hi = max(x0, x1)
        guard lo < hi else { return }
        for x in lo...hi {
            var d: Directions = []
            if x > lo { d.insert(.left) }
            if x < hi { d.insert(.right) }
            add(d, x: x, y: y)
        }
    }

    /// A vertical run from y0 to y1 (either order).
    mutating func vertical(x: Int, from y0: Int, to y1: Int) {
        let lo = min(y0, y1), hi = max(y0, y1)
        guard lo < hi else { return }
        for y in lo...hi {
            var d: Directions = []
            if y > lo { d.insert(.up) }
            if y < hi { d.insert(.down) }
            add(d, x: x, y: y)
        }
    }

    static func character(_ d: Directions) -> Character {
        switch d {
        case [.up, .down, .left, .right]: "┼"
        case [.up, .down, .right]: "├"
        case [.up, .down, .left]: "┤"
        case [.left, .right, .down]: "┬"
        case [.left, .right, .up]: "┴"
        case [.down, .right]: "┌"
        case [.down, .left]: "┐"
        case [.up, .right]: "└"
        case [.up, .left]: "┘"
        case [.left, .right], [.left], [.right]: "─"
        default: "│"
        }
    }

    /// Every cell with its character, for drawing over the box borders.
    var glyphs: [(point: Point, character: Character)] {
        cells.map { ($0.key, ConnectorGlyphs.character($0.value)) }
    }
}
