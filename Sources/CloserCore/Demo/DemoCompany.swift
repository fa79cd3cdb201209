import Foundation

/// A seeded, deterministic demo company: users, accounts, key persons, deals walked through their
/// processes by the real gate rules, activities and twelve weeks of event history.
///
/// `scale: nil` gives the curated demo (about 40 accounts, 250 persons, 150 deals); `scale: N` gives
/// N deals, N/5 accounts, 5 persons per account and 10·N activities of the same shape, for benchmarks.
/// Same seed, scale and `today` give an identical snapshot. Times are derived from `today` in UTC.
public enum DemoCompany {
    /// History, activities and events reach this many days back from `today` (twelve weeks).
    public static let historyDays = 84

    /// `now`, when given, is the moment the company is made: no event is logged after it (a real
    /// change made later that day must sort after the demo's history, never before it).
    public static func generate(seed: UInt64 = 1, scale: Int? = nil, today: Day, user: String = "demo", now: Date? = nil) -> Snapshot {
        var builder = DemoBuilder(seed: seed, scale: scale, today: today, user: user)
        builder.latestSecond = now.map { Int($0.timeIntervalSince1970.rounded(.down)) - 1 } ?? .max
        return builder.build()
    }
}

/// Works through the company entity by entity; ids are array positions + 1.
struct DemoBuilder {
    var rng: SeededGenerator
    let today: Day
    let todayOrdinal: Int
    let user: String
    let scaleCount: Int?
    /// No event is later than this (the moment the demo is made).
    var latestSecond = Int.max
    var isScale: Bool { scaleCount != nil }

    var users: [User] = []
    var accounts: [Account] = []
    var info: [AccountInfo] = []
    var persons: [Person] = []
    var personLastMet: [Int] = []
    var deals: [Deal] = []
    var activities: [Activity] = []
    var pendingEvents: [ChangeEvent] = []
    var eventKeys: [(at: Int, seq: Int)] = []

    /// What the generator needs to know about an account beyond the Account row.
    struct AccountInfo {
        var short: String
        var domain: String
        var currency: String
        var foreign: Bool
        var firstPerson: Int  // index into persons
        var personCount: Int
        var decisionLocal: [Int]  // local indices of decision-makers
        var otherLocal: [Int]
        var evidence: DealEvidence
        var isNew: Bool
        var earliestDeal: Int = Int.max  // day ordinal
    }

    init(seed: UInt64, scale: Int?, today: Day, user: String) {
        // Mix the seed so seeds 1, 2, 3 … start far apart.
        rng = SeededGenerator(seed: seed &* 0x2545_F491_4F6C_DD1D ^ 0x5DEE_CE66_D1CE_4E5B)
        self.today = today
        todayOrdinal = today.ordinal
        self.user = user
        scaleCount = scale.map { max(0, $0) }
    }

    mutating func build() -> Snapshot {
        makeUsers()
        let accountCount = scaleCount.map { max(1, $0 / 5) } ?? DemoData.accounts.count
        accounts.reserveCapacity(accountCount)
        info.reserveCapacity(accountCount)
        for index in 0..<accountCount { makeAccount(index) }
        let dealCount = scaleCount ?? 150
        makeDeals(dealCount)
        finishAccounts()
        finishPersons()
        makeHealthData()
        return Snapshot(users: users, processes: [], accounts: accounts, persons: persons, deals: deals,
                        activities: activities, events: orderedEvents(), team: teamSettings())
    }

    // MARK: Time

    /// Seconds since 1970 for a day and a slot in it: 08:00 UTC plus ten minutes a slot.
    @inline(__always)
    func moment(_ dayOrdinal: Int, slot: Int) -> Int { dayOrdinal * 86_400 + 8 * 3_600 + slot * 600 }

    @inline(__always)
    func date(_ seconds: Int) -> Date { Date(timeIntervalSince1970: TimeInterval(seconds)) }

    mutating func emit(_ seconds: Int, user: String, entity: String, id: Int64, action: String,
                       changes: [String: FieldChange] = [:], note: String = "") {
        let seconds = min(seconds, latestSecond)
        eventKeys.append((seconds, pendingEvents.count))
        pendingEvents.append(ChangeEvent(at: date(seconds), user: user, entity: entity, entityID: id, action: action,
                                         changes: changes, note: note))
    }

    /// Events sorted by time (ties in the order they were made), ids 1-based, each with the
    /// account it hangs from, as a store logs them: left to the store, placing a million rows
    /// by their entities took seconds of a load.
    mutating func orderedEvents() -> [ChangeEvent] {
        eventKeys.sort { $0.at != $1.at ? $0.at < $1.at : $0.seq < $1.seq }
        let dealAccounts = Dictionary(deals.map { ($0.id, $0.accountID) }, uniquingKeysWith: { first, _ in first })
        let personAccounts = Dictionary(persons.map { ($0.id, $0.accountID) }, uniquingKeysWith: { first, _ in first })
        var result: [ChangeEvent] = []
        result.reserveCapacity(eventKeys.count)
        for (position, key) in eventKeys.enumerated() {
            var event = pendingEvents[key.seq]
            event.id = Int64(position + 1)
            switch event.entity {
            case "account": event.accountID = event.entityID
            case "deal": event.accountID = dealAccounts[event.entityID]
            case "person": event.accountID = personAccounts[event.entityID]
            default: break
            }
            result.append(event)
        }
        pendingEvents = []
        return result
    }

