import Foundation

/// #3 臆想客户需求: from the stage the process expects it (the `needs` flag, the proposal in the
/// project process) the deal records at least one need the customer stated.
enum NeedsNotRecordedCheck {
    static func check(_ c: HealthContext) -> LocalizedText? {
        guard !c.deal.hasStatedNeeds, let stages = c.stages(for: .needs), stages.currentIndex >= stages.flaggedIndex else { return nil }
        return detail("No customer need recorded in \(stages.current.name.en) (expected from \(stages.flagged.name.en))",
                      "已到\(stages.current.name.zh)阶段，仍未记录客户需求（应自\(stages.flagged.name.zh)起记录）")
    }
}
