import CloserCore
import TerminalUI

/// A deal's planned activities over the open deal: the list (open ones in the order they are to
/// be done, then those done), planning one, doing one (back-dated, with the persons met), and
/// cancelling one. Esc goes back to the deal.
public struct PlansState: Sendable {
    public enum Mode: Sendable {
        case list
        case add(FormState)
        case done(PlannedActivity, FormState)
        case confirmCancel(PlannedActivity, ConfirmDialog)
    }

    static let readLimit = 100, personLimit = 300
    /// The plan form's fields, and the done form's.
    static let kindField = 0, textField = 1, dayField = 2, timeField = 3
    static let onField = 0, metField = 1, notesField = 2, outcomeField = 3

    public var dealID: Int64
    public var accountID: Int64
    public var dealTitle: String
    /// Where the open deal's cursor was, to go back to it.
    public var dealCursor: Int
    public var plans: [PlannedActivity] = []
    public var persons: [Person] = []
    public var loaded = false
    public var scroll = ScrollState()
    public var mode: Mode = .list

    public init(dealID: Int64, accountID: Int64, dealTitle: String, dealCursor: Int) {
        self.dealID = dealID
        self.accountID = accountID
        self.dealTitle = dealTitle
        self.dealCursor = dealCursor
    }

    /// Open plans first in the order they are to be done, then the done ones, latest first.
    var rows: [PlannedActivity] {
        plans.filter { !$0.isDone }.sorted(by: PlannedActivity.precedes)
            + plans.filter(\.isDone).sorted { ($0.doneOn ?? $0.due ?? Day(year: 1970, month: 1, day: 1)!) > ($1.doneOn ?? $1.due ?? Day(year: 1970, month: 1, day: 1)!) }
    }

    var selected: PlannedActivity? {
        let rows = rows
        return rows.indices.contains(scroll.selected) ? rows[scroll.selected] : nil
    }

    var form: FormState? {
        switch mode {
        case .add(let form), .done(_, let form): form
        case .list, .confirmCancel: nil
        }
    }

    /// Planning an activity: its kind (picked), what, the day and an optional time.
    static func planForm(_ lang: Language) -> FormState {
        FormState(fields: [
            FormField(label: LocalizedText(en: "Kind", zh: "类型")[lang], text: ActivityKind.call.label[lang],
                      choices: FieldPickers.coded(ActivityKind.self, title: LocalizedText(en: "Kind", zh: "类型"), lang: lang)),
            FormField(label: LocalizedText(en: "What", zh: "内容")[lang], maxLength: 500),
            FormField(label: LocalizedText(en: "Day", zh: "日期")[lang], placeholder: LocalizedText(en: "YYYY-MM-DD, +3, tomorrow, tue", zh: "YYYY-MM-DD、+3、明天、周二")[lang]),
            FormField(label: LocalizedText(en: "Time", zh: "时间")[lang], placeholder: LocalizedText(en: "HH:MM, optional", zh: "HH:MM，可不填")[lang]),
        ], focus: textField)
    }

    /// Doing a plan: the day it happened (today unless back-dated), the persons met (picked
    /// among the account's), notes and outcome.
    func doneForm(_ lang: Language, today: Day) -> FormState {
        FormState(fields: [
            FormField(label: LocalizedText(en: "Done on", zh: "完成日期")[lang], text: today.description,
                      placeholder: LocalizedText(en: "YYYY-MM-DD, yesterday, -2", zh: "YYYY-MM-DD、昨天、-2")[lang]),
            FormField(label: LocalizedText(en: "Met", zh: "见了谁")[lang], choices: Self.personChoices(persons, lang: lang)),
            FormField(label: LocalizedText(en: "Notes", zh: "备注")[lang], maxLength: 1000),
            FormField(label: LocalizedText(en: "Outcome", zh: "结果")[lang], maxLength: 500),
        ], focus: Self.onField)
    }

    /// The account's key persons as choices, by name with the title beside.
    static func personChoices(_ persons: [Person], lang: Language) -> FieldChoices {
        FieldChoices(title: LocalizedText(en: "Persons met", zh: "见到的人")[lang],
                     choices: persons.map { PickerChoice(id: String($0.id), label: $0.name, detail: $0.title,
                                                         searchKey: SearchText.key(for: [$0.name, $0.title]).lowercased()) },
                     multiple: true, separator: lang == .zh ? "、" : ", ", noMatch: FieldPickers.noMatch[lang])
    }
}

extension Command {
    public static let openPlans = Command("deal.plans", en: "Planned activities", zh: "计划行动")
    public static let planAdd = Command("plan.add", en: "Plan an activity", zh: "计划一项行动")
    public static let planDone = Command("plan.done", en: "Mark done (when, whom met)", zh: "标记完成（何时、见了谁）")
    public static let planCancel = Command("plan.cancel", en: "Cancel the plan", zh: "取消计划")
}

extension PlansState: OverlayKeys {
    static let keys = KeyContext("plans", en: "Planned activities", zh: "计划行动")
    static let bindings: [KeyBinding] = [
        KeyBinding([.up, .char("k")], .selectUp, keys),
        KeyBinding([.down, .char("j")], .selectDown, keys),
        KeyBinding([.char("a"), .char("n")], .planAdd, keys),
        KeyBinding([.char("d"), .enter], .planDone, keys),
        KeyBinding([.char("x")], .planCancel, keys),
        KeyBinding([.escape, .char("q")], .close, keys),
    ]

    var contexts: [KeyContext] {
        switch mode {
        case .list: [Self.keys]
        case .add, .done: [FormKeys.keys]
        case .confirmCancel: [ConfirmKeys.keys]
        }
    }

    var takesText: Bool { form != nil }

    static func footerHints(_ lang: Language) -> [KeyHint] {
        [Command.planAdd, .planDone, .planCancel, .close].compactMap { KeyMap.hint($0, $0.label, in: [keys], lang) }
    }
}