    // MARK: Users

    mutating func makeUsers() {
        for rep in DemoData.reps { users.append(User(name: rep.login, role: .rep, displayName: rep.displayName)) }
        users.append(User(name: DemoData.manager.login, role: .manager, displayName: DemoData.manager.displayName))
        if !user.isEmpty, !users.contains(where: { $0.name == user }) {
            users.append(User(name: user, role: .manager, displayName: "演示用户"))
        }
    }

    func reps(in region: String) -> [String] {
        DemoData.reps.filter { $0.regions.contains(region) }.map(\.login)
    }

    // MARK: Accounts and their buying organisations

    mutating func makeAccount(_ index: Int) {
        let id = Int64(index + 1)
        var name: String, short: String, industry: String, region: String, nature: String, scale: String
        var domain: String, currency = "CNY", foreign = false
        if isScale {
            if index % 40 == 39 {
                let core = DemoData.foreignCores[rng.below(DemoData.foreignCores.count)]
                let site = DemoData.foreignSites[(index / 40) % DemoData.foreignSites.count]
                name = core.name + " " + site + " " + String(index / 400 + 1)
                short = core.name
                industry = "化工"; region = "海外"; nature = "外资"; scale = "特大型"
                domain = core.domain; currency = core.currency; foreign = true
            } else {
                // A mixed-radix walk through city × core × suffix, so names repeat only after all combinations.
                let cities = DemoData.cities, cores = DemoData.cores, suffixes = DemoData.suffixes
                let combos = cities.count * cores.count * suffixes.count
                let n = (index &* 7919) % combos
                let city = cities[n % cities.count]
                let core = cores[(n / cities.count) % cores.count]
                let suffix = suffixes[n / (cities.count * cores.count)]
                name = city.name + core.name + suffix.name
                let round = index / combos
                if round > 0 { name += "第" + String(round + 1) + "分公司" }
                short = city.name + core.name
                industry = suffix.industry; region = city.region; scale = suffix.scale
                nature = ["国企", "民企", "民企", "外资"][rng.below(4)]
                domain = core.pinyin + "-" + city.pinyin + ".com.cn"
            }
        } else {
            let seed = DemoData.accounts[index]
            name = seed.name; short = seed.short; industry = seed.industry; region = seed.region
            nature = seed.nature; scale = seed.scale; domain = seed.domain; currency = seed.currency; foreign = seed.foreign
        }

        let grade = Grade.allCases[rng.weighted([20, 30, 30, 20])]
        // Every quadrant in turn, so all four are always on the grid.
        let quadrant = index % 4
        let assistance = quadrant % 2 == 1 ? rng.int(6...10) : rng.int(1...5)
        let loyalty = quadrant >= 2 ? rng.int(6...10) : rng.int(1...5)

        var owner: String? = nil
        var visibility = Visibility.owned
        var sharedWith: [String] = []
        if index % 10 == 7 {
            visibility = .pool
        } else {
            let candidates = reps(in: region)
            let chosen = candidates.isEmpty ? DemoData.reps[rng.below(DemoData.reps.count)].login : candidates[rng.below(candidates.count)]
            owner = chosen
            if index % 10 == 3 {
                visibility = .shared
                var other = DemoData.reps[rng.below(DemoData.reps.count)].login
                if other == chosen { other = DemoData.reps[(DemoData.reps.firstIndex { $0.login == chosen }! + 1) % DemoData.reps.count].login }
                sharedWith = [other]
            } else if index % 13 == 5 {
                visibility = .exclusive
            } else if index % 17 == 11 {
                visibility = .protected
            }
        }
        var tags: [String] = []
        if index % 9 == 2 { tags.append("迎春花") }
        if index % 11 == 6 { tags.append("腊梅花") }
        if grade == .a && index % 3 == 0 { tags.append("重点客户") }

        let notes = rng.chance(30) ? DemoData.accountNotes[rng.below(DemoData.accountNotes.count)] : ""
        // A few accounts are new this quarter; their creation falls inside the history window.
        let isNew = !isScale && index % 10 == 9
        let createdDay = todayOrdinal - rng.int(150...1_500)
        let created = date(moment(createdDay, slot: rng.below(30)))

        accounts.append(Account(
            id: id, name: name, grade: grade, assistance: assistance, loyalty: loyalty, industry: industry, region: region,
            businessNature: nature, scale: scale, owner: owner, visibility: visibility, sharedWith: sharedWith, tags: tags,
            notes: notes, externalID: nil, version: 1, createdAt: created, updatedAt: created))

        // Some accounts deliberately lack a decision-maker (only managers and below are mapped) or a coach.
        let hasDecisionMaker = index % 6 != 4
        let hasCoach = (index * 7 + 3) % 10 < 5
        let count = isScale ? 5 : rng.int(3...9)
        makePersons(accountIndex: index, count: count, hasDecisionMaker: hasDecisionMaker, hasCoach: hasCoach,
                    domain: domain, foreign: foreign, created: created)
        let first = persons.count - count
        var decision: [Int] = [], other: [Int] = []
        for local in 0..<count {
            if persons[first + local].isDecisionMaker { decision.append(local) } else { other.append(local) }
        }
        let coach = persons[first..<persons.count].contains { $0.isInsideCoach }
        info.append(AccountInfo(short: short, domain: domain, currency: currency, foreign: foreign, firstPerson: first,
                                personCount: count, decisionLocal: decision, otherLocal: other,
                                evidence: DealEvidence(hasInsideCoach: coach, hasDecisionMaker: !decision.isEmpty),
                                isNew: isNew))
    }

