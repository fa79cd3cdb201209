import CloserCore
import TerminalUI

/// The one modal thing on top of a screen, if any. Esc closes it.
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
}

/// A one-line question: what the answer is for travels with it.
public struct PromptState: Sendable {
    public enum Purpose: Sendable, Equatable {
        case search
        case forceReason(dealID: Int64, stage: String, version: Int)
        case lostReason(dealID: Int64)
        case saveFilter(query: String)
        case jumpToPerson
        case logMeeting(personID: Int64)
        case forecastCall(period: String)
        case personSearch
        case exportTable
    }

    public var title: String
    public var field: TextFieldState
    public var purpose: Purpose
    public var error: String?

    public init(title: String, text: String = "", purpose: Purpose) {
        self.title = title
        field = TextFieldState(text: text, maxLength: 500)
        self.purpose = purpose
    }
}

/// The gate a move ran into: the unmet milestones and what the user may do about them.
public struct GateState: Sendable {
    public var dealID: Int64
    public var dealTitle: String
    public var targetStage: String
    public var version: Int
    public var unmet: [UnmetMilestone]
    public var dialog: Dialog
}

public struct PaletteState: Sendable {
    public var query = TextFieldState()
    public var scroll = ScrollState()

    public init() {}

    /// Commands whose name or label contains the query's letters in order.
    public func matches(_ lang: Language) -> [Command] {
        let wanted = query.text.lowercased().filter { !$0.isWhitespace }
        guard !wanted.isEmpty else { return Command.allCases }
        return Command.allCases.filter { command in
            Fuzzy.matches(wanted, command.rawValue) || Fuzzy.matches(wanted, command.label[lang].lowercased())
                || Fuzzy.matches(wanted, command.label.en.lowercased())
        }
    }
}

enum Fuzzy {
    /// True when every character of `pattern` appears in `text` in order.
    static func matches(_ pattern: String, _ text: String) -> Bool {
        var remaining = pattern[...]
        for character in text where character == remaining.first {
            remaining = remaining.dropFirst()
            if remaining.isEmpty { return true }
        }
        return remaining.isEmpty
    }
}

/// Adding a deal: an account (found by name or pinyin initials, created if new) and the deal's
/// first facts, checked field by field.
public struct NewDealState: Sendable {
    public static let accountField = 0, titleField = 1, amountField = 2, closeField = 3, nextStepField = 4, dueField = 5

    public var form: FormState
    public var processKey: String
    public var stageKey: String

    public init(lang: Language, processKey: String, stageKey: String) {
        form = FormState(fields: [
            FormField(label: lang(.account), placeholder: lang == .zh ? "名称或拼音首字母" : "name or pinyin initials"),
            FormField(label: lang(.title)),
            FormField(label: lang(.amount), placeholder: "1200000, 120万, 1.5M"),
            FormField(label: lang(.expectedClose), placeholder: "YYYY-MM-DD"),
            FormField(label: lang(.nextStep)),
            FormField(label: lang(.due), placeholder: "YYYY-MM-DD, +7"),
        ])
        self.processKey = processKey
        self.stageKey = stageKey
    }
}
