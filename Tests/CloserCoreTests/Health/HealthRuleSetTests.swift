import Foundation
import Testing
@testable import CloserCore

@Suite("Health rules: the set and its texts")
struct HealthRuleSetTests {
    @Test func keysAreStableAndInTheSourcesOrder() {
        #expect(HealthRule.allCases.map(\.rawValue) == [
            "pitched-before-discovery", "needs-not-recorded", "price-too-early", "budget-unknown",
            "no-route-to-decision-maker", "key-person-cold", "no-next-step",
        ])
        #expect(HealthRule.allCases.map(\.taboo) == [2, 3, 4, 6, 7, 7, 9])
        #expect(HealthRule.parse(" No-Next-Step ") == .noNextStep)
        #expect(HealthRule.parse("no-next") == nil)
    }

    @Test func everyTabooIsAWarningOrACoachingPointNeverBoth() {
        let warned = Set(HealthRule.allCases.map(\.taboo))
        let coached = Set(CoachingPoints.all.map(\.taboo))
        #expect(warned == [2, 3, 4, 6, 7, 9])
        #expect(coached == [1, 5, 8, 10])
        #expect(warned.isDisjoint(with: coached))
        #expect(warned.union(coached) == Set(1...10))
    }

    @Test func everyTextIsInBothLanguages() {
        for rule in HealthRule.allCases {
            for text in [rule.title, rule.why, rule.fix] {
                #expect(!text.en.isEmpty && !text.zh.isEmpty && text.en != text.zh, "\(rule): \(text)")
            }
        }
        for point in CoachingPoints.all {
            #expect(!point.title.zh.isEmpty && !point.point.en.isEmpty && !point.point.zh.isEmpty)
        }
    }

    @Test func aHealthyDealTripsNothing() {
        #expect(HealthCase().warnings.isEmpty)
        #expect(HealthCase(stage: "negotiation").warnings.isEmpty)
    }

    @Test func aDealTrippingEveryRuleListsThemInOrder() {
        var c = HealthCase(stage: "proposal")
        c.deal.nextStep = ""
        c.deal.budgetKnown = false
        c.deal.needs = []
        c.persons = [HealthCase.person(1, "王总", level: .decisionMaker, lastMet: "2026-01-05"),
                     HealthCase.person(2, "李工", stance: .opponent)]
        c.log(.demo, "2026-11-02")
        c.log(.quote, "2026-11-03")
        #expect(c.rules == HealthRule.allCases)
    }

    @Test func closedDealsTripNothing() {
        for outcome in [Outcome.won, .lost, .withdrawn] {
            var c = HealthCase(stage: "proposal")
            c.deal.nextStep = ""
            c.deal.needs = []
            c.deal.outcome = outcome
            #expect(c.warnings.isEmpty, "\(outcome)")
        }
    }

    @Test func rulesTheTeamSwitchedOffAreNotWarned() {
        var c = HealthCase()
        c.deal.nextStep = ""
        #expect(c.rules == [.noNextStep])
        c.settings.disabled = [.noNextStep]
        #expect(c.warnings.isEmpty)
        let context = HealthContext(deal: c.deal, process: c.process, facts: DealHealthFacts(persons: c.persons, activities: [], dealID: 7),
                                    settings: c.settings, today: c.today)
        #expect(DealHealth.check(.noNextStep, context) != nil, "a rule checked on its own still answers")
    }

    @Test func anUnknownProcessKeepsTheStageRulesQuiet() {
        var c = HealthCase(stage: "bid")
        c.process = nil
        c.deal.budgetKnown = false
        c.deal.needs = []
        c.log(.quote, "2026-11-01")
        #expect(c.warnings.isEmpty)
    }
}
