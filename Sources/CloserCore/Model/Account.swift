import Foundation

/// A customer organisation (003: classification fields; 000/002: quadrant and grade).
public struct Account: Sendable, Hashable, Identifiable, Codable {
    public var id: Int64
    public var name: String
    public var grade: Grade
    /// Supplier assistance given (x axis), 1…10.
    public var assistance: Int
    /// Customer loyalty (y axis), 1…10.
    public var loyalty: Int
    public var industry: String
    public var region: String
    public var businessNature: String
    public var scale: String
    /// Where the buyer stands between inexperienced generalist and experienced specialist (004);
    /// nil until someone has judged it.
    public var maturity: BuyerMaturity?
    /// The rep who holds it; nil while it sits in the pool.
    public var owner: String?
    public var visibility: Visibility
    public var sharedWith: [String]
    public var tags: [String]
    public var notes: String
    /// An id from the system the account came from, so a re-import updates instead of duplicating.
    public var externalID: String?
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: Int64 = 0, name: String, grade: Grade = .c, assistance: Int = 3, loyalty: Int = 3,
        industry: String = "", region: String = "", businessNature: String = "", scale: String = "",
        maturity: BuyerMaturity? = nil, owner: String? = nil, visibility: Visibility = .owned, sharedWith: [String] = [], tags: [String] = [],
        notes: String = "", externalID: String? = nil, version: Int = 0,
        createdAt: Date = Date(timeIntervalSince1970: 0), updatedAt: Date = Date(timeIntervalSince1970: 0)
    ) {
        self.id = id
        self.name = name
        self.grade = grade
        self.assistance = assistance
        self.loyalty = loyalty
        self.industry = industry
        self.region = region
        self.businessNature = businessNature
        self.scale = scale
        self.maturity = maturity
        self.owner = owner
        self.visibility = visibility
        self.sharedWith = sharedWith
        self.tags = tags
        self.notes = notes
        self.externalID = externalID
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    public var quadrant: Quadrant { Quadrant(assistance: assistance, loyalty: loyalty) }
}
