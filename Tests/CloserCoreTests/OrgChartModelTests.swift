import Testing
@testable import CloserCore

/// A small buying organisation worked out by hand:
///
///     1 王总 (decision, DM, neutral, 60)
///     ├── 2 李工 (manager, technical, supporter, 30)
///     │   └── 4 张三 (operator, technical, coach, 10)
///     └── 3 赵经理 (manager, procurement, opponent, 40)
///     5 孙助理 (unplaced)
enum OrgFixture {
    static let today = Day(year: 2026, month: 12, day: 1)!

    static func person(_ id: Int64, _ name: String, level: PersonLevel = .operator_, function: PersonFunction = .using,
                       roles: Set<PersonRole> = [], stance: Stance = .neutral, influence: Int = 10, coach: Bool = false,
                       reportsTo: Int64? = nil, lastMet: Day? = nil) -> Person {
        Person(id: id, accountID: 1, name: name, level: level, function: function, roles: roles, stance: stance,
               influence: influence, isInsideCoach: coach, reportsTo: reportsTo, lastMet: lastMet)
    }

    static var persons: [Person] {
        [
            person(1, "王总", level: .decisionMaker, roles: [.decisionMaker], influence: 60, lastMet: today.adding(days: -90)),
            person(2, "李工", level: .manager, function: .technical, roles: [.specifier], stance: .supporter, influence: 30,
                   reportsTo: 1, lastMet: today.adding(days: -10)),
            person(3, "赵经理", level: .manager, function: .procurement, stance: .opponent, influence: 40, reportsTo: 1),
            person(4, "张三", function: .technical, coach: true, reportsTo: 2, lastMet: today.adding(days: -60)),
            person(5, "孙助理", influence: 5),
        ]
    }
}

@Suite("Org tree")
struct OrgTreeTests {
    let tree = OrgTree(persons: OrgFixture.persons)

    @Test func rootsChildrenAndUnplaced() {
        #expect(tree.roots == [1])
        #expect(tree.reports(of: 1) == [3, 2], "same level, higher influence first")
        #expect(tree.reports(of: 2) == [4])
        #expect(tree.unplaced == [5])
        #expect(tree.parent(of: 4) == 2 && tree.parent(of: 1) == nil)
        #expect(tree.ordered == [1, 3, 2, 4, 5])
    }

    @Test func descendantsChainAndPath() {
        #expect(tree.descendantCount(of: 1) == 3)
        #expect(tree.descendantCount(of: 4) == 0)
        #expect(tree.chain(from: 4) == [4, 2, 1])
        #expect(tree.path(from: 4, to: 3) == [4, 2, 1, 3])
        #expect(tree.path(from: 3, to: 3) == [3])
        #expect(tree.path(from: 4, to: 1) == [4, 2, 1])
        #expect(tree.path(from: 4, to: 5) == nil, "different trees")
    }

    @Test func aManagerOutsideTheAccountCountsAsNone() {
        let tree = OrgTree(persons: [OrgFixture.person(1, "A", reportsTo: 99), OrgFixture.person(2, "B", reportsTo: 1)])
        #expect(tree.roots == [1] && tree.unplaced.isEmpty)
    }

    @Test func personsOnALoopAreUnplacedNotLost() {
        let tree = OrgTree(persons: [
            OrgFixture.person(1, "A", reportsTo: 2), OrgFixture.person(2, "B", reportsTo: 1),
            OrgFixture.person(3, "C"), OrgFixture.person(4, "D", reportsTo: 3),
        ])
        #expect(tree.roots == [3])
        #expect(Set(tree.unplaced) == [1, 2])
        #expect(Set(tree.ordered) == [1, 2, 3, 4])
        #expect(tree.reports(of: 1).isEmpty && tree.parent(of: 1) == nil)
    }

    @Test func decisionLayerComesFirstAmongRoots() {
        let tree = OrgTree(persons: [
            OrgFixture.person(1, "Op", influence: 90), OrgFixture.person(2, "Op kid", reportsTo: 1),
            OrgFixture.person(3, "Boss", level: .decisionMaker, influence: 10), OrgFixture.person(4, "Kid", reportsTo: 3),
        ])
        #expect(tree.roots == [3, 1])
    }
}

