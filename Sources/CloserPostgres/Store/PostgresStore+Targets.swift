import CloserCore
import CloserStoreKit
import Foundation

/// Sales targets per rep and for the team, and the team's list of lost reasons (SQLiteStore+Targets, +LostReasons).
extension PostgresStore {
    public func targets(period: Period?) throws -> [SalesTarget] {
        try readAsActor { connection, _ in try Self.targets(connection, period: period) }
    }

    public func setTarget(_ target: SalesTarget) throws {
        let user = actor
        guard target.amount.minorUnits >= 0 else { throw StoreError.invalid(.negativeTarget) }
        try write { connection in
            try requireTeamAdmin(connection, to: .setTargets)
            if !target.isTeam { try Self.requireRep(connection, target.rep) }
            let key = target.period.description
            let old = try connection.queryOne("SELECT amount, currency FROM sales_target WHERE period = ? AND rep = ? FOR UPDATE",
                                              [.text(key), .text(target.rep)])
            try connection.execute("""
                INSERT INTO sales_target (period, rep, amount, currency, by, at) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (period, rep) DO UPDATE SET amount = excluded.amount, currency = excluded.currency, by = excluded.by, at = excluded.at
                """, [.text(key), .text(target.rep), .int(target.amount.minorUnits), .text(target.amount.currency), .text(user), .time(clock())])
            let before = try old.map { Money(minorUnits: try $0.int64("amount"), currency: try $0.string("currency")).description }
            try log(connection, event("target", 0, "set", ["amount": FieldChange(old: before, new: target.amount.description)],
                                      note: key + (target.isTeam ? "" : " " + target.rep), account: nil))
        }
    }

    public func deleteTarget(period: Period, rep: String) throws {
        try write { connection in
            try requireTeamAdmin(connection, to: .deleteTargets)
            let deleted = try connection.execute("DELETE FROM sales_target WHERE period = ? AND rep = ?", [.text(period.description), .text(rep)])
            guard deleted == 1 else { throw StoreError.refused(.noTarget(rep: rep, period: period.description)) }
            try log(connection, event("target", 0, "deleted", note: period.description + (rep.isEmpty ? "" : " " + rep), account: nil))
        }
    }

    static func targets(_ connection: Connection, period: Period?) throws -> [SalesTarget] {
        var filter = SQLConditions()
        if let period { filter.add("period", in: ([period] + period.months).map(\.description)) }
        return try connection.query("SELECT * FROM sales_target \(filter.whereClause) ORDER BY period, rep", filter.values).compactMap { row in
            guard let period = try? Period(parsing: try row.string("period")) else { return nil }
            return SalesTarget(period: period, rep: try row.string("rep"), amount: Money(minorUnits: try row.int64("amount"), currency: try row.string("currency")),
                               by: try row.string("by"), at: try row.date("at"))
        }
    }

    /// The targets that bear on `periods`, ready to resolve.
    static func targetBook(_ connection: Connection, periods: [Period], rates: RateTable) throws -> TargetBook {
        TargetBook(try periods.flatMap { try targets(connection, period: $0) }, rates: rates)
    }

    /// A rep is a user of the store; a store without users knows its reps by the deals and accounts they hold.
    static func requireRep(_ connection: Connection, _ rep: String) throws {
        let hasUsers = try connection.queryOne(#"SELECT 1 AS x FROM "user" LIMIT 1"#) != nil
        let known = hasUsers
            ? try connection.queryOne(#"SELECT 1 AS x FROM "user" WHERE name = ?"#, [.text(rep)]) != nil
            : try connection.queryOne("SELECT 1 AS x FROM deal WHERE owner = ? UNION ALL SELECT 1 FROM account WHERE owner = ? LIMIT 1",
                                      [.text(rep), .text(rep)]) != nil
        guard known else {
            throw StoreError.invalid(.notARep(rep))
        }
    }

    // MARK: Lost reasons

    public func lostReasons() throws -> [LostReason] {
        try readAsActor { connection, _ in try Self.lostReasons(connection) }
    }

    public func addLostReason(_ name: String) throws -> LostReason {
        let user = actor
        let checked: String
        do { checked = try LostReason.check(name) } catch { throw StoreError.invalid(.lostReason(error)) }
        return try write { connection in
            try requireTeamAdmin(connection, to: .changeLostReasons)
            try connection.execute("LOCK TABLE lost_reason IN SHARE ROW EXCLUSIVE MODE")
            let list = try Self.lostReasons(connection)
            if let same = list.first(where: { LostReason.sameName($0.name, checked) }) {
                throw StoreError.invalid(.lostReason(.duplicate(same.name)))
            }
            let reason = LostReason(name: checked, position: (list.map(\.position).max() ?? 0) + 1)
            try connection.execute("INSERT INTO lost_reason (name, position, by, at) VALUES (?, ?, ?, ?)",
                                   [.text(reason.name), .int(reason.position), .text(user), .time(clock())])
            try log(connection, event("lost-reason", 0, "added", note: reason.name, account: nil))
            return reason
        }
    }

    public func deleteLostReason(_ name: String) throws {
        try write { connection in
            try requireTeamAdmin(connection, to: .changeLostReasons)
            let list = try Self.lostReasons(connection)
            guard let listed = list.first(where: { LostReason.sameName($0.name, name) }) else {
                throw StoreError.invalid(.lostReason(.unknown(name, known: list.map(\.name))))
            }
            try connection.execute("DELETE FROM lost_reason WHERE name = ?", [.text(listed.name)])
            try log(connection, event("lost-reason", 0, "deleted", note: listed.name, account: nil))
        }
    }

    public func loseDeal(_ id: Int64, _ loss: DealLoss, expectedVersion: Int?) throws -> Deal {
        try backend.mutateDeal(id, expectedVersion: expectedVersion) { old, _, _ in
            let lost = try backend.ruled { try DealRules.lose(old, loss, on: Day(clock())) }
            return (lost, Outcome.lost.rawValue, lost.outcomeReason)
        }
    }

    static func lostReasons(_ connection: Connection) throws -> [LostReason] {
        try connection.query("SELECT name, position FROM lost_reason ORDER BY position, name").map {
            LostReason(name: try $0.string("name"), position: try $0.int("position"))
        }
    }
}
