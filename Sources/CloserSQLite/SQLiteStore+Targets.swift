import CloserCore
import Foundation
import GRDB

/// Sales targets per rep and for the team, per month and quarter.
extension SQLiteStore {
    public func targets(period: Period?) throws -> [SalesTarget] {
        try readAsActor { db, _ in try Self.targets(db, period: period) }
    }

    public func setTarget(_ target: SalesTarget) throws {
        let user = actor
        guard target.amount.minorUnits >= 0 else { throw StoreError.invalid(.negativeTarget) }
        try write { db in
            try requireTeamAdmin(db, to: .setTargets)
            if !target.isTeam { try Self.requireRep(db, target.rep) }
            let key = target.period.description
            let old = try Row.fetchOne(db, sql: "SELECT amount, currency FROM sales_target WHERE period = ? AND rep = ?", arguments: [key, target.rep])
            try db.execute(sql: """
                INSERT INTO sales_target (period, rep, amount, currency, by, at) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (period, rep) DO UPDATE SET amount = excluded.amount, currency = excluded.currency, by = excluded.by, at = excluded.at
                """, arguments: [key, target.rep, target.amount.minorUnits, target.amount.currency, user, ColumnCoding.time(clock())])
            let before = old.map { Money(minorUnits: $0["amount"], currency: $0["currency"]).description }
            try log(db, event("target", 0, "set", ["amount": FieldChange(old: before, new: target.amount.description)],
                              note: key + (target.isTeam ? "" : " " + target.rep), account: nil))
        }
    }

    public func deleteTarget(period: Period, rep: String) throws {
        try write { db in
            try requireTeamAdmin(db, to: .deleteTargets)
            try db.execute(sql: "DELETE FROM sales_target WHERE period = ? AND rep = ?", arguments: [period.description, rep])
            guard db.changesCount == 1 else { throw StoreError.refused(.noTarget(rep: rep, period: period.description)) }
            try log(db, event("target", 0, "deleted", note: period.description + (rep.isEmpty ? "" : " " + rep), account: nil))
        }
    }

    static func targets(_ db: Database, period: Period?) throws -> [SalesTarget] {
        var filter = SQLFilter()
        if let period { filter.add("period IN (\(([period] + period.months).map { _ in "?" }.joined(separator: ",")))", ([period] + period.months).map(\.description)) }
        return try Row.fetchAll(db, sql: "SELECT * FROM sales_target \(filter.whereClause) ORDER BY period, rep", arguments: filter.arguments).compactMap { row in
            guard let period = try? Period(parsing: row["period"]) else { return nil }
            return SalesTarget(period: period, rep: row["rep"], amount: Money(minorUnits: row["amount"], currency: row["currency"]),
                               by: row["by"], at: ColumnCoding.date(row["at"]))
        }
    }

    /// The targets that bear on `periods`, ready to resolve.
    static func targetBook(_ db: Database, periods: [Period], rates: RateTable) throws -> TargetBook {
        TargetBook(try periods.flatMap { try targets(db, period: $0) }, rates: rates)
    }

    /// A rep is a user of the store; a store without users knows its reps by the deals and accounts they hold.
    static func requireRep(_ db: Database, _ rep: String) throws {
        let hasUsers = try Bool.fetchOne(db, sql: "SELECT 1 FROM user LIMIT 1") == true
        let known = hasUsers
            ? try Bool.fetchOne(db, sql: "SELECT 1 FROM user WHERE name = ?", arguments: [rep]) == true
            : try Bool.fetchOne(db, sql: "SELECT 1 FROM deal WHERE owner = ? UNION ALL SELECT 1 FROM account WHERE owner = ? LIMIT 1",
                                arguments: [rep, rep]) == true
        guard known else {
            throw StoreError.invalid(.notARep(rep))
        }
    }
}
