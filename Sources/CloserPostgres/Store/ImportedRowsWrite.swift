import CloserCore
import Foundation

/// The new rows of an import, a table at a time: the checks the one-row inserts make
/// (insertAccount, insertPerson, insertDeal, insertActivity) made once for all the rows, then
/// one statement per few thousand rows, the log rows in the order the one-row inserts log them.
/// The rows go in on the importer's own connection, so row-level security and the holding
/// trigger judge every one of them as they judge a one-row insert.
/// (Row by row, each new row cost ten round trips: 140 s for 10 000 deals.)
extension PostgresStore {
    /// Ids for `count` new rows of `table`, in order, from its identity sequence: the rows are
    /// written with them, and the rows that hang from them know them before they are written.
    static func reserveIDs(_ connection: Connection, _ table: String, count: Int) throws -> [Int64] {
        guard count > 0 else { return [] }
        let ids = try connection.query("SELECT nextval(pg_get_serial_sequence('\(table)', 'id')) AS id FROM generate_series(1, ?::bigint)",
                                       [.int(Int64(count))]).map { try $0.int64("id") }
        return ids.sorted()
    }

    /// Holds the stored accounts the rows hang from, in id order, until the import commits.
    static func lockAccounts(_ connection: Connection, _ ids: Set<Int64>) throws {
        guard !ids.isEmpty else { return }
        try connection.execute("SELECT 1 FROM account a JOIN unnest(?::bigint[]) AS x (id) ON a.id = x.id ORDER BY a.id FOR UPDATE OF a",
                               [ImportedRows.idArray(ids.sorted())])
    }

    /// New accounts at version 1, checked as `addAccount` checks each (the team, the per-rep
    /// limit counting the ones before); returns their ids in order.
    func insertImportedAccounts(_ connection: Connection, _ drafts: [Account], now: Date) throws -> [Int64] {
        guard !drafts.isEmpty else { return [] }
        try NewAccountsCheck(PostgresTeam(connection: connection)).check(drafts, by: try knownActor(connection))
        let ids = try Self.reserveIDs(connection, "account", count: drafts.count)
        let accounts = zip(drafts, ids).map { draft, id in
            var account = draft
            (account.id, account.version, account.createdAt, account.updatedAt) = (id, 1, now, now)
            return account
        }
        try Self.insertAll(connection, "account", Account.pgColumns, accounts.map { $0.pgValues(updatedBy: actor) })
        for account in accounts {
            try log(connection, event("account", account.id, "created", note: account.name, account: account.id))
        }
        return ids
    }

    /// New persons at version 1, in accounts the planner found writable or this import made;
    /// a manager named from the store is checked as `insertPerson` checks it. Returns their ids.
    func insertImportedPersons(_ connection: Connection, _ drafts: [Person], now: Date) throws -> [Int64] {
        guard !drafts.isEmpty else { return [] }
        for person in drafts where person.reportsTo != nil { try backend.checkPersonReferences(connection, person) }
        let ids = try Self.reserveIDs(connection, "person", count: drafts.count)
        let persons = zip(drafts, ids).map { draft, id in
            var person = draft
            (person.id, person.version, person.createdAt, person.updatedAt) = (id, 1, now, now)
            return person
        }
        try Self.insertAll(connection, "person", Person.pgColumns, persons.map { $0.pgValues(updatedBy: actor) })
        for person in persons {
            try log(connection, event("person", person.id, "created", note: person.name, account: person.accountID))
        }
        return ids
    }

    /// New deals at version 1 with their derived columns and search keys, each logged as created
    /// and its next step made its first planned activity, as `insertDeal` does. Returns their ids.
    func insertImportedDeals(_ connection: Connection, _ drafts: [Deal], now: Date) throws -> [Int64] {
        guard !drafts.isEmpty else { return [] }
        let catalog = try StagePositions.catalog(connection)
        for deal in drafts {
            let issues = Validation.issues(deal, catalog: catalog)
            guard issues.isEmpty else { throw Self.invalid(issues) }
            try backend.checkNeeds(connection, deal, keeping: nil)
        }
        let accountIDs = ImportedRows.idArray(Set(drafts.map(\.accountID)).sorted())
        var names = [Int64: String]()
        for row in try connection.query("SELECT a.id, a.name FROM account a JOIN unnest(?::bigint[]) AS x (id) ON a.id = x.id", [accountIDs]) {
            names[try row.int64("id")] = try row.string("name")
        }
        if let missing = drafts.first(where: { names[$0.accountID] == nil }) {
            throw StoreError.notFound(entity: "account", id: missing.accountID)
        }
        let evidence = try Self.evidence(connection, accounts: Array(names.keys))
        let ids = try Self.reserveIDs(connection, "deal", count: drafts.count)
        let deals = zip(drafts, ids).map { draft, id in
            var deal = draft
            (deal.id, deal.version, deal.createdAt, deal.updatedAt, deal.stageEnteredAt) = (id, 1, now, now, now)
            return deal
        }
        try Self.insertAll(connection, "deal", Deal.pgColumns, deals.map { deal in
            let derived = DealDerived(deal: deal, process: catalog.process(deal.processKey), evidence: evidence[deal.accountID] ?? DealEvidence())
            return deal.pgValues(derived: derived, accountName: names[deal.accountID] ?? "", updatedBy: actor)
        })
        let withNextStep = deals.filter { !$0.nextStep.isEmpty || $0.nextStepDue != nil }
        let planIDs = try Self.reserveIDs(connection, "planned_activity", count: withNextStep.count)
        let plans = Dictionary(uniqueKeysWithValues: zip(withNextStep, planIDs).map { deal, id in
            (deal.id, PlannedActivity(id: id, dealID: deal.id, accountID: deal.accountID, text: deal.nextStep, due: deal.nextStepDue, owner: actor,
                                      version: 1, createdAt: now, updatedAt: now))
        })
        try Self.insertAll(connection, "planned_activity", PlannedActivity.pgColumns, withNextStep.compactMap { plans[$0.id]?.pgValues(updatedBy: actor) })
        for deal in deals {
            try log(connection, DealLog.created(deal, by: actor, at: now))
            if let plan = plans[deal.id] { try log(connection, planned(plan)) }
        }
        return ids
    }

