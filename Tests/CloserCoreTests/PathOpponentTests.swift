import CloserCore
import Testing

/// A coach → decision-maker path that runs through an opponent is warned; the ends do not count.
@Suite("Opponents on a path")
struct PathOpponentTests {
    @Test func anOpponentBetweenTheCoachAndTheDecisionMakerIsNamed() throws {
        let tree = OrgTree(persons: [
            OrgFixture.person(1, "陈总", level: .decisionMaker),
            OrgFixture.person(2, "钱经理", level: .manager, stance: .opponent, reportsTo: 1),
            OrgFixture.person(3, "孙工", coach: true, reportsTo: 2),
        ])
        let path = try #require(RelationshipPaths.toDecisionMakers(in: tree).first)
        #expect(path.steps == [3, 2, 1])
        #expect(path.opponents(in: tree) == [2])
        #expect(path.opponentWarning(in: tree, lang: .zh) == "⚠ 途经反对者 钱经理")
        #expect(path.opponentWarning(in: tree, lang: .en) == "⚠ passes opponent 钱经理")
    }

    @Test func aClearPathAndAnOpposingDecisionMakerAreNotWarnedAsPassing() throws {
        let clear = OrgTree(persons: OrgFixture.persons)
        #expect(RelationshipPaths.toDecisionMakers(in: clear).allSatisfy { $0.opponentWarning(in: clear, lang: .en) == nil })
        let opposing = OrgTree(persons: [
            OrgFixture.person(1, "DM", level: .decisionMaker, stance: .opponent),
            OrgFixture.person(2, "Coach", coach: true, reportsTo: 1),
        ])
        let path = try #require(RelationshipPaths.toDecisionMakers(in: opposing).first)
        #expect(path.steps == [2, 1] && path.opponents(in: opposing).isEmpty)
    }
}