    /// A tree: decision layer on top, managers under it, operators under the managers.
    mutating func makePersons(accountIndex: Int, count: Int, hasDecisionMaker: Bool, hasCoach: Bool, domain: String,
                              foreign: Bool, created: Date) {
        let accountID = Int64(accountIndex + 1)
        let base = persons.count
        let decisionCount = hasDecisionMaker ? (count >= 7 ? 3 : count >= 4 ? 2 : 1) : 0
        let managerCount = min(DemoData.managerPositions.count, max(1, (count - decisionCount + 1) / 2))
        let operatorCount = count - decisionCount - managerCount
        var positions: [DemoData.Position] = []
        var parents: [Int?] = []
        for d in 0..<decisionCount {
            positions.append(DemoData.decisionPositions[d])
            parents.append(d == 0 ? nil : 0)
        }
        // Managers report to the chief engineer (technical) or the deputy / general manager.
        let firstManager = rng.below(2)  // procurement or maintenance head comes first
        var managerIndices: [Int] = []
        for m in 0..<managerCount {
            let position = DemoData.managerPositions[(m + firstManager) % DemoData.managerPositions.count]
            managerIndices.append(positions.count)
            positions.append(position)
            if decisionCount == 0 {
                parents.append(nil)
            } else if position.function == .technical, decisionCount >= 2 {
                parents.append(1)
            } else {
                parents.append(decisionCount >= 3 ? 2 : 0)
            }
        }
        for o in 0..<max(0, operatorCount) {
            let position = DemoData.operatorPositions[rng.below(DemoData.operatorPositions.count)]
            positions.append(position)
            // Report to a manager of the same function when there is one.
            let same = managerIndices.first { positions[$0].function == position.function }
            parents.append(same ?? managerIndices[o % managerIndices.count])
        }
        // The coach sits below the decision layer.
        let coachLocal: Int? = hasCoach ? decisionCount + rng.below(count - decisionCount) : nil

        for local in 0..<count {
            let position = positions[local]
            let name: String, email: String
            if foreign {
                let first = DemoData.westernFirst[rng.below(DemoData.westernFirst.count)]
                let last = DemoData.westernLast[rng.below(DemoData.westernLast.count)]
                name = first + " " + last
                email = first.lowercased() + "." + last.lowercased() + "@" + domain
            } else {
                let surname = DemoData.surnames[rng.below(DemoData.surnames.count)]
                let given = DemoData.givenNames[rng.below(DemoData.givenNames.count)]
                name = surname.name + given.name
                email = given.pinyin + "." + surname.pinyin + "@" + domain
            }
            let phone = foreign ? "+1 713 555 " + String(1_000 + rng.below(9_000))
                : String(DemoData.mobilePrefixes[rng.below(DemoData.mobilePrefixes.count)] * 100_000_000 + rng.below(100_000_000))
            let influence: Int
            switch position.level {
            case .decisionMaker: influence = local == 0 ? rng.int(80...100) : rng.int(55...85)
            case .manager: influence = rng.int(30...70)
            case .operator_: influence = rng.int(0...30)
            }
            let isCoach = coachLocal == local
            let stance: Stance = isCoach ? .supporter : [.supporter, .neutral, .neutral, .opponent][rng.below(4)]
            let notes = (!isScale && rng.chance(12)) || isCoach && rng.chance(40)
                ? DemoData.personalNotes[rng.below(DemoData.personalNotes.count)] : ""
            persons.append(Person(
                id: Int64(base + local + 1), accountID: accountID, name: name, title: foreign ? position.en : position.zh,
                level: position.level, function: position.function, roles: position.roles, stance: stance,
                influence: influence, isInsideCoach: isCoach, reportsTo: parents[local].map { Int64(base + $0 + 1) },
                cares: position.cares, notes: notes, phone: phone, email: email, lastMet: nil, externalID: nil, version: 1,
                createdAt: created, updatedAt: created))
            personLastMet.append(Int.min)
        }
    }

