import Foundation

/// One row of the event log: who changed what, when. The weekly review and the audit trail read it.
public struct ChangeEvent: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var at: Date
    public var user: String
    public var entity: String
    public var entityID: Int64
    /// "created", "updated", "deleted", "moved", "forced", "milestone", "next-step", "won", "lost", "withdrawn", "reopened", …
    public var action: String
    /// Field name → old and new value, as text.
    public var changes: [String: FieldChange]
    public var note: String
    /// The account the entity hangs from (the account itself for account events); nil for the
    /// team's own events (processes, users, pool rules). The log follows its visibility.
    public var accountID: Int64?
    /// The row's version this change produced, where the row is versioned: an undo reverts it
    /// only while the row is still at that version. Nil for older log rows and unversioned writes.
    public var version: Int?

    public init(id: Int64 = 0, at: Date, user: String, entity: String, entityID: Int64, action: String,
                changes: [String: FieldChange] = [:], note: String = "", accountID: Int64? = nil, version: Int? = nil) {
        self.accountID = accountID
        self.id = id
        self.at = at
        self.user = user
        self.entity = entity
        self.entityID = entityID
        self.action = action
        self.changes = changes
        self.note = note
        self.version = version
    }
}

public struct FieldChange: Sendable, Hashable, Codable {
    public var old: String?
    public var new: String?

    public init(old: String?, new: String?) {
        self.old = old
        self.new = new
    }
}

public struct EventQuery: Sendable, Hashable {
    public var entity: String?
    public var entityID: Int64?
    public var since: Date?
    public var limit: Int

    public init(entity: String? = nil, entityID: Int64? = nil, since: Date? = nil, limit: Int = 100) {
        self.entity = entity
        self.entityID = entityID
        self.since = since
        self.limit = limit
    }
}
