// What each rule says to a rep: its title, why it matters (the source's reason, in one line)
// and the fix. Kept together so both languages are read and revised side by side.

extension HealthRule {
    /// A column header's worth: the taboo's number and one word.
    public var shortLabel: LocalizedText {
        switch self {
        case .pitchedBeforeDiscovery: LocalizedText(en: "#2 pitch", zh: "#2 先演示")
        case .needsNotRecorded: LocalizedText(en: "#3 needs", zh: "#3 需求")
        case .priceTooEarly: LocalizedText(en: "#4 price", zh: "#4 报价")
        case .budgetUnknown: LocalizedText(en: "#6 budget", zh: "#6 预算")
        case .noRouteToDecisionMaker: LocalizedText(en: "#7 route", zh: "#7 决策者")
        case .keyPersonCold: LocalizedText(en: "#7 cold", zh: "#7 久未见")
        case .noNextStep: LocalizedText(en: "#9 next", zh: "#9 下一步")
        }
    }

    public var title: LocalizedText {
        switch self {
        case .pitchedBeforeDiscovery: LocalizedText(en: "Product pitched before needs discovery", zh: "未调研需求先介绍产品")
        case .needsNotRecorded: LocalizedText(en: "Customer needs not recorded", zh: "未记录客户需求")
        case .priceTooEarly: LocalizedText(en: "Price talked too early", zh: "过早涉及价格")
        case .budgetUnknown: LocalizedText(en: "Budget still unknown", zh: "预算仍不明确")
        case .noRouteToDecisionMaker: LocalizedText(en: "No route to a decision-maker", zh: "无法影响决策者")
        case .keyPersonCold: LocalizedText(en: "Decision-maker or coach not met lately", zh: "决策者或内线久未见面")
        case .noNextStep: LocalizedText(en: "No next step, or overdue", zh: "没有下一步或已逾期")
        }
    }

    public var why: LocalizedText {
        switch self {
        case .pitchedBeforeDiscovery:
            LocalizedText(en: "A pitch before questions tells the wrong person the wrong thing at the wrong time; each role cares about something else.",
                          zh: "急于介绍产品，往往在错误的时间向错误的人说了错误的话；不同角色关注的因素各不相同。")
        case .needsNotRecorded:
            LocalizedText(en: "A proposal built on surface statements answers needs the customer may not have; the real one sits behind the first answer.",
                          zh: "只凭表面陈述做方案，可能答非所问；真正的需求藏在需求背后。")
        case .priceTooEarly:
            LocalizedText(en: "An early price reveals our floor and becomes the target every later discount request aims at.",
                          zh: "过早报价会泄露价格底线，并成为此后每一次压价的靶子。")
        case .budgetUnknown:
            LocalizedText(en: "A need without budget behind it is worth something else entirely; the budget decides what we invest.",
                          zh: "有没有实质的预算支持，需求的价值截然不同；预算决定我们的投入。")
        case .noRouteToDecisionMaker:
            LocalizedText(en: "Decision-makers join ~5% of activities and decide in meetings we never attend; someone inside must carry our case.",
                          zh: "决策者只参与约5%的活动，决定多在我们缺席的内部会议中做出；必须有人在内部替我们影响决策者。")
        case .keyPersonCold:
            LocalizedText(en: "The people who decide and who guide us drift to whoever kept in touch.",
                          zh: "长期不联系，决策者和内线就会倒向保持联系的人。")
        case .noNextStep:
            LocalizedText(en: "Visits with no next step become scattered one-offs; each visit should set up the next.",
                          zh: "没有下一步安排，销售活动就变成零散的单次行为；每次拜访都应为下一次铺垫。")
        }
    }

    public var fix: LocalizedText {
        switch self {
        case .pitchedBeforeDiscovery:
            LocalizedText(en: "Hold a needs discovery (ask, and ask why five times), then present again to what you heard.",
                          zh: "先做一次需求调研（多提问，连问五个为什么），再针对听到的需求重新演示。")
        case .needsNotRecorded:
            LocalizedText(en: "Record the needs the customer stated, and who stated them, before the proposal goes out.",
                          zh: "在提交方案前记录客户亲口说出的需求，以及由谁提出。")
        case .priceTooEarly:
            LocalizedText(en: "Steer back to needs and value; give the price in the pricing stage, once the needs and the gaps are agreed.",
                          zh: "把话题拉回需求与价值；在报价阶段、需求和不足都已谈清之后再报价。")
        case .budgetUnknown:
            LocalizedText(en: "Find out the budget, how it is approved and by whom; then mark it known on the deal.",
                          zh: "弄清客户预算、预算审批流程及审批人，然后在商机上标记预算已明确。")
        case .noRouteToDecisionMaker:
            LocalizedText(en: "Meet a decision-maker, or win a coach or supporter who reports to or sits beside one, and map them on the org chart.",
                          zh: "拜访决策者，或在决策者身边发展内线或支持者，并在组织结构图上标明。")
        case .keyPersonCold:
            LocalizedText(en: "Plan a meeting with them this week and log it.", zh: "本周安排与其见面，并记录行动。")
        case .noNextStep:
            LocalizedText(en: "Agree the next step with the customer (a sample, an engineer's visit, a site visit) and give it a date.",
                          zh: "与客户商定下一步（带样机、派工程师、邀请参观等），并定下日期。")
        }
    }
}
