/// The team's settings for the health rules: thresholds, rules switched off, and where each
/// process's stage flags stand when the team moves them from the template's own. Kept in the
/// store as text by key (`values`), so a setting added later leaves old stores readable.
public struct HealthSettings: Sendable, Hashable {
    /// #7: a decision-maker met within this many days is a route to the decision.
    public var routeDays: Int
    /// A decision-maker or the inside coach not met for more than this many days is cold.
    public var coldDays: Int
    /// Rules the team does not want warned about.
    public var disabled: Set<HealthRule>
    /// Stage flags moved by the team: process → flag → stage key, or nil for "no stage" (the
    /// rule is off for that process). Flags not named here come from the process template.
    public var stageOverrides: [String: [StageFlag: String?]]

    public static let defaults = HealthSettings()
    /// Ten years: anything longer is a typo.
    public static let maxDays = 3_650

    public init(routeDays: Int = 90, coldDays: Int = 60, disabled: Set<HealthRule> = [], stageOverrides: [String: [StageFlag: String?]] = [:]) {
        self.routeDays = routeDays
        self.coldDays = coldDays
        self.disabled = disabled
        self.stageOverrides = stageOverrides
    }

    public func isEnabled(_ rule: HealthRule) -> Bool { !disabled.contains(rule) }

    /// The stage that carries `flag` for `process`: the team's choice, else the template's.
    public func stage(_ flag: StageFlag, in process: ProcessTemplate) -> StageTemplate? {
        if let chosen = stageOverrides[process.key]?[flag] { return chosen.flatMap(process.stage) }
        return process.flaggedStage(flag)
    }

    /// Whether the team moved this flag away from the template's stage.
    public func isOverridden(_ flag: StageFlag, in process: ProcessTemplate) -> Bool {
        stageOverrides[process.key]?[flag] != nil
    }

    /// Index of the flagged stage in the process, nil when no stage carries it.
    public func stageIndex(_ flag: StageFlag, in process: ProcessTemplate) -> Int? {
        stage(flag, in: process).flatMap { process.stageIndex($0.key) }
    }

    /// Empty when the settings are usable; otherwise one issue per bad field.
    public func issues(catalog: ProcessCatalog) -> [ValidationIssue] {
        var issues = [ValidationIssue]()
        if !(1...Self.maxDays).contains(routeDays) { issues.append(.init("route-days", "must be 1…\(Self.maxDays), got \(routeDays)", zh: "须为 1…\(Self.maxDays)，实为 \(routeDays)")) }
        if !(1...Self.maxDays).contains(coldDays) { issues.append(.init("cold-days", "must be 1…\(Self.maxDays), got \(coldDays)", zh: "须为 1…\(Self.maxDays)，实为 \(coldDays)")) }
        for (processKey, flags) in stageOverrides.sorted(by: { $0.key < $1.key }) {
            guard let process = catalog.process(processKey) else {
                issues.append(.init("\(processKey)", "unknown process '\(processKey)'; known: \(catalog.processes.map(\.key).joined(separator: ", "))",
                                    zh: "未知流程「\(processKey)」；已有：\(catalog.processes.map(\.key).joined(separator: "、"))"))
                continue
            }
            for (flag, stage) in flags.sorted(by: { $0.key < $1.key }) {
                if let stage, process.stage(stage) == nil {
                    issues.append(.init("\(processKey).\(flag.rawValue)",
                                        "'\(stage)' is not a stage of \(processKey): \(process.stages.map(\.key).joined(separator: ", ")) (or none)",
                                        zh: "「\(stage)」不是流程 \(processKey) 的阶段：\(process.stages.map(\.name.zh).joined(separator: "、"))（或 `none`）"))
                }
            }
        }
        return issues
    }
}

// MARK: Stored as text by key

extension HealthSettings {
    /// The keys a team sets, as `closer settings set KEY VALUE` names them.
    public enum Key {
        public static let routeDays = "route-days"
        public static let coldDays = "cold-days"
        public static let off = "off"
        /// `PROCESS.FLAG`, e.g. `project.pricing`.
        public static func stage(_ processKey: String, _ flag: StageFlag) -> String { "\(processKey).\(flag.rawValue)" }
    }

