import CloserCore
import Foundation
import GRDB

extension SQLiteStore {
    /// Everything the actor may see, from one read transaction: a rep's export holds the
    /// accounts they may see and what hangs from them, and the log of those.
    public func exportSnapshot() throws -> Snapshot {
        try readAsActor { db, who in
            func rows<T>(_ table: String, _ transform: (Row) -> T) throws -> [T] {
                var filter = SQLFilter()
                filter.restrict(accountColumn: table == "account" ? "id" : "account_id", to: who)
                return try Row.fetchAll(db, sql: "SELECT * FROM \(table) \(filter.whereClause) ORDER BY id", arguments: filter.arguments)
                    .map(transform)
            }
            return Snapshot(
                users: try Row.fetchAll(db, sql: "SELECT * FROM user ORDER BY name").map {
                    User(name: $0.text("name"), role: UserRole(rawValue: $0.text("role")) ?? .rep, displayName: $0.text("display_name"))
                },
                processes: try String.fetchAll(db, sql: "SELECT json FROM process ORDER BY key").compactMap {
                    ColumnCoding.decode(ProcessTemplate.self, from: $0)
                },
                accounts: try rows("account", Account.init(row:)),
                persons: try rows("person", Person.init(row:)),
                deals: try rows("deal", Deal.init(row:)),
                activities: try rows("activity", Activity.init(row:)),
                plans: try rows("planned_activity", PlannedActivity.init(row:)),
                events: try Row.fetchAll(db, sql: "SELECT * FROM event e \(Self.eventVisibility(who, checking: .asSet).whereClause) ORDER BY id",
                                         arguments: Self.eventVisibility(who, checking: .asSet).arguments).map(ChangeEvent.init(row:)),
                team: try Self.teamSettings(db))
        }
    }

    /// The team's numbers for a file; nil when nothing was set.
    static func teamSettings(_ db: Database) throws -> TeamSettings? {
        let rates = try Row.fetchAll(db, sql: "SELECT * FROM exchange_rate ORDER BY base, currency, from_day").compactMap { row -> ExchangeRate? in
            guard let from = ColumnCoding.day(row["from_day"]) else { return nil }
            return ExchangeRate(currency: row["currency"], base: row["base"], from: from, micros: row["micros"], by: row["by"], at: ColumnCoding.date(row["at"]))
        }
        let settings = TeamSettings(baseCurrency: try baseCurrency(db), exchangeRates: rates, targets: try targets(db, period: nil),
                                    lostReasons: try lostReasons(db).map(\.name))
        return settings.isDefault ? nil : settings
    }

    /// Writes a file's team numbers: its base currency, and its rates, targets and reasons beside (or over) the store's.
    static func importTeamSettings(_ db: Database, _ team: TeamSettings, user: String, at: Date) throws {
        try storeBaseCurrency(db, team.baseCurrency, by: user, at: at)
        for rate in team.exchangeRates {
            try db.execute(sql: "INSERT OR REPLACE INTO exchange_rate (base, currency, from_day, micros, by, at) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [rate.base, rate.currency, rate.from.description, rate.micros, rate.by, ColumnCoding.time(rate.at)])
        }
        for target in team.targets {
            try db.execute(sql: "INSERT OR REPLACE INTO sales_target (period, rep, amount, currency, by, at) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [target.period.description, target.rep, target.amount.minorUnits, target.amount.currency, target.by,
                                       ColumnCoding.time(target.at)])
        }
        var position = try Int.fetchOne(db, sql: "SELECT MAX(position) FROM lost_reason") ?? 0
        for name in team.lostReasons {
            position += 1
            try db.execute(sql: "INSERT OR IGNORE INTO lost_reason (name, position, by, at) VALUES (?, ?, ?, ?)",
                           arguments: [name, position, user, ColumnCoding.time(at)])
        }
    }

    public func importSnapshot(_ snapshot: Snapshot) throws -> ImportSummary {
        try importSnapshot(snapshot, locate: { "\($0)[\($1)]" })
    }

