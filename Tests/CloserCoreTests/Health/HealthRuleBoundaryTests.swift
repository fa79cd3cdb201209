import Foundation
import Testing
@testable import CloserCore

/// Each rule at its edges, on 2026-11-23 (worked out by hand: 2026-08-25 is 90 days before,
/// 2026-09-24 is 60 days before).
@Suite("Health rules at their boundaries")
struct HealthRuleBoundaryTests {
    // MARK: #9 no next step, or overdue

    @Test(arguments: [
        ("Site survey", "2026-11-22", true),   // due yesterday: one day overdue
        ("Site survey", "2026-11-23", false),  // due today
        ("Site survey", "2026-11-24", false),
        ("Site survey", nil, true),            // no date
        ("", "2026-11-30", true),              // no step
        ("  ", "2026-11-30", true),            // blanks are no step
    ] as [(String, String?, Bool)])
    func nextStep(step: String, due: String?, trips: Bool) {
        var c = HealthCase()
        c.deal.nextStep = step
        c.deal.nextStepDue = due.map(Fixture.day)
        #expect(c.rules.contains(.noNextStep) == trips)
    }

    @Test func nextStepDetailSaysHowLate() {
        var c = HealthCase()
        c.deal.nextStepDue = Fixture.day("2026-11-20")
        #expect(c.detail(.noNextStep) == LocalizedText(en: "“Site survey” overdue 3 days (due 2026-11-20)", zh: "“Site survey”已逾期 3 天（2026-11-20 到期）"))
        c.deal.nextStepDue = nil
        #expect(c.detail(.noNextStep)?.en == "“Site survey” has no date")
        c.deal.nextStep = ""
        #expect(c.detail(.noNextStep)?.zh == "没有安排下一步")
    }

    // MARK: #7 no route to a decision-maker

    @Test(arguments: [("2026-08-25", false), ("2026-08-24", true), ("2026-11-23", false)])
    func decisionMakerMetWithinRouteDays(lastMet: String, trips: Bool) {
        var c = HealthCase()
        c.persons = [HealthCase.person(1, "王总", level: .decisionMaker, lastMet: lastMet)]
        #expect(c.rules.contains(.noRouteToDecisionMaker) == trips, "route-days 90, last met \(lastMet)")
    }

    @Test func theTeamsRouteDaysMoveTheEdge() {
        var c = HealthCase()
        c.persons = [HealthCase.person(1, "王总", level: .decisionMaker, lastMet: "2026-10-24")]  // 30 days ago
        c.settings.routeDays = 30
        #expect(!c.rules.contains(.noRouteToDecisionMaker))
        c.settings.routeDays = 29
        #expect(c.rules.contains(.noRouteToDecisionMaker))
        #expect(c.detail(.noRouteToDecisionMaker)?.en == "A decision-maker last met 30 days ago (more than 29); no coach or supporter reaches one")
    }

    @Test func aCoachOrSupporterWhoReachesTheDecisionMakerIsARoute() {
        let boss = HealthCase.person(1, "王总", level: .decisionMaker, lastMet: "2026-01-05")
        var c = HealthCase()
        c.persons = [boss, HealthCase.person(2, "张工", stance: .supporter, reportsTo: 1)]
        #expect(!c.rules.contains(.noRouteToDecisionMaker), "a supporter reporting to the decision-maker")
        c.persons = [boss, HealthCase.person(2, "张工", coach: true, reportsTo: 5), HealthCase.person(5, "赵处", reportsTo: 1)]
        #expect(!c.rules.contains(.noRouteToDecisionMaker), "the coach two steps below")
        c.persons = [boss, HealthCase.person(2, "张工", stance: .opponent, reportsTo: 1)]
        #expect(c.rules.contains(.noRouteToDecisionMaker), "an opponent is no route")
        c.persons = [boss, HealthCase.person(2, "张工", coach: true)]
        #expect(c.rules.contains(.noRouteToDecisionMaker), "a coach in no tree with the decision-maker")
        c.persons = [HealthCase.person(1, "王总", level: .decisionMaker, stance: .supporter, lastMet: "2026-01-05")]
        #expect(!c.rules.contains(.noRouteToDecisionMaker), "the decision-maker supports us")
        c.persons = [HealthCase.person(1, "王总", roles: [.decisionMaker], lastMet: "2026-01-05"),
                     HealthCase.person(2, "张工", stance: .supporter, reportsTo: 1)]
        #expect(!c.rules.contains(.noRouteToDecisionMaker), "a decision-maker by role")
    }

