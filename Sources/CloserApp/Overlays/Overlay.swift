import CloserCore
import TerminalUI

/// The one modal thing on top of a screen, if any. Esc closes it. Its keys are looked up in
/// `contexts` only (an overlay is modal); where it `takesText`, other keys are typed.
public enum Overlay: Sendable {
    case help(offset: Int)
    case palette(PaletteState)
    case prompt(PromptState)
    case gate(GateState)
    case detail(DealDetailState)
    case newDeal(NewDealState)
    case accounts(AccountOverlay)
    case orgChart(OrgChartOverlay)
    case importFile(ImportState)
    case plans(PlansState)
    /// The base currency and the exchange rates, over any screen.
    case rates(RatesState)
    /// `m` where the user owns nothing: who is at the keyboard (a file store only).
    case whoAmI(WhoAmIState)

    var contexts: [KeyContext] {
        switch self {
        case .help: [HelpKeys.keys]
        case .palette: [PaletteState.keys]
        case .prompt: [PromptState.keys]
        case .gate: [GateState.keys]
        case .newDeal: [FormKeys.keys]
        case .detail(let detail): detail.contexts
        case .accounts(.columns): [ColumnChooserState.keys]
        case .accounts(.account(let detail)): detail.contexts
        case .accounts(.savedFilters): [SavedFilterPicker.keys]
        case .orgChart(.person): [RecordFormKeys.keys, FormKeys.keys]
        case .orgChart(.confirmDelete): [ConfirmKeys.keys]
        case .importFile(let screen): [screen.keys]
        case .plans(let plans): plans.contexts
        case .rates(let rates): rates.contexts
        case .whoAmI: [WhoAmIState.keys]
        }
    }

    /// Whether keys no context binds are typed into a field.
    var takesText: Bool {
        switch self {
        case .palette, .prompt, .newDeal, .orgChart(.person), .importFile: true
        case .detail(let detail): detail.takesText
        case .accounts(.account(let detail)): detail.takesText
        case .plans(let plans): plans.takesText
        case .rates(let rates): rates.takesText
        case .help, .gate, .accounts, .orgChart, .whoAmI: false
        }
    }
}

/// The registry of overlays' keys: every overlay's bindings join the one key map from here.
enum Overlays {
    static let all: [any OverlayKeys.Type] = [
        DealDetailState.self, Account360State.self, ColumnChooserState.self, SavedFilterPicker.self, GateState.self,
        ConfirmKeys.self, FormKeys.self, RecordFormKeys.self, PromptState.self, PaletteState.self, HelpKeys.self, ImportState.self, StandupState.self,
        PlansState.self, RatesState.self, WhoAmIState.self,
    ]
}

/// What every overlay declares for the key map.
protocol OverlayKeys: SendableMetatype {
    static var bindings: [KeyBinding] { get }
}

extension DealDetailState: OverlayKeys {}
extension Account360State: OverlayKeys {}
extension ColumnChooserState: OverlayKeys {}
extension SavedFilterPicker: OverlayKeys {}
extension GateState: OverlayKeys {}
extension PromptState: OverlayKeys {}
extension PaletteState: OverlayKeys {}
extension ImportState: OverlayKeys {}
extension StandupState: OverlayKeys {}

/// Help's keys: scroll, and close.
enum HelpKeys: OverlayKeys {
    static let keys = KeyContext("help", en: "Help", zh: "帮助")
    static let bindings: [KeyBinding] = [
        KeyBinding([.escape, .char("q"), .char("?"), .enter], .close, keys),
        KeyBinding([.down, .char("j")], .selectDown, keys),
        KeyBinding([.up, .char("k")], .selectUp, keys),
        KeyBinding([.pageDown], .pageDown, keys),
        KeyBinding([.pageUp], .pageUp, keys),
    ]
}

/// Every form's keys: between fields, save, cancel; other keys are typed into the field.
enum FormKeys: OverlayKeys {
    static let keys = KeyContext("form", en: "Forms and fields (other keys are typed)", zh: "表单与输入框（其他按键为输入）")
    static let bindings: [KeyBinding] = [
        KeyBinding([.tab, .down], .nextField, keys),
        KeyBinding([.backTab, .up], .previousField, keys),
        KeyBinding([.enter], .confirm, keys),
        KeyBinding([.escape], .close, keys),
    ]
}

/// A yes / no question.
enum ConfirmKeys: OverlayKeys {
    static let keys = KeyContext("confirm", en: "Yes / no question", zh: "是 / 否 提问")
    static let bindings: [KeyBinding] = [
        KeyBinding([.char("y"), .char("Y")], .yes, keys),
        KeyBinding([.char("n"), .char("N")], .no, keys),
        KeyBinding([.enter], .confirm, keys),
        KeyBinding([.escape], .close, keys),
    ] + DialogKeys.bindings(keys)
}

/// Moving between a dialog's buttons.
enum DialogKeys {
    static func bindings(_ context: KeyContext) -> [KeyBinding] {
        [
            KeyBinding([.left, .backTab, .shiftLeft], .dialogPrevious, context),
            KeyBinding([.right, .tab, .shiftRight], .dialogNext, context),
        ]
    }
}

