/// Gaps in how well we know a buying organisation (002, 003): the warnings the org chart and
/// the account's deals carry. Thresholds are settings, not constants buried in the rules.
public struct CoverageSettings: Sendable, Hashable {
    /// An opponent at or above this influence (0…100) is a threat worth a warning.
    public var highInfluence: Int
    /// Key persons not met for longer than this many days are going cold.
    public var notMetDays: Int

    public init(highInfluence: Int = 30, notMetDays: Int = 60) {
        self.highInfluence = highInfluence
        self.notMetDays = notMetDays
    }
}

public enum CoverageWarning: Sendable, Hashable {
    case noDecisionMaker
    case noInsideCoach
    case influentialOpponent(personID: Int64, name: String, influence: Int)
    case departmentWithoutContact(PersonFunction)
    /// `days` is nil when the person was never met.
    case keyPersonNotMet(personID: Int64, name: String, days: Int?)

    public var personID: Int64? {
        switch self {
        case .influentialOpponent(let id, _, _), .keyPersonNotMet(let id, _, _): id
        default: nil
        }
    }

    /// The gaps that can lose the deal come first.
    public var isSevere: Bool {
        switch self {
        case .noDecisionMaker, .noInsideCoach, .influentialOpponent: true
        case .departmentWithoutContact, .keyPersonNotMet: false
        }
    }

    public var message: LocalizedText {
        switch self {
        case .noDecisionMaker:
            LocalizedText(en: "No decision-maker mapped", zh: "未识别决策者")
        case .noInsideCoach:
            LocalizedText(en: "No inside coach", zh: "没有内线")
        case .influentialOpponent(_, let name, let influence):
            LocalizedText(en: "Opponent with influence \(influence): \(name)", zh: "高影响力反对者（\(influence)）：\(name)")
        case .departmentWithoutContact(let function):
            LocalizedText(en: "No contact in \(function.label.en)", zh: "\(function.label.zh)无联系人")
        case .keyPersonNotMet(_, let name, let days):
            if let days {
                LocalizedText(en: "\(name) not met for \(days) days", zh: "\(name) 已 \(days) 天未见面")
            } else {
                LocalizedText(en: "\(name) never met", zh: "\(name) 从未见面")
            }
        }
    }
}

public enum OrgCoverage {
    /// A key person 关键人 holds a part in this purchase, decides, coaches us, or weighs heavily.
    public static func isKeyPerson(_ person: Person, settings: CoverageSettings = CoverageSettings()) -> Bool {
        !person.roles.isEmpty || person.isDecisionMaker || person.isInsideCoach || person.influence >= settings.highInfluence
    }

    /// Every warning for one account's persons, the severe ones first, each group in a stable order.
    public static func warnings(_ persons: [Person], today: Day, settings: CoverageSettings = CoverageSettings()) -> [CoverageWarning] {
        var result: [CoverageWarning] = []
        if !persons.contains(where: \.isDecisionMaker) { result.append(.noDecisionMaker) }
        if !persons.contains(where: \.isInsideCoach) { result.append(.noInsideCoach) }
        let ordered = persons.sorted { ($0.influence, $1.name, $1.id) > ($1.influence, $0.name, $0.id) }
        for person in ordered where person.stance == .opponent && person.influence >= settings.highInfluence {
            result.append(.influentialOpponent(personID: person.id, name: person.name, influence: person.influence))
        }
        let covered = Set(persons.map(\.function))
        for function in PersonFunction.allCases where !covered.contains(function) {
            result.append(.departmentWithoutContact(function))
        }
        for person in ordered where isKeyPerson(person, settings: settings) {
            guard let lastMet = person.lastMet else {
                result.append(.keyPersonNotMet(personID: person.id, name: person.name, days: nil))
                continue
            }
            let days = lastMet.days(until: today)
            if days > settings.notMetDays {
                result.append(.keyPersonNotMet(personID: person.id, name: person.name, days: days))
            }
        }
        return result
    }
}