    @Test func noDecisionMakerOrNeverMetSaysSo() {
        var c = HealthCase()
        c.persons = [HealthCase.person(2, "张工", stance: .supporter)]
        #expect(c.detail(.noRouteToDecisionMaker)?.en == "No decision-maker mapped, and so no route to one")
        c.persons = []
        #expect(c.rules.contains(.noRouteToDecisionMaker))
        c.persons = [HealthCase.person(1, "王总", level: .decisionMaker)]
        #expect(c.detail(.noRouteToDecisionMaker)?.zh == "从未见过决策者，也没有内线或支持者能影响决策者")
    }

    // MARK: key person cold

    @Test(arguments: [("2026-09-24", false), ("2026-09-23", true), (nil, true)] as [(String?, Bool)])
    func coachMetWithinColdDays(lastMet: String?, cold: Bool) {
        var c = HealthCase()
        c.persons = [HealthCase.person(1, "王总", level: .decisionMaker, lastMet: "2026-11-20"),
                     HealthCase.person(2, "张工", coach: true, reportsTo: 1, lastMet: lastMet)]
        #expect(c.rules.contains(.keyPersonCold) == cold, "cold-days 60, coach last met \(lastMet ?? "never")")
        if cold {
            #expect(c.detail(.keyPersonCold)?.en == (lastMet == nil ? "张工 never met" : "张工 not met for 61 days (more than 60)"))
        }
    }

    @Test func onlyDecisionMakersAndTheCoachCount() {
        var c = HealthCase()
        c.persons.append(HealthCase.person(4, "刘师傅", level: .operator_, roles: [.user]))  // never met, but neither
        #expect(c.warnings.isEmpty)
        c.persons = [HealthCase.person(4, "刘师傅", level: .operator_)]
        #expect(!c.rules.contains(.keyPersonCold), "no decision-maker and no coach: nobody to go cold")
    }

    @Test func theColdestIsNamedNeverMetFirst() {
        var c = HealthCase()
        c.persons = [HealthCase.person(1, "王总", level: .decisionMaker, lastMet: "2026-05-01"),
                     HealthCase.person(2, "陈总", level: .decisionMaker),
                     HealthCase.person(3, "张工", coach: true, reportsTo: 1, lastMet: "2026-11-01")]
        #expect(c.detail(.keyPersonCold)?.en == "陈总 never met")
        c.persons[1].lastMet = Fixture.day("2026-11-01")
        #expect(c.detail(.keyPersonCold)?.en == "王总 not met for 206 days (more than 60)")
    }

    // MARK: #6 budget unknown

    @Test(arguments: [("develop", false), ("entry", true), ("proposal", true), ("implementation", true)])
    func budgetFromEntry(stage: String, trips: Bool) {
        var c = HealthCase(stage: stage)
        c.deal.budgetKnown = false
        #expect(c.rules.contains(.budgetUnknown) == trips, "\(stage)")
        c.deal.budgetKnown = true
        #expect(!c.rules.contains(.budgetUnknown))
    }