    /// The log row of a new plan, as `insertPlan` writes it.
    private func planned(_ plan: PlannedActivity) -> ChangeEvent {
        event("plan", plan.id, "planned", ActivityLog.planned(plan), note: plan.subject, account: plan.accountID, version: plan.version)
    }

    /// New activities, checked as `insertActivity` checks each: recordable, on the account of
    /// their deal, meeting only that account's persons; their deals' and persons' last dates follow.
    func insertImportedActivities(_ connection: Connection, _ drafts: [Activity], now: Date) throws {
        guard !drafts.isEmpty else { return }
        var activities = drafts.map { draft in
            var activity = draft
            activity.createdAt = now
            if activity.by.isEmpty { activity.by = actor }
            return activity
        }
        for activity in activities { try checkRecordable(activity) }
        let dealIDs = Set(activities.compactMap(\.dealID)).sorted()
        var dealAccounts = [Int64: Int64]()
        for row in try connection.query("SELECT d.id, d.account_id FROM deal d JOIN unnest(?::bigint[]) AS x (id) ON d.id = x.id", [ImportedRows.idArray(dealIDs)]) {
            dealAccounts[try row.int64("id")] = try row.int64("account_id")
        }
        for index in activities.indices {
            guard let dealID = activities[index].dealID else { continue }
            guard let accountID = dealAccounts[dealID] else { throw StoreError.notFound(entity: "deal", id: dealID) }
            activities[index].accountID = accountID
        }
        let met = activities.flatMap { activity in activity.personIDs.map { (person: $0, account: activity.accountID) } }
        if !met.isEmpty {
            var personAccounts = [Int64: Int64]()
            for row in try connection.query("SELECT p.id, p.account_id FROM person p JOIN unnest(?::bigint[]) AS x (id) ON p.id = x.id", [ImportedRows.idArray(met.map(\.person))]) {
                personAccounts[try row.int64("id")] = try row.int64("account_id")
            }
            if let stranger = met.first(where: { personAccounts[$0.person] != $0.account }) {
                throw StoreError.invalid(.notAKeyPersonOfAccount(person: stranger.person, account: stranger.account))
            }
        }
        let ids = try Self.reserveIDs(connection, "activity", count: activities.count)
        for (index, id) in zip(activities.indices, ids) { activities[index].id = id }
        try Self.insertAll(connection, "activity", Activity.pgColumns, activities.map(\.pgValues))
        if !dealIDs.isEmpty {
            try connection.execute("""
                UPDATE deal d SET last_activity = greatest(coalesce(d.last_activity, ''), x.day)
                FROM (SELECT a.deal_id, max(a.day) AS day FROM activity a JOIN unnest(?::bigint[]) AS n (id) ON a.id = n.id
                      WHERE a.deal_id IS NOT NULL GROUP BY a.deal_id) x
                WHERE d.id = x.deal_id
                """, [ImportedRows.idArray(ids)])
        }
        if !met.isEmpty {
            try connection.execute("""
                UPDATE person p SET last_met = greatest(coalesce(p.last_met, ''), x.day)
                FROM (SELECT m.person, max(a.day) AS day FROM activity a
                      CROSS JOIN LATERAL unnest(string_to_array(a.person_ids, ',')::bigint[]) AS m(person)
                      JOIN unnest(?::bigint[]) AS n (id) ON a.id = n.id
                      WHERE a.person_ids <> '' GROUP BY m.person) x
                WHERE p.id = x.person
                """, [ImportedRows.idArray(ids)])
        }
        for activity in activities { try log(connection, recorded(activity)) }
    }

    /// The accounts' figures after an import: each touched account's, or every account's in one
    /// grouped pass when many were touched.
    static func refreshAccountRollups(_ connection: Connection, _ accounts: Set<Int64>) throws {
        if accounts.count > 500 {
            try refreshAllAccountRollups(connection)
        } else {
            for id in accounts.sorted() { try refreshAccountRollup(connection, accountID: id) }
        }
    }
}
