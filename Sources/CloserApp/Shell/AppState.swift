import CloserCore
import TerminalUI

public enum ScreenID: Int, CaseIterable, Sendable {
    case board, deals, accounts, quadrant, orgChart, review, persons

    var title: UIText {
        switch self {
        case .board: .board
        case .deals: .deals
        case .accounts: .accounts
        case .quadrant: .quadrant
        case .orgChart: .orgChart
        case .review: .review
        case .persons: .persons
        }
    }

    /// The tab's name when the full names and the process do not fit on one line (80 columns).
    var shortTitle: LocalizedText {
        switch self {
        case .board: LocalizedText(en: "Board", zh: "看板")
        case .deals: LocalizedText(en: "Deals", zh: "商机")
        case .accounts: LocalizedText(en: "Accts", zh: "客户")
        case .quadrant: LocalizedText(en: "Quad", zh: "象限")
        case .orgChart: LocalizedText(en: "Org", zh: "组织")
        case .review: LocalizedText(en: "Review", zh: "周报")
        case .persons: LocalizedText(en: "People", zh: "人员")
        }
    }

    var keyContext: KeyContext {
        switch self {
        case .board: .board
        case .deals: .deals
        case .accounts: .accounts
        case .quadrant: .quadrant
        case .orgChart: .orgChart
        case .review: .review
        case .persons: .persons
        }
    }

    /// The screens that share the accounts' query.
    var isAccountScreen: Bool { self == .accounts || self == .quadrant }
}

public struct StatusMessage: Sendable, Equatable {
    public var text: String
    public var isError: Bool

    public init(_ text: String, isError: Bool = false) {
        self.text = text
        self.isError = isError
    }
}

/// Everything a frame is drawn from. `AppView.render` reads only this, so a screen can be
/// tested by building a state and reading the canvas as text.
public struct AppState: Sendable {
    public static let minimumWidth = 60
    public static let minimumHeight = 16

    public var lang: Language
    public var screen: ScreenID = .board
    public var width: Int
    public var height: Int
    public var today: Day
    public var user: String
    public var storeLocation: String
    public var catalog = ProcessCatalog()
    public var processKey = BuiltInProcesses.project.key
    public var reps: [String] = []
    public var filter = DealFilter()
    public var board = BoardState()
    public var table = DealTableState()
    public var accounts = AccountTableState()
    public var quadrant = QuadrantState()
    public var accountSearch = AccountSearchState()
    public var orgChart = OrgChartState()
    public var review = ReviewState()
    public var personTable = PersonTableState()
    /// Set while the stand-up wall screen is up: it covers every screen and edits nothing.
    public var standup: StandupState?
    public var overlay: Overlay?
    public var message: StatusMessage?
    /// Said over the screen while long work runs ("Importing deals.csv…"), so it does not look frozen.
    public var busy: String?
    public var isEmptyStore = false
    public var shouldQuit = false

    public init(lang: Language, width: Int, height: Int, today: Day, user: String, storeLocation: String) {
        self.lang = lang
        self.width = width
        self.height = height
        self.today = today
        self.user = user
        self.storeLocation = storeLocation
    }

    public var isTooSmall: Bool { width < AppState.minimumWidth || height < AppState.minimumHeight }

    /// The area between the tab bar and the status line.
    public var contentRect: Rect { Rect(x: 0, y: 1, width: width, height: max(0, height - 2)) }

    public var process: ProcessTemplate { catalog.process(processKey) ?? BuiltInProcesses.project }

    /// "mine · grade A · “zgsh” · saved “hot”": the active filter in a few words for the status line.
    public var filterSummary: String {
        var parts = [String]()
        if let owner = filter.owner { parts.append(owner == user ? lang(.mine) : owner) }
        if !filter.grades.isEmpty { parts.append("\(lang(.grade)) " + filter.grades.map(\.rawValue).sorted().joined(separator: "+")) }
        if !filter.text.isEmpty { parts.append("“\(filter.text)”") }
        if let name = filter.accountFilterName {
            parts.append(LocalizedText(en: "saved “\(name)”", zh: "筛选“\(name)”")[lang])
        } else if !filter.accountConditions.isEmpty {
            parts.append(AccountQueryLanguage.describe(filter.accountConditions))
        }
        return parts.isEmpty ? lang(.all) : parts.joined(separator: " · ")
    }
}

/// The deal table: one page of rows, loaded for what is visible.
public struct DealTableState: Sendable {
    public var page: Page<DealSummary>?
    public var scroll = ScrollState()
    /// The column sorted by (`s` next visible column, `S` reverse, a header click), largest amount first at the start.
    public var sort: DealColumn = .amount
    public var ascending = false
    public var columns = DealColumnLayout(hidden: [.weighted, .expectedClose])

    public init() {}

    public var selectedDeal: DealSummary? {
        guard let page else { return nil }
        let index = scroll.selected - page.offset
        return page.rows.indices.contains(index) ? page.rows[index] : nil
    }
}
