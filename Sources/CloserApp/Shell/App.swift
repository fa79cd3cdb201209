import CloserCore
import Foundation
import TerminalUI

/// The dashboard's controller: turns input into store calls and state changes. Reads are
/// sized to the screen (a board column loads the cards that fit, the table one page).
public final class App {
    public internal(set) var state: AppState
    let store: any Store
    var lastChangeToken: Int64 = -1
    /// Paces the rereads of the review and the stand-up screen on a large store.
    var heavyReads = RefreshPacer()
    /// The stand-up's rereads: a write shows within a second even on a store where a read costs 0.1 s or more.
    var wallReads = RefreshPacer(longestWait: 0.8)
    /// Creates the demo company for an empty store; injected so tests control the data.
    let demo: @Sendable (Day, String) -> Snapshot
    /// Reads and writes other programs' files for the import screen; nil where there is none.
    let importer: (any ForeignImporting)?
    /// Work long enough to be seen (reading or importing a file): the frame saying so is drawn
    /// first, then the runner calls `runPendingWork`.
    var pendingWork: (() -> Void)?

    public init(store: any Store, state: AppState, importer: (any ForeignImporting)? = nil,
                demo: @escaping @Sendable (Day, String) -> Snapshot = { today, user in
        DemoCompany.generate(seed: 1, scale: nil, today: today, user: user, now: Date())
    }) {
        self.store = store
        self.state = state
        self.importer = importer
        self.demo = demo
    }

    /// Shows `busy` over the screen for one frame, then does `work` (see `runPendingWork`).
    func afterFrame(_ busy: String, _ work: @escaping () -> Void) {
        state.busy = busy
        pendingWork = work
    }

    /// Runs the work an input left for after its "busy" frame; true when there was some.
    @discardableResult
    public func runPendingWork() -> Bool {
        guard let work = pendingWork else { return false }
        pendingWork = nil
        work()
        state.busy = nil
        return true
    }

    /// Loads what the first frame needs.
    public func start() {
        attempt {
            state.catalog = try store.processCatalog()
            state.reps = try store.users().map(\.name)
        }
        reload()
    }

    // MARK: Input

    public func handle(_ event: InputEvent) {
        switch event {
        case .resize(let width, let height):
            guard width != state.width || height != state.height || state.board.board == nil && state.table.page == nil else { return }
            state.width = width
            state.height = height
            if state.standup != nil { refreshStandup(now: Date()) } else { reload() }
        case .mouse(let mouse):
            guard state.standup == nil else { return }
            handleMouse(mouse)
        case .key(let key) where state.standup != nil:
            handleStandupKey(key)
        case .key(let key):
            if state.overlay != nil {
                handleOverlayKey(key)
                return
            }
            if state.screen.isAccountScreen, state.accountSearch.editing {
                handleAccountSearchKey(key)
                return
            }
            state.message = nil
            if state.screen == .orgChart, handleManagerPick(key) { return }
            if let command = KeyMap.command(for: key, in: state.screen.keyContext) {
                run(command)
            }
        }
    }

    public func run(_ command: Command) {
        switch command {
        case .quit: state.shouldQuit = true
        case .help: state.overlay = .help(offset: 0)
        case .palette: state.overlay = .palette(PaletteState())
        case .nextScreen: switchScreen(to: ScreenID(rawValue: (state.screen.rawValue + 1) % ScreenID.allCases.count) ?? .board)
        case .previousScreen:
            let count = ScreenID.allCases.count
            switchScreen(to: ScreenID(rawValue: (state.screen.rawValue + count - 1) % count) ?? .board)
        case .showBoard: switchScreen(to: .board)
        case .showDeals: switchScreen(to: .deals)
        case .refresh: reload()
        case .loadDemo: loadDemo()
        case .importFile: beginImport()
        case .toggleLanguage:
            state.lang = state.lang == .en ? .zh : .en
            // Badges change width with the language: the chart is laid out once for it, not per frame.
            if state.screen == .orgChart { relayoutOrgChart() }
        case .selectUp, .selectDown, .pageUp, .pageDown, .selectFirst, .selectLast, .selectLeft, .selectRight:
            switch state.screen {
            case .board: moveBoardSelection(command)
            case .deals: moveTableSelection(command)
            case .accounts: moveAccountSelection(command)
            case .quadrant: moveQuadrantSelection(command)
            case .orgChart: moveOrgSelection(command)
            case .review: moveReviewSelection(command)
            case .persons: movePersonSelection(command)
            }
        case .moveRight: moveSelectedDeal(by: 1)
        case .moveLeft: moveSelectedDeal(by: -1)
        case .openDeal: if let id = selectedDealID { openDeal(id) }
        case .newDeal: beginNewDeal()
        case .cycleProcess: cycleProcess()
        case .toggleMine: setFilter { $0.owner = $0.owner == nil ? self.state.user : nil }
        case .cycleRep: cycleRep()
        case .cycleGrade: cycleGrade()
        case .search: state.overlay = .prompt(PromptState(title: state.lang(.searchPrompt), text: state.filter.text, purpose: .search))
        case .clearFilters: setFilter { $0 = DealFilter() }
        case .sortNext: if state.screen == .deals { sortDeals(by: nil) }
        case .sortReverse: if state.screen == .deals { reverseDealSort() }
        case .tableColumns: if state.screen == .deals { state.overlay = .accounts(.columns(ColumnChooserState(table: .deals))) }
        case .exportTable: beginTableExport()
        case .showAccounts: switchScreen(to: .accounts)
        case .showQuadrant: switchScreen(to: .quadrant)
        case .openAccount, .accountSearch, .accountSortNext, .accountSortReverse, .chooseColumns, .pickSavedFilter, .saveFilter, .toggleQuadrantView,
             .toggleQuadrantValue, .loyaltyUp, .loyaltyDown, .assistanceUp, .assistanceDown:
            runAccountCommand(command)
        case .showOrgChart, .openOrgChart, .orgToggleLens, .orgToggleFold, .orgJump, .personAdd, .personEdit, .personDelete,
             .personPickManager, .personToggleCoach, .personCycleStance, .personInfluenceUp, .personInfluenceDown, .personLogMeeting:
            runOrgChartCommand(command)
        case .showReview, .reviewEarlier, .reviewLater, .reviewOpen, .reviewCallQuarter, .reviewCallMonth:
            runReviewCommand(command)
        case .showStandup:
            startStandup()
        case .showPersons, .personSearch, .personSortNext, .personSortReverse, .personOpenChart:
            runPersonTableCommand(command)
        }
    }

