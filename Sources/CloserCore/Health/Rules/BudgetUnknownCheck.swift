/// #6 没有预算的概念: from the stage the process expects it (the `budget` flag) the customer's
/// budget should be known.
enum BudgetUnknownCheck {
    static func check(_ c: HealthContext) -> LocalizedText? {
        guard !c.deal.budgetKnown, let stages = c.stages(for: .budget), stages.currentIndex >= stages.flaggedIndex else { return nil }
        return detail("Budget unknown in \(stages.current.name.en) (expected from \(stages.flagged.name.en))",
                      "已到\(stages.current.name.zh)阶段，预算仍不明确（应自\(stages.flagged.name.zh)起明确）")
    }
}