    /// The settings that differ from the defaults, as text by key: what the store keeps.
    public var values: [String: String] {
        var values = [String: String]()
        if routeDays != Self.defaults.routeDays { values[Key.routeDays] = String(routeDays) }
        if coldDays != Self.defaults.coldDays { values[Key.coldDays] = String(coldDays) }
        if !disabled.isEmpty { values[Key.off] = disabled.sorted().map(\.rawValue).joined(separator: ",") }
        for (processKey, flags) in stageOverrides {
            for (flag, stage) in flags { values[Key.stage(processKey, flag)] = stage ?? Self.noStage }
        }
        return values
    }

    /// What a stage override holds when the team turns a flag off for a process.
    public static let noStage = "none"

    /// Reads stored values; a value this version cannot read keeps its default, so one bad row
    /// never takes the rules down (the CLI refuses bad values before they are stored).
    public init(values: [String: String]) {
        self.init()
        for (key, value) in values { try? set(key, to: value) }
    }

    /// Sets one key from text, as typed after `closer settings set`. Only the form is checked
    /// here; `issues(catalog:)` checks the ranges and the stages against the processes.
    public mutating func set(_ key: String, to value: String) throws(HealthSettingError) {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        switch key {
        case Key.routeDays: routeDays = try Self.days(trimmed, key)
        case Key.coldDays: coldDays = try Self.days(trimmed, key)
        case Key.off:
            var rules = Set<HealthRule>()
            for part in trimmed.split(whereSeparator: { $0 == "," || $0 == "，" || $0 == " " }) where !["none", "-"].contains(part.lowercased()) {
                guard let rule = HealthRule.parse(String(part)) else {
                    throw .notARule(key, String(part))
                }
                rules.insert(rule)
            }
            disabled = rules
        default:
            let parts = key.split(separator: ".", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, let flag = StageFlag(rawValue: parts[1].lowercased()) else {
                throw .unknownSetting(key, withFlags: true)
            }
            guard !trimmed.isEmpty else { throw .needsStage(key) }
            stageOverrides[parts[0], default: [:]][flag] = .some(trimmed.lowercased() == Self.noStage ? nil : trimmed)
        }
    }

    /// Puts one key back to its default (a stage flag back to the template's stage).
    public mutating func reset(_ key: String) throws(HealthSettingError) {
        switch key {
        case Key.routeDays: routeDays = Self.defaults.routeDays
        case Key.coldDays: coldDays = Self.defaults.coldDays
        case Key.off: disabled = []
        default:
            let parts = key.split(separator: ".", maxSplits: 1).map(String.init)
            guard parts.count == 2, let flag = StageFlag(rawValue: parts[1].lowercased()) else {
                throw .unknownSetting(key, withFlags: false)
            }
            stageOverrides[parts[0]]?[flag] = nil
            if stageOverrides[parts[0]]?.isEmpty == true { stageOverrides[parts[0]] = nil }
        }
    }

    private static func days(_ text: String, _ key: String) throws(HealthSettingError) -> Int {
        guard let days = Int(text) else { throw .notDays(key, text) }
        return days
    }
}

/// Why a health setting was refused, in both languages.
public enum HealthSettingError: Error, Sendable, Hashable, CustomStringConvertible {
    case notARule(String, String)
    case unknownSetting(String, withFlags: Bool)
    case needsStage(String)
    case notDays(String, String)

    public var description: String { text.en }

    public var text: LocalizedText {
        typealias Key = HealthSettings.Key
        switch self {
        case .notARule(let key, let part):
            return LocalizedText(en: "\(key): '\(part)' is not a rule; rules: \(HealthRule.keys) (or none)",
                                 zh: "`\(key)`：「\(part)」不是规则；规则有：`\(HealthRule.keys)`（或 `none`）")
        case .unknownSetting(let key, let withFlags):
            return LocalizedText(en: "unknown setting '\(key)'; settings: \(Key.routeDays), \(Key.coldDays), \(Key.off), "
                                    + (withFlags ? "PROCESS.FLAG (flags: \(StageFlag.codes), e.g. project.pricing)" : "PROCESS.FLAG"),
                                 zh: "未知设置「\(key)」；可用设置：`\(Key.routeDays)`、`\(Key.coldDays)`、`\(Key.off)`、流程.标志")
        case .needsStage(let key):
            return LocalizedText(en: "\(key) needs a stage key, or none", zh: "`\(key)` 需要一个阶段代码，或 `none`")
        case .notDays(let key, let text):
            return LocalizedText(en: "\(key): '\(text)' is not a number of days", zh: "`\(key)`：「\(text)」不是天数")
        }
    }
}
