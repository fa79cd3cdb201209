import Foundation
@testable import CloserCore

/// A deal, its account's persons and activities for the health rules, on the fixed day 2026-11-23.
struct HealthCase {
    var deal: Deal
    var persons: [Person] = []
    var activities: [Activity] = []
    var settings = HealthSettings.defaults
    var process: ProcessTemplate? = BuiltInProcesses.project
    var today = Fixture.today

    /// A healthy open project deal in `stage`: next step due tomorrow, budget known, a need recorded,
    /// a decision-maker met today who is also our coach.
    init(stage: String = "entry") {
        deal = Deal(id: 7, accountID: 3, title: "DCS upgrade", processKey: "project", stageKey: stage,
                    amount: Money(minorUnits: 5_000_000), nextStep: "Site survey", nextStepDue: Fixture.day("2026-11-24"),
                    budgetKnown: true, needs: [CustomerNeed(text: "Cut unplanned downtime", statedBy: 1)], owner: "alice")
        persons = [HealthCase.person(1, "王总", level: .decisionMaker, coach: true, lastMet: "2026-11-23")]
    }

    static func person(_ id: Int64, _ name: String, level: PersonLevel = .manager, roles: Set<PersonRole> = [], stance: Stance = .neutral,
                       coach: Bool = false, reportsTo: Int64? = nil, lastMet: String? = nil) -> Person {
        Person(id: id, accountID: 3, name: name, level: level, roles: roles, stance: stance, isInsideCoach: coach, reportsTo: reportsTo,
               lastMet: lastMet.map(Fixture.day))
    }

    mutating func log(_ kind: ActivityKind, _ day: String, onDeal: Bool = true) {
        activities.append(Activity(id: Int64(activities.count + 1), accountID: 3, dealID: onDeal ? deal.id : nil, kind: kind, day: Fixture.day(day)))
    }

    var warnings: [HealthWarning] {
        DealHealth.warnings(deal, process: process, persons: persons, activities: activities, settings: settings, today: today)
    }

    var rules: [HealthRule] { warnings.map(\.rule) }

    func detail(_ rule: HealthRule) -> LocalizedText? { warnings.first { $0.rule == rule }?.detail }
}