    var selectedDealID: Int64? {
        state.screen == .board ? state.board.selectedDeal?.id : state.table.selectedDeal?.id
    }

    func switchScreen(to screen: ScreenID) {
        state.screen = screen
        reload()
    }

    func setFilter(_ change: (inout DealFilter) -> Void) {
        let keep = selectedDealID
        // A copy, because the change may itself read the state.
        var filter = state.filter
        change(&filter)
        state.filter = filter
        state.board.offsets = [:]
        state.board.selected = [:]
        state.table.scroll = ScrollState()
        reload(keeping: keep)
    }

    func cycleProcess() {
        let keys = state.catalog.processes.map(\.key)
        guard let index = keys.firstIndex(of: state.processKey) else { return }
        state.processKey = keys[(index + 1) % keys.count]
        state.board = BoardState()
        reload()
    }

    func cycleRep() {
        let reps = state.reps
        guard !reps.isEmpty else {
            state.message = StatusMessage(LocalizedText(en: "No reps in the store yet (closer user add NAME)", zh: "尚无销售人员（closer user add 名字）")[state.lang])
            return
        }
        setFilter { filter in
            if let owner = filter.owner, let index = reps.firstIndex(of: owner) {
                filter.owner = index + 1 < reps.count ? reps[index + 1] : nil
            } else {
                filter.owner = reps[0]
            }
        }
    }

    static let gradeCycle: [Set<Grade>] = [[], [.a], [.b], [.c], [.d], [.a, .b]]

    func cycleGrade() {
        setFilter { filter in
            let index = App.gradeCycle.firstIndex(of: filter.grades) ?? 0
            filter.grades = App.gradeCycle[(index + 1) % App.gradeCycle.count]
        }
    }

    func loadDemo() {
        guard state.isEmptyStore else {
            state.message = StatusMessage(LocalizedText(en: "The demo loads into an empty store only (try closer --db /tmp/demo.sqlite)", zh: "演示数据只能载入空数据库")[state.lang], isError: true)
            return
        }
        attempt {
            let summary = try store.importSnapshot(demo(state.today, state.user))
            state.reps = try store.users().map(\.name)
            state.message = StatusMessage(summary.description)
        }
        reload()
    }

    // MARK: Store

    /// Runs store work; a refusal becomes the status message instead of an exit.
    @discardableResult
    func attempt(_ body: () throws -> Void) -> Bool {
        do {
            try body()
            return true
        } catch {
            state.message = StatusMessage(String(describing: error), isError: true)
            return false
        }
    }

    /// Reloads what the current screen shows, keeping the selection on the same deal.
    public func reload(keeping dealID: Int64? = nil) {
        let keep = dealID ?? selectedDealID
        attempt {
            lastChangeToken = try store.changeToken()
            switch state.screen {
            case .board: try loadBoard(keeping: keep)
            case .deals: try loadTable()
            case .accounts: try loadAccounts()
            case .quadrant: try loadQuadrant()
            case .orgChart: try loadOrgChart()
            case .review: try loadReview()
            case .persons: try loadPersonTable()
            }
            let boardEmpty = state.board.board?.columns.allSatisfy { $0.count == 0 } ?? true
            state.isEmptyStore = state.filter.isDefault && boardEmpty && state.screen == .board
                ? try store.accounts(AccountQuery(limit: 1)).total == 0 : false
        }
    }

    /// Notices writes by other processes (another rep, the CLI) without a key press.
    /// Returns true when the screen needs redrawing.
    public func pollStore() -> Bool {
        if state.standup != nil { return standupTick(now: Date()) }
        guard let token = try? store.changeToken(), token != lastChangeToken else { return false }
        // The review's read grows with the store: others' writes show, but not at every keystroke of theirs.
        if state.screen == .review, state.overlay == nil, !heavyReads.allows(at: Date()) { return false }
        reload()
        if case .detail(let detail) = state.overlay { openDeal(detail.deal.id, keepCursor: detail.cursor) }
        if case .accounts(.account(let account)) = state.overlay { refreshAccount360(account) }
        return true
    }
}
