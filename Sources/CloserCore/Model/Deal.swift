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
    /// The customer's needs as heard, each with who stated it.
    public var needs: [CustomerNeed]
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
        nextStep: String = "", nextStepDue: Day? = nil, budgetKnown: Bool = false, needs: [CustomerNeed] = [], competitors: [String] = [],
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
        self.needs = needs
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

extension Deal {
    /// At least one need the customer stated is recorded (taboo #3).
    public var hasStatedNeeds: Bool { needs.contains(where: \.isStated) }
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
        try container.encode(needs, forKey: .needs)
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

extension Deal {
    enum CodingKeys: String, CodingKey {
        case id, accountID, title, processKey, stageKey, milestonesDone, amount, expectedClose, nextStep, nextStepDue, budgetKnown, needs,
             competitors, owner, overrides, outcome, outcomeReason, lossReason, lostTo, forecastCategory, stageEnteredAt, closedOn, externalID,
             version, createdAt, updatedAt
    }

    /// Decodes like the synthesized form; files written before deals recorded needs, a loss's reason
    /// from the list or the competitor who won have none.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try container.decode(Int64.self, forKey: .id),
            accountID: try container.decode(Int64.self, forKey: .accountID),
            title: try container.decode(String.self, forKey: .title),
            processKey: try container.decode(String.self, forKey: .processKey),
            stageKey: try container.decode(String.self, forKey: .stageKey),
            milestonesDone: try container.decode(Set<String>.self, forKey: .milestonesDone),
            amount: try container.decode(Money.self, forKey: .amount),
            expectedClose: try container.decodeIfPresent(Day.self, forKey: .expectedClose),
            nextStep: try container.decode(String.self, forKey: .nextStep),
            nextStepDue: try container.decodeIfPresent(Day.self, forKey: .nextStepDue),
            budgetKnown: try container.decode(Bool.self, forKey: .budgetKnown),
            needs: try container.decodeIfPresent([CustomerNeed].self, forKey: .needs) ?? [],
            competitors: try container.decode([String].self, forKey: .competitors),
            owner: try container.decode(String.self, forKey: .owner),
            overrides: try container.decode([GateOverride].self, forKey: .overrides),
            outcome: try container.decode(Outcome.self, forKey: .outcome),
            outcomeReason: try container.decode(String.self, forKey: .outcomeReason),
            lossReason: try container.decodeIfPresent(String.self, forKey: .lossReason),
            lostTo: try container.decodeIfPresent(String.self, forKey: .lostTo),
            forecastCategory: try container.decode(ForecastCategory.self, forKey: .forecastCategory),
            stageEnteredAt: try container.decode(Date.self, forKey: .stageEnteredAt),
            closedOn: try container.decodeIfPresent(Day.self, forKey: .closedOn),
            externalID: try container.decodeIfPresent(String.self, forKey: .externalID),
            version: try container.decode(Int.self, forKey: .version),
            createdAt: try container.decode(Date.self, forKey: .createdAt),
            updatedAt: try container.decode(Date.self, forKey: .updatedAt))
    }
}
