import CloserCore
import CloserStoreKit
import Foundation

extension PostgresStore {
    /// An activity records what happened: on its day (back-dating is fine, the future is not —
    /// that is a planned activity) and with whom (each person's last-met date follows).
    public func addActivity(_ activity: Activity) throws -> Activity {
        var activity = activity
        return try write { connection in
            try insertActivity(connection, &activity)
            return activity
        }
    }

    func insertActivity(_ connection: Connection, _ activity: inout Activity) throws {
        activity.createdAt = clock()
        if activity.by.isEmpty { activity.by = actor }
        try checkRecordable(activity)
        do {
            activity.accountID = try lockWritableAccount(connection, activity.dealID.map { .accountOfDeal($0) } ?? .account(activity.accountID),
                                                         subject: activity.dealID.map { .deal($0) } ?? .account(activity.accountID)).id
            for personID in activity.personIDs {
                guard try connection.queryOne("SELECT account_id FROM person WHERE id = ?", [.int(personID)])?.int64("account_id") == activity.accountID else {
                    throw StoreError.invalid(.notAKeyPersonOfAccount(person: personID, account: activity.accountID))
                }
            }
            activity.id = try Self.insert(connection, into: "activity", columns: Activity.pgColumns, values: activity.pgValues)
            if let dealID = activity.dealID {
                try connection.execute("UPDATE deal SET last_activity = greatest(coalesce(last_activity, ''), ?) WHERE id = ?",
                                       [.text(activity.day.description), .int(dealID)])
            }
            if !activity.personIDs.isEmpty {
                try connection.execute("""
                    UPDATE person SET last_met = greatest(coalesce(last_met, ''), ?) WHERE id IN (\(activity.personIDs.map { _ in "?" }.joined(separator: ",")))
                    """, [.text(activity.day.description)] + activity.personIDs.map(SQLValue.int))
            }
            try Self.refreshAccountRollup(connection, accountID: activity.accountID)
            try log(connection, recorded(activity))
        }
    }

    /// The log row of a recorded activity.
    func recorded(_ activity: Activity) -> ChangeEvent {
        let row = ActivityLog.recorded(activity)
        return event("activity", activity.id, "created", row.changes, note: row.note, account: activity.accountID)
    }

    /// An activity's fields, and its day: back-dating is fine, the future is a plan.
    func checkRecordable(_ activity: Activity) throws {
        let issues = Validation.issues(recording: activity, today: Day(clock()))
        guard issues.isEmpty else { throw Self.invalid(issues) }
    }

    public func activity(_ id: Int64) throws -> Activity { try backend.readActivity(id) }

    public func activities(accountID: Int64?, dealID: Int64?, limit: Int) throws -> [Activity] {
        try readAsActor { connection, who in
            var filter = SQLConditions()
            if let accountID { filter.add("account_id = ?", [.int(accountID)]) }
            if let dealID { filter.add("deal_id = ?", [.int(dealID)]) }
            filter.restrict(accountColumn: "account_id", to: who)
            return try connection.query("SELECT * FROM activity \(filter.whereClause) ORDER BY day DESC, id DESC LIMIT ?",
                                        filter.values(appending: [.int(limit)])).map(Activity.init(pg:))
        }
    }

    public func deleteActivity(_ id: Int64) throws { try backend.deleteActivity(id) }

    public func events(_ query: EventQuery) throws -> [ChangeEvent] {
        try readAsActor { connection, who in
            var filter = Self.eventVisibility(who)
            if let entity = query.entity { filter.add("e.entity = ?", [.text(entity)]) }
            if let id = query.entityID { filter.add("e.entity_id = ?", [.int(id)]) }
            if let since = query.since { filter.add("e.at >= ?", [.time(since)]) }
            return try connection.query("SELECT e.* FROM event e \(filter.whereClause) ORDER BY e.at DESC, e.id DESC LIMIT ?",
                                        filter.values(appending: [.int(query.limit)])).map(ChangeEvent.init(pg:))
        }
    }

    /// Entities that hang from an account: their events without one (deleted before the log
    /// knew) are read by managers only.
    static let accountEntities = "('account', 'deal', 'person', 'activity', 'plan')"

    /// The log rows (`event e`) the actor may read: a rep reads the changes of the accounts they
    /// may see, the team's own settings (processes, users, pool rules), and what they did
    /// themselves elsewhere; a manager reads everything.
    static func eventVisibility(_ who: Actor) -> SQLConditions {
        var filter = SQLConditions()
        guard let viewer = who.viewer, who.isRestricted else { return filter }
        filter.add("""
            (e.account_id IN (SELECT v.id FROM account v WHERE \(VisibilitySQL.visibleToRep("v")))
             OR (e.account_id IS NULL AND e.entity NOT IN \(accountEntities)
                 AND (e.entity IN ('process', 'user', 'pool') OR e."user" = ?)))
            """, VisibilitySQL.values(for: viewer.name) + [.text(viewer.name)])
        return filter
    }
}