    // MARK: Deals

    struct Plan {
        var process: Int
        var stage: Int
        var outcome: Outcome
        var force: Bool
    }

    /// Every stage of every process first (open), then a few fixed cases, then random ones; shuffled.
    mutating func plans(_ count: Int) -> [Plan] {
        var plans: [Plan] = []
        plans.reserveCapacity(count)
        for (p, process) in BuiltInProcesses.all.enumerated() {
            for s in process.stages.indices { plans.append(Plan(process: p, stage: s, outcome: .open, force: false)) }
        }
        plans += [Plan(process: 0, stage: 3, outcome: .withdrawn, force: false),
                  Plan(process: 0, stage: 2, outcome: .withdrawn, force: false),
                  Plan(process: 1, stage: 1, outcome: .withdrawn, force: false),
                  Plan(process: 0, stage: 2, outcome: .open, force: true),
                  Plan(process: 0, stage: 3, outcome: .open, force: true),
                  Plan(process: 0, stage: 4, outcome: .open, force: true),
                  Plan(process: 2, stage: 3, outcome: .open, force: true),
                  Plan(process: 0, stage: 5, outcome: .won, force: false),
                  Plan(process: 0, stage: 3, outcome: .lost, force: false)]
        if plans.count > count { plans.removeLast(plans.count - count) }
        while plans.count < count {
            let process = rng.weighted([60, 20, 20])
            let last = BuiltInProcesses.all[process].stages.count - 1
            let roll = rng.below(100)
            var plan: Plan
            if roll < 14 {
                plan = Plan(process: process, stage: rng.chance(60) ? last : last - 1, outcome: .won, force: false)
            } else if roll < 27 {
                plan = Plan(process: process, stage: rng.int(0...max(0, last - 2)), outcome: .lost, force: false)
            } else if roll < 30 && process != 2 {
                plan = Plan(process: process, stage: process == 0 ? rng.int(2...3) : rng.int(1...2), outcome: .withdrawn, force: false)
            } else {
                // A funnel: more deals early than late.
                let weights = process == 1 ? [24, 24, 22, 16, 14] : [22, 22, 20, 16, 12, 8]
                plan = Plan(process: process, stage: rng.weighted(weights), outcome: .open, force: false)
            }
            if plan.outcome != .won, plan.stage >= 1, rng.chance(12) { plan.force = true }
            plans.append(plan)
        }
        for i in stride(from: plans.count - 1, to: 0, by: -1) { plans.swapAt(i, rng.below(i + 1)) }
        return plans
    }

    mutating func makeDeals(_ count: Int) {
        // Deals go to held accounts, A-grade ones more often.
        var eligible: [Int] = []
        for (index, account) in accounts.enumerated() where account.owner != nil {
            let weight = switch account.grade { case .a: 4; case .b: 3; case .c: 2; case .d: 1 }
            for _ in 0..<weight { eligible.append(index) }
        }
        guard !eligible.isEmpty else { return }
        deals.reserveCapacity(count)
        activities.reserveCapacity(isScale ? count * 10 : count * 6)
        var offsets: [Int] = []
        offsets.reserveCapacity(8)
        var activityDays: [Int] = []
        activityDays.reserveCapacity(16)
        for (index, plan) in plans(count).enumerated() {
            makeDeal(index, plan: plan, accountIndex: eligible[rng.below(eligible.count)],
                     offsets: &offsets, activityDays: &activityDays)
        }
    }

    /// One deal's life, step by step in the order the random draws are made (the same seed
    /// makes the same company): opened, walked through its stages, its close date, next step and
    /// outcome, then its activities.
    mutating func makeDeal(_ index: Int, plan: Plan, accountIndex: Int, offsets: inout [Int], activityDays: inout [Int]) {
        var walk = openDeal(index, plan: plan, accountIndex: accountIndex, offsets: &offsets)
        walkStages(&walk, offsets: offsets)
        tickCurrentStage(&walk)
        setExpectedClose(&walk)
        setNextStep(&walk)
        closeDeal(&walk)
        walk.deal.updatedAt = date(walk.lastAt)
        deals.append(walk.deal)
        makeActivities(deal: walk.deal, plan: plan, accountIndex: accountIndex, createdDay: walk.createdDay, endDay: walk.endDay,
                       offsets: offsets, days: &activityDays)
    }

