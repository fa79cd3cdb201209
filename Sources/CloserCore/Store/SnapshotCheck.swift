import Foundation

/// Names a row of an import for error messages: "accounts[3]" for JSON, "deals.csv line 12" for CSV.
public typealias ImportLocator = @Sendable (_ entity: String, _ index: Int) -> String

/// What a store answers the snapshot checks, in the import's transaction.
public protocol SnapshotLookup {
    func exists(_ table: String, _ id: Int64) throws -> Bool
    /// The ids of `table` in [low, high]: one range query per table, not one per row.
    func ids(in table: String, from low: Int64, to high: Int64) throws -> Set<Int64>
    /// The account of a person in the store, nil when there is none.
    func accountOfPerson(_ id: Int64) throws -> Int64?
    /// The account of a deal in the store, nil when there is none.
    func accountOfDeal(_ id: Int64) throws -> Int64?
}

/// The checks an import runs before writing, each naming the row it refuses.
public struct SnapshotCheck {
    let snapshot: Snapshot
    let catalog: ProcessCatalog
    let locate: ImportLocator

    public init(snapshot: Snapshot, catalog: ProcessCatalog, locate: @escaping ImportLocator) {
        self.snapshot = snapshot
        self.catalog = catalog
        self.locate = locate
    }

    public func run(_ store: some SnapshotLookup) throws {
        func fail(_ entity: String, _ index: Int, _ message: String) -> StoreError {
            .invalid("\(locate(entity, index)): \(message) — nothing was imported")
        }
        func exists(_ table: String, _ id: Int64) throws -> Bool { try store.exists(table, id) }
        func uniqueIDs(_ entity: String, _ ids: [Int64], table: String) throws -> Set<Int64> {
            // One range query per table, not one per row: a million-row import stays fast.
            var existing = Set<Int64>()
            if let low = ids.min(), let high = ids.max() {
                existing = try store.ids(in: table, from: low, to: high)
            }
            var seen = Set<Int64>(minimumCapacity: ids.count)
            for (index, id) in ids.enumerated() {
                guard id > 0 else { throw fail(entity, index, "id must be a positive number") }
                guard seen.insert(id).inserted else { throw fail(entity, index, "id \(id) appears twice in the file") }
                if existing.contains(id) { throw fail(entity, index, "\(table) \(id) already exists in the store (imported twice?)") }
            }
            return seen
        }
        for (index, template) in snapshot.processes.enumerated() {
            do { try template.validate() } catch { throw fail("processes", index, error.description) }
        }
        let accounts = try uniqueIDs("accounts", snapshot.accounts.map(\.id), table: "account")
        for (index, account) in snapshot.accounts.enumerated() {
            if let issue = Validation.issues(account).first { throw fail("accounts", index, issue.description) }
        }
        func accountKnown(_ id: Int64) throws -> Bool { try accounts.contains(id) || exists("account", id) }

        let persons = try uniqueIDs("persons", snapshot.persons.map(\.id), table: "person")
        var managers = [Int64: Int64]()
        for (index, person) in snapshot.persons.enumerated() {
            if let issue = Validation.issues(person).first { throw fail("persons", index, issue.description) }
            guard try accountKnown(person.accountID) else { throw fail("persons", index, "account \(person.accountID) does not exist") }
            if let manager = person.reportsTo {
                guard try persons.contains(manager) || exists("person", manager) else {
                    throw fail("persons", index, "reports-to person \(manager) does not exist")
                }
                managers[person.id] = manager
            }
        }
        for (index, person) in snapshot.persons.enumerated() {
            var seen: Set<Int64> = [person.id]
            var current = managers[person.id]
            while let id = current {
                guard seen.insert(id).inserted else { throw fail("persons", index, "reports-to makes a loop through person \(id)") }
                current = managers[id]
            }
        }
        let deals = try uniqueIDs("deals", snapshot.deals.map(\.id), table: "deal")
        let personAccounts = Dictionary(snapshot.persons.map { ($0.id, $0.accountID) }, uniquingKeysWith: { first, _ in first })
        for (index, deal) in snapshot.deals.enumerated() {
            if let issue = Validation.issues(deal, catalog: catalog).first { throw fail("deals", index, issue.description) }
            guard try accountKnown(deal.accountID) else { throw fail("deals", index, "account \(deal.accountID) does not exist") }
            for person in deal.needs.compactMap(\.statedBy) {
                let account = try personAccounts[person] ?? store.accountOfPerson(person)
                guard account == deal.accountID else {
                    throw fail("deals", index, "a need is stated by person \(person), who is not a key person of account \(deal.accountID)")
                }
            }
        }
        let activities = try uniqueIDs("activities", snapshot.activities.map(\.id), table: "activity")
        for (index, activity) in snapshot.activities.enumerated() {
            if let issue = Validation.issues(activity).first { throw fail("activities", index, issue.description) }
            guard try accountKnown(activity.accountID) else { throw fail("activities", index, "account \(activity.accountID) does not exist") }
            if let deal = activity.dealID, !deals.contains(deal), !(try exists("deal", deal)) {
                throw fail("activities", index, "deal \(deal) does not exist")
            }
        }
        let dealAccounts = Dictionary(snapshot.deals.map { ($0.id, $0.accountID) }, uniquingKeysWith: { a, _ in a })
        _ = try uniqueIDs("plans", snapshot.plans.map(\.id), table: "planned_activity")
        for (index, plan) in snapshot.plans.enumerated() {
            if let issue = Validation.issues(plan).first { throw fail("plans", index, issue.description) }
            guard let account = try dealAccounts[plan.dealID] ?? store.accountOfDeal(plan.dealID) else {
                throw fail("plans", index, "deal \(plan.dealID) does not exist")
            }
            guard account == plan.accountID else { throw fail("plans", index, "account \(plan.accountID) is not deal \(plan.dealID)'s") }
            if let activity = plan.activityID, !activities.contains(activity), !(try exists("activity", activity)) {
                throw fail("plans", index, "activity \(activity) does not exist")
            }
        }
    }
}
