import CloserCore
import TerminalUI

/// Reads one deal with what the open deal shows: account, process, evidence, recent work,
/// history and the gaps in the account's key-person map.
struct ReadDealDetail: Work {
    var dealID: Int64
    /// Where the milestone cursor stays after the read.
    var cursor: Int
    /// The processes the dashboard knows; the store's are read only for a deal of another.
    var catalog: ProcessCatalog
    var today: Day
    /// Opened from this account's 360° view.
    var returnToAccount: Int64?

    func run(in world: World) throws -> DealDetailState {
        let store = world.store
        let deal = try store.deal(dealID)
        let account = try store.account(deal.accountID)
        let catalog = catalog.process(deal.processKey) == nil ? try store.processCatalog() : catalog
        guard let process = catalog.process(deal.processKey) else { throw StoreError.rule(.unknownProcess(deal.processKey)) }
        var detail = DealDetailState(
            deal: deal, accountName: account.name, process: process, evidence: try store.evidence(accountID: deal.accountID),
            activities: try store.activities(accountID: nil, dealID: dealID, limit: 5),
            events: try store.events(EventQuery(entity: "deal", entityID: dealID, limit: 6)))
        let persons = try store.persons(PersonQuery(accountID: deal.accountID, limit: App.orgChartReadLimit)).rows
        detail.coverage = OrgCoverage.warnings(persons, today: today)
        detail.persons = persons
        // A store that keeps no health facts shows none.
        detail.health = try world.store.dealHealth(dealID, today: today)
        detail.cursor = min(cursor, max(0, detail.milestoneRows.count - 1))
        detail.returnToAccount = returnToAccount
        return detail
    }
}

/// Ticks or unticks one milestone of the open deal.
struct SetMilestone: Work, Equatable {
    var dealID: Int64
    var key: String
    var done: Bool
    var version: Int

    func run(in world: World) throws -> Deal {
        try world.store.setMilestone(dealID: dealID, key: key, done: done, expectedVersion: version)
    }
}

/// The rep's forecast category, saved alone on the deal as it is now.
struct SetForecast: Work, Equatable {
    var dealID: Int64
    var category: ForecastCategory
    var version: Int

    func run(in world: World) throws -> Deal {
        let category = category
        return try world.store.editDeal(dealID, expectedVersion: version) { $0.forecastCategory = category }
    }
}

/// Logs an activity on the open deal.
struct LogActivity: Work, Equatable {
    var activity: Activity

    func run(in world: World) throws -> Activity { try world.store.addActivity(activity) }
}

/// Marks a deal won, or lost with the reason given.
struct CloseDeal: Work, Equatable {
    var dealID: Int64
    var outcome: Outcome
    var reason: String
    var version: Int?

    func run(in world: World) throws -> Deal {
        try world.store.closeDeal(dealID, as: outcome, reason: reason, expectedVersion: version)
    }
}
