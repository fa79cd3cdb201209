import CloserCore
import CloserStoreKit
import Foundation

/// Deal health: the team's settings, one screen's deals' warnings, and the report — the file
/// store's queries (SQLiteStore+Health) in this dialect; the rules themselves are CloserCore's.
extension PostgresStore {
    static let healthSettingPrefix = "health."

    public func healthSettings() throws -> HealthSettings { try backend.readHealthSettings() }

    static func healthSettings(_ connection: Connection) throws -> HealthSettings {
        var values = [String: String]()
        for row in try connection.query("SELECT key, value FROM setting WHERE key >= ? AND key < ?", [.text(healthSettingPrefix), .text("health/")]) {
            values[String(try row.string("key").dropFirst(healthSettingPrefix.count))] = try row.string("value")
        }
        return HealthSettings(values: values)
    }

    public func saveHealthSettings(_ settings: HealthSettings) throws { try backend.saveHealthSettings(settings) }

    public func dealWarnings(_ dealIDs: [Int64], today: Day) throws -> [Int64: [HealthWarning]] {
        try backend.dealWarnings(dealIDs, today: today)
    }

    public func healthReport(_ q: HealthReportQuery) throws -> HealthReport {
        try readAsActor { connection, who in
            let catalog = try StagePositions.catalog(connection)
            if let key = q.processKey, catalog.process(key) == nil { throw StoreError.rule(.unknownProcess(key)) }
            let settings = try Self.healthSettings(connection)
            let health = HealthConditions(settings: settings, catalog: catalog, processKey: q.processKey, today: q.today)
            var open = SQLConditions()
            open.add("d.outcome = 'open'")
            if let rep = q.rep { open.add("d.owner = ?", [.text(rep)]) }
            if let key = q.processKey { open.add("d.process_key = ?", [.text(key)]) }
            open.restrict(to: who)
            let accountJoin = who.isRestricted ? "JOIN account a ON a.id = d.account_id" : ""
            let healthJoin = health.needsAccountHealth ? "LEFT JOIN account_health h ON h.account_id = d.account_id" : ""

            var sums: [String] = [], values: [SQLValue] = []
            for (index, condition) in health.timed.enumerated() {
                sums.append("count(*) FILTER (WHERE \(condition.sql)) AS n\(index), sum(d.amount) FILTER (WHERE \(condition.sql))::bigint AS amount\(index)")
                values += condition.values + condition.values
            }
            sums.append("count(*) FILTER (WHERE \(health.anyTimedSQL)) AS flagged, sum(d.amount) FILTER (WHERE \(health.anyTimedSQL))::bigint AS flagged_amount")
            values += health.anyTimedValues + health.anyTimedValues
            let groups = "d.owner, d.currency, d.process_key, d.stage_key, d.budget_known, d.has_needs, d.quoted, d.pitched"
            var tally = HealthReportTally(q, plan: health.plan)
            let column = Dictionary(uniqueKeysWithValues: health.timed.enumerated().map { ($1.rule, $0) })
            for row in try connection.query("""
                SELECT \(groups), count(*) AS n, sum(d.amount)::bigint AS amount, \(sums.joined(separator: ", "))
                FROM deal d \(accountJoin) \(healthJoin) \(open.whereClause)
                GROUP BY \(groups)
                """, values + open.values) {
                let flags = HealthReportTally.GroupFlags(processKey: try row.string("process_key"), stageKey: try row.string("stage_key"),
                                                         budgetKnown: try row.bool("budget_known"), hasNeeds: try row.bool("has_needs"),
                                                         quoted: try row.bool("quoted"), pitched: try row.bool("pitched"))
                try tally.addGroup(rep: try row.string("owner"), currency: try row.string("currency"), deals: try row.int("n"),
                                   amount: try row.int64("amount"), flags: flags,
                                   timed: { rule in
                                       let index = column[rule] ?? 0
                                       return (try row.optionalInt("n\(index)") ?? 0, try row.optionalInt64("amount\(index)") ?? 0)
                                   },
                                   anyTimed: { (try row.optionalInt("flagged") ?? 0, try row.optionalInt64("flagged_amount") ?? 0) })
            }
            for condition in health.conditions where q.listLimit > 0 {
                guard tally.count(of: condition.rule) != nil else { continue }
                tally.setItems(try Self.healthItems(connection, condition, open: open, joins: accountJoin, limit: q.listLimit,
                                                    catalog: catalog, settings: settings, today: q.today), of: condition.rule)
            }
            return tally.finish()
        }
    }

