import Foundation

/// One condition of the accounts' query language (`grade:A,B region:华东 pipeline>500k last>30d`).
public enum AccountCondition: Sendable, Hashable {
    /// Plain text or pinyin initials, matched against the account's name.
    case text(String)
    case grades(Set<Grade>)
    case quadrants(Set<Quadrant>)
    /// Any of the values, for a text field; `owner:me` is resolved against the viewer by the store.
    case field(AccountTextField, [String])
    case visibility(Set<Visibility>)
    case tag(String)
    /// Amounts in minor units.
    case pipeline(Comparison, Int64)
    case weighted(Comparison, Int64)
    case won(Comparison, Int64)
    /// Days since the last activity on the account (`last>30d`); an account never worked counts as infinitely old.
    case lastActivityDays(Comparison, Int)
    /// Buyer maturity (004) is any of the levels, or not judged yet when `unassessed`.
    case maturity(Set<BuyerMaturity>, unassessed: Bool)
}

public enum AccountTextField: String, Sendable, Hashable, CaseIterable {
    case region, industry, owner, nature, scale
}

public enum Comparison: String, Sendable, Hashable, CaseIterable {
    case less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">=", equal = "="

    public func holds<T: Comparable>(_ value: T, _ bound: T) -> Bool {
        switch self {
        case .less: value < bound
        case .lessOrEqual: value <= bound
        case .greater: value > bound
        case .greaterOrEqual: value >= bound
        case .equal: value == bound
        }
    }
}

/// Who is looking: reps see their own, shared and pool accounts; managers see all (DOMAIN §5).
public struct Viewer: Sendable, Hashable {
    public var name: String
    public var role: UserRole

    public init(name: String, role: UserRole) {
        self.name = name
        self.role = role
    }
}

/// A named query the team reuses on every screen and from the CLI.
public struct SavedFilter: Sendable, Hashable, Codable {
    public var name: String
    public var query: String
    public var owner: String

    public init(name: String, query: String, owner: String) {
        self.name = name
        self.query = query
        self.owner = owner
    }

    /// The name and query trimmed, refused (in one line) when a store must not keep them: every
    /// store checks a filter this way before saving it.
    public func checked() throws -> (name: String, query: String) {
        let name = name.trimmingCharacters(in: .whitespaces)
        let query = query.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw StoreError.invalid(.filterNeedsName) }
        guard name.count <= 80 else { throw StoreError.invalid(.filterNameTooLong) }
        try Validation.requirePlainText(name, field: "filter name")
        try Validation.requirePlainText(query, field: "filter query")
        guard !query.isEmpty else { throw StoreError.invalid(.filterNeedsQuery(name)) }
        do {
            _ = try AccountQueryLanguage.parse(query)
        } catch {
            throw StoreError.invalid(.filterQueryWrong(name, LocalizedText(en: error.description, zh: error.chineseDescription)))
        }
        return (name, query)
    }

    /// What a missing filter's name is told.
    public static func missing(_ name: String) -> StoreError {
        .invalid(.noSuchFilter(name))
    }
}

/// Which way an account moved between quadrants since a date, for the grid's markers.
public struct QuadrantMove: Sendable, Hashable {
    public var accountID: Int64
    public var from: Quadrant
    public var to: Quadrant
    public var at: Date

    public init(accountID: Int64, from: Quadrant, to: Quadrant, at: Date) {
        self.accountID = accountID
        self.from = from
        self.to = to
        self.at = at
    }
}

extension AccountQuery {
    /// The day `last>30d` counts from in every store; nil means today in the local time zone. Bind
    /// it for a deterministic query: `AccountQuery.$today.withValue(day) { try store.accounts(q) }`.
    @TaskLocal public static var today: Day?
}
