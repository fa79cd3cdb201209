import CloserCore
import Foundation
import TerminalUI

/// The query both account screens share: what is typed, whether it is being typed, the last
/// conditions that parsed (the screens keep showing their result) and the current error.
public struct AccountSearchState: Sendable {
    public var field = TextFieldState(maxLength: 300)
    public var editing = false
    public var conditions: [AccountCondition] = []
    public var error: QueryError?
    /// What the duplicate check said of a search that found nothing: accounts held by others.
    public var hidden: HiddenAccounts?

    public init() {}

    /// Parses the text: good conditions replace the last good ones; an error is kept to show.
    /// Returns true when the conditions changed (the screen must reload).
    @discardableResult
    public mutating func parse() -> Bool {
        do {
            let parsed = try AccountQueryLanguage.parse(field.text)
            error = nil
            guard parsed != conditions else { return false }
            conditions = parsed
            return true
        } catch {
            self.error = error
            return false
        }
    }
}

/// The quadrant screen: four framed lists on the axes, or a 10×10 scatter of the scores.
public struct QuadrantState: Sendable {
    public enum Mode: Sendable { case lists, scatter }
    public enum Metric: Sendable { case pipeline, lifetimeValue }

    /// Where each quadrant sits on screen: loyalty up, assistance right.
    public static let layout: [[Quadrant]] = [[.loyal, .strategic], [.market, .opportunity]]
    public static let order: [Quadrant] = [.loyal, .strategic, .market, .opportunity]

    public var mode: Mode = .lists
    public var metric: Metric = .pipeline
    /// The store's aggregates for the current query, ranked by the metric (CloserCore).
    public var summary: QuadrantSummary?
    /// Since when a quadrant change counts as new (Monday of last week, 00:00 local).
    public var movesSince: Date?
    public var moves: [Int64: QuadrantMove] = [:]
    /// The focused quadrant and the selection inside each list.
    public var focus: Quadrant = .strategic
    public var scrolls: [Quadrant: ScrollState] = [:]
    /// The scatter's cursor, in scores (1…10).
    public var cellAssistance = 6
    public var cellLoyalty = 6
    /// The account the scatter's panel shows, when it stands in the cursor's cell.
    public var pinnedAccountID: Int64?
    /// An account whose scores just changed: selected in its (new) quadrant once the reread is in.
    var followAfterLoad: (id: Int64, quadrant: Quadrant)?
    /// `+` `-` `]` `[` presses waiting for Enter.
    public var pendingScores: PendingScores?

    public init() {}

    public func scroll(_ quadrant: Quadrant) -> ScrollState { scrolls[quadrant] ?? ScrollState() }

    /// The account the side panel shows and the score keys change.
    public var selected: AccountSummary? {
        guard let summary else { return nil }
        switch mode {
        case .lists:
            let rows = summary.quadrants[focus]?.top ?? []
            let index = scroll(focus).selected
            return rows.indices.contains(index) ? rows[index] : nil
        case .scatter:
            let rows = summary.cell(assistance: cellAssistance, loyalty: cellLoyalty).top
            return rows.first { $0.id == pinnedAccountID } ?? rows.first
        }
    }
}

/// Which way an account moved between quadrants, as an arrow on the grid's axes.
enum MoveArrow {
    static func arrow(_ move: QuadrantMove) -> String {
        func axes(_ q: Quadrant) -> (Int, Int) {
            switch q {
            case .market: (0, 0)
            case .opportunity: (1, 0)
            case .loyal: (0, 1)
            case .strategic: (1, 1)
            }
        }
        let (fx, fy) = axes(move.from), (tx, ty) = axes(move.to)
        switch (tx - fx, ty - fy) {
        case (1, 0): return "→"
        case (-1, 0): return "←"
        case (0, 1): return "↑"
        case (0, -1): return "↓"
        case (1, 1): return "↗"
        case (-1, 1): return "↖"
        case (1, -1): return "↘"
        case (-1, -1): return "↙"
        default: return ""
        }
    }

