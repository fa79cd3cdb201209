import Foundation

/// A key person in the customer's buying organisation (003: level, function, role; 002: coach, stance).
public struct Person: Sendable, Hashable, Identifiable, Codable {
    public var id: Int64
    public var accountID: Int64
    public var name: String
    public var title: String
    public var level: PersonLevel
    public var function: PersonFunction
    public var roles: Set<PersonRole>
    public var stance: Stance
    /// Weight on the decision, 0…100 (002: 关键人所占的比重).
    public var influence: Int
    /// The weights an influence may take.
    public static let influenceRange = 0...100
    /// Our inside coach 内线: someone inside who guides us.
    public var isInsideCoach: Bool
    public var reportsTo: Int64?
    /// What this person cares about (002: finance → price, technical → technology, …).
    public var cares: String
    /// Background, interests, schedule, relations (003).
    public var notes: String
    public var phone: String
    public var email: String
    public var lastMet: Day?
    public var externalID: String?
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: Int64 = 0, accountID: Int64, name: String, title: String = "", level: PersonLevel = .operator_,
        function: PersonFunction = .using, roles: Set<PersonRole> = [], stance: Stance = .neutral, influence: Int = 10,
        isInsideCoach: Bool = false, reportsTo: Int64? = nil, cares: String = "", notes: String = "",
        phone: String = "", email: String = "", lastMet: Day? = nil, externalID: String? = nil, version: Int = 0,
        createdAt: Date = Date(timeIntervalSince1970: 0), updatedAt: Date = Date(timeIntervalSince1970: 0)
    ) {
        self.id = id
        self.accountID = accountID
        self.name = name
        self.title = title
        self.level = level
        self.function = function
        self.roles = roles
        self.stance = stance
        self.influence = influence
        self.isInsideCoach = isInsideCoach
        self.reportsTo = reportsTo
        self.cares = cares
        self.notes = notes
        self.phone = phone
        self.email = email
        self.lastMet = lastMet
        self.externalID = externalID
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// Decides whether, when, budget, supplier: by level or by role in this purchase.
    public var isDecisionMaker: Bool { level == .decisionMaker || roles.contains(.decisionMaker) }
}

extension Person {
    /// Encodes like the synthesized form but with roles sorted, so exports are byte-identical.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(accountID, forKey: .accountID)
        try container.encode(name, forKey: .name)
        try container.encode(title, forKey: .title)
        try container.encode(level, forKey: .level)
        try container.encode(function, forKey: .function)
        try container.encode(roles.sorted(), forKey: .roles)
        try container.encode(stance, forKey: .stance)
        try container.encode(influence, forKey: .influence)
        try container.encode(isInsideCoach, forKey: .isInsideCoach)
        try container.encodeIfPresent(reportsTo, forKey: .reportsTo)
        try container.encode(cares, forKey: .cares)
        try container.encode(notes, forKey: .notes)
        try container.encode(phone, forKey: .phone)
        try container.encode(email, forKey: .email)
        try container.encodeIfPresent(lastMet, forKey: .lastMet)
        try container.encodeIfPresent(externalID, forKey: .externalID)
        try container.encode(version, forKey: .version)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(updatedAt, forKey: .updatedAt)
    }
}
