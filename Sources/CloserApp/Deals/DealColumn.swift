import CloserCore
import TerminalUI

/// A column of the deal table: its title, width, sort key and how it words a row. Weighted
/// and close date start hidden (`c` shows them), so the default table keeps its eight columns.
public enum DealColumn: String, PagedColumn {
    case id, title, account, stage, amount, weighted, probability, expectedClose, nextStep, owner

    public var title: LocalizedText {
        switch self {
        case .id: LocalizedText(en: "#", zh: "#")
        case .title: UIText.title.text
        case .account: UIText.account.text
        case .stage: UIText.stage.text
        case .amount: UIText.amount.text
        case .weighted: LocalizedText(en: "Weighted", zh: "加权")
        case .probability: LocalizedText(en: "%", zh: "%")
        case .expectedClose: LocalizedText(en: "Close", zh: "预计成交")
        case .nextStep: UIText.nextStep.text
        case .owner: UIText.owner.text
        }
    }

    /// Title and account share what is left, five to four, from at least 9 and 7: at 80
    /// columns the eight default columns fit exactly.
    public var width: Int {
        switch self {
        case .id: 7
        case .title: 9
        case .account: 7
        case .stage: 12
        case .amount, .weighted: 9
        case .probability: 5
        case .expectedClose: 10
        case .nextStep: 14
        case .owner: 10
        }
    }

    public var flex: Int {
        switch self {
        case .title: 5
        case .account: 4
        default: 0
        }
    }

    public var alignment: TextWidth.Alignment {
        switch self {
        case .id, .amount, .weighted, .probability: .right
        default: .left
        }
    }

    public var sortKey: DealSortKey {
        switch self {
        case .id: .id
        case .title: .title
        case .account: .account
        case .stage: .stage
        case .amount: .amount
        case .weighted: .weighted
        case .probability: .probability
        case .expectedClose: .expectedClose
        case .nextStep: .nextStepDue
        case .owner: .owner
        }
    }

    /// Money and odds largest first; names, stages and dates A→Z / soonest first.
    public var defaultAscending: Bool {
        switch self {
        case .amount, .weighted, .probability: false
        default: true
        }
    }

    /// A deal's amounts keep its own currency (named when it is not the base), in the reader's number style; reps by their name.
    func cell(_ deal: DealSummary, catalog: ProcessCatalog, numbers: TeamNumbers, lang: Language, today: Day) -> String {
        switch self {
        case .id: return String(deal.id)
        case .title: return (deal.atRisk ? "⚑ " : "") + deal.title
        case .account: return deal.accountName
        case .stage: return catalog.process(deal.processKey)?.stage(deal.stageKey)?.name[lang] ?? deal.stageKey
        case .amount: return numbers.ownAmount(deal.amount, lang: lang)
        case .weighted: return numbers.ownAmount(Money(minorUnits: deal.weighted, currency: deal.amount.currency), lang: lang)
        case .probability: return "\(deal.probability)"
        case .expectedClose: return deal.expectedClose?.description ?? "—"
        case .nextStep:
            switch deal.nextStepState(today: today) {
            case .missing: return "⚠ " + lang(.none)
            case .overdue(let days): return "⏰ -\(days)\(lang(.days))"
            case .dueToday: return lang(.dueToday)
            case .upcoming: return deal.nextStepDue?.description ?? ""
            }
        case .owner: return numbers.name(deal.owner)
        }
    }
}

extension DealColumn {
    /// The export's columns for this one: a stage with its process, an amount with its currency,
    /// a next step with its date — what it takes to read the row back.
    public var exportColumns: [DealExportColumn] {
        switch self {
        case .id: [.id, .version]
        case .title: [.title]
        case .account: [.account]
        case .stage: [.stage, .process]
        case .amount: [.amount, .currency]
        case .weighted: [.weighted]
        case .probability: [.probability]
        case .expectedClose: [.close]
        case .nextStep: [.nextStep, .due]
        case .owner: [.owner]
        }
    }
}

/// The deal table: one page of rows, read for what is visible; largest amount first at the start.
public typealias DealTableState = PagedTable<DealColumn, DealSummary>

extension PagedTable where Column == DealColumn, Row == DealSummary {
    public init() { self.init(sort: .amount, ascending: false, columns: DealColumnLayout(hidden: [.weighted, .expectedClose])) }
    public var selectedDeal: DealSummary? { selected }
}

/// The deal table's columns: weighted and close date hidden at first.
public typealias DealColumnLayout = ColumnLayout<DealColumn>
