import CloserCore
import TerminalUI

/// The org chart screen: one account's persons as a tree (or the level × function grid), the
/// selection, what is folded away, and where the view stands on a chart larger than the screen.
public struct OrgChartState: Sendable {
    public enum Lens: Sendable { case tree, grid }

    public var accountID: Int64?
    public var accountName = ""
    public var tree = OrgTree(persons: [])
    /// Persons of the account in the store (more than the tree when past the read limit).
    public var total = 0
    public var selected: Int64?
    public var collapsed: Set<Int64> = []
    public var lens: Lens = .tree
    /// Top-left of the viewport on the chart plane.
    public var scrollX = 0
    public var scrollY = 0
    public var warnings: [CoverageWarning] = []
    public var paths: [RelationshipPath] = []
    public var grid = OrgGrid(OrgTree(persons: []))
    /// Set while the user picks a new manager for this person on the chart.
    public var pickingManagerFor: Int64?
    /// Pinyin and folded-text keys per person, for jumping by initials without a store read;
    /// made on the first jump after a read, not on every reload another person's write causes.
    var searchKeys: [Int64: String] = [:]
    var layout: OrgChartLayout?
    private var layoutFor: (width: Int, lang: Language)?

    public init() {}

    public var selectedPerson: Person? { selected.flatMap { tree.persons[$0] } }

    /// Takes a fresh read of the account's persons, keeping the selection and the folds that still apply.
    mutating func load(accountName: String, persons: [Person], total: Int, today: Day) {
        self.accountName = accountName
        tree = OrgTree(persons: persons)
        self.total = total
        grid = OrgGrid(tree)
        warnings = OrgCoverage.warnings(persons, today: today)
        paths = RelationshipPaths.toDecisionMakers(in: tree)
        searchKeys = [:]
        collapsed = collapsed.filter { tree.persons[$0] != nil }
        if selected.map({ tree.persons[$0] == nil }) ?? true { selected = tree.ordered.first }
        if let picking = pickingManagerFor, tree.persons[picking] == nil { pickingManagerFor = nil }
        layout = nil
    }

    /// Lays the chart out for a width, once: only a new read, a fold or a resize lays it out again.
    mutating func prepareLayout(width: Int, lang: Language) {
        if layout != nil, let previous = layoutFor, previous.width == width, previous.lang == lang { return }
        layout = OrgChartLayout(tree: tree, collapsed: collapsed, fitWidth: width, lang: lang)
        layoutFor = (width, lang)
    }

    mutating func invalidateLayout() { layout = nil }

    /// Moves the viewport the least needed to show the selected box whole.
    mutating func scrollToSelection(viewport: Rect) {
        guard let id = selected, let box = layout?.box(of: id)?.rect else { return }
        if box.x < scrollX { scrollX = box.x }
        if box.maxX > scrollX + viewport.width { scrollX = max(0, box.maxX - viewport.width) }
        // Keep the heading row above the unplaced column in view when its first box is.
        if box.y - 1 < scrollY { scrollY = max(0, box.y - 1) }
        if box.maxY > scrollY + viewport.height { scrollY = max(0, box.maxY - viewport.height) }
    }

    /// The first person after the selection (wrapping) whose name or title matches `query`,
    /// pinyin initials included.
    mutating func match(_ query: String, after: Int64? = nil) -> Int64? {
        let order = tree.ordered
        guard !order.isEmpty else { return nil }
        if searchKeys.isEmpty {
            searchKeys = tree.persons.mapValues { SearchText.key(for: [$0.name, $0.title]) }
        }
        let start = after.flatMap { order.firstIndex(of: $0) }.map { $0 + 1 } ?? 0
        for offset in 0..<order.count {
            let id = order[(start + offset) % order.count]
            if SearchText.matches(key: searchKeys[id] ?? "", query: query) { return id }
        }
        return nil
    }
}

/// Where the parts of the org chart screen go, shared by the view, the controller and mouse hits.
struct OrgChartScreenLayout {
    let header: Rect
    let chart: Rect
    let side: Rect

    init(content: Rect) {
        let (header, body) = content.splitTop(1)
        let sideWidth = content.width >= 120 ? 46 : 30
        let parts = body.columns(widths: [max(0, body.width - sideWidth - 1), sideWidth], gap: 1, fillLast: true)
        self.header = header
        chart = parts[0]
        side = parts[1]
    }
}
