import CloserCore
import Foundation

extension PostgresStore {
    /// Everything the actor may see, from one snapshot: a rep's export holds the accounts they
    /// may see and what hangs from them, and the log of those.
    public func exportSnapshot() throws -> Snapshot {
        try readAsActor { connection, who in
            func rows<T>(_ table: String, _ transform: (SQLRow) throws -> T) throws -> [T] {
                var filter = SQLConditions()
                filter.restrict(accountColumn: table == "account" ? "id" : "account_id", to: who)
                return try connection.query("SELECT * FROM \(table) \(filter.whereClause) ORDER BY id", filter.values).map(transform)
            }
            let events = Self.eventVisibility(who)
            return Snapshot(
                users: try connection.query(#"SELECT * FROM "user" ORDER BY name"#).map(User.init(pg:)),
                processes: try connection.query("SELECT json FROM process ORDER BY key").compactMap {
                    ColumnCoding.decode(ProcessTemplate.self, from: try $0.string("json"))
                },
                accounts: try rows("account", Account.init(pg:)),
                persons: try rows("person", Person.init(pg:)),
                deals: try rows("deal", Deal.init(pg:)),
                activities: try rows("activity", Activity.init(pg:)),
                plans: try rows("planned_activity", PlannedActivity.init(pg:)),
                events: try connection.query("SELECT e.* FROM event e \(events.whereClause) ORDER BY id", events.values).map(ChangeEvent.init(pg:)),
                team: try Self.teamSettings(connection))
        }
    }

    /// The team's numbers for a file; nil when nothing was set.
    static func teamSettings(_ connection: Connection) throws -> TeamSettings? {
        let rates = try connection.query("SELECT * FROM exchange_rate ORDER BY base, currency, from_day").compactMap { row -> ExchangeRate? in
            guard let from = try row.day("from_day") else { return nil }
            return ExchangeRate(currency: try row.string("currency"), base: try row.string("base"), from: from, micros: try row.int64("micros"),
                                by: try row.string("by"), at: try row.date("at"))
        }
        let settings = TeamSettings(baseCurrency: try baseCurrency(connection), exchangeRates: rates, targets: try targets(connection, period: nil),
                                    lostReasons: try lostReasons(connection).map(\.name))
        return settings.isDefault ? nil : settings
    }

    /// Writes a file's team numbers: its base currency, and its rates, targets and reasons beside (or over) the store's.
    static func importTeamSettings(_ connection: Connection, _ team: TeamSettings, user: String, at: Date) throws {
        try storeBaseCurrency(connection, team.baseCurrency, by: user, at: at)
        for rate in team.exchangeRates {
            try connection.execute("""
                INSERT INTO exchange_rate (base, currency, from_day, micros, by, at) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (base, currency, from_day) DO UPDATE SET micros = excluded.micros, by = excluded.by, at = excluded.at
                """, [.text(rate.base), .text(rate.currency), .text(rate.from.description), .int(rate.micros), .text(rate.by), .time(rate.at)])
        }
        for target in team.targets {
            try connection.execute("""
                INSERT INTO sales_target (period, rep, amount, currency, by, at) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (period, rep) DO UPDATE SET amount = excluded.amount, currency = excluded.currency, by = excluded.by, at = excluded.at
                """, [.text(target.period.description), .text(target.rep), .int(target.amount.minorUnits), .text(target.amount.currency),
                      .text(target.by), .time(target.at)])
        }
        var position = try connection.queryOne("SELECT coalesce(max(position), 0) AS p FROM lost_reason")?.int("p") ?? 0
        for name in team.lostReasons {
            position += 1
            try connection.execute("INSERT INTO lost_reason (name, position, by, at) VALUES (?, ?, ?, ?) ON CONFLICT (name) DO NOTHING",
                                   [.text(name), .int(position), .text(user), .time(at)])
        }
    }

    public func importSnapshot(_ snapshot: Snapshot) throws -> ImportSummary {
        try importSnapshot(snapshot, locate: { "\($0)[\($1)]" })
    }

    /// All or nothing: every row is checked against the snapshot and the store before the first
    /// one is written, and the writes share one transaction. Rows go in by batches of one
    /// statement each; the log's stage history is made in one pass once the rows are in.
    public func importSnapshot(_ snapshot: Snapshot, locate: @escaping ImportLocator) throws -> ImportSummary {
        guard snapshot.format <= Snapshot.currentFormat else {
            throw StoreError.invalid(.snapshotFormat(found: snapshot.format, readsUpTo: Snapshot.currentFormat))
        }
        let user = actor
        return try write { connection in
            try requireTeamAdmin(connection, to: .importStore)
            let catalog = ProcessCatalog(custom: try StagePositions.catalog(connection).processes + snapshot.processes)
            try SnapshotCheck(snapshot: snapshot, catalog: catalog, locate: locate).run(ServerSnapshotLookup(connection: connection))
            // The rows go in with the history's and health's triggers standing aside; what they
            // would do row by row is done once for all the rows below (`settleImportedRows`).
            try connection.execute("SET LOCAL closer.history = 'verbatim'")
            try connection.execute("SET CONSTRAINTS ALL DEFERRED")
            let setAside = try BulkLoadSetAside.begin(connection, rows: [
                "account": snapshot.accounts.count, "person": snapshot.persons.count, "deal": snapshot.deals.count,
                "activity": snapshot.activities.count, "planned_activity": snapshot.plans.count + snapshot.deals.count,
                "event": snapshot.events.count,
            ])
            var summary = ImportSummary()
            for user in snapshot.users {
                try connection.execute("""
                    INSERT INTO "user" (name, role, display_name) VALUES (?, ?, ?)
                    ON CONFLICT (name) DO UPDATE SET role = excluded.role, display_name = excluded.display_name
                    """, [.text(user.name), .text(user.role.rawValue), .text(user.displayName)])
                summary.users += 1
            }
            if let team = snapshot.team { try Self.importTeamSettings(connection, team, user: user, at: clock()) }
            for template in snapshot.processes {
                try connection.execute("INSERT INTO process (key, json) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET json = excluded.json",
                                       [.text(template.key), .text(ColumnCoding.codable(template))])
                summary.processes += 1
            }
            if !snapshot.processes.isEmpty { try StagePositions.sync(connection, catalog: catalog) }
            // The history of the file's own events is replayed meanwhile, on another thread.
            let heldHistory = HeldHistory(events: snapshot.events, deals: snapshot.deals, positions: try StageHistoryFill.positions(connection))
            try Self.insertAll(connection, "account", Account.pgColumns, snapshot.accounts.map { $0.pgValues(updatedBy: user) })
            summary.accounts = snapshot.accounts.count
            // The pool clocks run from when the current holder got the account; a file does not
            // say, so holding starts with the import rather than with the account's creation.
            if !snapshot.accounts.isEmpty {
                try connection.execute("UPDATE account SET owned_since = ? WHERE owner IS NOT NULL AND owned_since IS NULL", [.time(clock())])
            }
            try Self.insertAll(connection, "person", Person.pgColumns, snapshot.persons.map { $0.pgValues(updatedBy: user) })
            summary.persons = snapshot.persons.count
            let evidence = try Self.allEvidence(connection)
            var accountNames = Dictionary(snapshot.accounts.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
            let missing = Set(snapshot.deals.map(\.accountID)).subtracting(accountNames.keys)
            if !missing.isEmpty {
                for row in try connection.query("SELECT id, name FROM account WHERE id = ANY (?::bigint[])",
                                                [.text("{" + missing.map(String.init).joined(separator: ",") + "}")]) {
                    accountNames[try row.int64("id")] = try row.string("name")
                }
            }
            try Self.insertAll(connection, "deal", Deal.pgColumns, snapshot.deals.map { deal in
                let derived = DealDerived(deal: deal, process: catalog.process(deal.processKey), evidence: evidence[deal.accountID] ?? DealEvidence())
                return deal.pgValues(derived: derived, accountName: accountNames[deal.accountID] ?? "", updatedBy: user)
            })
            summary.deals = snapshot.deals.count
            try Self.insertAll(connection, "activity", Activity.pgColumns, snapshot.activities.map(\.pgValues))
            summary.activities = snapshot.activities.count
            try Self.insertAll(connection, "planned_activity", PlannedActivity.pgColumns, snapshot.plans.map { $0.pgValues(updatedBy: user) })
            summary.plans = snapshot.plans.count
            // The set-based passes below join whole tables: the planner learns their new sizes first.
            let analyzedEarly = snapshot.deals.count + snapshot.activities.count > 10_000
            if analyzedEarly { try connection.execute("ANALYZE account, person, deal, activity") }
            // A file from before planned activities: each deal's next step becomes its first plan.
            // Either way the deals show their earliest open plan as their next step.
            if !snapshot.deals.isEmpty { try Self.plansFromNextSteps(connection, dealsAfter: 0) }
            try ImportedRows.settleDeals(connection, filed: snapshot.deals.map(\.id), named: snapshot.activities.compactMap(\.dealID))
            try ImportedRows.markAccountHealth(connection, accounts: snapshot.persons.map(\.accountID))
            if !snapshot.deals.isEmpty || !snapshot.activities.isEmpty {
                let touched = Set(snapshot.deals.map(\.accountID) + snapshot.activities.map(\.accountID))
                if touched.count > 500 {
                    try Self.refreshAllAccountRollups(connection)
                } else {
                    for id in touched.sorted() { try Self.refreshAccountRollup(connection, accountID: id) }
                }
            }
            // Keep the log's ids when they do not collide, so an export → import round trip is exact.
            let maxEventID = try connection.queryOne("SELECT coalesce(max(id), 0) AS id FROM event")?.int64("id") ?? 0
            let keepIDs = (snapshot.events.map(\.id).min() ?? 1) > maxEventID
            let places = ImportedRows.EventPlaces(snapshot)
            try Self.insertAll(connection, "event", ChangeEvent.pgColumns, snapshot.events.map { event in
                var event = event
                if !keepIDs { event.id = 0 }
                if event.accountID == nil { event.accountID = places.account(of: event) }
                return event.pgValues
            })
            summary.events = snapshot.events.count
            try Self.placeEvents(connection)
            let historyDeals = Set(snapshot.events.filter { $0.entity == "deal" }.map(\.entityID))
            if !historyDeals.isEmpty {
                // The history is made in one pass over the log, each event's successors with it,
                // and its daily sums follow it (the old rows' triggers listen again).
                try connection.execute("SET LOCAL closer.history = 'deferred'")
                // With the log's ids kept, the rows just written are the ones in hand.
                let held = keepIDs ? StageHistoryFill.Held(history: heldHistory, loggedAfter: maxEventID) : nil
                try StageHistoryFill.fill(connection, deals: Array(historyDeals), held: held)
            }
            try setAside.end(connection)
            try Self.advanceIdentities(connection)
            try log(connection, event("store", 0, "imported", note: summary.description, account: nil))
            // A bulk import changes the shape of the data: refresh the planner's statistics. The
            // persons and activities, read above, have not changed since (1M activities: a second of the 100k demo).
            if snapshot.deals.count + snapshot.persons.count > 1_000 {
                try connection.execute(analyzedEarly ? "ANALYZE \(try Self.tables(connection, except: ["person", "activity"]))" : "ANALYZE")
            }
            return summary
        }
    }

    /// Rows of one table: by one COPY where the user may, else a few thousand per statement. An
    /// id of 0 is numbered by the server.
    static func insertAll(_ connection: Connection, _ table: String, _ columns: [String], _ rows: [[SQLValue]]) throws {
        guard !rows.isEmpty else { return }
        let plainTable = table.replacingOccurrences(of: "\"", with: "")
        let plainColumns = columns.map { $0.replacingOccurrences(of: "\"", with: "") }
        let idIndex = plainColumns.firstIndex(of: "id")
        func numbered(_ row: [SQLValue]) -> Bool {
            idIndex.map { row[$0] == .int(0) || row[$0] == .null } ?? false
        }
        func withoutID(_ row: [SQLValue]) -> [SQLValue] {
            var row = row
            if let idIndex { row.remove(at: idIndex) }
            return row
        }
        let anyNumbered = rows.contains(where: numbered)
        var unnumberedColumns = plainColumns
        if let idIndex { unnumberedColumns.remove(at: idIndex) }
        if try connection.mayCopyIn(plainTable) {
            if !anyNumbered || rows.contains(where: { !numbered($0) }) {
                try connection.copyIn(table: plainTable, columns: plainColumns) { copy in
                    for row in rows where !numbered(row) { try copy.append(row) }
                }
            }
            if anyNumbered {
                try connection.copyIn(table: plainTable, columns: unnumberedColumns) { copy in
                    for row in rows where numbered(row) { try copy.append(withoutID(row)) }
                }
            }
            return
        }
        let kept = anyNumbered ? rows.filter { !numbered($0) } : rows
        for start in stride(from: 0, to: kept.count, by: 5_000) {
            try connection.insertRowsByJSON(table: plainTable, columns: plainColumns,
                                            rows: kept[start..<min(start + 5_000, kept.count)].map { $0.map(\.cell) })
        }
        guard anyNumbered else { return }
        let numberedRows = rows.filter(numbered)
        for start in stride(from: 0, to: numberedRows.count, by: 5_000) {
            try connection.insertRowsByJSON(table: plainTable, columns: unnumberedColumns,
                                            rows: numberedRows[start..<min(start + 5_000, numberedRows.count)].map { withoutID($0).map(\.cell) })
        }
    }

    /// The store's tables but `excluded`, as a list for one statement.
    static func tables(_ connection: Connection, except excluded: [String]) throws -> String {
        try connection.query("""
            SELECT c.relname AS name FROM pg_class c
            WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' AND NOT (c.relname = ANY (?::text[]))
            ORDER BY 1
            """, [.text("{" + excluded.joined(separator: ",") + "}")]).map { CopyText.quoted(try $0.text("name")) }.joined(separator: ", ")
    }

    /// Identity columns go on after the highest id written, as SQLite's rowids do.
    static func advanceIdentities(_ connection: Connection) throws {
        for table in ["account", "person", "deal", "activity", "planned_activity", "event"] {
            try connection.execute("SELECT setval(pg_get_serial_sequence('\(table)', 'id'), coalesce(max(id), 0) + 1, false) FROM \(table)")
        }
    }

    /// Places the log's rows that name no account by their entity, as it is in the store now (a
    /// snapshot's events may name none).
    static func placeEvents(_ connection: Connection) throws {
        try connection.execute("UPDATE event SET account_id = entity_id WHERE account_id IS NULL AND entity = 'account'")
        try connection.execute("""
            UPDATE event e SET account_id = d.account_id FROM deal d WHERE e.account_id IS NULL AND e.entity = 'deal' AND d.id = e.entity_id
            """)
        try connection.execute("""
            UPDATE event e SET account_id = p.account_id FROM person p WHERE e.account_id IS NULL AND e.entity = 'person' AND p.id = e.entity_id
            """)
        try connection.execute("""
            UPDATE event e SET account_id = x.account_id FROM activity x WHERE e.account_id IS NULL AND e.entity = 'activity' AND x.id = e.entity_id
            """)
        try connection.execute("""
            UPDATE event e SET account_id = p.account_id FROM planned_activity p WHERE e.account_id IS NULL AND e.entity = 'plan' AND p.id = e.entity_id
            """)
    }
}

/// What the snapshot checks ask of the server, in the import's transaction.
struct ServerSnapshotLookup: SnapshotLookup {
    let connection: Connection

    func exists(_ table: String, _ id: Int64) throws -> Bool {
        try connection.queryOne("SELECT 1 AS x FROM \(table) WHERE id = ?", [.int(id)]) != nil
    }

    func ids(in table: String, from low: Int64, to high: Int64) throws -> Set<Int64> {
        Set(try connection.query("SELECT id FROM \(table) WHERE id BETWEEN ? AND ?", [.int(low), .int(high)]).map { try $0.int64("id") })
    }

    func accountOfPerson(_ id: Int64) throws -> Int64? {
        try connection.queryOne("SELECT account_id FROM person WHERE id = ?", [.int(id)])?.int64("account_id")
    }

    func accountOfDeal(_ id: Int64) throws -> Int64? {
        try connection.queryOne("SELECT account_id FROM deal WHERE id = ?", [.int(id)])?.int64("account_id")
    }
}

extension SQLValue {
    /// The value as a copy's cell: what a batch insert sends.
    var cell: CellValue {
        switch self {
        case .null: .null
        case .int(let value): .integer(value)
        case .double(let value): .real(value)
        case .text(let value): .text(value)
        case .bool(let value): .integer(value ? 1 : 0)
        }
    }
}
