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
        func fail(_ entity: String, _ index: Int, _ message: LocalizedText) -> StoreError {
            .invalid(.importRow(locate(entity, index), message))
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
                guard id > 0 else { throw fail(entity, index, LocalizedText(en: "id must be a positive number", zh: "编号必须是正数")) }
                guard seen.insert(id).inserted else { throw fail(entity, index, LocalizedText(en: "id \(id) appears twice in the file", zh: "编号 \(id) 在文件中出现了两次")) }
                if existing.contains(id) { throw fail(entity, index, LocalizedText(en: "\(table) \(id) already exists in the store (imported twice?)", zh: "\(Subject.tableZH(table)) \(id) 已在存储中（重复导入？）")) }
            }
            return seen
        }
        for (index, template) in snapshot.processes.enumerated() {
            do { try template.validate() } catch { throw fail("processes", index, error.text) }
        }
        let accounts = try uniqueIDs("accounts", snapshot.accounts.map(\.id), table: "account")
        for (index, account) in snapshot.accounts.enumerated() {
            if let issue = Validation.issues(account).first { throw fail("accounts", index, issue.text) }
        }
        func accountKnown(_ id: Int64) throws -> Bool { try accounts.contains(id) || exists("account", id) }

        let persons = try uniqueIDs("persons", snapshot.persons.map(\.id), table: "person")
        var managers = [Int64: Int64]()
        for (index, person) in snapshot.persons.enumerated() {
            if let issue = Validation.issues(person).first { throw fail("persons", index, issue.text) }
            guard try accountKnown(person.accountID) else { throw fail("persons", index, Self.missing(.account(person.accountID))) }
            if let manager = person.reportsTo {
                guard try persons.contains(manager) || exists("person", manager) else {
                    throw fail("persons", index, LocalizedText(en: "reports-to person \(manager) does not exist", zh: "上级人员 \(manager) 不存在"))
                }
                managers[person.id] = manager
            }
        }
        for (index, person) in snapshot.persons.enumerated() {
            var seen: Set<Int64> = [person.id]
            var current = managers[person.id]
            while let id = current {
                guard seen.insert(id).inserted else { throw fail("persons", index, LocalizedText(en: "reports-to makes a loop through person \(id)", zh: "上级关系经人员 \(id) 形成循环")) }
                current = managers[id]
            }
        }
        let deals = try uniqueIDs("deals", snapshot.deals.map(\.id), table: "deal")
        let personAccounts = Dictionary(snapshot.persons.map { ($0.id, $0.accountID) }, uniquingKeysWith: { first, _ in first })
        for (index, deal) in snapshot.deals.enumerated() {
            if let issue = Validation.issues(deal, catalog: catalog).first { throw fail("deals", index, issue.text) }
            guard try accountKnown(deal.accountID) else { throw fail("deals", index, Self.missing(.account(deal.accountID))) }
            for person in deal.needs.compactMap(\.statedBy) {
                let account = try personAccounts[person] ?? store.accountOfPerson(person)
                guard account == deal.accountID else {
                    throw fail("deals", index, LocalizedText(en: "a need is stated by person \(person), who is not a key person of account \(deal.accountID)", zh: "需求由人员 \(person) 提出，但其不是客户 \(deal.accountID) 的关键人"))
                }
            }
        }
        let activities = try uniqueIDs("activities", snapshot.activities.map(\.id), table: "activity")
        for (index, activity) in snapshot.activities.enumerated() {
            if let issue = Validation.issues(activity).first { throw fail("activities", index, issue.text) }
            guard try accountKnown(activity.accountID) else { throw fail("activities", index, Self.missing(.account(activity.accountID))) }
            if let deal = activity.dealID, !deals.contains(deal), !(try exists("deal", deal)) {
                throw fail("activities", index, Self.missing(.deal(deal)))
            }
        }
        let dealAccounts = Dictionary(snapshot.deals.map { ($0.id, $0.accountID) }, uniquingKeysWith: { a, _ in a })
        _ = try uniqueIDs("plans", snapshot.plans.map(\.id), table: "planned_activity")
        for (index, plan) in snapshot.plans.enumerated() {
            if let issue = Validation.issues(plan).first { throw fail("plans", index, issue.text) }
            if let dealID = plan.dealID {
                guard let account = try dealAccounts[dealID] ?? store.accountOfDeal(dealID) else {
                    throw fail("plans", index, Self.missing(.deal(dealID)))
                }
                guard account == plan.accountID else { throw fail("plans", index, LocalizedText(en: "account \(plan.accountID) is not deal \(dealID)'s", zh: "客户 \(plan.accountID) 不是商机 \(dealID) 所属的客户")) }
            } else {
                guard try accountKnown(plan.accountID) else { throw fail("plans", index, Self.missing(.account(plan.accountID))) }
            }
            if let activity = plan.activityID, !activities.contains(activity), !(try exists("activity", activity)) {
                throw fail("plans", index, Self.missing(.activity(activity)))
            }
        }
    }

    /// "deal 12 does not exist" / "商机 12 不存在".
    static func missing(_ subject: Subject) -> LocalizedText {
        LocalizedText(en: "\(subject.text.en) does not exist", zh: "\(subject.text.zh) 不存在")
    }
}