    @Test func theTeamMovesOrSwitchesOffTheBudgetStage() {
        var c = HealthCase(stage: "entry")
        c.deal.budgetKnown = false
        c.settings.stageOverrides = ["project": [.budget: "proposal"]]
        #expect(!c.rules.contains(.budgetUnknown))
        c.deal.stageKey = "proposal"
        #expect(c.detail(.budgetUnknown) == LocalizedText(en: "Budget unknown in Proposal (expected from Proposal)",
                                                           zh: "已到提案阶段，预算仍不明确（应自提案起明确）"))
        c.settings.stageOverrides = ["project": [.budget: nil]]
        #expect(!c.rules.contains(.budgetUnknown), "switched off for the process")
    }

    // MARK: #3 needs not recorded

    @Test(arguments: [("entry", false), ("proposal", true), ("negotiation", true)])
    func needsFromProposal(stage: String, trips: Bool) {
        var c = HealthCase(stage: stage)
        c.deal.needs = []
        #expect(c.rules.contains(.needsNotRecorded) == trips, "\(stage)")
        c.deal.needs = [CustomerNeed(text: "Chinese operating manual", statedBy: nil)]
        #expect(!c.rules.contains(.needsNotRecorded), "a need with nobody named still counts")
        c.deal.needs = [CustomerNeed(text: "  ")]
        #expect(c.rules.contains(.needsNotRecorded) == trips, "a blank need says nothing")
    }

    // MARK: #4 price too early

    @Test(arguments: [("develop", true), ("proposal", true), ("bid", false), ("negotiation", false)])
    func quoteBeforeBid(stage: String, trips: Bool) {
        var c = HealthCase(stage: stage)
        c.log(.quote, "2026-11-10")
        #expect(c.rules.contains(.priceTooEarly) == trips, "\(stage)")
    }

    @Test func onlyThisDealsQuotesCount() {
        var c = HealthCase(stage: "proposal")
        c.log(.quote, "2026-11-10", onDeal: false)
        c.log(.bid, "2026-11-11")
        #expect(c.warnings.isEmpty)
        c.log(.quote, "2026-11-12")
        c.log(.quote, "2026-11-05")
        #expect(c.detail(.priceTooEarly) == LocalizedText(en: "Quote on 2026-11-05 while in Proposal; pricing is Bid",
                                                           zh: "2026-11-05 已报价，但商机仍在提案阶段；报价应在投标阶段"))
    }

    @Test func theTeamsPricingStage() {
        var c = HealthCase(stage: "bid")
        c.log(.quote, "2026-11-10")
        c.settings.stageOverrides = ["project": [.pricing: "negotiation"]]
        #expect(c.rules == [.priceTooEarly])
    }

    // MARK: #2 pitched before discovery

    @Test(arguments: [
        (["demo 2026-11-10"], true),
        (["discovery 2026-11-10", "demo 2026-11-10"], false),  // the same day: benefit of the doubt
        (["discovery 2026-11-09", "demo 2026-11-10"], false),
        (["demo 2026-11-10", "discovery 2026-11-11"], true),
        (["demo 2026-11-10", "discovery 2026-11-11", "demo 2026-11-12"], false),  // presented again to what was heard
        (["discovery 2026-11-11"], false),
    ])
    func demoAndDiscovery(log: [String], trips: Bool) {
        var c = HealthCase()
        for entry in log {
            let parts = entry.split(separator: " ").map(String.init)
            c.log(ActivityKind(rawValue: parts[0]) ?? .other, parts[1])
        }
        #expect(c.rules.contains(.pitchedBeforeDiscovery) == trips, "\(log)")
    }

    @Test func pitchDetails() {
        var c = HealthCase()
        c.log(.demo, "2026-11-10")
        c.log(.demo, "2026-11-02", onDeal: false)
        #expect(c.detail(.pitchedBeforeDiscovery)?.en == "Demo on 2026-11-10 with no needs discovery logged")
        c.log(.discovery, "2026-11-12")
        #expect(c.detail(.pitchedBeforeDiscovery)?.zh == "2026-11-10 的演示早于首次需求调研（2026-11-12）")
        var account = HealthCase()
        account.log(.demo, "2026-11-10", onDeal: false)
        #expect(account.warnings.isEmpty, "a demo logged on the account, not the deal")
    }
}
