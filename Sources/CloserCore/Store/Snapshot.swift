import Foundation

/// Everything in a store, in our own exchange format (JSON, or one CSV per entity).
public struct Snapshot: Sendable, Codable, Equatable {
    public static let currentFormat = 1

    public var format: Int
    public var users: [User]
    public var processes: [ProcessTemplate]
    public var accounts: [Account]
    public var persons: [Person]
    public var deals: [Deal]
    public var activities: [Activity]
    /// Planned activities, done or not. A file from before they existed has none: its deals'
    /// next steps become plans when it is imported.
    public var plans: [PlannedActivity]
    /// The event log, so history (and the weekly review built on it) travels with the data.
    public var events: [ChangeEvent]
    /// The team's base currency, rates, targets and lost reasons; nil when none were set.
    public var team: TeamSettings?

    public init(format: Int = Snapshot.currentFormat, users: [User] = [], processes: [ProcessTemplate] = [], accounts: [Account] = [],
                persons: [Person] = [], deals: [Deal] = [], activities: [Activity] = [], plans: [PlannedActivity] = [],
                events: [ChangeEvent] = [], team: TeamSettings? = nil) {
        self.format = format
        self.users = users
        self.processes = processes
        self.accounts = accounts
        self.persons = persons
        self.deals = deals
        self.activities = activities
        self.plans = plans
        self.events = events
        self.team = team
    }

    enum CodingKeys: String, CodingKey { case format, users, processes, accounts, persons, deals, activities, plans, events, team }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        format = try container.decode(Int.self, forKey: .format)
        users = try container.decode([User].self, forKey: .users)
        processes = try container.decode([ProcessTemplate].self, forKey: .processes)
        accounts = try container.decode([Account].self, forKey: .accounts)
        persons = try container.decode([Person].self, forKey: .persons)
        deals = try container.decode([Deal].self, forKey: .deals)
        activities = try container.decode([Activity].self, forKey: .activities)
        plans = try container.decodeIfPresent([PlannedActivity].self, forKey: .plans) ?? []
        events = try container.decode([ChangeEvent].self, forKey: .events)
        team = try container.decodeIfPresent(TeamSettings.self, forKey: .team)
    }
}

/// The team's numbers as a file carries them.
public struct TeamSettings: Sendable, Codable, Equatable {
    public var baseCurrency: String
    public var exchangeRates: [ExchangeRate]
    public var targets: [SalesTarget]
    public var lostReasons: [String]

    public init(baseCurrency: String = Money.defaultCurrency, exchangeRates: [ExchangeRate] = [], targets: [SalesTarget] = [], lostReasons: [String] = []) {
        self.baseCurrency = baseCurrency
        self.exchangeRates = exchangeRates
        self.targets = targets
        self.lostReasons = lostReasons
    }

    /// Nothing set: a file need not carry it.
    public var isDefault: Bool { self == TeamSettings() }
}

public struct ImportSummary: Sendable, Equatable, CustomStringConvertible {
    public var users = 0, processes = 0, accounts = 0, persons = 0, deals = 0, activities = 0, plans = 0, events = 0

    public init() {}

    public var description: String { text.en }

    /// "imported 41 accounts, …" / "已导入 41 个客户、…": what the dashboard says after loading the demo.
    public var text: LocalizedText {
        LocalizedText(
            en: "imported \(accounts) accounts, \(persons) persons, \(deals) deals, \(activities) activities"
                + (processes > 0 ? ", \(processes) processes" : "") + (users > 0 ? ", \(users) users" : ""),
            zh: "已导入 \(accounts) 个客户、\(persons) 位关键人、\(deals) 个商机、\(activities) 条行动记录"
                + (processes > 0 ? "、\(processes) 个流程" : "") + (users > 0 ? "、\(users) 位用户" : ""))
    }
}

public struct User: Sendable, Hashable, Codable {
    public var name: String
    public var role: UserRole
    public var displayName: String

    public init(name: String, role: UserRole = .rep, displayName: String = "") {
        self.name = name
        self.role = role
        self.displayName = displayName
    }
}
