/// The reports-to tree of one account's key persons (003: 组织结构), built once per load so every
/// screen, the outline and the coverage rules read the same shape.
///
/// Persons whose manager is unknown (none mapped, or one outside this account) and who have no
/// reports of their own are *unplaced*: they stand in a side list instead of being lost. A person
/// caught in a reports-to loop (the store refuses loops, but an old import might hold one) is
/// unplaced too, so no one ever disappears from the chart.
public struct OrgTree: Sendable {
    public let persons: [Int64: Person]
    /// Heads of the trees, in display order.
    public let roots: [Int64]
    /// Persons with no manager mapped and nobody reporting to them, in display order.
    public let unplaced: [Int64]
    /// Direct reports of each person, in display order.
    public let children: [Int64: [Int64]]
    private let parents: [Int64: Int64]

    public init(persons list: [Person]) {
        var byID: [Int64: Person] = [:]
        for person in list { byID[person.id] = person }
        var parents: [Int64: Int64] = [:]
        var children: [Int64: [Int64]] = [:]
        for person in list {
            guard let manager = person.reportsTo, manager != person.id, byID[manager] != nil else { continue }
            parents[person.id] = manager
            children[manager, default: []].append(person.id)
        }
        for key in children.keys { children[key]?.sort { OrgTree.displayOrder(byID[$0], byID[$1]) } }
        let tops = list.filter { parents[$0.id] == nil }.sorted { OrgTree.displayOrder($0, $1) }.map(\.id)
        var roots = tops.filter { !(children[$0] ?? []).isEmpty }
        var unplaced = tops.filter { (children[$0] ?? []).isEmpty }

        // Everyone reachable from a root is placed; the rest sit on a loop and go to the side list.
        var seen = Set<Int64>()
        var stack = roots
        while let id = stack.popLast() {
            guard seen.insert(id).inserted else { continue }
            stack.append(contentsOf: children[id] ?? [])
        }
        let looped = list.filter { !seen.contains($0.id) && !unplaced.contains($0.id) }
        if !looped.isEmpty {
            for person in looped {
                parents[person.id] = nil
                children[person.id] = nil
            }
            let loopedIDs = Set(looped.map(\.id))
            for key in children.keys { children[key]?.removeAll { loopedIDs.contains($0) } }
            unplaced = (unplaced + looped.map(\.id)).sorted { OrgTree.displayOrder(byID[$0], byID[$1]) }
            roots.removeAll { loopedIDs.contains($0) }
        }
        self.persons = byID
        self.roots = roots
        self.unplaced = unplaced
        self.children = children
        self.parents = parents
    }

    public var count: Int { persons.count }
    public var isEmpty: Bool { persons.isEmpty }

    public func parent(of id: Int64) -> Int64? { parents[id] }

    public func reports(of id: Int64) -> [Int64] { children[id] ?? [] }

    /// Everyone below `id`, however deep.
    public func descendantCount(of id: Int64) -> Int {
        var count = 0
        var stack = reports(of: id)
        while let next = stack.popLast() {
            count += 1
            stack.append(contentsOf: reports(of: next))
        }
        return count
    }

    /// `id`, its manager, that manager's manager, … up to the head of the tree.
    public func chain(from id: Int64) -> [Int64] {
        var chain = [id]
        var current = id
        while let up = parents[current], !chain.contains(up) {
            chain.append(up)
            current = up
        }
        return chain
    }

    /// The way from one person to another along reports-to lines (up to the lowest shared
    /// manager, then down), both ends included; nil when they are in different trees.
    public func path(from start: Int64, to end: Int64) -> [Int64]? {
        guard persons[start] != nil, persons[end] != nil else { return nil }
        let up = chain(from: start)
        let down = chain(from: end)
        let downIndex = Dictionary(down.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        guard let meet = up.firstIndex(where: { downIndex[$0] != nil }), let meetDown = downIndex[up[meet]] else { return nil }
        return Array(up[...meet]) + down[..<meetDown].reversed()
    }

    /// Persons in display order: each tree depth-first, then the unplaced.
    public var ordered: [Int64] {
        var result: [Int64] = []
        func visit(_ id: Int64) {
            result.append(id)
            for child in reports(of: id) { visit(child) }
        }
        for root in roots { visit(root) }
        return result + unplaced
    }

    /// Decision layer first, then the more influential, then by name: the order people read an org chart in.
    static func displayOrder(_ a: Person?, _ b: Person?) -> Bool {
        guard let a, let b else { return a != nil }
        let rankA = PersonLevel.allCases.firstIndex(of: a.level) ?? 0, rankB = PersonLevel.allCases.firstIndex(of: b.level) ?? 0
        if rankA != rankB { return rankA < rankB }
        if a.influence != b.influence { return a.influence > b.influence }
        if a.name != b.name { return a.name < b.name }
        return a.id < b.id
    }
}
