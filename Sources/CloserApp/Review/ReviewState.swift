import CloserCore
import TerminalUI

/// The weekly funnel review screen: the review read for the period, the list in focus and the
/// selection inside it.
public struct ReviewState: Sendable {
    /// The sections a manager walks through, in order: the lists, close dates, quadrants, reps.
    public enum Section: Hashable, Sendable {
        case list(ReviewListKind)
        /// Actions planned on accounts alone (from the quadrant), overdue or due this coming week.
        case accountPlans
        /// The open deals tripping one health rule (issue 19's warnings), then the rules per rep.
        case health(HealthRule)
        case healthByRep
        case closeDates, quadrants, reps

        var isHealth: Bool {
            switch self {
            case .health, .healthByRep: true
            default: false
            }
        }
    }

    public static let sections: [Section] = ReviewListKind.allCases.map { .list($0) } + [.accountPlans] + HealthRule.allCases.map { .health($0) }
        + [.healthByRep, .closeDates, .quadrants, .reps]

    public var review: WeeklyReview?
    /// The open deals' health, read once a health list is in view; nil until then (or on a store that keeps none).
    public var health: HealthReport?
    /// What `health` was read for: another rep or process reads it again.
    var healthQuery: HealthReportQuery?
    /// Start of the period; nil until the first load picks Monday of last week.
    public var since: Day?
    public var section = 0
    /// In the section's items (true) or its menu (false).
    public var inItems = false
    public var items = ScrollState()
    /// Paces the rereads others' writes cause: the review's read grows with the store.
    var reads = RefreshPacer()

    public init() {}

    public var currentSection: Section { ReviewState.sections[min(section, ReviewState.sections.count - 1)] }

    /// How many rows the current section has on screen.
    public var itemCount: Int {
        guard let review else { return 0 }
        switch currentSection {
        case .list(let kind): return review.list(kind).items.count
        case .accountPlans: return review.accountPlans.items.count
        case .closeDates: return review.closeDateChanges.count
        case .quadrants: return review.quadrantChanges.count
        case .reps: return review.reps.count
        case .health(let rule): return health?.list(rule)?.items.count ?? 0
        case .healthByRep: return health?.reps.count ?? 0
        }
    }
}

extension WeeklyReview {
    public func list(_ kind: ReviewListKind) -> ReviewList {
        lists.first { $0.0 == kind }?.1 ?? ReviewList()
    }
}