    /// A rule's largest deals, each with what its check says.
    static func healthItems(_ connection: Connection, _ condition: HealthConditions.Condition, open: SQLConditions, joins: String, limit: Int,
                            catalog: ProcessCatalog, settings: HealthSettings, today: Day) throws -> [HealthItem] {
        var filter = open
        filter.add(condition.sql, condition.values)
        let ids = try connection.query("""
            SELECT d.id FROM deal d \(joins) LEFT JOIN account_health h ON h.account_id = d.account_id \(filter.whereClause)
            ORDER BY d.amount DESC, d.id LIMIT ?
            """, filter.values(appending: [.int(limit)])).map { try $0.int64("id") }
        guard !ids.isEmpty else { return [] }
        let rows = try connection.query("SELECT \(HealthRows.columns) FROM deal d \(HealthRows.joins) WHERE d.id IN (\(ids.map { _ in "?" }.joined(separator: ",")))",
                                        ids.map(SQLValue.int))
        var byID = [Int64: SQLRow]()
        for row in rows { byID[try row.int64("id")] = row }
        return try ids.compactMap { id in
            guard let row = byID[id] else { return nil }
            let deal = try Deal(pg: row)
            let context = HealthContext(deal: deal, process: catalog.process(deal.processKey), facts: try HealthRows.facts(row),
                                        settings: settings, today: today)
            return HealthItem(dealID: deal.id, title: deal.title, accountID: deal.accountID, accountName: try row.string("account_name"),
                              owner: deal.owner, amount: deal.amount, stage: deal.stageKey,
                              detail: DealHealth.check(condition.rule, context) ?? condition.rule.title)
        }
    }

    /// Works out `account_health` for every account marked stale: what changed persons leave
    /// behind, with the rules' own Swift. Runs inside the write that changed them.
    static func refreshStaleAccountHealth(_ connection: Connection) throws {
        let stale = try connection.query("SELECT account_id FROM account_health WHERE stale").map { try $0.int64("account_id") }
        guard !stale.isEmpty else { return }
        var start = 0
        while start < stale.count {
            let chunk = Array(stale[start..<min(start + 5_000, stale.count)])
            start += chunk.count
            let marks = chunk.map { _ in "?" }.joined(separator: ",")
            let existing = Set(try connection.query("SELECT id FROM account WHERE id IN (\(marks))", chunk.map(SQLValue.int)).map { try $0.int64("id") })
            var persons = [Int64: [Person]]()
            for row in try connection.query("""
                SELECT id, account_id, name, level, roles, stance, inside_coach, reports_to, last_met FROM person WHERE account_id IN (\(marks))
                """, chunk.map(SQLValue.int)) {
                let person = Person(
                    id: try row.int64("id"), accountID: try row.int64("account_id"), name: try row.string("name"),
                    level: PersonLevel(rawValue: try row.string("level")) ?? .operator_,
                    roles: Set(try row.string("roles").split(separator: ",").compactMap { PersonRole(rawValue: String($0)) }),
                    stance: Stance(rawValue: try row.string("stance")) ?? .neutral, isInsideCoach: try row.bool("inside_coach"),
                    reportsTo: try row.optionalInt64("reports_to"), lastMet: try row.day("last_met"))
                persons[person.accountID, default: []].append(person)
            }
            let gone = chunk.filter { !existing.contains($0) }
            if !gone.isEmpty {
                try connection.execute("DELETE FROM account_health WHERE account_id = ANY (?::bigint[])", [ImportedRows.idArray(gone)])
            }
            // One statement per chunk: after an import of 20 000 accounts, one UPDATE each was
            // 20 000 round trips before the commit.
            let facts: [[CellValue]] = chunk.filter(existing.contains).map { id in
                let facts = OrgHealthFacts(persons: persons[id] ?? [])
                return [.integer(id), .integer(Int64(facts.decisionMakers)), facts.decisionMakerLastMet.map { .text($0.description) } ?? .null,
                        .integer(facts.hasRouteToDecisionMaker ? 1 : 0), facts.coldest.map { .integer($0.personID) } ?? .null,
                        facts.coldest?.lastMet.map { .text($0.description) } ?? .null, .text(facts.routeKey), .text(facts.coldKey)]
            }
            guard !facts.isEmpty else { continue }
            try connection.execute("""
                UPDATE account_health h SET decision_makers = x.decision_makers, dm_last_met = x.dm_last_met, dm_route = x.dm_route <> 0,
                                            coldest_id = x.coldest_id, coldest_met = x.coldest_met, route_key = x.route_key, cold_key = x.cold_key,
                                            stale = false
                FROM json_to_recordset(?::json) AS x (account_id bigint, decision_makers integer, dm_last_met text, dm_route integer,
                                                      coldest_id bigint, coldest_met text, route_key text, cold_key text)
                WHERE h.account_id = x.account_id
                """, [.text(try BulkJSON.array(columns: ["account_id", "decision_makers", "dm_last_met", "dm_route", "coldest_id", "coldest_met",
                                                         "route_key", "cold_key"], rows: facts))])
        }
    }
}
