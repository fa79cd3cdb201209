import CloserCore
import CloserStoreKit
import Foundation
import GRDB

/// The team's list of lost reasons, and losing a deal for one of them.
extension SQLiteStore {
    public func lostReasons() throws -> [LostReason] {
        try readAsActor { db, _ in try Self.lostReasons(db) }
    }

    public func addLostReason(_ name: String) throws -> LostReason {
        let user = actor
        let checked: String
        do { checked = try LostReason.check(name) } catch { throw StoreError.invalid(.lostReason(error)) }
        return try write { db in
            try requireTeamAdmin(db, to: .changeLostReasons)
            let list = try Self.lostReasons(db)
            if let same = list.first(where: { LostReason.sameName($0.name, checked) }) {
                throw StoreError.invalid(.lostReason(.duplicate(same.name)))
            }
            let reason = LostReason(name: checked, position: (list.map(\.position).max() ?? 0) + 1)
            try db.execute(sql: "INSERT INTO lost_reason (name, position, by, at) VALUES (?, ?, ?, ?)",
                           arguments: [reason.name, reason.position, user, ColumnCoding.time(clock())])
            try log(db, event("lost-reason", 0, "added", note: reason.name, account: nil))
            return reason
        }
    }

    public func deleteLostReason(_ name: String) throws {
        try write { db in
            try requireTeamAdmin(db, to: .changeLostReasons)
            let list = try Self.lostReasons(db)
            guard let listed = list.first(where: { LostReason.sameName($0.name, name) }) else {
                throw StoreError.invalid(.lostReason(.unknown(name, known: list.map(\.name))))
            }
            try db.execute(sql: "DELETE FROM lost_reason WHERE name = ?", arguments: [listed.name])
            try log(db, event("lost-reason", 0, "deleted", note: listed.name, account: nil))
        }
    }

    public func loseDeal(_ id: Int64, _ loss: DealLoss, expectedVersion: Int?) throws -> Deal {
        try backend.mutateDeal(id, expectedVersion: expectedVersion) { old, _, _ in
            let lost = try backend.ruled { try DealRules.lose(old, loss, on: Day(clock())) }
            return (lost, Outcome.lost.rawValue, lost.outcomeReason)
        }
    }

    static func lostReasons(_ db: Database) throws -> [LostReason] {
        try Row.fetchAll(db, sql: "SELECT name, position FROM lost_reason ORDER BY position, name").map {
            LostReason(name: $0["name"], position: $0["position"])
        }
    }
}
