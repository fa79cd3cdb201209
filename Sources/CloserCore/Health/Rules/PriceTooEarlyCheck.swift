/// #4 过早涉及价格: a quote logged on a deal that has not yet reached the process's pricing stage
/// (the `pricing` flag). The warning holds while the deal stays before that stage: once it gets
/// there, price is the stage's business.
enum PriceTooEarlyCheck {
    static func check(_ c: HealthContext) -> LocalizedText? {
        guard let quoted = c.facts.activities.firstQuote, let stages = c.stages(for: .pricing),
              stages.currentIndex < stages.flaggedIndex else { return nil }
        return detail("Quote on \(quoted) while in \(stages.current.name.en); pricing is \(stages.flagged.name.en)",
                      "\(quoted) 已报价，但商机仍在\(stages.current.name.zh)阶段；报价应在\(stages.flagged.name.zh)阶段")
    }
}
