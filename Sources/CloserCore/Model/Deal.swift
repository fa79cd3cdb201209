import Foundation

/// A milestone passed without being met: allowed only with a reason, and it keeps the deal
/// at risk until the milestone is met after all (002: forced deals lose their odds).
public struct GateOverride: Sendable, Hashable, Codable {
    public var stageKey: String
    public var milestoneKey: String
    public var reason: String
    public var by: String
    public var at: Date

    public init(stageKey: String, milestoneKey: String, reason: String, by: String, at: Date) {
        self.stageKey = stageKey
        self.milestoneKey = milestoneKey
        self.reason = reason
        self.by = by
        self.at = at
    }
}

/// An opportunity moving through one process template's stages.
public struct Deal: Sendable, Hashable, Identifiable, Codable {
    public var id: Int64
    public var accountID: Int64
    public var title: String
    public var processKey: String
    public var stageKey: String
    /// Milestones ticked by hand; milestones proven from data are not stored here.
    public var milestonesDone: Set<String>
    public var amount: Money
    public var expectedClose: Day?
    public var nextStep: String
    public var nextStepDue: Day?
    public var budgetKnown: Bool
    public var competitors: [String]
    public var owner: String
    public var overrides: [GateOverride]
    public var outcome: Outcome
    public var outcomeReason: String
    /// A lost deal's reason from the team's list ("other" for free text); nil when not recorded.
    public var lossReason: String?
    /// The competitor who won a deal we lost; nil when not known.
    public var lostTo: String?
    /// Forecast category the rep commits to: pipeline, best case, commit.
    public var forecastCategory: ForecastCategory
    public var stageEnteredAt: Date
    public var closedOn: Day?
    public var externalID: String?
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: Int64 = 0, accountID: Int64, title: String, processKey: String, stageKey: String,
        milestonesDone: Set<String> = [], amount: Money = Money(minorUnits: 0), expectedClose: Day? = nil,
        nextStep: String = "", nextStepDue: Day? = nil, budgetKnown: Bool = false, competitors: [String] = [],
        owner: String, overrides: [GateOverride] = [], outcome: Outcome = .open, outcomeReason: String = "",
        lossReason: String? = nil, lostTo: String? = nil, forecastCategory: ForecastCategory = .pipeline, stageEnteredAt: Date = Date(timeIntervalSince1970: 0),
        closedOn: Day? = nil, externalID: String? = nil, version: Int = 0,
        createdAt: Date = Date(timeIntervalSince1970: 0), updatedAt: Date = Date(timeIntervalSince1970: 0)
    ) {
        self.id = id
        self.accountID = accountID
        self.title = title
        self.processKey = processKey
        self.stageKey = stageKey
        self.milestonesDone = milestonesDone
        self.amount = amount
        self.expectedClose = expectedClose
        self.nextStep = nextStep
        self.nextStepDue = nextStepDue
        self.budgetKnown = budgetKnown
        self.competitors = competitors
        self.owner = owner
        self.overrides = overrides
        self.outcome = outcome
        self.outcomeReason = outcomeReason
        self.lossReason = lossReason
        self.lostTo = lostTo
        self.forecastCategory = forecastCategory
        self.stageEnteredAt = stageEnteredAt
        self.closedOn = closedOn
        self.externalID = externalID
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

public enum ForecastCategory: String, CodedValue {
    case pipeline, bestCase = "best-case", commit

    public var label: LocalizedText {
        switch self {
        case .pipeline: LocalizedText(en: "Pipeline", zh: "管道")
        case .bestCase: LocalizedText(en: "Best case", zh: "乐观")
        case .commit: LocalizedText(en: "Commit", zh: "承诺")
        }
    }
}

extension Deal {
    /// Encodes like the synthesized form but with milestones sorted, so two exports of the same
    /// store are byte-identical (a Set's order changes from run to run).
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(accountID, forKey: .accountID)
        try container.encode(title, forKey: .title)
        try container.encode(processKey, forKey: .processKey)
        try container.encode(stageKey, forKey: .stageKey)
        try container.encode(milestonesDone.sorted(), forKey: .milestonesDone)
        try container.encode(amount, forKey: .amount)
        try container.encodeIfPresent(expectedClose, forKey: .expectedClose)
        try container.encode(nextStep, forKey: .nextStep)
        try container.encodeIfPresent(nextStepDue, forKey: .nextStepDue)
        try container.encode(budgetKnown, forKey: .budgetKnown)
        try container.encode(competitors, forKey: .competitors)
        try container.encode(owner, forKey: .owner)
        try container.encode(overrides, forKey: .overrides)
        try container.encode(outcome, forKey: .outcome)
        try container.encode(outcomeReason, forKey: .outcomeReason)
        try container.encodeIfPresent(lossReason, forKey: .lossReason)
        try container.encodeIfPresent(lostTo, forKey: .lostTo)
        try container.encode(forecastCategory, forKey: .forecastCategory)
        try container.encode(stageEnteredAt, forKey: .stageEnteredAt)
        try container.encodeIfPresent(closedOn, forKey: .closedOn)
        try container.encodeIfPresent(externalID, forKey: .externalID)
        try container.encode(version, forKey: .version)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(updatedAt, forKey: .updatedAt)
    }
}
