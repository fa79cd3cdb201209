/// The three processes of the source documents (DOMAIN.md §1).
public enum BuiltInProcesses {
    public static let all: [ProcessTemplate] = [project, technical, transactional]

    private static func text(_ en: String, _ zh: String) -> LocalizedText { LocalizedText(en: en, zh: zh) }

    /// The standard project process (002, 标准流程): buyer step mirrored by a selling stage.
    public static let project = ProcessTemplate(
        key: "project",
        name: text("Project sale", "项目型销售"),
        stages: [
            StageTemplate(
                key: "develop", name: text("Develop", "开发"), probability: 10,
                milestones: [MilestoneTemplate(key: "graded", name: text("Opportunity assessed and graded A/B/C/D", "评估和分级")),
                             MilestoneTemplate(key: "project-info", name: text("Accurate project information", "准确的项目信息"))],
                workItems: [text("Find leads", "寻找线索"), text("Assess the opportunity", "评估机会"), text("Grade it", "分级")]),
            StageTemplate(
                key: "entry", name: text("Entry", "销售进入"), probability: 20,
                milestones: [MilestoneTemplate(key: "coach-and-key-persons", name: text("Inside coach and key persons identified", "内线和关键人"),
                                               proof: .insideCoachAndDecisionMaker)],
                workItems: [text("Map the buying organisation", "了解组织结构"), text("Win key people", "发展关键人")],
                // The Develop stage assesses the budget with the rest of the opportunity (002).
                flags: [.budget]),
            StageTemplate(
                key: "proposal", name: text("Proposal", "提案"), probability: 40,
                milestones: [MilestoneTemplate(key: "criteria-shaped", name: text("Purchase criteria shaped in our favour", "客户采购标准"))],
                workItems: [text("Demos and visits", "演示与参观"), text("Shape the criteria", "引导采购指标")],
                // A proposal answers needs the customer stated (002, taboo #3).
                flags: [.needs]),
            StageTemplate(
                key: "bid", name: text("Bid", "投标"), probability: 60,
                milestones: [MilestoneTemplate(key: "bid-submitted", name: text("Bid or negotiated tender submitted", "投标或议标"))],
                workItems: [text("Write the bid", "编写标书"), text("Price it", "报价")],
                // The bid is where the price is set (002: 确定价格定位); a quote before it is early (taboo #4).
                flags: [.pricing]),
            StageTemplate(
                key: "negotiation", name: text("Negotiation", "商务谈判"), probability: 80,
                milestones: [MilestoneTemplate(key: "contract-signed", name: text("Contract approved and signed", "合同审批和合同签订"))],
                workItems: [text("Executive visit", "高层拜访"), text("Agree terms", "商定条款")]),
            StageTemplate(
                key: "implementation", name: text("Implementation", "工程实施"), probability: 100,
                milestones: [MilestoneTemplate(key: "accepted", name: text("Acceptance and project close", "工程验收和项目结项"))],
                workItems: [text("Deliver", "交付实施"), text("Build the long relation", "建立长期关系")]),
        ])

    /// Technical sale, cyclic (000): evolve feeds new needs.
    public static let technical = ProcessTemplate(
        key: "technical",
        name: text("Technical sale", "技术型销售"),
        stages: [
            StageTemplate(
                key: "recognise-need", name: text("Recognise need", "认识需求"), probability: 10,
                milestones: [MilestoneTemplate(key: "need-confirmed", name: text("Customer confirms the need", "客户确认需求"))]),
            StageTemplate(
                key: "evaluate-options", name: text("Evaluate options", "评估选项"), probability: 30,
                milestones: [MilestoneTemplate(key: "technical-fit", name: text("Technical evaluation passed", "技术评估通过")),
                             MilestoneTemplate(key: "economic-fit", name: text("Economic evaluation passed", "经济评估通过"))],
                // Options are weighed against the confirmed need and, economically, the budget and a price (000).
                flags: [.budget, .needs, .pricing]),
            StageTemplate(
                key: "resolve-doubts", name: text("Resolve doubts", "解决疑虑"), probability: 60,
                milestones: [MilestoneTemplate(key: "customer-decides", name: text("Objections answered, customer decides", "异议解决，客户决定"))]),
            StageTemplate(
                key: "implement", name: text("Implement", "实施"), probability: 90,
                milestones: [MilestoneTemplate(key: "implemented", name: text("Implemented and verified", "实施并验证"))]),
            StageTemplate(
                key: "evolve", name: text("Evolve", "进化"), probability: 100,
                milestones: [MilestoneTemplate(key: "new-need", name: text("Follow-up finds the next need", "跟进发现新需求"))]),
        ])

    /// Transactional sale (002, 第二篇).
    public static let transactional = ProcessTemplate(
        key: "transactional",
        name: text("Transactional sale", "交易型销售"),
        stages: [
            StageTemplate(
                key: "prospect", name: text("Prospect", "潜在客户"), probability: 10,
                milestones: [MilestoneTemplate(key: "qualified", name: text("Prospect qualified", "客户资格确认"))]),
            StageTemplate(
                key: "approach", name: text("Approach", "客户介入"), probability: 20,
                milestones: [MilestoneTemplate(key: "contact-made", name: text("Contact made, visit agreed", "取得联系并约访"))]),
            StageTemplate(
                key: "visit", name: text("Visit", "拜访"), probability: 35,
                milestones: [MilestoneTemplate(key: "need-understood", name: text("Need understood, summary confirmed", "需求明确并确认纪要"))]),
            StageTemplate(
                key: "objections", name: text("Objections", "异议处理"), probability: 55,
                milestones: [MilestoneTemplate(key: "objections-cleared", name: text("Objections cleared", "异议消除"))],
                // The visit learns the need and the budget (002, 第二篇); the price comes just before the close (taboo #4).
                flags: [.budget, .needs, .pricing]),
            StageTemplate(
                key: "close", name: text("Close", "成交"), probability: 80,
                milestones: [MilestoneTemplate(key: "order-signed", name: text("Order signed", "订单签订"))]),
            StageTemplate(
                key: "after-sales", name: text("After-sales", "售后服务"), probability: 100,
                milestones: [MilestoneTemplate(key: "satisfied", name: text("Customer satisfied, referral asked", "客户满意并请求转介绍"))]),
        ])
}