    static func reviewStart(today: Day) -> Date { QuadrantReview.start(today: today) }
}

/// Since when a quadrant change counts as new on the grid.
public enum QuadrantReview {
    /// Monday of last week at 00:00 in the time zone: the start of "since the last review".
    public static func start(today: Day, timeZone: TimeZone = .current) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let monday = today.adding(days: -(today.isoWeekday - 1) - 7)
        return calendar.date(from: DateComponents(year: monday.year, month: monday.month, day: monday.day))
            ?? Date(timeIntervalSince1970: Double(monday.ordinal) * 86_400)
    }
}

/// The overlays the account screens open.
public enum AccountOverlay: Sendable {
    case columns(ColumnChooserState)
    case account(Account360State)
    case savedFilters(SavedFilterPicker)
}


/// One account on one screen: details, deals, key persons, work done, and the edit in progress.
public struct Account360State: Sendable {
    public var summary: AccountSummary
    public var deals: [DealSummary]
    public var dealsTotal: Int
    public var persons: [Person]
    public var personsTotal: Int
    public var activities: [Activity]
    /// The edit in progress, on the account as it was opened.
    public var form: RecordForm<Account>?
    /// The selected line of the deal, person and timeline lists (`items`), nil before one is chosen.
    public var selection: Int?
    /// Owner, protection, pool warning, and the ownership question in progress (App+AccountOwnership).
    public var ownership = Account360Ownership()

    public var account: Account { summary.account }

    public init(summary: AccountSummary, deals: [DealSummary], dealsTotal: Int, persons: [Person], personsTotal: Int, activities: [Activity]) {
        self.summary = summary
        self.deals = deals
        self.dealsTotal = dealsTotal
        self.persons = persons
        self.personsTotal = personsTotal
        self.activities = activities
    }

    public static let nameField = 0, gradeField = 1, assistanceField = 2, loyaltyField = 3, industryField = 4
    public static let regionField = 5, natureField = 6, scaleField = 7, notesField = 8

    public static func fieldLabels(_ lang: Language) -> [String] {
        [
            LocalizedText(en: "Name", zh: "名称"), LocalizedText(en: "Grade", zh: "等级"),
            LocalizedText(en: "Assistance", zh: "协助"), LocalizedText(en: "Loyalty", zh: "忠诚"),
            LocalizedText(en: "Industry", zh: "行业"), LocalizedText(en: "Region", zh: "区域"),
            LocalizedText(en: "Nature", zh: "性质"), LocalizedText(en: "Scale", zh: "规模"),
            LocalizedText(en: "Notes", zh: "备注"),
        ].map { $0[lang] }
    }

    public func editForm(_ lang: Language) -> FormState { Self.editForm(account, lang) }

    /// The edit form as it opens on `a`.
    static func editForm(_ a: Account, _ lang: Language) -> FormState {
        let labels = Self.fieldLabels(lang)
        let values = [a.name, a.grade.rawValue, String(a.assistance), String(a.loyalty), a.industry, a.region, a.businessNature, a.scale, a.notes]
        let placeholders = ["", "A B C D", "1…10", "1…10", "", "", "", "", ""]
        // The grade is picked: its letter is the field's text, what it means beside it.
        let grades = FieldChoices(title: labels[Self.gradeField],
                                  choices: Grade.allCases.map { grade in
                                      PickerChoice(id: grade.rawValue, label: grade.rawValue, detail: grade.label[lang],
                                                   searchKey: SearchText.key(for: [grade.label.zh, grade.label.en, grade.rawValue]).lowercased())
                                  }, noMatch: FieldPickers.noMatch[lang])
        return FormState(fields: zip(labels.indices, labels).map { index, label in
            FormField(label: label, text: values[index], placeholder: placeholders[index], maxLength: index == Self.notesField ? 2000 : 200,
                      choices: index == Self.gradeField ? grades : nil)
        })
    }
}