@Suite("Coverage rules")
struct OrgCoverageTests {
    @Test func theFixtureWarnings() {
        let warnings = OrgCoverage.warnings(OrgFixture.persons, today: OrgFixture.today)
        #expect(warnings == [
            .influentialOpponent(personID: 3, name: "赵经理", influence: 40),
            .keyPersonNotMet(personID: 1, name: "王总", days: 90),
            .keyPersonNotMet(personID: 3, name: "赵经理", days: nil),
        ])
    }

    @Test func noDecisionMakerNoCoachAndEmptyDepartments() {
        let warnings = OrgCoverage.warnings([OrgFixture.person(1, "A", lastMet: OrgFixture.today)], today: OrgFixture.today)
        #expect(warnings == [.noDecisionMaker, .noInsideCoach, .departmentWithoutContact(.technical), .departmentWithoutContact(.procurement)])
        #expect(OrgCoverage.warnings([], today: OrgFixture.today).count == 5)
    }

    @Test func thresholdsAreBoundaries() {
        let settings = CoverageSettings(highInfluence: 40, notMetDays: 60)
        let persons = [
            OrgFixture.person(1, "At", stance: .opponent, influence: 40, lastMet: OrgFixture.today.adding(days: -60)),
            OrgFixture.person(2, "Below", stance: .opponent, influence: 39, lastMet: OrgFixture.today.adding(days: -61)),
        ]
        let warnings = OrgCoverage.warnings(persons, today: OrgFixture.today, settings: settings)
        #expect(warnings.contains(.influentialOpponent(personID: 1, name: "At", influence: 40)))
        #expect(!warnings.contains { $0.personID == 2 }, "39 is below the line, and not a key person, so 61 days is no warning either")
        #expect(!warnings.contains(.keyPersonNotMet(personID: 1, name: "At", days: 60)), "60 days is not yet more than 60")
    }

    @Test func keyPersons() {
        #expect(OrgCoverage.isKeyPerson(OrgFixture.person(1, "R", roles: [.user])))
        #expect(OrgCoverage.isKeyPerson(OrgFixture.person(1, "C", coach: true)))
        #expect(OrgCoverage.isKeyPerson(OrgFixture.person(1, "D", level: .decisionMaker)))
        #expect(OrgCoverage.isKeyPerson(OrgFixture.person(1, "I", influence: 30)))
        #expect(!OrgCoverage.isKeyPerson(OrgFixture.person(1, "N", influence: 29)))
    }

    @Test func messagesInBothLanguages() {
        #expect(CoverageWarning.departmentWithoutContact(.procurement).message.zh == "采购部门无联系人")
        #expect(CoverageWarning.keyPersonNotMet(personID: 1, name: "王总", days: 90).message.en == "王总 not met for 90 days")
        #expect(CoverageWarning.noInsideCoach.isSevere && !CoverageWarning.departmentWithoutContact(.using).isSevere)
    }
}

@Suite("Relationship paths and the level × function grid")
struct RelationshipPathTests {
    @Test func coachReachesTheDecisionMakerThroughTheirManager() {
        let tree = OrgTree(persons: OrgFixture.persons)
        // 李工 (supporter) is one step from 王总; the coach 张三 is two: the shorter way wins.
        #expect(RelationshipPaths.toDecisionMakers(in: tree) == [RelationshipPath(decisionMaker: 1, steps: [2, 1])])
    }

    @Test func theCoachWinsATie() {
        var persons = OrgFixture.persons
        persons[3].reportsTo = 1  // 张三 (coach) now also reports to 王总
        let tree = OrgTree(persons: persons)
        #expect(RelationshipPaths.toDecisionMakers(in: tree).first?.steps == [4, 1])
    }

    @Test func unreachableAndSelfSupportingDecisionMakers() {
        let tree = OrgTree(persons: [
            OrgFixture.person(1, "DM1", level: .decisionMaker), OrgFixture.person(2, "Op", reportsTo: 1),
            OrgFixture.person(3, "DM2", level: .decisionMaker, stance: .supporter),
        ])
        let paths = RelationshipPaths.toDecisionMakers(in: tree)
        #expect(paths == [RelationshipPath(decisionMaker: 1, steps: nil), RelationshipPath(decisionMaker: 3, steps: [3])])
        #expect(OrgChartOutline.describe(paths[0], tree: tree, lang: .en) == "DM1: no supporter or coach reaches them")
        #expect(OrgChartOutline.describe(paths[1], tree: tree, lang: .zh) == "DM2：本人支持我们")
    }

    @Test func gridCellsAndGaps() {
        let grid = OrgGrid(OrgTree(persons: OrgFixture.persons))
        #expect(grid.persons(level: .decisionMaker, function: .using) == [1])
        #expect(grid.persons(level: .manager, function: .technical) == [2])
        #expect(grid.persons(level: .operator_, function: .using) == [5])
        #expect(grid.emptyCells.count == 9 - 5)
        #expect(grid.emptyCells.first! == (.decisionMaker, .technical))
        #expect(grid.ordered == [1, 2, 3, 5, 4])
    }
}

@Suite("Org chart outline")
struct OrgChartOutlineTests {
    @Test func theTreeAsText() {
        let lines = OrgChartOutline.lines(accountName: "宝钢", tree: OrgTree(persons: OrgFixture.persons), today: OrgFixture.today, lang: .zh)
        #expect(Array(lines.prefix(7)) == [
            "宝钢 — 组织结构，共 5 人",
            "",
            "王总 [决策·使用] 决 ·中立 影响 60 见面 2026-09-02",
            "├── 赵经理 [管理·采购] −反对者 影响 40",
            "└── 李工 [管理·技术] 设 +支持者 影响 30 见面 2026-11-21",
            "    └── ★ 张三 [操作·技术] ·中立 影响 10 见面 2026-10-02",
            "",
        ])
        #expect(lines.contains("未挂接上级（1 人）："))
        #expect(lines.contains("  ⚠ 高影响力反对者（40）：赵经理"))
        #expect(lines.last == "  王总 ← 李工")
    }
}
