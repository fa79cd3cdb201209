import CloserCore
import TerminalUI

/// The open deal: its facts, the milestone checklist, and whichever edit is in progress.
public struct DealDetailState: Sendable {
    public enum Mode: Sendable {
        case browse
        /// Editing next step, due, amount and close, on the deal as the form was opened.
        case edit(RecordForm<Deal>)
        /// Logging an activity: its kind (picked), the day it happened, the persons met (picked), notes.
        case logActivity(FormState)
        /// Losing the deal: the reason picked from the team's list, its details, the competitor who won.
        case lose(FormState)
    }

    public var deal: Deal
    public var accountName: String
    public var process: ProcessTemplate
    public var evidence: DealEvidence
    public var activities: [Activity]
    public var events: [ChangeEvent]
    /// The gaps in the account's key-person map (OrgCoverage), so the deal says what the chart says.
    public var coverage: [CoverageWarning] = []
    /// The account's key persons: whom an activity may have met.
    public var persons: [Person] = []
    /// What the deal trips of the health rules (CloserCore's taboos), each with why and fix.
    public var health: [HealthWarning] = []
    /// The right pane shows the health list instead of the milestone checklist.
    public var showsHealth = false
    /// The account whose 360° view opened the deal: Esc goes back to it.
    public var returnToAccount: Int64?
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
    /// Picked: the base currency and those the team has rates for (and the deal's own).
    public static let currencyField = 4
    public static let activityKindField = 0, activityDayField = 1, activityMetField = 2, activityNotesField = 3

    /// The activity form: a visit today by default; the day may go back, never forward.
    public func activityForm(_ lang: Language, today: Day) -> FormState {
        FormState(fields: [
            FormField(label: lang(.kind), text: ActivityKind.visit.label[lang],
                      choices: FieldPickers.coded(ActivityKind.self, title: LocalizedText(en: "Kind", zh: "类型"), lang: lang)),
            FormField(label: LocalizedText(en: "Day", zh: "日期")[lang], text: today.description,
                      placeholder: LocalizedText(en: "YYYY-MM-DD, yesterday, -2", zh: "YYYY-MM-DD、昨天、-2")[lang]),
            FormField(label: LocalizedText(en: "Met", zh: "见了谁")[lang], choices: PlansState.personChoices(persons, lang: lang)),
            FormField(label: lang(.notes), maxLength: 1000),
        ], focus: Self.activityNotesField)
    }

    public func editForm(_ lang: Language, currencies: [String]) -> FormState { Self.editForm(deal, lang, currencies: currencies) }

    /// The edit form as it opens on `deal`.
    static func editForm(_ deal: Deal, _ lang: Language, currencies: [String]) -> FormState {
        let codes = currencies.contains(deal.amount.currency) ? currencies : currencies + [deal.amount.currency]
        let money = FieldPickers.currencies(codes, lang: lang)
        return FormState(fields: [
            FormField(label: lang(.nextStep), text: deal.nextStep),
            FormField(label: lang(.due), text: deal.nextStepDue?.description ?? "", placeholder: "YYYY-MM-DD, +7"),
            FormField(label: lang(.amount), text: Money.format(deal.amount.minorUnits).replacingOccurrences(of: ",", with: "")),
            FormField(label: lang(.expectedClose), text: deal.expectedClose?.description ?? "", placeholder: "YYYY-MM-DD"),
            FormField(label: LocalizedText(en: "Currency", zh: "币种")[lang], text: deal.amount.currency, choices: money),
        ])
    }
}

extension Command {
    public static let tickMilestone = Command("deal.tick-milestone", en: "Tick / untick the milestone", zh: "勾选 / 取消关键节点")
    public static let editDeal = Command("deal.edit", en: "Edit next step, due, amount, close", zh: "编辑下一步、到期日、金额、预计成交")
    public static let logActivity = Command("deal.log-activity", en: "Log an activity", zh: "记录行动")
    public static let markWon = Command("deal.won", en: "Mark won", zh: "标记赢单")
    public static let markLost = Command("deal.lost", en: "Mark lost (with a reason)", zh: "标记丢单（需原因）")
    public static let toggleHealth = Command("deal.health", en: "Health warnings, why and fix / milestones", zh: "健康提示（原因与对策）/ 关键节点")
    public static let cycleForecast = Command("deal.forecast", en: "Forecast: pipeline / best case / commit", zh: "预测类别：管道 / 乐观 / 承诺")
}

extension Deal: EditableRecord {
    public static let noun = LocalizedText(en: "deal", zh: "商机")
    /// In the order of `DealDetailState.editForm`.
    public static let formFields: [RecordField<Deal>] = [
        RecordField(UIText.nextStep.text, \.nextStep),
        RecordField(UIText.due.text, \.nextStepDue),
        // The amount and its currency are two fields: each keeps what the other writer did to the other.
        RecordField(UIText.amount.text, differs: { $0.amount.minorUnits != $1.amount.minorUnits },
                    copy: { $1.amount.minorUnits = $0.amount.minorUnits }),
        RecordField(UIText.expectedClose.text, \.expectedClose),
        RecordField(LocalizedText(en: "Currency", zh: "币种"), differs: { $0.amount.currency != $1.amount.currency },
                    copy: { $1.amount.currency = $0.amount.currency }),
    ]

    public static func edit(_ store: any Store, _ id: Int64, expectedVersion: Int, _ change: (inout Deal) throws -> Void) throws -> Deal {
        try store.editDeal(id, expectedVersion: expectedVersion, change)
    }

    public static func read(_ store: any Store, _ id: Int64) throws -> Deal { try store.deal(id) }
}

extension DealDetailState {
    static let keys = KeyContext("deal", en: "Open deal", zh: "商机详情")
    static let bindings: [KeyBinding] = [
        KeyBinding([.up, .char("k")], .selectUp, keys),
        KeyBinding([.down, .char("j")], .selectDown, keys),
        KeyBinding([.char(" ")], .tickMilestone, keys),
        KeyBinding([.char("e")], .editDeal, keys),
        KeyBinding([.char("a")], .logActivity, keys),
        KeyBinding([.char(">"), .shiftRight, .char(".")], .moveRight, keys),
        KeyBinding([.char("<"), .shiftLeft, .char(",")], .moveLeft, keys),
        KeyBinding([.char("w")], .markWon, keys),
        KeyBinding([.char("x")], .markLost, keys),
        KeyBinding([.char("o")], .openOrgChart, keys),
        KeyBinding([.char("f")], .cycleForecast, keys),
        KeyBinding([.char("h")], .toggleHealth, keys),
        KeyBinding([.char("p")], .openPlans, keys),
        KeyBinding([.char("u")], .undo, keys),
        KeyBinding([.escape, .char("q")], .close, keys),
    ]

    var contexts: [KeyContext] {
        switch mode {
        case .browse: [Self.keys]
        case .edit: [RecordFormKeys.keys, FormKeys.keys]
        case .logActivity, .lose: [FormKeys.keys]
        }
    }

    var takesText: Bool { if case .browse = mode { false } else { true } }

    /// The footer's reminder, read from the key map: each action's first key and its label.
    static func footerHints(_ lang: Language) -> [KeyHint] {
        let actions: [Command] = [.tickMilestone, .editDeal, .logActivity, .moveRight, .markWon, .markLost, .openOrgChart, .cycleForecast]
        return actions.compactMap { KeyMap.hint($0, $0.label, in: [keys], lang) }
    }
}
