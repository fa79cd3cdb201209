import CloserCore
import TerminalUI

/// Where every person's box and every connecting line sits on the (possibly larger than the
/// screen) chart plane. Computed once per load, collapse or resize, never per frame; drawing
/// then only looks at the boxes that meet the viewport.
///
/// Siblings stand side by side while the chart fits the width it is given; when it does not,
/// groups of leaf siblings are stacked in a column under their manager (the widest part of a
/// real org chart is its last layer), and what is still too wide is panned.
public struct OrgChartLayout: Sendable {
    struct Box: Sendable, Hashable {
        var personID: Int64
        var rect: Rect
        /// Reports folded away under a collapsed box.
        var hiddenReports: Int
    }

    static let boxHeight = 5
    static let minimumBoxWidth = 16
    static let maximumBoxWidth = 28
    static let siblingGap = 2
    static let treeGap = 4
    /// A stacked child sits this far right of its manager's left edge: "  ├─┤".
    static let stackIndent = 4

    private(set) var boxes: [Box] = []
    private(set) var index: [Int64: Int] = [:]
    private(set) var connectors = ConnectorGlyphs()
    /// The heading over the unplaced column, when there is one.
    private(set) var unplacedHeading: (point: Point, count: Int)?
    public private(set) var width = 0
    public private(set) var height = 0
    let boxWidth: Int
    public private(set) var stacked = false
    public var boxCount: Int { boxes.count }

    public init(tree: OrgTree, collapsed: Set<Int64>, fitWidth: Int, lang: Language) {
        boxWidth = OrgChartLayout.boxWidth(for: tree, lang: lang)
        var pass = Pass(tree: tree, collapsed: collapsed, boxWidth: boxWidth, stackLeaves: false)
        if pass.totalWidth() > fitWidth {
            pass = Pass(tree: tree, collapsed: collapsed, boxWidth: boxWidth, stackLeaves: true)
            stacked = true
        }
        var x = 0
        for root in tree.roots {
            pass.place(root, x: x, y: 0, into: &self)
            x += pass.width(of: root) + OrgChartLayout.treeGap
        }
        if !tree.unplaced.isEmpty {
            unplacedHeading = (Point(x: x, y: 0), tree.unplaced.count)
            for (row, id) in tree.unplaced.enumerated() {
                add(Box(personID: id, rect: Rect(x: x, y: 1 + row * OrgChartLayout.boxHeight, width: boxWidth, height: OrgChartLayout.boxHeight), hiddenReports: 0))
            }
        }
        width = boxes.map(\.rect.maxX).max() ?? 0
        height = boxes.map(\.rect.maxY).max() ?? 0
    }

    func box(of personID: Int64) -> Box? { index[personID].map { boxes[$0] } }

    fileprivate mutating func add(_ box: Box) {
        index[box.personID] = boxes.count
        boxes.append(box)
    }

    fileprivate mutating func connect(_ body: (inout ConnectorGlyphs) -> Void) { body(&connectors) }

    /// Wide enough for the longest name, title or badge line (by display width, so 张伟 counts
    /// four columns), within bounds that keep several boxes on a screen.
    static func boxWidth(for tree: OrgTree, lang: Language) -> Int {
        var widest = 0
        for person in tree.persons.values {
            widest = max(widest, TextWidth.of(OrgChartBoxText.nameLine(person)), TextWidth.of(person.title),
                         TextWidth.of(OrgChartBoxText.badgeLine(person, lang: lang)))
        }
        return min(maximumBoxWidth, max(minimumBoxWidth, widest + 4))
    }

    /// The nearest box from `personID` in a direction, by where the boxes stand on screen, so
    /// the side-by-side and the stacked parts of a chart are walked alike. Boxes in line with
    /// this one (sharing rows for left and right, columns for up and down) come first: right
    /// from a manager goes to the next manager, not down into their reports.
    func neighbour(of personID: Int64, _ direction: Direction) -> Int64? {
        guard let from = box(of: personID)?.rect else { return boxes.first?.personID }
        let cx = from.x + from.width / 2, cy = from.y + from.height / 2
        var best: (inLine: Bool, score: Int, id: Int64)?
        for candidate in boxes where candidate.personID != personID {
            let r = candidate.rect
            let bx = r.x + r.width / 2, by = r.y + r.height / 2
            let primary: Int, secondary: Int, inLine: Bool
            switch direction {
            case .up, .down:
                primary = direction == .up ? cy - by : by - cy
                secondary = abs(bx - cx)
                inLine = r.x < from.maxX && from.x < r.maxX
            case .left, .right:
                primary = direction == .left ? cx - bx : bx - cx
                secondary = abs(by - cy)
                inLine = r.y < from.maxY && from.y < r.maxY
            }
            guard primary > 0 else { continue }
            let score = primary + 3 * secondary
            if let current = best, current.inLine && !inLine || current.inLine == inLine && current.score <= score { continue }
            best = (inLine, score, candidate.personID)
        }
        return best?.id
    }