    /// A deal being made: what `openDeal` decided, and where the later steps stand.
    struct DealWalk {
        let id: Int64
        let index: Int
        let plan: Plan
        let process: ProcessTemplate
        let evidence: DealEvidence
        let owner: String
        /// The stage it ends in.
        let k: Int
        let createdDay: Int
        let closeDay: Int?
        let endDay: Int
        /// Stages whose gate the rep forced with a reason of their own.
        let forcedStages: [Int]
        /// Every event, or only those the weekly review reads (a scaled store).
        let full: Bool
        var deal: Deal
        var slot: Int
        var lastAt: Int
        /// The day it entered its current stage.
        var enteredDay: Int
        var closed: Bool { plan.outcome != .open }
        var stages: [StageTemplate] { process.stages }
    }

    /// The owner, the calendar (created `age` days ago, one transition day per stage passed,
    /// then the close), the gates to force, title, amount and competitors; logs the creation.
    mutating func openDeal(_ index: Int, plan: Plan, accountIndex: Int, offsets: inout [Int]) -> DealWalk {
        let id = Int64(index + 1)
        let process = BuiltInProcesses.all[plan.process]
        let stages = process.stages
        let account = accounts[accountIndex]
        let accountInfo = info[accountIndex]
        let evidence = accountInfo.evidence
        var owner = account.owner ?? DemoData.reps[0].login
        if let partner = account.sharedWith.first, rng.chance(30) { owner = partner }
        let k = plan.stage
        let closed = plan.outcome != .open

        let window = DemoCompany.historyDays
        let minimumAge = min(window, k * 5 + (closed ? 3 : 1))
        let age = minimumAge + rng.below(window - minimumAge + 1)
        let createdDay = todayOrdinal - age
        offsets.removeAll(keepingCapacity: true)
        for _ in 0..<(k + (closed ? 1 : 0)) { offsets.append(1 + rng.below(age)) }
        offsets.sort()
        let closeDay = closed ? createdDay + offsets[k] : nil
        let endDay = closeDay ?? todayOrdinal
        accountInfoEarliest(accountIndex, createdDay)

        let forcedStages = forcedGates(plan: plan, stages: stages, evidence: evidence)

        let title = accountInfo.short + DemoData.products[plan.process][rng.below(DemoData.products[plan.process].count)]
        let amount = makeAmount(process: plan.process, currency: accountInfo.currency)
        var competitors: [String] = []
        let competitorCount = rng.below(3)
        if competitorCount > 0 {
            let first = rng.below(DemoData.competitors.count)
            competitors.append(DemoData.competitors[first])
            if competitorCount > 1 { competitors.append(DemoData.competitors[(first + 1 + rng.below(DemoData.competitors.count - 1)) % DemoData.competitors.count]) }
        }

        // Slot 0 of a day is left to account creation, so a new account is always older than its deals.
        let slot = 1 + rng.below(6)
        let createdAt = moment(createdDay, slot: slot)
        let deal = Deal(
            id: id, accountID: account.id, title: title, processKey: process.key, stageKey: stages[0].key, amount: amount,
            budgetKnown: false, competitors: competitors, owner: owner, forecastCategory: .pipeline,
            stageEnteredAt: date(createdAt), version: 1, createdAt: date(createdAt), updatedAt: date(createdAt))
        emit(createdAt, user: owner, entity: "deal", id: id, action: "created",
             changes: ["stage": FieldChange(old: nil, new: stages[0].key)], note: title)
        return DealWalk(id: id, index: index, plan: plan, process: process, evidence: evidence, owner: owner, k: k,
                        createdDay: createdDay, closeDay: closeDay, endDay: endDay, forcedStages: forcedStages, full: !isScale,
                        deal: deal, slot: slot, lastAt: createdAt, enteredDay: createdDay)
    }

    /// Which gates are passed without their milestone. Entry's "coach and key persons" is proven
    /// from the org chart; where the chart lacks a coach or a decision-maker the rep forced the
    /// gate (with a reason of their own, or a stock one when walking the stages).
    mutating func forcedGates(plan: Plan, stages: [StageTemplate], evidence: DealEvidence) -> [Int] {
        let k = plan.stage
        var forcedStages: [Int] = []
        if plan.force, k >= 1 {
            let candidates = (0..<k).filter { s in
                stages[s].milestones.contains { m in !(m.proof.map(evidence.proves) ?? false) }
            }
            if !candidates.isEmpty { forcedStages.append(candidates[rng.below(candidates.count)]) }
        }
        for s in 0..<k where !forcedStages.contains(s) {
            if stages[s].milestones.contains(where: { $0.proof.map { !evidence.proves($0) } ?? false }),
               plan.outcome != .won, rng.chance(40) {
                forcedStages.append(s)
            }
        }
        return forcedStages
    }

