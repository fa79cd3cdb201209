import Foundation

/// The open actions planned on accounts alone (a quadrant action toward Strategic, 000), due
/// by the end of the coming week or already overdue: the account's work beside the deals' next
/// steps, in the review and on the wall. Its count is complete; it carries the first items in
/// the order they are to be done (the overdue ones come first).
public struct AccountPlanList: Sendable, Hashable, Codable {
    public var count: Int
    /// How many of them are overdue (due before the review's today).
    public var overdue: Int
    public var items: [AccountPlanItem]
    /// The last day a listed plan is due on (nil: not read).
    public var through: Day?

    public init(count: Int = 0, overdue: Int = 0, items: [AccountPlanItem] = [], through: Day? = nil) {
        self.through = through
        self.count = count
        self.overdue = overdue
        self.items = items
    }

    /// How far ahead the list looks from today: the coming week.
    public static let daysAhead = 7

    /// The last day a plan may be due on to be listed, seen from `today`.
    public static func lastDay(from today: Day) -> Day { today.adding(days: daysAhead) }

    public static let label = LocalizedText(en: "Account actions", zh: "客户行动")
}

/// One planned action on an account: what, on which day, by whom.
public struct AccountPlanItem: Sendable, Hashable, Codable {
    public var planID: Int64
    public var accountID: Int64
    public var accountName: String
    public var text: String
    public var due: Day
    public var owner: String

    public init(planID: Int64, accountID: Int64, accountName: String, text: String, due: Day, owner: String) {
        self.planID = planID
        self.accountID = accountID
        self.accountName = accountName
        self.text = text
        self.due = due
        self.owner = owner
    }

    public func isOverdue(today: Day) -> Bool { due < today }

    /// The day as the review words it, with how late an overdue one is: "11-20 · 3 days late".
    public func dueText(today: Day, lang: Language) -> String {
        let day = ReviewWording.day(due, today: today)
        guard isOverdue(today: today) else { return day }
        let late = due.days(until: today)
        return day + LocalizedText(en: " · \(late) days late", zh: " · 逾期 \(late) 天")[lang]
    }

    /// The same, short enough for a narrow table, the overdue mark kept: "11-20 late".
    public func shortDueText(today: Day, lang: Language) -> String {
        let day = ReviewWording.day(due, today: today)
        return isOverdue(today: today) ? day + LocalizedText(en: " late", zh: " 逾期")[lang] : day
    }
}
