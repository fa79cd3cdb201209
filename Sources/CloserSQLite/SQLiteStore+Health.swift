import CloserCore
import CloserStoreKit
import Foundation
import GRDB

/// Deal health: the team's settings, one screen's deals' warnings, and the report. The report
/// is one grouped pass over the open deals (their rows carry the activity facts, the account's
/// facts are one row each in `account_health`), then each rule's largest deals; the warnings
/// of the deals shown are worked out by the same Swift rules the tests pin down.
extension SQLiteStore {
    static let healthSettingPrefix = "health."

    public func healthSettings() throws -> HealthSettings { try backend.readHealthSettings() }

    static func healthSettings(_ db: Database) throws -> HealthSettings {
        var values = [String: String]()
        for row in try Row.fetchAll(db, sql: "SELECT key, value FROM setting WHERE key >= ? AND key < ?",
                                    arguments: [healthSettingPrefix, "health/"]) {
            values[String((row["key"] as String).dropFirst(healthSettingPrefix.count))] = row["value"]
        }
        return HealthSettings(values: values)
    }

    public func saveHealthSettings(_ settings: HealthSettings) throws { try backend.saveHealthSettings(settings) }

    public func dealWarnings(_ dealIDs: [Int64], today: Day) throws -> [Int64: [HealthWarning]] {
        try backend.dealWarnings(dealIDs, today: today)
    }

    public func healthReport(_ q: HealthReportQuery) throws -> HealthReport {
        try readAsActor { db, who in
            let catalog = try Self.catalog(db)
            if let key = q.processKey, catalog.process(key) == nil { throw StoreError.rule(.unknownProcess(key)) }
            let settings = try Self.healthSettings(db)
            let health = HealthSQL(settings: settings, catalog: catalog, processKey: q.processKey, today: q.today)
            var open = SQLFilter()
            open.add("d.outcome = 'open'")
            if let rep = q.rep { open.add("d.owner = ?", [rep]) }
            if let key = q.processKey { open.add("d.process_key = ?", [key]) }
            open.restrict(to: who)
            let accountJoin = who.isRestricted ? "JOIN account a ON a.id = d.account_id" : ""
            let healthJoin = health.needsAccountHealth ? "LEFT JOIN account_health h ON h.account_id = d.account_id" : ""

            // One pass over the open deals' index, grouped as it walks: per rep, currency, stage and
            // flags, a count and a sum, and the day's rules summed.
            var tally = HealthReportTally(q, plan: health.plan)
            let column = Dictionary(uniqueKeysWithValues: health.timed.enumerated().map { ($1.rule, $0) })
            try Row.forEach(db, sql: Self.healthGroupsSQL(health, joins: accountJoin + " " + healthJoin, open: open),
                            arguments: Self.healthGroupsArguments(health) + open.arguments) { row in
                let flags = HealthReportTally.GroupFlags(processKey: row["process_key"], stageKey: row["stage_key"], budgetKnown: row["budget_known"],
                                                         hasNeeds: row["has_needs"], quoted: row["quoted"], pitched: row["pitched"])
                tally.addGroup(rep: row["owner"], currency: row["currency"], deals: row["n"], amount: row["amount"], flags: flags,
                               timed: { rule in
                                   let index = column[rule] ?? 0
                                   return (row["n\(index)"] ?? 0, row["amount\(index)"] ?? 0)
                               },
                               anyTimed: { (row["flagged"] ?? 0, row["flagged_amount"] ?? 0) })
            }
            for condition in health.conditions where q.listLimit > 0 {
                guard let count = tally.count(of: condition.rule) else { continue }
                tally.setItems(try Self.healthItems(
                    db, condition, open: open, joins: accountJoin, limit: q.listLimit, walkByAmount: q.listLimit * tally.openDeals / count <= 5_000,
                    catalog: catalog, settings: settings, today: q.today), of: condition.rule)
            }
            return tally.finish()
        }
    }

