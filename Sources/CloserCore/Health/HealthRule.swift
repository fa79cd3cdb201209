/// The taboos of industrial big-account selling (002, 第四篇 工业品大客户销售十忌) that a deal's
/// own data can prove. Each rule has a stable key (settings, reports and scripts name it), the
/// number of the taboo it comes from, and a why and a fix in both languages
/// (`HealthRule+Advice.swift`). The taboos the data cannot prove are coaching points
/// (`CoachingPoints`), never faked as warnings.
public enum HealthRule: String, CaseIterable, Sendable, Hashable, Codable, Comparable {
    /// #2 急于介绍产品: a demo before any needs discovery on the deal.
    case pitchedBeforeDiscovery = "pitched-before-discovery"
    /// #3 臆想客户需求: the deal reached the needs stage with no need recorded.
    case needsNotRecorded = "needs-not-recorded"
    /// #4 过早涉及价格: a quote logged while the deal is still before the pricing stage.
    case priceTooEarly = "price-too-early"
    /// #6 没有预算的概念: budget still unknown at or after the stage that expects it.
    case budgetUnknown = "budget-unknown"
    /// #7 不能有效影响决策者: no decision-maker met lately and no coach or supporter who reaches one.
    case noRouteToDecisionMaker = "no-route-to-decision-maker"
    /// #7, kept warm: a decision-maker or the inside coach not met for too long.
    case keyPersonCold = "key-person-cold"
    /// #9 没有下一步的行动安排: no next step, or one that is overdue.
    case noNextStep = "no-next-step"

    /// The number of the taboo in the source's list of ten.
    public var taboo: Int {
        switch self {
        case .pitchedBeforeDiscovery: 2
        case .needsNotRecorded: 3
        case .priceTooEarly: 4
        case .budgetUnknown: 6
        case .noRouteToDecisionMaker, .keyPersonCold: 7
        case .noNextStep: 9
        }
    }

    /// Finds a rule by its key, in any case.
    public static func parse(_ text: String) -> HealthRule? {
        HealthRule(rawValue: text.trimmingCharacters(in: .whitespaces).lowercased())
    }

    public static var keys: String { allCases.map(\.rawValue).joined(separator: ", ") }

    /// In the source's order.
    public static func < (a: HealthRule, b: HealthRule) -> Bool {
        (allCases.firstIndex(of: a) ?? 0) < (allCases.firstIndex(of: b) ?? 0)
    }
}

/// One rule a deal trips, with what the data shows ("overdue 3 days", "王总 not met for 75 days").
public struct HealthWarning: Sendable, Hashable, Codable {
    public var rule: HealthRule
    public var detail: LocalizedText

    public init(rule: HealthRule, detail: LocalizedText) {
        self.rule = rule
        self.detail = detail
    }
}