extension PromptState {
    static let keys = KeyContext("prompt", en: "Questions", zh: "提问")
    static let bindings: [KeyBinding] = [
        KeyBinding([.enter], .confirm, keys),
        KeyBinding([.escape], .close, keys),
        KeyBinding([.tab], .nextMatch, keys),
    ]
}

/// A one-line question: what the answer is for travels with it.
public struct PromptState: Sendable {
    public enum Purpose: Sendable, Equatable {
        case search
        case forceReason(dealID: Int64, stage: String, version: Int)
        case saveFilter(query: String)
        case jumpToPerson
        case logMeeting(personID: Int64)
        case forecastCall(period: String)
        case target(period: String)
        case personSearch
        case exportTable
        /// The day of an action toward Strategic, planned on the account alone.
        case planAction(accountID: Int64, text: String)
    }

    public var title: String
    public var field: TextFieldState
    public var purpose: Purpose
    public var error: String?
    /// What the answer is for, on the line above the field.
    public var note: String?
    /// What may be typed, under the field (an error takes its place).
    public var hint: String?

    public init(title: String, text: String = "", purpose: Purpose, note: String? = nil, hint: String? = nil) {
        self.title = title
        field = TextFieldState(text: text, maxLength: 500)
        self.purpose = purpose
        self.note = note
        self.hint = hint
    }
}

extension Command {
    public static let nextMatch = Command("prompt.next-match", en: "Next match (jump to a person)", zh: "下一个匹配（跳转人员）")
}

/// Adding a deal: an account (found by name or pinyin initials, created if new) and the deal's
/// first facts, checked field by field.
public struct NewDealState: Sendable {
    public static let accountField = 0, titleField = 1, amountField = 2, closeField = 3, nextStepField = 4, dueField = 5
    /// Picked, not typed: the sales process, the stage among the process's, the owner among the team's reps,
    /// the currency among the base one and those the team has rates for.
    public static let processField = 6, stageField = 7, ownerField = 8, currencyField = 9

    public var form: FormState
    public var processKey: String
    public var stageKey: String
    /// The processes the stage field's choices follow.
    public var catalog: ProcessCatalog
    let lang: Language

    /// The process, stage, owner and currency chosen, by key, login name and code (the fields hold their labels).
    public var chosenProcess: String? { chosen(Self.processField) }
    public var chosenStage: String? { chosen(Self.stageField) }
    public var chosenOwner: String? { chosen(Self.ownerField) }
    public var chosenCurrency: String? { chosen(Self.currencyField) }

    private func chosen(_ field: Int) -> String? {
        guard form.fields.indices.contains(field) else { return nil }
        return form.fields[field].choices?.ids(in: form.text(of: field)).first
    }

    /// `currencies`: the base currency first, then those with rates.
    public init(lang: Language, catalog: ProcessCatalog, process: ProcessTemplate, stageKey: String, owner: String, reps: [String],
                currencies: [String]) {
        let processes = FieldPickers.processes(catalog, lang: lang)
        let stages = FieldPickers.stages(process, lang: lang)
        let owners = FieldPickers.reps(reps.contains(owner) ? reps : [owner] + reps, lang: lang)
        let money = FieldPickers.currencies(currencies.isEmpty ? [Money.defaultCurrency] : currencies, lang: lang)
        self.lang = lang
        self.catalog = catalog
        processKey = process.key
        self.stageKey = stageKey
        form = FormState(fields: [
            FormField(label: lang(.account), placeholder: lang == .zh ? "名称或拼音首字母" : "name or pinyin initials"),
            FormField(label: lang(.title)),
            FormField(label: lang(.amount), placeholder: "1200000, 120万, 1.5M"),
            FormField(label: lang(.expectedClose), placeholder: "YYYY-MM-DD"),
            FormField(label: lang(.nextStep)),
            FormField(label: lang(.due), placeholder: "YYYY-MM-DD, +7"),
            FormField(label: LocalizedText(en: "Process", zh: "销售流程")[lang], text: processes.text(of: [process.key]), choices: processes),
            FormField(label: LocalizedText(en: "Stage", zh: "阶段")[lang], text: stages.text(of: [stageKey]), choices: stages),
            FormField(label: LocalizedText(en: "Owner", zh: "负责人")[lang], text: owner, choices: owners),
            FormField(label: LocalizedText(en: "Currency", zh: "币种")[lang], text: money.choices.first?.label ?? "", choices: money),
        ])
    }

    /// After a key: a process picked anew brings its own stages (the same stage kept where it
    /// has one of that key, else its first).
    mutating func followProcess() {
        guard let key = chosenProcess, key != processKey, let process = catalog.process(key) else { return }
        let current = chosenStage ?? stageKey
        processKey = key
        stageKey = process.stage(current) != nil ? current : process.stages.first?.key ?? current
        let stages = FieldPickers.stages(process, lang: lang)
        form.fields[Self.stageField].choices = stages
        form.fields[Self.stageField].state.text = stages.text(of: [stageKey])
    }
}
