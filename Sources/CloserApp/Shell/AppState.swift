import CloserCore
import Foundation
import TerminalUI

public struct StatusMessage: Sendable, Equatable {
    public var text: String
    public var isError: Bool

    public init(_ text: String, isError: Bool = false) {
        self.text = text
        self.isError = isError
    }

    /// A failure said on the status line in the reader's language.
    static func failure(_ error: any Error, in lang: Language) -> StatusMessage {
        StatusMessage(ErrorText.of(error, in: lang), isError: true)
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
    /// The base currency, its rates and the team's names, for every screen's figures.
    public var numbers = TeamNumbers()
    public var filter = DealFilter()
    public var board = BoardState()
    public var table = DealTableState()
    public var accounts = AccountTableState()
    public var quadrant = QuadrantState()
    public var accountSearch = AccountSearchState()
    public var orgChart = OrgChartState()
    public var review = ReviewState()
    public var winLoss = WinLossState()
    public var personTable = PersonTableState()
    /// Set while the stand-up wall screen is up: it covers every screen and edits nothing.
    public var standup: StandupState?
    public var overlay: Overlay?
    public var message: StatusMessage?
    /// Said over the screen while long work runs ("Importing deals.csv…"), so it does not look frozen.
    public var busy: String?
    public var isEmptyStore = false
    /// Set while the store cannot be reached: a banner says so over the last good picture.
    public var outage: StoreOutage?
    /// When the dashboard opened: `u` undoes the user's changes since.
    public var openedAt: Date?
    /// The name the dashboard acts as is not a user of a store that has users: it sees nothing
    /// and says how to be added, instead of an empty board.
    public var isStranger = false
    public var shouldQuit = false

    public init(lang: Language, width: Int, height: Int, today: Day, user: String, storeLocation: String) {
        self.lang = lang
        self.width = width
        self.height = height
        self.today = today
        self.user = user
        self.storeLocation = storeLocation
    }

    /// The user reads only the accounts they may see (a rep): headings say so rather than "whole team".
    public var viewerIsRep: Bool { numbers.isRep(user) }

    public var isTooSmall: Bool { width < AppState.minimumWidth || height < AppState.minimumHeight }

    /// The area between the tab bar and the status line.
    public var contentRect: Rect { Rect(x: 0, y: 1, width: width, height: max(0, height - 2)) }

    public var process: ProcessTemplate { catalog.process(processKey) ?? BuiltInProcesses.project }

    /// "mine · grade A · “zgsh” · saved “hot”": the active filter in a few words for the status line.
    public var filterSummary: String {
        var parts = [String]()
        if let owner = filter.owner { parts.append(owner == user ? lang(.mine) : numbers.name(owner)) }
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

