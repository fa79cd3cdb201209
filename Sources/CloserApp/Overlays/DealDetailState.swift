import CloserCore
import TerminalUI

/// The open deal: its facts, the milestone checklist, and whichever edit is in progress.
public struct DealDetailState: Sendable {
    public enum Mode: Sendable {
        case browse
        case edit(FormState)
        case logActivity(kind: ActivityKind, notes: TextFieldState)
    }

    public var deal: Deal
    public var accountName: String
    public var process: ProcessTemplate
    public var evidence: DealEvidence
    public var activities: [Activity]
    public var events: [ChangeEvent]
    /// The gaps in the account's key-person map (OrgCoverage), so the deal says what the chart says.
    public var coverage: [CoverageWarning] = []
    /// Index into `milestoneRows`.
    public var cursor = 0
    public var mode: Mode = .browse

    public init(deal: Deal, accountName: String, process: ProcessTemplate, evidence: DealEvidence,
                activities: [Activity], events: [ChangeEvent]) {
        self.deal = deal
        self.accountName = accountName
        self.process = process
        self.evidence = evidence
        self.activities = activities
        self.events = events
    }

    /// Every milestone of the process in order, with its stage.
    public var milestoneRows: [(stage: StageTemplate, milestone: MilestoneTemplate)] {
        process.stages.flatMap { stage in stage.milestones.map { (stage, $0) } }
    }

    public static let nextStepField = 0, dueField = 1, amountField = 2, closeField = 3

    public func editForm(_ lang: Language) -> FormState {
        FormState(fields: [
            FormField(label: lang(.nextStep), text: deal.nextStep),
            FormField(label: lang(.due), text: deal.nextStepDue?.description ?? "", placeholder: "YYYY-MM-DD, +7"),
            FormField(label: lang(.amount), text: Money.format(deal.amount.minorUnits).replacingOccurrences(of: ",", with: "")),
            FormField(label: lang(.expectedClose), text: deal.expectedClose?.description ?? "", placeholder: "YYYY-MM-DD"),
        ])
    }
}

/// Keys of the open deal, listed in the help overlay.
public enum DealDetailKeys {
    public static func hints(_ lang: Language) -> [KeyHint] {
        [
            KeyHint("↑ ↓", LocalizedText(en: "Select a milestone", zh: "选择关键节点")[lang]),
            KeyHint("Space", LocalizedText(en: "Tick / untick the milestone", zh: "勾选 / 取消关键节点")[lang]),
            KeyHint("e", LocalizedText(en: "Edit next step, due date, amount, close date", zh: "编辑下一步、到期日、金额、预计成交")[lang]),
            KeyHint("a", LocalizedText(en: "Log an activity", zh: "记录行动")[lang]),
            KeyHint("> <", LocalizedText(en: "Move to the next / previous stage", zh: "推进 / 退回阶段")[lang]),
            KeyHint("w", LocalizedText(en: "Mark won", zh: "标记赢单")[lang]),
            KeyHint("x", LocalizedText(en: "Mark lost (with a reason)", zh: "标记丢单（需原因）")[lang]),
            KeyHint("o", LocalizedText(en: "Open the account's org chart", zh: "打开客户的组织结构")[lang]),
            KeyHint("f", LocalizedText(en: "Forecast category: pipeline / best case / commit", zh: "预测类别：管道 / 乐观 / 承诺")[lang]),
        ]
    }
}