    /// Walks the deal through its stages with the real gate rules, logging each tick and move.
    mutating func walkStages(_ walk: inout DealWalk, offsets: [Int]) {
        let stages = walk.stages, id = walk.id, owner = walk.owner
        var previousDay = walk.createdDay
        for s in 0..<walk.k {
            let day = walk.createdDay + offsets[s]
            walk.slot = day == previousDay ? walk.slot + 1 : rng.below(6)
            // A milestone the data proves is never ticked: without the data, the rep forced the gate.
            let unproven = stages[s].milestones.contains { $0.proof.map { !walk.evidence.proves($0) } ?? false }
            let forced = walk.forcedStages.contains(s) || unproven
            for (m, milestone) in stages[s].milestones.enumerated() {
                if milestone.proof != nil { continue }
                // A forced gate leaves its milestone (or, with two, the second) unmet.
                if forced && (stages[s].milestones.count == 1 || m > 0) { continue }
                walk.deal.milestonesDone.insert(milestone.key)
                let at = moment(day, slot: walk.slot)
                walk.slot += 1
                if walk.full {
                    emit(at, user: owner, entity: "deal", id: id, action: "milestone",
                         changes: ["milestone": FieldChange(old: nil, new: milestone.key)], note: milestone.name.zh)
                }
            }
            let at = moment(day, slot: walk.slot)
            walk.slot += 1
            let reasons = stages[s].milestones.contains { $0.proof != nil } ? DemoData.coachForceReasons : DemoData.forceReasons
            let reason = walk.forcedStages.contains(s) ? reasons[rng.below(reasons.count)]
                : unproven ? reasons[Int(id) % reasons.count] : nil
            let from = walk.deal.stageKey
            do {
                walk.deal = try DealRules.move(walk.deal, to: stages[s + 1].key, process: walk.process, evidence: walk.evidence,
                                               forceReason: reason, by: owner, at: date(at))
            } catch {
                assertionFailure("demo deal \(id) could not move: \(error)")
                break
            }
            // Every move is logged, at any scale: the weekly review's conversions and days in stage read them.
            emit(at, user: owner, entity: "deal", id: id, action: forced ? "forced" : "moved",
                 changes: ["stage": FieldChange(old: from, new: walk.deal.stageKey)], note: reason ?? "")
            walk.lastAt = at
            previousDay = day
        }
        walk.enteredDay = previousDay
    }

    /// The current stage's own milestones: done when won before the last stage, sometimes already met while open.
    mutating func tickCurrentStage(_ walk: inout DealWalk) {
        let plan = walk.plan, stages = walk.stages
        let current = stages[walk.k]
        let tickCurrent = plan.outcome == .won ? (walk.k < stages.count - 1 || rng.chance(50)) : (plan.outcome == .open && rng.chance(25))
        guard tickCurrent else { return }
        let day = walk.closeDay ?? (walk.enteredDay + rng.below(walk.endDay - walk.enteredDay + 1))
        for milestone in current.milestones where !(milestone.proof.map(walk.evidence.proves) ?? false) {
            walk.deal.milestonesDone.insert(milestone.key)
            let at = moment(day, slot: 20)
            if walk.full {
                emit(at, user: walk.owner, entity: "deal", id: walk.id, action: "milestone",
                     changes: ["milestone": FieldChange(old: nil, new: milestone.key)], note: milestone.name.zh)
            }
            walk.lastAt = max(walk.lastAt, at)
            if plan.outcome == .open { break }
        }
    }

    /// Whether the budget is known, the expected close, and how often it was pushed out.
    mutating func setExpectedClose(_ walk: inout DealWalk) {
        let probability = walk.stages[walk.k].probability
        walk.deal.budgetKnown = rng.chance(20 + probability * 3 / 4)
        if let closeDay = walk.closeDay {
            walk.deal.expectedClose = Day(ordinal: closeDay + rng.int(-10...20))
        } else {
            let horizon = walk.plan.process == 2 ? 60 : 200
            // A few open deals still carry a close date already past: the weekly review should catch them.
            walk.deal.expectedClose = Day(ordinal: rng.chance(6) ? todayOrdinal - rng.int(1...20) : todayOrdinal + rng.int(7...horizon))
        }
        let pushRoll = rng.below(100)
        let pushes = walk.closed ? (pushRoll < 10 ? 1 : 0) : (pushRoll < 8 ? rng.int(2...3) : pushRoll < 25 ? 1 : 0)
        guard pushes > 0, let finalClose = walk.deal.expectedClose else { return }
        let createdDay = walk.createdDay, endDay = walk.endDay
        var values = [finalClose.ordinal]
        for _ in 0..<pushes { values.append(values[values.count - 1] - rng.int(14...60)) }
        var pushDays: [Int] = []
        for _ in 0..<pushes { pushDays.append(createdDay + 1 + rng.below(max(1, endDay - createdDay))) }
        pushDays.sort()
        for p in 0..<pushes where walk.full || (walk.index % 2 == 1 && p == pushes - 1) {
            let at = moment(min(pushDays[p], endDay), slot: 24 + p)
            let old = Day(ordinal: values[pushes - p]), new = Day(ordinal: values[pushes - p - 1])
            emit(at, user: walk.owner, entity: "deal", id: walk.id, action: "close-date",
                 changes: ["expectedClose": FieldChange(old: old.description, new: new.description)])
            walk.lastAt = max(walk.lastAt, at)
        }
    }

