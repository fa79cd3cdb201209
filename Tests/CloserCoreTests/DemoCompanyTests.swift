import Foundation
import Testing
@testable import CloserCore

private let today = Day(year: 2025, month: 6, day: 18)!
private let demo = DemoCompany.generate(seed: 1, today: today)

private func evidenceByAccount(_ snapshot: Snapshot) -> [Int64: DealEvidence] {
    Dictionary(grouping: snapshot.persons, by: \.accountID).mapValues { DealEvidence(persons: $0) }
}

private func process(_ key: String) -> ProcessTemplate { BuiltInProcesses.all.first { $0.key == key }! }

/// Checks that hold in both modes: ids, references, gates, times.
private func checkConsistency(_ snapshot: Snapshot) {
    #expect(snapshot.accounts.map(\.id) == (1...Int64(snapshot.accounts.count)).map { $0 })
    #expect(snapshot.persons.map(\.id) == (1...Int64(snapshot.persons.count)).map { $0 })
    #expect(snapshot.deals.map(\.id) == (1...Int64(snapshot.deals.count)).map { $0 })
    #expect(snapshot.activities.map(\.id) == (1...Int64(snapshot.activities.count)).map { $0 })
    #expect(snapshot.events.map(\.id) == (1...Int64(snapshot.events.count)).map { $0 })

    let userNames = Set(snapshot.users.map(\.name))
    let personByID = Dictionary(uniqueKeysWithValues: snapshot.persons.map { ($0.id, $0) })
    let accountIDs = Set(snapshot.accounts.map(\.id))
    for account in snapshot.accounts {
        #expect(Quadrant.scoreRange.contains(account.assistance) && Quadrant.scoreRange.contains(account.loyalty))
        if let owner = account.owner { #expect(userNames.contains(owner)) } else { #expect(account.visibility == .pool) }
    }

    // Reports-to stays inside the account and never loops.
    for person in snapshot.persons {
        #expect(accountIDs.contains(person.accountID))
        #expect((0...100).contains(person.influence))
        var seen: Set<Int64> = [person.id]
        var cursor = person.reportsTo
        while let boss = cursor {
            guard let manager = personByID[boss] else { Issue.record("person \(person.id) reports to missing \(boss)"); break }
            #expect(manager.accountID == person.accountID, "person \(person.id) reports across accounts")
            guard seen.insert(boss).inserted else { Issue.record("reports-to cycle at person \(person.id)"); break }
            cursor = manager.reportsTo
        }
    }

    let evidence = evidenceByAccount(snapshot)
    let dealByID = Dictionary(uniqueKeysWithValues: snapshot.deals.map { ($0.id, $0) })
    for deal in snapshot.deals {
        #expect(accountIDs.contains(deal.accountID), "deal \(deal.id) has no account")
        #expect(userNames.contains(deal.owner))
        let template = process(deal.processKey)
        guard let k = template.stageIndex(deal.stageKey) else { Issue.record("deal \(deal.id) stage"); continue }
        let proof = evidence[deal.accountID] ?? DealEvidence()
        // Every milestone of every earlier stage is met, or was forced (and carries an override).
        for stage in template.stages[..<k] {
            for milestone in stage.milestones {
                let status = deal.status(of: milestone, in: stage, evidence: proof)
                #expect(status != .open, "deal \(deal.id) passed \(milestone.key) without meeting or forcing it")
            }
        }
        if !deal.overrides.isEmpty {
            #expect(DealRules.isAtRisk(deal, process: template, evidence: proof), "forced deal \(deal.id) is not at risk")
            for override in deal.overrides {
                #expect(!override.reason.isEmpty && override.by == deal.owner)
                #expect((template.stageIndex(override.stageKey) ?? k) < k)
            }
        }
        if deal.outcome.isClosed {
            #expect(deal.closedOn != nil && deal.closedOn! <= today)
        } else {
            #expect(deal.closedOn == nil)
        }
        if deal.outcome == .lost || deal.outcome == .withdrawn { #expect(!deal.outcomeReason.isEmpty) }
        // An overdue step fell due while the deal sat in its current stage.
        if deal.outcome == .open, let due = deal.nextStepDue, due < today {
            #expect(due > Day(deal.stageEnteredAt, timeZone: TimeZone(identifier: "UTC")!), "deal \(deal.id) step due before its stage")
        }
        #expect(deal.createdAt <= deal.stageEnteredAt && deal.stageEnteredAt <= deal.updatedAt)
    }

    let window = today.adding(days: -DemoCompany.historyDays)
    for activity in snapshot.activities {
        guard let dealID = activity.dealID, let deal = dealByID[dealID] else { Issue.record("activity \(activity.id) deal"); continue }
        #expect(activity.accountID == deal.accountID)
        #expect(activity.by == deal.owner)
        #expect(activity.day >= window && activity.day <= today, "activity \(activity.id) on \(activity.day)")
        #expect(activity.day >= Day(deal.createdAt, timeZone: TimeZone(identifier: "UTC")!))
        #expect(!activity.personIDs.isEmpty)
        for personID in activity.personIDs { #expect(personByID[personID]?.accountID == activity.accountID) }
    }

    // Events: ascending in time, inside the window, one "created" per deal before anything else on it.
    let windowStart = Date(timeIntervalSince1970: TimeInterval(window.ordinal * 86_400))
    let tomorrow = Date(timeIntervalSince1970: TimeInterval((today.ordinal + 1) * 86_400))
    #expect(zip(snapshot.events, snapshot.events.dropFirst()).allSatisfy { $0.at <= $1.at })
    #expect(snapshot.events.allSatisfy { $0.at >= windowStart && $0.at < tomorrow })
    var firstAction: [Int64: String] = [:]
    for event in snapshot.events where event.entity == "deal" && firstAction[event.entityID] == nil {
        firstAction[event.entityID] = event.action
    }
    #expect(firstAction.count == snapshot.deals.count)
    #expect(firstAction.values.allSatisfy { $0 == "created" })
}

@Test func demoIsDeterministic() {
    let again = DemoCompany.generate(seed: 1, today: today)
    #expect(again == demo)
    let other = DemoCompany.generate(seed: 2, today: today)
    #expect(other != demo)
    #expect(other.deals.map(\.title) != demo.deals.map(\.title))
    let later = DemoCompany.generate(seed: 1, today: today.adding(days: 7))
    #expect(later.deals.first?.createdAt != demo.deals.first?.createdAt)
}

@Test func demoCounts() {
    #expect(demo.users.filter { $0.role == .rep }.count == 6)
    #expect((1...2).contains(demo.users.filter { $0.role == .manager }.count))
    #expect(demo.users.contains { $0.name == "demo" })
    #expect((35...45).contains(demo.accounts.count))
    #expect((200...300).contains(demo.persons.count))
    #expect(demo.deals.count == 150 + DemoBuilder.healthShowcaseDeals)
    #expect((550...950).contains(demo.activities.count), "\(demo.activities.count) activities")
    #expect(demo.events.count > 600, "\(demo.events.count) events")
}

@Test func demoIsConsistent() { checkConsistency(demo) }

@Test(arguments: [2, 3, 42] as [UInt64])
func otherSeedsAreConsistent(seed: UInt64) {
    let snapshot = DemoCompany.generate(seed: seed, today: today, user: "sun.hao")
    checkConsistency(snapshot)
    #expect(snapshot.users.count == 7, "an existing login is not added twice")
    #expect(snapshot.deals.contains { !$0.overrides.isEmpty })
}

@Test func demoAccountsCoverTheGrid() {
    #expect(Set(demo.accounts.map(\.grade)) == Set(Grade.allCases))
    #expect(Set(demo.accounts.map(\.quadrant)) == Set(Quadrant.allCases))
    #expect(Set(demo.accounts.map(\.region)).isSuperset(of: ["华东", "华北", "华南", "西南", "东北", "海外"]))
    #expect(Set(demo.accounts.map(\.businessNature)) == ["国企", "民企", "外资"])
    for visibility in Visibility.allCases { #expect(demo.accounts.contains { $0.visibility == visibility }, "\(visibility)") }
    #expect(demo.accounts.filter { $0.owner == nil }.count >= 3)
    #expect(demo.accounts.contains { $0.tags.contains("迎春花") })
    #expect(demo.accounts.contains { $0.tags.contains("腊梅花") })
    // Polyphonic characters for the pinyin search.
    for character in ["长", "重", "行", "乐"] { #expect(demo.accounts.contains { $0.name.contains(character) }, "\(character)") }
    #expect(demo.deals.contains { $0.amount.currency == "EUR" } && demo.deals.contains { $0.amount.currency == "USD" })
    #expect(demo.deals.filter { $0.amount.currency == "CNY" }.allSatisfy {
        (10_000 * 100...40_000_000 * 100).contains($0.amount.minorUnits)
    })
}

@Test func demoBuyingOrganisations() {
    let evidence = evidenceByAccount(demo)
    let withCoach = evidence.values.filter(\.hasInsideCoach).count
    #expect(withCoach >= demo.accounts.count * 3 / 10 && withCoach <= demo.accounts.count * 7 / 10)
    #expect(evidence.values.contains { !$0.hasDecisionMaker })
    #expect(evidence.values.contains { $0.hasInsideCoach && $0.hasDecisionMaker })
    #expect(Set(demo.persons.map(\.level)) == Set(PersonLevel.allCases))
    #expect(Set(demo.persons.map(\.stance)) == Set(Stance.allCases))
    #expect(demo.persons.contains { $0.roles.count > 1 })
    #expect(demo.persons.contains { !$0.notes.isEmpty })
    #expect(demo.persons.allSatisfy { $0.reportsTo != nil || $0.level != .operator_ })
    for person in demo.persons {
        if let met = person.lastMet { #expect(met <= today && met >= today.adding(days: -120)) }
    }
    // Decision-makers sit at the top of the tree.
    for person in demo.persons where person.title == "总经理" { #expect(person.reportsTo == nil) }
}

@Test func demoDealsUseEveryStageAndOutcome() {
    for template in BuiltInProcesses.all {
        for stage in template.stages {
            #expect(demo.deals.contains { $0.processKey == template.key && $0.stageKey == stage.key && $0.outcome == .open },
                    "no open deal in \(template.key)/\(stage.key)")
        }
    }
    let byProcess = Dictionary(grouping: demo.deals, by: \.processKey)
    #expect(byProcess["project"]!.count > byProcess["technical"]!.count)
    #expect(byProcess["project"]!.count > byProcess["transactional"]!.count)
    #expect(demo.deals.filter { $0.outcome == .won }.count >= 5)
    #expect(demo.deals.filter { $0.outcome == .lost }.count >= 5)
    #expect(demo.deals.filter { $0.outcome == .withdrawn }.count >= 2)
    #expect(demo.deals.contains { $0.outcome == .withdrawn && $0.outcomeReason == "招标条件对我方不利" }
        || demo.deals.filter { $0.outcome == .withdrawn }.allSatisfy { !$0.outcomeReason.isEmpty })
    #expect(demo.deals.filter { !$0.overrides.isEmpty }.count >= 5)
    #expect(Set(demo.deals.map(\.forecastCategory)) == Set(ForecastCategory.allCases))
    #expect(demo.deals.contains(where: \.budgetKnown) && demo.deals.contains { !$0.budgetKnown })
    #expect(demo.deals.contains { !$0.competitors.isEmpty })
}

@Test func demoNextSteps() {
    let open = demo.deals.filter { $0.outcome == .open }
    let states = open.map { NextStepState(nextStep: $0.nextStep, due: $0.nextStepDue, today: today) }
    #expect(states.filter { $0 == .missing }.count >= 3)
    #expect(states.filter { if case .overdue = $0 { true } else { false } }.count >= 3)
    #expect(states.filter { if case .upcoming = $0 { true } else { false } }.count >= open.count / 2)
}

@Test func demoHistoryReplaysToTheDeals() {
    // Moves replayed from the event log end in each deal's stage; outcomes match.
    var stage: [Int64: String] = [:]
    var closeDates: [Int64: Int] = [:]
    var outcome: [Int64: String] = [:]
    var forced: [Int64: Int] = [:]
    for event in demo.events where event.entity == "deal" {
        switch event.action {
        case "created": stage[event.entityID] = event.changes["stage"]?.new
        case "moved", "forced":
            #expect(event.changes["stage"]?.old == stage[event.entityID], "event \(event.id)")
            stage[event.entityID] = event.changes["stage"]?.new
            if event.action == "forced" {
                #expect(!event.note.isEmpty)
                forced[event.entityID, default: 0] += 1
            }
        case "close-date": closeDates[event.entityID, default: 0] += 1
        case "won", "lost", "withdrawn": outcome[event.entityID] = event.action
        default: break
        }
    }
    for deal in demo.deals {
        #expect(stage[deal.id] == deal.stageKey, "deal \(deal.id)")
        #expect(outcome[deal.id] == (deal.outcome == .open ? nil : deal.outcome.rawValue))
        // Each forced move left at least one override behind, and overrides come only from forced moves.
        #expect(deal.overrides.count >= forced[deal.id, default: 0], "deal \(deal.id) forced without an override")
        #expect(deal.overrides.isEmpty == (forced[deal.id] == nil), "deal \(deal.id)")
    }
    #expect(closeDates.values.filter { $0 >= 2 }.count >= 3, "deals pushed more than once")
    let lastWeek = Date(timeIntervalSince1970: TimeInterval(today.adding(days: -7).ordinal * 86_400))
    let recent = demo.events.filter { $0.at >= lastWeek }
    for action in ["created", "moved", "milestone", "next-step"] {
        #expect(recent.contains { $0.action == action }, "nothing \(action) last week")
    }
    #expect(demo.events.contains { $0.entity == "account" && $0.action == "scores" && $0.changes["quadrant"] != nil })
    #expect(demo.events.contains { $0.entity == "account" && $0.action == "created" })
    #expect(demo.events.contains { $0.entity == "person" && $0.action == "created" })
}

@Test func scaleMode() {
    let n = 500
    let snapshot = DemoCompany.generate(seed: 7, scale: n, today: today)
    #expect(snapshot.deals.count == n)
    #expect(snapshot.accounts.count == n / 5)
    #expect(snapshot.persons.count == n)
    #expect(snapshot.activities.count == 10 * n)
    // Milestones are sparse at scale, but every stage move is logged: each deal's moves chain from
    // the stage it was created in, so the weekly review's conversions read true.
    #expect(snapshot.events.count >= n && snapshot.events.count <= 5 * n)
    var stageOf: [Int64: String] = [:]
    var broken = 0
    for event in snapshot.events.sorted(by: { ($0.at, $0.id) < ($1.at, $1.id) }) where event.entity == "deal" {
        guard let change = event.changes["stage"] else { continue }
        if event.action != "created", change.old != stageOf[event.entityID] { broken += 1 }
        stageOf[event.entityID] = change.new
    }
    #expect(broken == 0, "moves that do not start where the deal stood")
    #expect(snapshot.deals.allSatisfy { stageOf[$0.id] == $0.stageKey }, "a deal's last logged stage is its stage")
    #expect(Set(snapshot.accounts.map(\.name)).count == snapshot.accounts.count, "account names repeat")
    checkConsistency(snapshot)
    for template in BuiltInProcesses.all {
        for stage in template.stages { #expect(snapshot.deals.contains { $0.stageKey == stage.key && $0.processKey == template.key }) }
    }
    #expect(snapshot.deals.contains { !$0.overrides.isEmpty })
    #expect(snapshot == DemoCompany.generate(seed: 7, scale: n, today: today))
}

@Test func demoShowsTheHealthRules() {
    let catalog = ProcessCatalog()
    let persons = Dictionary(grouping: demo.persons, by: \.accountID)
    let activities = Dictionary(grouping: demo.activities, by: { $0.dealID ?? 0 })
    let warnings = demo.deals.filter { $0.outcome == .open }.map { deal in
        (deal, DealHealth.warnings(deal, process: catalog.process(deal.processKey), persons: persons[deal.accountID] ?? [],
                                   activities: activities[deal.id] ?? [], today: today))
    }
    let everything = warnings.filter { $0.1.map(\.rule) == HealthRule.allCases }
    #expect(everything.map(\.0.title) == ["东海化工 DCS 改造"], "one deal trips every provable rule")
    let showcase = Set(demo.accounts.filter { $0.tags.contains("健康示范") }.map(\.id))
    let clean = warnings.filter { showcase.contains($0.0.accountID) && $0.1.isEmpty }.map(\.0.title)
    #expect(clean == ["江南精密 在线监测系统", "江南精密 备品备件"], "and two trip none")
    for rule in HealthRule.allCases {
        #expect(warnings.filter { !showcase.contains($0.0.accountID) }.contains { $0.1.contains { $0.rule == rule } } || rule == .priceTooEarly,
                "the rest of the company trips \(rule) too")
    }
    #expect(Set(demo.accounts.compactMap(\.maturity)) == Set(BuyerMaturity.allCases))
    #expect(demo.accounts.contains { $0.maturity == nil }, "some accounts are not judged yet")
}
