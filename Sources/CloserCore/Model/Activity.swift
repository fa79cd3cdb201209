import Foundation

/// A work record 行动记录 (003): what happened, when, with whom, and how it went.
public struct Activity: Sendable, Hashable, Identifiable, Codable {
    public var id: Int64
    public var accountID: Int64
    public var dealID: Int64?
    public var kind: ActivityKind
    public var day: Day
    public var personIDs: [Int64]
    public var notes: String
    public var outcome: String
    public var by: String
    public var createdAt: Date

    public init(
        id: Int64 = 0, accountID: Int64, dealID: Int64? = nil, kind: ActivityKind, day: Day, personIDs: [Int64] = [],
        notes: String = "", outcome: String = "", by: String = "", createdAt: Date = Date(timeIntervalSince1970: 0)
    ) {
        self.id = id
        self.accountID = accountID
        self.dealID = dealID
        self.kind = kind
        self.day = day
        self.personIDs = personIDs
        self.notes = notes
        self.outcome = outcome
        self.by = by
        self.createdAt = createdAt
    }
}
