import Foundation

/// Where a deal's next step stands (002, mistake #9: no next action planned).
public enum NextStepState: Sendable, Hashable {
    case missing
    case overdue(days: Int)
    case dueToday
    case upcoming(days: Int)

    public init(nextStep: String, due: Day?, today: Day) {
        guard !nextStep.trimmingCharacters(in: .whitespaces).isEmpty, let due else {
            self = .missing
            return
        }
        let days = today.days(until: due)
        if days < 0 { self = .overdue(days: -days) } else if days == 0 { self = .dueToday } else { self = .upcoming(days: days) }
    }

    public var needsAttention: Bool {
        switch self {
        case .missing, .overdue: true
        case .dueToday, .upcoming: false
        }
    }
}