    /// Next step (missing on some open deals, overdue on others) and the forecast category.
    mutating func setNextStep(_ walk: inout DealWalk) {
        let plan = walk.plan, k = walk.k, enteredDay = walk.enteredDay
        if !walk.closed {
            let roll = rng.below(100)
            if roll >= 12 {
                let options = DemoData.nextSteps[plan.process][k]
                walk.deal.nextStep = options[rng.below(options.count)]
                // Overdue only where the stage is old enough to have had a step fall due in it.
                let overdue = roll < 30 && enteredDay <= todayOrdinal - 2
                let due = overdue ? todayOrdinal - rng.int(1...min(20, todayOrdinal - enteredDay - 1))
                    : todayOrdinal + rng.int(0...21)
                walk.deal.nextStepDue = Day(ordinal: due)
                if walk.full {
                    // Set some day after the deal entered its stage, before it fell due.
                    let latest = max(enteredDay, min(todayOrdinal, due - 1))
                    let setDay = enteredDay + rng.below(latest - enteredDay + 1)
                    let at = moment(setDay, slot: 30 + rng.below(6))
                    emit(at, user: walk.owner, entity: "deal", id: walk.id, action: "next-step",
                         changes: ["nextStep": FieldChange(old: nil, new: walk.deal.nextStep),
                                   "nextStepDue": FieldChange(old: nil, new: walk.deal.nextStepDue?.description)])
                    walk.lastAt = max(walk.lastAt, at)
                }
            }
            let probability = walk.stages[k].probability
            if probability >= 60 {
                walk.deal.forecastCategory = rng.chance(50) ? .commit : .bestCase
            } else if probability >= 35 {
                walk.deal.forecastCategory = rng.chance(30) ? .bestCase : .pipeline
            }
        } else if plan.outcome == .won {
            walk.deal.forecastCategory = .commit
            if rng.chance(50) {
                walk.deal.nextStep = "回访客户，挖掘新需求"
                walk.deal.nextStepDue = Day(ordinal: todayOrdinal + rng.int(3...30))
            }
        }
    }

    /// The outcome of a closed deal, with its reason, logged on its close day.
    mutating func closeDeal(_ walk: inout DealWalk) {
        guard let closeDay = walk.closeDay else { return }
        let outcome = walk.plan.outcome
        let reason = switch outcome {
        case .won: DemoData.wonReasons[rng.below(DemoData.wonReasons.count)]
        case .lost: DemoData.lostReasons[rng.below(DemoData.lostReasons.count)]
        default: DemoData.withdrawnReasons[rng.below(DemoData.withdrawnReasons.count)]
        }
        do {
            walk.deal = try DealRules.close(walk.deal, as: outcome, reason: reason, on: Day(ordinal: closeDay))
            if outcome == .lost { Self.recordLoss(&walk.deal, reason: reason) }
        } catch {
            assertionFailure("demo deal \(walk.id) could not close: \(error)")
        }
        let at = moment(closeDay, slot: 36)
        emit(at, user: walk.owner, entity: "deal", id: walk.id, action: outcome.rawValue,
             changes: ["outcome": FieldChange(old: Outcome.open.rawValue, new: outcome.rawValue)], note: reason)
        walk.lastAt = max(walk.lastAt, at)
    }

    mutating func accountInfoEarliest(_ accountIndex: Int, _ day: Int) {
        if day < info[accountIndex].earliestDeal { info[accountIndex].earliestDeal = day }
    }

    /// Project deals from hundreds of thousands to tens of millions of yuan; technical smaller; transactional smallest.
    mutating func makeAmount(process: Int, currency: String) -> Money {
        let u = rng.below(1_000)
        let skew = u * u  // 0 … 998_001: most deals small, a few large
        var yuan: Int
        switch process {
        case 0: yuan = (30 + skew * 2_970 / 1_000_000) * 10_000  // 30万 … 3000万
        case 1: yuan = (20 + skew * 780 / 1_000_000) * 10_000  // 20万 … 800万
        default: yuan = (2 + skew * 78 / 1_000_000) * 10_000 + rng.below(10) * 1_000  // 2万 … 80万
        }
        if currency != "CNY" { yuan = yuan / 7 / 1_000 * 1_000 + 1_000 }
        return Money(minorUnits: Int64(yuan) * 100, currency: currency)
    }

    // MARK: Activities

