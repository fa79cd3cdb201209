import Foundation

/// Processes are data, not code (001: one firm runs a short transactional process and a long
/// solution process). A deal names its process; stages carry their gate milestones.
public struct ProcessTemplate: Sendable, Hashable, Codable, Identifiable {
    public var key: String
    public var name: LocalizedText
    public var stages: [StageTemplate]
    public var id: String { key }

    public init(key: String, name: LocalizedText, stages: [StageTemplate]) {
        self.key = key
        self.name = name
        self.stages = stages
    }

    public func stageIndex(_ key: String) -> Int? { stages.firstIndex { $0.key == key } }

    public func stage(_ key: String) -> StageTemplate? { stages.first { $0.key == key } }

    /// Finds a stage by key, number (1-based) or either language's name.
    public func resolveStage(_ text: String) -> StageTemplate? {
        let wanted = text.trimmingCharacters(in: .whitespaces).lowercased()
        if let number = Int(wanted), stages.indices.contains(number - 1) { return stages[number - 1] }
        return stages.first { $0.key == wanted || $0.name.en.lowercased() == wanted || $0.name.zh == wanted }
    }

    /// Checks what a user-supplied template must satisfy before the store accepts it.
    public func validate() throws(ProcessTemplateError) {
        guard !key.isEmpty, key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else {
            throw .badKey(key)
        }
        guard !stages.isEmpty else { throw .noStages(key) }
        var seen = Set<String>()
        for stage in stages {
            guard seen.insert(stage.key).inserted else { throw .stageTwice(stage.key, process: key) }
            guard (0...100).contains(stage.probability) else { throw .probabilityOutside(stage.key, stage.probability) }
            var milestoneKeys = Set<String>()
            for milestone in stage.milestones where !milestoneKeys.insert(milestone.key).inserted {
                throw .milestoneTwice(milestone.key, stage: stage.key)
            }
        }
    }
}

/// Why a process template was refused, in both languages.
public enum ProcessTemplateError: Error, Sendable, Hashable, CustomStringConvertible {
    case notATemplate(String)
    case badKey(String)
    case noStages(String)
    case stageTwice(String, process: String)
    case probabilityOutside(String, Int)
    case milestoneTwice(String, stage: String)

    public var description: String { text.en }

    public var text: LocalizedText {
        switch self {
        case .notATemplate(let detail):
            LocalizedText(en: "not a process template: \(detail)", zh: "不是流程模板（\(detail)）")
        case .badKey(let key):
            LocalizedText(en: "process key '\(key)' must be letters, digits and '-'", zh: "流程代码「\(key)」只能包含字母、数字和连字符")
        case .noStages(let key):
            LocalizedText(en: "process '\(key)' has no stages", zh: "流程「\(key)」没有阶段")
        case .stageTwice(let stage, let process):
            LocalizedText(en: "stage '\(stage)' appears twice in '\(process)'", zh: "阶段「\(stage)」在「\(process)」中出现了两次")
        case .probabilityOutside(let stage, let probability):
            LocalizedText(en: "stage '\(stage)' probability \(probability) is outside 0…100", zh: "阶段「\(stage)」的概率 \(probability) 不在 0…100 之内")
        case .milestoneTwice(let milestone, let stage):
            LocalizedText(en: "milestone '\(milestone)' appears twice in stage '\(stage)'", zh: "关键节点「\(milestone)」在阶段「\(stage)」中出现了两次")
        }
    }
}

public struct StageTemplate: Sendable, Hashable, Codable, Identifiable {
    public var key: String
    public var name: LocalizedText
    /// Default chance of winning, in percent, for a deal in this stage with its gates honest.
    public var probability: Int
    public var milestones: [MilestoneTemplate]
    public var workItems: [LocalizedText]
    /// Where the health rules expect something of a deal from this stage on (budget known,
    /// needs recorded) or allow it (price talk). The first stage carrying a flag sets it for the
    /// process; the team's settings may move it.
    public var flags: Set<StageFlag>
    public var id: String { key }

    public init(key: String, name: LocalizedText, probability: Int, milestones: [MilestoneTemplate], workItems: [LocalizedText] = [],
                flags: Set<StageFlag> = []) {
        self.key = key
        self.name = name
        self.probability = probability
        self.milestones = milestones
        self.workItems = workItems
        self.flags = flags
    }

    private enum CodingKeys: String, CodingKey { case key, name, probability, milestones, workItems, flags }

    /// A team's template may leave out work items (and milestones, for a stage with no gate), and flags.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        key = try container.decode(String.self, forKey: .key)
        name = try container.decode(LocalizedText.self, forKey: .name)
        probability = try container.decode(Int.self, forKey: .probability)
        milestones = try container.decodeIfPresent([MilestoneTemplate].self, forKey: .milestones) ?? []
        workItems = try container.decodeIfPresent([LocalizedText].self, forKey: .workItems) ?? []
        flags = try container.decodeIfPresent(Set<StageFlag>.self, forKey: .flags) ?? []
    }

    /// Flags sorted, and left out when there are none, so a template without them reads as before.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(key, forKey: .key)
        try container.encode(name, forKey: .name)
        try container.encode(probability, forKey: .probability)
        try container.encode(milestones, forKey: .milestones)
        try container.encode(workItems, forKey: .workItems)
        if !flags.isEmpty { try container.encode(flags.sorted(), forKey: .flags) }
    }
}

/// A stage's meaning for the health rules (002, 十忌).
public enum StageFlag: String, CodedValue, Comparable {
    /// From here on the customer's budget should be known (taboo #6).
    case budget
    /// The pricing stage: a quote before it is price talked too early (taboo #4).
    case pricing
    /// From here on the customer's needs should be recorded (taboo #3).
    case needs

    public var label: LocalizedText {
        switch self {
        case .budget: LocalizedText(en: "Budget known from", zh: "预算明确自")
        case .pricing: LocalizedText(en: "Pricing stage", zh: "报价阶段")
        case .needs: LocalizedText(en: "Needs recorded by", zh: "需求记录自")
        }
    }

    public static func < (a: StageFlag, b: StageFlag) -> Bool {
        (allCases.firstIndex(of: a) ?? 0) < (allCases.firstIndex(of: b) ?? 0)
    }
}

extension ProcessTemplate {
    /// The first stage carrying `flag` in the template's own data, nil when none does.
    public func flaggedStage(_ flag: StageFlag) -> StageTemplate? { stages.first { $0.flags.contains(flag) } }
}

/// The event that proves a stage done (关键节点).
public struct MilestoneTemplate: Sendable, Hashable, Codable, Identifiable {
    public var key: String
    public var name: LocalizedText
    /// Set when the milestone can be proven from data instead of ticked by hand (001).
    public var proof: MilestoneProof?
    public var id: String { key }

    public init(key: String, name: LocalizedText, proof: MilestoneProof? = nil) {
        self.key = key
        self.name = name
        self.proof = proof
    }
}

/// Facts about a deal's account that can prove a milestone without a tick.
public enum MilestoneProof: String, Sendable, Hashable, Codable {
    /// The account has a person marked inside coach and a decision-maker mapped (003).
    case insideCoachAndDecisionMaker = "inside-coach-and-decision-maker"
}