extension Command {
    public static let editAccount = Command("account.edit", en: "Edit the account", zh: "编辑客户")
    public static let cycleMaturity = Command("account.maturity", en: "Buyer maturity: next level (1…4)", zh: "客户成熟度：下一级（1…4）")
    public static let openAccountItem = Command("account.open-item", en: "Open the selected deal, person or activity", zh: "打开选中的商机、人员或行动")
}

/// A line of the 360° view's lists that Enter opens.
public enum Account360Item: Sendable, Equatable {
    case deal(Int64)
    case person(Int64)
    case activity(Activity)
}

extension Account360State {
    /// The deals as the view lists them: open first, then closed, each most recently changed first.
    public var listedDeals: [DealSummary] { deals.filter { $0.outcome == .open } + deals.filter { $0.outcome != .open } }

    /// Every selectable line, in the view's order: deals, persons, the timeline.
    public var items: [Account360Item] {
        listedDeals.map { .deal($0.id) } + persons.map { .person($0.id) } + activities.map { .activity($0) }
    }

    public var selectedItem: Account360Item? {
        guard let selection, items.indices.contains(selection) else { return nil }
        return items[selection]
    }
}

extension Account: EditableRecord {
    public static let noun = LocalizedText(en: "account", zh: "客户")
    /// In the order of `Account360State.editForm`.
    public static let formFields: [RecordField<Account>] = {
        let labels = Account360State.fieldLabels
        func label(_ index: Int) -> LocalizedText { LocalizedText(en: labels(.en)[index], zh: labels(.zh)[index]) }
        return [
            RecordField(label(0), \.name), RecordField(label(1), \.grade), RecordField(label(2), \.assistance),
            RecordField(label(3), \.loyalty), RecordField(label(4), \.industry), RecordField(label(5), \.region),
            RecordField(label(6), \.businessNature), RecordField(label(7), \.scale), RecordField(label(8), \.notes),
        ]
    }()

    public static func edit(_ store: any Store, _ id: Int64, expectedVersion: Int, _ change: (inout Account) throws -> Void) throws -> Account {
        try store.editAccount(id, expectedVersion: expectedVersion, change)
    }

    public static func read(_ store: any Store, _ id: Int64) throws -> Account { try store.account(id) }
}

extension Account360State {
    static let keys = KeyContext("account", en: "Open account (360°)", zh: "客户 360°")
    /// Picking the rep to assign to or share with.
    static let pickKeys = KeyContext("account.pick", en: "Open account, picking a rep", zh: "客户 360°：选择销售")
    static let bindings: [KeyBinding] = [
        KeyBinding([.char("e")], .editAccount, keys),
        KeyBinding([.escape, .char("q")], .close, keys),
        KeyBinding([.up, .char("k")], .selectUp, keys),
        KeyBinding([.down, .char("j")], .selectDown, keys),
        KeyBinding([.enter], .openAccountItem, keys),
        KeyBinding([.char("m")], .cycleMaturity, keys),
    ] + AccountOwnershipKeys.table.map { KeyBinding([$0.key], $0.action.command, keys) } + [
        KeyBinding([.enter], .confirm, pickKeys),
        KeyBinding([.escape, .char("q")], .close, pickKeys),
        KeyBinding([.up, .char("k")], .selectUp, pickKeys),
        KeyBinding([.down, .char("j")], .selectDown, pickKeys),
        KeyBinding([.home, .char("g")], .selectFirst, pickKeys),
        KeyBinding([.end, .char("G")], .selectLast, pickKeys),
    ]

    var contexts: [KeyContext] {
        switch ownership.step {
        case .reason: [PromptState.keys]
        case .pick: [Self.pickKeys]
        case nil: form == nil ? [Self.keys] : [RecordFormKeys.keys, FormKeys.keys]
        }
    }

    var takesText: Bool {
        switch ownership.step {
        case .reason: true
        case .pick: false
        case nil: form != nil
        }
    }
}
