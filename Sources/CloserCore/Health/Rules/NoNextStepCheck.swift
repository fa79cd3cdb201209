import Foundation

/// #9 没有下一步的行动安排: every open deal has a next step with a date, not yet past (002).
enum NoNextStepCheck {
    static func check(_ c: HealthContext) -> LocalizedText? {
        switch NextStepState(nextStep: c.deal.nextStep, due: c.deal.nextStepDue, today: c.today) {
        case .dueToday, .upcoming:
            return nil
        case .missing:
            let step = c.deal.nextStep.trimmingCharacters(in: .whitespaces)
            return step.isEmpty
                ? detail("No next step planned", "没有安排下一步")
                : detail("“\(step)” has no date", "“\(step)”没有日期")
        case .overdue(let days):
            let due = c.deal.nextStepDue?.description ?? ""
            return detail("“\(c.deal.nextStep)” overdue \(days) days (due \(due))", "“\(c.deal.nextStep)”已逾期 \(days) 天（\(due) 到期）")
        }
    }
}
