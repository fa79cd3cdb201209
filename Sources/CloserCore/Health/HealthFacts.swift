/// What the rules read about a deal besides the deal itself, boiled down from its account's
/// persons and its own activities. The store keeps these figures (or works them out in SQL) so
/// a report never loads every person and activity; the rules read only these.
public struct DealHealthFacts: Sendable, Hashable {
    public var org: OrgHealthFacts
    public var activities: ActivityHealthFacts

    public init(org: OrgHealthFacts = OrgHealthFacts(), activities: ActivityHealthFacts = ActivityHealthFacts()) {
        self.org = org
        self.activities = activities
    }

    public init(persons: [Person], activities: [Activity], dealID: Int64) {
        self.init(org: OrgHealthFacts(persons: persons), activities: ActivityHealthFacts(activities, dealID: dealID))
    }
}

/// The buying organisation as the #7 rules see it (002: the decision-maker, and whose support reaches them).
public struct OrgHealthFacts: Sendable, Hashable {
    /// How many persons of the account are decision-makers (by level or by role).
    public var decisionMakers: Int
    /// The latest day any decision-maker was met; nil when none is mapped or none was ever met.
    public var decisionMakerLastMet: Day?
    /// Our inside coach or a supporter reaches a decision-maker along reports-to lines
    /// (`RelationshipPaths`), or is one.
    public var hasRouteToDecisionMaker: Bool
    /// Of the decision-makers and inside coaches, the one met longest ago (never met first).
    public var coldest: KeyPersonContact?

    public init(decisionMakers: Int = 0, decisionMakerLastMet: Day? = nil, hasRouteToDecisionMaker: Bool = false,
                coldest: KeyPersonContact? = nil) {
        self.decisionMakers = decisionMakers
        self.decisionMakerLastMet = decisionMakerLastMet
        self.hasRouteToDecisionMaker = hasRouteToDecisionMaker
        self.coldest = coldest
    }

    /// Derives the facts from one account's persons.
    public init(persons: [Person]) {
        let deciders = persons.filter(\.isDecisionMaker)
        let tree = OrgTree(persons: persons)
        let route = RelationshipPaths.toDecisionMakers(in: tree).contains { $0.steps != nil }
        let contacts = persons.filter { $0.isDecisionMaker || $0.isInsideCoach }
            .map { KeyPersonContact(personID: $0.id, name: $0.name, lastMet: $0.lastMet) }
        self.init(decisionMakers: deciders.count, decisionMakerLastMet: deciders.compactMap(\.lastMet).max(), hasRouteToDecisionMaker: route,
                  coldest: contacts.min(by: KeyPersonContact.colder))
    }
}

/// When we last met one key person.
public struct KeyPersonContact: Sendable, Hashable {
    public var personID: Int64
    public var name: String
    /// nil when never met.
    public var lastMet: Day?

    public init(personID: Int64, name: String, lastMet: Day?) {
        self.personID = personID
        self.name = name
        self.lastMet = lastMet
    }

    /// Never met before met long ago before met lately; ties by id, so every store picks the same one.
    public static func colder(_ a: KeyPersonContact, _ b: KeyPersonContact) -> Bool {
        switch (a.lastMet, b.lastMet) {
        case (nil, nil): a.personID < b.personID
        case (nil, _): true
        case (_, nil): false
        case (let x?, let y?): x != y ? x < y : a.personID < b.personID
        }
    }
}

/// The order of a deal's discoveries, demos and quotes, as the #2 and #4 rules see it.
public struct ActivityHealthFacts: Sendable, Hashable {
    /// The day of the deal's latest demo.
    public var latestDemo: Day?
    /// The day of the deal's first needs discovery.
    public var firstDiscovery: Day?
    /// The day of the deal's first quote.
    public var firstQuote: Day?

    public init(latestDemo: Day? = nil, firstDiscovery: Day? = nil, firstQuote: Day? = nil) {
        self.latestDemo = latestDemo
        self.firstDiscovery = firstDiscovery
        self.firstQuote = firstQuote
    }

    /// Reads the activities logged on one deal (others are ignored: an account-wide demo is not this deal's pitch).
    public init(_ activities: [Activity], dealID: Int64) {
        let own = activities.filter { $0.dealID == dealID }
        self.init(latestDemo: own.filter { $0.kind == .demo }.map(\.day).max(),
                  firstDiscovery: own.filter { $0.kind == .discovery }.map(\.day).min(),
                  firstQuote: own.filter { $0.kind == .quote }.map(\.day).min())
    }
}

/// The two days of an account's facts the stores keep for SQL to compare with a cutoff.
extension OrgHealthFacts {
    /// Never sorts before a cutoff day.
    public static let never = "9999-12-31"

    /// #7 trips when this sorts before today − routeDays (`NoRouteCheck`).
    public var routeKey: String {
        hasRouteToDecisionMaker ? Self.never : decisionMakerLastMet?.description ?? ""
    }

    /// Cold when this sorts before today − coldDays (`KeyPersonColdCheck`).
    public var coldKey: String {
        guard let coldest else { return Self.never }
        return coldest.lastMet?.description ?? ""
    }
}