    /// The open deals grouped by rep, currency, stage and the rules' own flags, in the health
    /// index's order (no sort, no table read), with the day's rules summed per group.
    static func healthGroupsSQL(_ health: HealthSQL, joins: String, open: SQLFilter) -> String {
        var sums: [String] = []
        for (index, condition) in health.timed.enumerated() {
            sums.append("SUM(\(condition.sql)) AS n\(index), SUM(CASE WHEN \(condition.sql) THEN d.amount END) AS amount\(index)")
        }
        sums.append("SUM(\(health.anyTimedSQL)) AS flagged, SUM(CASE WHEN \(health.anyTimedSQL) THEN d.amount END) AS flagged_amount")
        let groups = "d.owner, d.currency, d.process_key, d.stage_key, d.budget_known, d.has_needs, d.quoted, d.pitched"
        return """
            SELECT \(groups), COUNT(*) AS n, SUM(d.amount) AS amount, \(sums.joined(separator: ", "))
            FROM deal d INDEXED BY deal_health \(joins) \(open.whereClause)
            GROUP BY \(groups)
            """
    }

    static func healthGroupsArguments(_ health: HealthSQL) -> StatementArguments {
        var arguments: [(any DatabaseValueConvertible)?] = []
        for condition in health.timed { arguments += condition.arguments + condition.arguments }
        arguments += health.anyTimedArguments + health.anyTimedArguments
        return StatementArguments(arguments)
    }

    /// A rule's largest deals, each with what its check says. A rule many deals trip finds its
    /// largest by walking the open deals by amount (a few hundred rows); a rarer one finds them
    /// in one pass of the health index, reading ids and amounts alone, then reads just those deals.
    static func healthItems(_ db: Database, _ condition: HealthSQL.Condition, open: SQLFilter, joins: String, limit: Int, walkByAmount: Bool,
                            catalog: ProcessCatalog, settings: HealthSettings, today: Day) throws -> [HealthItem] {
        var filter = open
        filter.add(condition.sql, condition.arguments)
        let healthJoin = "LEFT JOIN account_health h ON h.account_id = d.account_id"
        let ids = try Int64.fetchAll(db, sql: """
            SELECT d.id FROM deal d INDEXED BY \(walkByAmount ? "deal_amount_cover" : "deal_health") \(joins) \(healthJoin) \(filter.whereClause)
            ORDER BY d.amount DESC, d.id LIMIT ?
            """, arguments: filter.arguments(appending: [limit]))
        guard !ids.isEmpty else { return [] }
        let rows = try Row.fetchAll(db, sql: "SELECT \(HealthRows.columns) FROM deal d \(HealthRows.joins) WHERE d.id IN (\(ids.map { _ in "?" }.joined(separator: ",")))",
                                    arguments: StatementArguments(ids))
        let byID = Dictionary(rows.map { ($0["id"] as Int64, $0) }, uniquingKeysWith: { first, _ in first })
        return ids.compactMap { id in
            guard let row = byID[id] else { return nil }
            let deal = Deal(row: row)
            let context = HealthContext(deal: deal, process: catalog.process(deal.processKey), facts: HealthRows.facts(row),
                                        settings: settings, today: today)
            return HealthItem(dealID: deal.id, title: deal.title, accountID: deal.accountID, accountName: row["account_name"],
                              owner: deal.owner, amount: deal.amount, stage: deal.stageKey,
                              detail: DealHealth.check(condition.rule, context) ?? condition.rule.title)
        }
    }
}

extension SQLiteStore {
    /// A need is stated by a key person of the deal's own account. Needs kept from `old` (same
    /// account) are not checked again: a person deleted since must not block every later edit.
    static func checkNeeds(_ db: Database, _ deal: Deal, keeping old: Deal? = nil) throws {
        var ids = Set(deal.needs.compactMap(\.statedBy))
        if let old, old.accountID == deal.accountID { ids.subtract(old.needs.compactMap(\.statedBy)) }
        guard !ids.isEmpty else { return }
        let sorted = ids.sorted()
        let found = Set(try Int64.fetchAll(db, sql: "SELECT id FROM person WHERE account_id = ? AND id IN (\(sorted.map { _ in "?" }.joined(separator: ",")))",
                                           arguments: StatementArguments([deal.accountID] + sorted)))
        if let missing = sorted.first(where: { !found.contains($0) }) {
            throw StoreError.invalid(.needByStranger(person: missing, account: deal.accountID))
        }
    }
}