    enum Direction: Sendable { case up, down, left, right }

    /// One way of laying the chart out: side by side everywhere, or with leaf groups stacked.
    private struct Pass {
        let tree: OrgTree
        let collapsed: Set<Int64>
        let boxWidth: Int
        let stackLeaves: Bool
        var widths: [Int64: Int] = [:]

        init(tree: OrgTree, collapsed: Set<Int64>, boxWidth: Int, stackLeaves: Bool) {
            self.tree = tree
            self.collapsed = collapsed
            self.boxWidth = boxWidth
            self.stackLeaves = stackLeaves
            for root in tree.roots { _ = measure(root) }
        }

        func visibleReports(of id: Int64) -> [Int64] { collapsed.contains(id) ? [] : tree.reports(of: id) }

        func isStacked(_ id: Int64) -> Bool {
            let reports = visibleReports(of: id)
            return stackLeaves && reports.count >= 2 && reports.allSatisfy { visibleReports(of: $0).isEmpty }
        }

        mutating func measure(_ id: Int64) -> Int {
            let reports = visibleReports(of: id)
            let result: Int
            if reports.isEmpty {
                result = boxWidth
            } else if isStacked(id) {
                result = boxWidth + OrgChartLayout.stackIndent
            } else {
                var sum = 0
                for child in reports { sum += measure(child) }
                result = max(boxWidth, sum + OrgChartLayout.siblingGap * (reports.count - 1))
            }
            widths[id] = result
            return result
        }

        func width(of id: Int64) -> Int { widths[id] ?? boxWidth }

        func totalWidth() -> Int {
            var total = tree.roots.reduce(0) { $0 + width(of: $1) } + OrgChartLayout.treeGap * max(0, tree.roots.count - 1)
            if !tree.unplaced.isEmpty { total += (tree.roots.isEmpty ? 0 : OrgChartLayout.treeGap) + boxWidth }
            return total
        }

        /// Places `id`'s subtree with its left edge at x and its top at y.
        func place(_ id: Int64, x: Int, y: Int, into layout: inout OrgChartLayout) {
            let h = OrgChartLayout.boxHeight, w = boxWidth
            let reports = visibleReports(of: id)
            let hidden = collapsed.contains(id) ? tree.descendantCount(of: id) : 0
            if reports.isEmpty {
                layout.add(Box(personID: id, rect: Rect(x: x, y: y, width: w, height: h), hiddenReports: hidden))
                return
            }
            if isStacked(id) {
                layout.add(Box(personID: id, rect: Rect(x: x, y: y, width: w, height: h), hiddenReports: 0))
                let trunk = x + 2
                var lastMid = y + h
                for (row, child) in reports.enumerated() {
                    let top = y + h + row * h, mid = top + h / 2
                    layout.add(Box(personID: child, rect: Rect(x: x + OrgChartLayout.stackIndent, y: top, width: w, height: h), hiddenReports: 0))
                    layout.connect { glyphs in
                        glyphs.horizontal(y: mid, from: trunk, to: x + OrgChartLayout.stackIndent)
                        // The child's left border becomes ┤ where the branch meets it.
                        glyphs.add([.up, .down], x: x + OrgChartLayout.stackIndent, y: mid)
                    }
                    lastMid = mid
                }
                layout.connect { glyphs in
                    glyphs.add([.left, .right], x: trunk, y: y + h - 1)
                    glyphs.vertical(x: trunk, from: y + h - 1, to: lastMid)
                }
                return
            }
            // Side by side: the children's span is centred under the subtree, the box over its children.
            let span = reports.reduce(0) { $0 + width(of: $1) } + OrgChartLayout.siblingGap * (reports.count - 1)
            var cx = x + (width(of: id) - span) / 2
            let childY = y + h + 1
            var centres: [Int] = []
            for child in reports {
                place(child, x: cx, y: childY, into: &layout)
                centres.append((layout.box(of: child)?.rect.x ?? cx) + w / 2)
                cx += width(of: child) + OrgChartLayout.siblingGap
            }
            let first = centres.first ?? x + w / 2, last = centres.last ?? first
            let boxX = min(max(x, (first + last) / 2 - w / 2), x + width(of: id) - w)
            layout.add(Box(personID: id, rect: Rect(x: boxX, y: y, width: w, height: h), hiddenReports: 0))
            let stem = boxX + w / 2, bus = y + h
            layout.connect { glyphs in
                glyphs.add([.left, .right], x: stem, y: bus - 1)
                glyphs.vertical(x: stem, from: bus - 1, to: bus)
                glyphs.horizontal(y: bus, from: min(first, stem), to: max(last, stem))
                for centre in centres {
                    glyphs.vertical(x: centre, from: bus, to: bus + 1)
                    glyphs.add([.left, .right], x: centre, y: bus + 1)
                }
            }
        }
    }
}
