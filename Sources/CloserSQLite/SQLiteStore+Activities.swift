import CloserCore
import CloserStoreKit
import Foundation
import GRDB

extension SQLiteStore {
    /// An activity records what happened: on its day (back-dating is fine, the future is not —
    /// that is a planned activity) and with whom (each person's last-met date follows).
    public func addActivity(_ activity: Activity) throws -> Activity {
        var activity = activity
        return try write { db in
            try insertActivity(db, &activity)
            return activity
        }
    }

    func insertActivity(_ db: Database, _ activity: inout Activity) throws {
        activity.createdAt = clock()
        if activity.by.isEmpty { activity.by = actor }
        let issues = Validation.issues(recording: activity, today: Day(clock()))
        guard issues.isEmpty else { throw Self.invalid(issues) }
        if let dealID = activity.dealID {
            guard let accountID = try Int64.fetchOne(db, sql: "SELECT account_id FROM deal WHERE id = ?", arguments: [dealID]) else {
                throw StoreError.notFound(entity: "deal", id: dealID)
            }
            activity.accountID = accountID
        }
        try requireAccess(db, account: activity.accountID, .write,
                          subject: activity.dealID.map { .deal($0) } ?? .account(activity.accountID))
        for personID in activity.personIDs {
            guard try Int64.fetchOne(db, sql: "SELECT account_id FROM person WHERE id = ?", arguments: [personID]) == activity.accountID else {
                throw StoreError.invalid(.notAKeyPersonOfAccount(person: personID, account: activity.accountID))
            }
        }
        var values = activity.columnValues
        if activity.id == 0 { values[0] = nil }
        try db.execute(sql: SQLText.insert(into: "activity", columns: Activity.columns), arguments: StatementArguments(values))
        activity.id = db.lastInsertedRowID
        if let dealID = activity.dealID {
            try db.execute(sql: "UPDATE deal SET last_activity = MAX(COALESCE(last_activity, ''), ?) WHERE id = ?",
                           arguments: [activity.day.description, dealID])
        }
        if !activity.personIDs.isEmpty {
            try db.execute(sql: """
                UPDATE person SET last_met = MAX(COALESCE(last_met, ''), ?) WHERE id IN (\(activity.personIDs.map { _ in "?" }.joined(separator: ",")))
                """, arguments: StatementArguments([activity.day.description] + activity.personIDs.map { $0 as (any DatabaseValueConvertible)? }))
        }
        try Self.refreshAccountRollup(db, accountID: activity.accountID)
        try log(db, recorded(activity))
    }

    /// The log row of a recorded activity.
    func recorded(_ activity: Activity) -> ChangeEvent {
        let row = ActivityLog.recorded(activity)
        return event("activity", activity.id, "created", row.changes, note: row.note, account: activity.accountID)
    }

    public func activity(_ id: Int64) throws -> Activity { try backend.readActivity(id) }

    public func activities(accountID: Int64?, dealID: Int64?, limit: Int) throws -> [Activity] {
        try readAsActor { db, who in
            var filter = SQLFilter()
            if let accountID { filter.add("account_id = ?", [accountID]) }
            if let dealID { filter.add("deal_id = ?", [dealID]) }
            // At most `limit` rows, newest first: each row's account is checked, not every account.
            filter.restrict(accountColumn: "activity.account_id", to: who, checking: .perRow)
            return try Row.fetchAll(db, sql: "SELECT * FROM activity \(filter.whereClause) ORDER BY day DESC, id DESC LIMIT ?",
                                    arguments: filter.arguments(appending: [limit]))
                .map(Activity.init(row:))
        }
    }

    public func deleteActivity(_ id: Int64) throws { try backend.deleteActivity(id) }

    public func events(_ query: EventQuery) throws -> [ChangeEvent] {
        try readAsActor { db, who in
            // A page of the newest rows: each row's account is checked, not every account.
            var filter = Self.eventVisibility(who, checking: .perRow)
            if let entity = query.entity { filter.add("e.entity = ?", [entity]) }
            if let id = query.entityID { filter.add("e.entity_id = ?", [id]) }
            if let since = query.since { filter.add("e.at >= ?", [since.timeIntervalSince1970]) }
            return try Row.fetchAll(db, sql: "SELECT e.* FROM event e \(filter.whereClause) ORDER BY e.at DESC, e.id DESC LIMIT ?",
                                    arguments: filter.arguments(appending: [query.limit]))
                .map(ChangeEvent.init(row:))
        }
    }

    /// The log rows (`event e`) the actor may read: a rep reads the changes of the accounts they
    /// may see, the team's own settings (processes, users, pool rules), and what they did
    /// themselves elsewhere; a manager reads everything.
    static func eventVisibility(_ who: Actor, checking: VisibleAccountCheck) -> SQLFilter {
        var filter = SQLFilter()
        guard let viewer = who.viewer, who.isRestricted else { return filter }
        filter.add("""
            (\(VisibilitySQL.visibleAccount("e.account_id", checking))
             OR (e.account_id IS NULL AND e.entity NOT IN \(EventAccounts.accountEntities)
                 AND (e.entity IN ('process', 'user', 'pool') OR e.user = ?)))
            """, VisibilitySQL.arguments(for: viewer.name) + [viewer.name])
        return filter
    }
}
