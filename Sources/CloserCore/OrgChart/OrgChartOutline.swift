/// The org chart as plain text for a mail or a ticket (`closer orgchart ACCOUNT`): the
/// reports-to tree drawn with line characters, then the unplaced persons, the coverage
/// warnings and the paths to the decision-makers.
public enum OrgChartOutline {
    public static func lines(accountName: String, tree: OrgTree, today: Day, lang: Language,
                             settings: CoverageSettings = CoverageSettings()) -> [String] {
        let persons = tree.ordered.compactMap { tree.persons[$0] }
        var lines = [LocalizedText(en: "\(accountName) — org chart, \(persons.count) persons",
                                   zh: "\(accountName) — 组织结构，共 \(persons.count) 人")[lang]]
        func visit(_ id: Int64, prefix: String, isLast: Bool, isRoot: Bool) {
            guard let person = tree.persons[id] else { return }
            lines.append(prefix + (isRoot ? "" : (isLast ? "└── " : "├── ")) + describe(person, lang: lang, today: today))
            let reports = tree.reports(of: id)
            let childPrefix = isRoot ? prefix : prefix + (isLast ? "    " : "│   ")
            for (index, child) in reports.enumerated() {
                visit(child, prefix: childPrefix, isLast: index == reports.count - 1, isRoot: false)
            }
        }
        for root in tree.roots {
            lines.append("")
            visit(root, prefix: "", isLast: true, isRoot: true)
        }
        if !tree.unplaced.isEmpty {
            lines.append("")
            lines.append(LocalizedText(en: "No manager mapped (\(tree.unplaced.count)):", zh: "未挂接上级（\(tree.unplaced.count) 人）：")[lang])
            for id in tree.unplaced {
                if let person = tree.persons[id] { lines.append("  • " + describe(person, lang: lang, today: today)) }
            }
        }
        let warnings = OrgCoverage.warnings(persons, today: today, settings: settings)
        lines.append("")
        if warnings.isEmpty {
            lines.append(LocalizedText(en: "Coverage: no gaps", zh: "覆盖：无缺口")[lang])
        } else {
            lines.append(LocalizedText(en: "Coverage:", zh: "覆盖缺口：")[lang])
            for warning in warnings { lines.append("  ⚠ " + warning.message[lang]) }
        }
        let paths = RelationshipPaths.toDecisionMakers(in: tree)
        if !paths.isEmpty {
            lines.append("")
            lines.append(LocalizedText(en: "Paths to decision-makers:", zh: "通往决策者的路径：")[lang])
            for path in paths { lines.append("  " + describe(path, tree: tree, lang: lang)) }
        }
        return lines
    }

    /// "★ 张伟 总经理 [决策·使用] 决批 +支持者 影响 40 · 见面 2026-11-20"
    public static func describe(_ person: Person, lang: Language, today: Day) -> String {
        var parts: [String] = []
        parts.append((person.isInsideCoach ? Person.coachMarker + " " : "") + person.name)
        if !person.title.isEmpty { parts.append(person.title) }
        parts.append("[\(person.levelAndFunction(lang))]")
        let badges = person.roleBadges(lang)
        if !badges.isEmpty { parts.append(badges) }
        parts.append(person.stance.symbol + person.stance.label[lang])
        parts.append(LocalizedText(en: "influence \(person.influence)", zh: "影响 \(person.influence)")[lang])
        if let met = person.lastMet {
            parts.append(LocalizedText(en: "met \(met)", zh: "见面 \(met)")[lang])
        }
        return parts.joined(separator: " ")
    }

    /// "王总 ← 李工 ← 张三 (★)": from the decision-maker back to our ally, or why there is none.
    public static func describe(_ path: RelationshipPath, tree: OrgTree, lang: Language) -> String {
        let decider = tree.persons[path.decisionMaker]?.name ?? "#\(path.decisionMaker)"
        guard let steps = path.steps else {
            return decider + LocalizedText(en: ": no supporter or coach reaches them", zh: "：没有支持者或内线能接触到")[lang]
        }
        if steps.count == 1 {
            return decider + LocalizedText(en: ": supports us directly", zh: "：本人支持我们")[lang]
        }
        return steps.reversed().compactMap { id in
            tree.persons[id].map { ($0.isInsideCoach ? Person.coachMarker : "") + $0.name }
        }.joined(separator: " ← ")
    }
}