    mutating func makeActivities(deal: Deal, plan: Plan, accountIndex: Int, createdDay: Int, endDay: Int, offsets: [Int],
                                 days: inout [Int]) {
        let count = isScale ? 10 : 2 + plan.stage + rng.below(3)
        days.removeAll(keepingCapacity: true)
        let span = endDay - createdDay
        for _ in 0..<count { days.append(createdDay + rng.below(span + 1)) }
        days.sort()
        let accountInfo = info[accountIndex]
        let kindsByStage = DemoData.stageKinds[plan.process]
        for day in days {
            // The stage the deal was in on that day.
            var stage = 0
            while stage < plan.stage, createdDay + offsets[stage] <= day { stage += 1 }
            let kinds = kindsByStage[min(stage, kindsByStage.count - 1)]
            let kind = kinds[rng.below(kinds.count)]
            // People met: mostly below the decision layer; decision-makers in about 5% of activities (002).
            var people: [Int64] = []
            let others = accountInfo.otherLocal, deciders = accountInfo.decisionLocal
            if !deciders.isEmpty, rng.chance(5) || others.isEmpty {
                people.append(Int64(accountInfo.firstPerson + deciders[rng.below(deciders.count)] + 1))
            }
            if !others.isEmpty {
                let first = others[rng.below(others.count)]
                people.append(Int64(accountInfo.firstPerson + first + 1))
                if others.count > 1, rng.chance(35) {
                    let second = others[rng.below(others.count)]
                    if second != first { people.append(Int64(accountInfo.firstPerson + second + 1)) }
                }
            }
            if kind != .email && kind != .bid {
                for personID in people where personLastMet[Int(personID - 1)] < day { personLastMet[Int(personID - 1)] = day }
            }
            let notes = DemoData.activityNotes(kind)
            activities.append(Activity(
                id: Int64(activities.count + 1), accountID: deal.accountID, dealID: deal.id, kind: kind, day: Day(ordinal: day),
                personIDs: people, notes: notes[rng.below(notes.count)],
                outcome: DemoData.outcomes[rng.below(DemoData.outcomes.count)], by: deal.owner,
                createdAt: date(day * 86_400 + 17 * 3_600)))
        }
    }

    // MARK: Finishing touches

    /// lastMet from the activities, or a meeting before the deals for people not in any activity.
    mutating func finishPersons() {
        for index in persons.indices {
            let met = personLastMet[index]
            if met != Int.min {
                persons[index].lastMet = Day(ordinal: met)
            } else if rng.chance(80) {
                let createdDay = Int((persons[index].createdAt.timeIntervalSince1970 / 86_400).rounded(.down))
                let earliest = max(todayOrdinal - 120, createdDay)
                persons[index].lastMet = Day(ordinal: earliest + rng.below(max(1, todayOrdinal - earliest + 1)))
            }
        }
    }

    /// New accounts (created inside the window, with their persons), and score changes that move quadrants.
    mutating func finishAccounts() {
        for index in accounts.indices {
            let owner = accounts[index].owner ?? DemoData.manager.login
            if info[index].isNew {
                let earliest = min(info[index].earliestDeal, todayOrdinal)
                let day = max(todayOrdinal - DemoCompany.historyDays, earliest - rng.int(1...5))
                let at = moment(day, slot: 0)
                accounts[index].createdAt = date(at)
                accounts[index].updatedAt = date(at)
                emit(at, user: owner, entity: "account", id: accounts[index].id, action: "created", note: accounts[index].name)
                let first = info[index].firstPerson
                for local in 0..<info[index].personCount {
                    persons[first + local].createdAt = date(at + 60 * (local + 1))
                    persons[first + local].updatedAt = date(at + 60 * (local + 1))
                    emit(at + 60 * (local + 1), user: owner, entity: "person", id: persons[first + local].id, action: "created",
                         note: persons[first + local].name)
                }
            }
            // Quadrant movement for every fifth account (every 50th at scale, to keep events bounded).
            if index % (isScale ? 50 : 5) == 1 {
                let account = accounts[index]
                let oldAssistance = max(1, account.assistance - rng.int(1...3))
                let oldLoyalty = max(1, account.loyalty - rng.int(0...2))
                let oldQuadrant = Quadrant(assistance: oldAssistance, loyalty: oldLoyalty)
                let day = max(Day(account.createdAt, timeZone: TimeZone(identifier: "UTC")!).ordinal + 1,
                              todayOrdinal - rng.below(DemoCompany.historyDays))
                let at = moment(min(day, todayOrdinal), slot: 40)
                var changes = ["assistance": FieldChange(old: String(oldAssistance), new: String(account.assistance))]
                if oldLoyalty != account.loyalty { changes["loyalty"] = FieldChange(old: String(oldLoyalty), new: String(account.loyalty)) }
                if oldQuadrant != account.quadrant {
                    changes["quadrant"] = FieldChange(old: oldQuadrant.rawValue, new: account.quadrant.rawValue)
                }
                emit(at, user: owner, entity: "account", id: account.id, action: "scores", changes: changes)
                accounts[index].updatedAt = max(accounts[index].updatedAt, date(at))
            }
        }
    }
}