    /// All or nothing: every row is checked against the snapshot and the store before the
    /// first one is written, and the writes share one transaction.
    /// A whole store's worth of rows, users and processes: a manager's (or anyone's while the
    /// store has no users), as a restore is.
    public func importSnapshot(_ snapshot: Snapshot, locate: @escaping ImportLocator) throws -> ImportSummary {
        guard snapshot.format <= Snapshot.currentFormat else {
            throw StoreError.invalid(.snapshotFormat(found: snapshot.format, readsUpTo: Snapshot.currentFormat))
        }
        let user = actor
        return try write { db in
            try requireTeamAdmin(db, to: .importStore)
            let catalog = ProcessCatalog(custom: try Self.catalog(db).processes + snapshot.processes)
            try SnapshotCheck(snapshot: snapshot, catalog: catalog, locate: locate).run(SQLiteSnapshotLookup(db: db))
            var summary = ImportSummary()
            for user in snapshot.users {
                try db.execute(sql: "INSERT OR REPLACE INTO user (name, role, display_name) VALUES (?, ?, ?)",
                               arguments: [user.name, user.role.rawValue, user.displayName])
                summary.users += 1
            }
            if let team = snapshot.team { try Self.importTeamSettings(db, team, user: user, at: clock()) }
            for template in snapshot.processes {
                try db.execute(sql: "INSERT OR REPLACE INTO process (key, json) VALUES (?, ?)", arguments: [template.key, ColumnCoding.codable(template)])
                summary.processes += 1
            }
            let accountStatement = try db.makeStatement(sql: SQLText.insert(into: "account", columns: Account.columns))
            var accountNames = [Int64: String]()
            for account in snapshot.accounts {
                try accountStatement.execute(arguments: StatementArguments(account.columnValues(searchKey: account.searchKey, updatedBy: user)))
                accountNames[account.id] = account.name
            }
            summary.accounts = snapshot.accounts.count
            // The pool clocks run from when the current holder got the account; a file does not
            // say, so holding starts with the import rather than with the account's creation.
            if !snapshot.accounts.isEmpty {
                try db.execute(sql: "UPDATE account SET owned_since = ? WHERE owner IS NOT NULL AND owned_since IS NULL",
                               arguments: [ColumnCoding.time(clock())])
            }
            // Persons and activities go in with the health triggers standing aside (HealthBulk).
            try HealthBulk.begin(db)
            // Managers may come after the people who report to them: link reports-to afterwards.
            // Each table's secondary indexes are built once after its rows when that is cheaper (BulkIndexes).
            try BulkIndexes.inserting(snapshot.persons.count, into: "person", db) {
                var persons = try BulkInsert<PersonColumns>(db, into: "person", what: "a person")
                for person in snapshot.persons {
                    var unlinked = person
                    unlinked.reportsTo = nil
                    try persons.insert(PersonColumns(person: unlinked, searchKey: person.searchKey, updatedBy: user))
                }
                let linkStatement = try db.makeStatement(sql: "UPDATE person SET reports_to = ? WHERE id = ?")
                for person in snapshot.persons where person.reportsTo != nil {
                    try linkStatement.execute(arguments: [person.reportsTo, person.id])
                }
            }
            summary.persons = snapshot.persons.count
            let evidence = try Self.allEvidence(db)
            try BulkIndexes.inserting(snapshot.deals.count, into: "deal", db) {
                var deals = try DealInsertStatement(db)
                for deal in snapshot.deals {
                    let accountName: String
                    if let name = accountNames[deal.accountID] {
                        accountName = name
                    } else {
                        accountName = try String.fetchOne(db, sql: "SELECT name FROM account WHERE id = ?", arguments: [deal.accountID]) ?? ""
                    }
                    let derived = DealDerived(deal: deal, process: catalog.process(deal.processKey), evidence: evidence[deal.accountID] ?? DealEvidence())
                    try deals.insert(deal, derived: derived, searchKey: Deal.searchKey(title: deal.title, accountName: accountName),
                                     updatedBy: user, keepingID: true)
                }
            }
            summary.deals = snapshot.deals.count
            try BulkIndexes.inserting(snapshot.activities.count, into: "activity", db) {
                var activities = try BulkInsert<Activity>(db, into: "activity", what: "an activity")
                for activity in snapshot.activities { try activities.insert(activity) }
            }
            summary.activities = snapshot.activities.count
            let planStatement = try db.makeStatement(sql: SQLText.insert(into: "planned_activity", columns: PlannedActivity.columns))
            for plan in snapshot.plans {
                try planStatement.execute(arguments: StatementArguments(plan.columnValues(updatedBy: user)))
            }
            summary.plans = snapshot.plans.count
            // A file from before planned activities: each deal's next step becomes its first plan.
            // Either way the deals show their earliest open plan as their next step.
            if !snapshot.deals.isEmpty {
                try PlanSchema.plansFromNextSteps(db, dealsAfter: 0)
                try Self.deriveNextSteps(db, dealIDs: snapshot.deals.map(\.id))
            }
            try HealthBulk.end(db, accounts: Set(snapshot.persons.map(\.accountID)), deals: HealthBulk.deals(of: snapshot.activities))
            if !snapshot.activities.isEmpty {
                try db.execute(sql: """
                    UPDATE deal SET last_activity = (SELECT MAX(day) FROM activity WHERE activity.deal_id = deal.id)
                    WHERE id IN (SELECT DISTINCT deal_id FROM activity WHERE deal_id IS NOT NULL)
                    """)
            }
            if !snapshot.deals.isEmpty || !snapshot.activities.isEmpty {
                let touched = Set(snapshot.deals.map(\.accountID) + snapshot.activities.map(\.accountID))
                if touched.count > 500 {
                    try Self.refreshAllAccountRollups(db)
                } else {
                    for id in touched { try Self.refreshAccountRollup(db, accountID: id) }
                }
            }
            // Keep the log's ids when they do not collide, so an export → import round trip is exact.
            let maxEventID = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM event") ?? 0
            let keepIDs = (snapshot.events.map(\.id).min() ?? 1) > maxEventID
            var events = try BulkInsert<ChangeEvent>(db, into: "event", what: "a log row")
            // The stage history of the deals these rows are about is made once they are all in (StageHistoryRebuild).
            try StageHistoryRebuild.loggingInBulk(db, expectedEvents: snapshot.events.count) {
                for var event in snapshot.events {
                    if !keepIDs { event.id = 0 }
                    try events.insert(event)
                }
            }
            summary.events = snapshot.events.count
            try EventAccounts.fill(db)
            try PlanSchema.fillEventAccounts(db)
            try log(db, event("store", 0, "imported", note: summary.description, account: nil))
            // A bulk import changes the shape of the data: refresh the planner's statistics.
            if snapshot.deals.count + snapshot.persons.count > 1_000 { try BulkIndexes.refreshStatistics(db) }
            return summary
        }
    }
}

/// What the snapshot checks (CloserCore's SnapshotCheck) ask of the file.
struct SQLiteSnapshotLookup: SnapshotLookup {
    let db: Database

    func exists(_ table: String, _ id: Int64) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT 1 FROM \(table) WHERE id = ?", arguments: [id]) == true
    }

    func ids(in table: String, from low: Int64, to high: Int64) throws -> Set<Int64> {
        Set(try Int64.fetchAll(db, sql: "SELECT id FROM \(table) WHERE id BETWEEN ? AND ?", arguments: [low, high]))
    }

    func accountOfPerson(_ id: Int64) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT account_id FROM person WHERE id = ?", arguments: [id])
    }

    func accountOfDeal(_ id: Int64) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT account_id FROM deal WHERE id = ?", arguments: [id])
    }
}
