import CloserCore
import Foundation
import TerminalUI

/// The dashboard's controller: turns input into store calls and state changes. Reads are
/// sized to the screen (a board column loads the cards that fit, the table one page).
public final class App {
    public internal(set) var state: AppState
    /// Alone holds the store, the importer and the file system: the controller and every screen
    /// reach them only through the work effects describe. Replaced when the user chooses who they are (`actAs`).
    var runner: EffectRunner
    /// The store (and importer) acting as another member: given by the launcher for a file store,
    /// where choosing who you are is what `--user` does; nil on a server, where the user is the connected role.
    let actAs: ActAs?
    var lastChangeToken: Int64 = -1
    /// The stand-up's rereads: a write shows within a second even on a store where a read costs 0.1 s or more.
    /// The second is spent in turn waiting for the next read (at most this), for the poll that sees the
    /// write (`TerminalRunner.pollMilliseconds`) and on the read itself (0.2–0.6 s on a busy server).
    /// At 0.8 s, 50 reps' writes showed on the walls at p99 1.1 s.
    var wallReads = RefreshPacer(longestWait: 0.4)
    /// Creates the demo company for an empty store; injected so tests control the data.
    let demo: @Sendable (Day, String) -> Snapshot
    /// Work long enough to be seen (reading or importing a file): the frame saying so is drawn
    /// first, then the terminal loop calls `runPendingWork`.
    var pendingEffects: [Effect] = []

    public init(store: any Store, state: AppState, importer: (any ForeignImporting)? = nil, actAs: ActAs? = nil,
                demo: @escaping @Sendable (Day, String) -> Snapshot = { today, user in
        DemoCompany.generate(seed: 1, scale: nil, today: today, user: user, now: Date())
    }) {
        self.state = state
        runner = EffectRunner(store: store, importer: importer)
        self.actAs = actAs
        self.demo = demo
    }

    /// Runs the work an input left for after its "busy" frame; true when there was some.
    @discardableResult
    public func runPendingWork() -> Bool {
        guard !pendingEffects.isEmpty else { return false }
        let effects = pendingEffects
        pendingEffects = []
        perform(effects)
        state.busy = nil
        return true
    }

    // MARK: Effects

    /// Does what the effects describe, in order; each reply goes back to whoever asked, whose
    /// update may ask for more.
    func perform(_ effects: [Effect]) {
        for effect in effects {
            switch effect {
            case .work(let work, let origin):
                switch runner.run(work) {
                case .success(let reply):
                    deliver(.reply(reply), to: origin)
                case .failure(let error):
                    let unreachable = origin != .connection && ConnectionWatch.noteFailure(&state, error, now: Date())
                    deliver(.failed(work, error), to: origin)
                    // One line in the user's language; what they typed stays where it was.
                    if unreachable, let refusal = ConnectionWatch.refusal(error, lang: state.lang) { state.message = refusal }
                }
            case .afterFrame(let busy, let later):
                state.busy = busy
                pendingEffects += later
            case .reload(let keeping):
                reload(keeping: keeping)
            case .reloadIfChanged(let keeping):
                if changeToken() == lastChangeToken { continue }
                reload(keeping: keeping)
            case .openOrgChart(let accountID, let person):
                openOrgChart(accountID: accountID)
                selectPerson(person)
            case .command(let command):
                run(command)
            case .say(let message):
                state.message = message
            case .openDeal(let id, let cursor):
                reload(keeping: id)
                openDeal(id, keepCursor: cursor)
            case .refreshAll:
                refreshAll()
            case .setFilter(let filter):
                setFilter(filter)
            case .actAs(let login):
                act(as: login)
            }
        }
    }

    func deliver(_ event: ScreenEvent, to origin: Origin) {
        switch origin {
        case .screen(let id): perform(Screens.module(id).update(&state, event) ?? [])
        case .dealMove: perform(DealMoves.update(&state, event))
        case .dealDetail: perform(DealDetailUpdate.update(&state, event))
        case .account360: perform(Account360Update.update(&state, event))
        case .savedFilters: perform(SavedFilterUpdate.update(&state, event))
        case .newDeal: perform(NewDealUpdate.update(&state, event))
        case .orgChartEdits: perform(OrgChartEdits.update(&state, event))
        case .importer: perform(ImportFlow.update(&state, event))
        case .exporter: perform(TableExportFlow.update(&state, event))
        case .plans: perform(PlansUpdate.update(&state, event))
        case .rates: perform(RatesUpdate.update(&state, event))
        case .undo: perform(UndoFlow.update(&state, event))
        case .shell: perform(TeamNumbersUpdate.update(&state, event))
        case .connection: perform(ConnectionWatch.update(&state, event))
        case .whoAmI: perform(WhoAmIUpdate.update(&state, event, canActAsOthers: actAs != nil))
        }
    }

    /// Loads what the first frame needs.
    public func start() {
        // What `u` may take back: the user's changes from now on.
        if state.openedAt == nil { state.openedAt = Date() }
        if case .success(let reply) = runner.run(ReadActor()), case .stranger? = reply as? Actor {
            state.isStranger = true
            return
        }
        state.isStranger = false
        switch runner.run(ReadStartup()) {
        case .success(let startup as ReadStartup.Reply):
            state.catalog = startup.catalog
            state.reps = startup.reps
        case .success: break
        case .failure(let error): state.message = .failure(error, in: state.lang)
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
            if state.isStranger { return }
            if state.standup != nil { refreshStandup(now: Date()) } else { reload() }
        case .mouse(let mouse):
            guard state.standup == nil, !state.isStranger else { return }
            handleMouse(mouse)
        case .key(let key) where state.isStranger:
            // Nothing to see or do until a manager adds the user: q leaves.
            if KeyMap.command(for: key, in: [.global]) == .quit || key == .escape { state.shouldQuit = true }
        case .key(let key) where state.standup != nil:
            handleStandupKey(key)
        case .key(let key):
            if let overlay = state.overlay {
                handleOverlayKey(key, overlay)
                return
            }
            let screen = Screens.module(state.screen)
            let contexts = screen.contexts(state)
            // A key on the screen itself (not typed into its field) clears the last message.
            if contexts.contains(.global) { state.message = nil }
            if let command = KeyMap.command(for: key, in: contexts) {
                run(command)
            } else {
                screen.text(key, in: self)
            }
        }
    }

    /// Runs a command on the current screen: the screen's own first, then the dashboard's.
    public func run(_ command: Command) {
        let screen = Screens.module(state.screen)
        if let effects = screen.update(&state, .command(command)) {
            perform(effects)
            return
        }
        if screen.run(command, in: self) { return }
        if command == .toggleMine, let effects = WhoAmIUpdate.toggleMine(state) {
            perform(effects)
            return
        }
        if let filter = state.filter.applying(command, user: state.user, reps: state.reps) {
            setFilter(filter)
            return
        }
        switch command {
        case .quit: state.shouldQuit = true
        case .help: state.overlay = .help(offset: 0)
        case .palette: state.overlay = .palette(PaletteState())
        case .nextScreen, .previousScreen:
            let count = Screens.all.count
            let index = Screens.index(of: state.screen) + (command == .nextScreen ? 1 : count - 1)
            switchScreen(to: Screens.all[index % count].id)
        case .refresh: reload()
        case .loadDemo: loadDemo()
        case .importFile: beginImport()
        case .toggleLanguage:
            state.lang = state.lang == .en ? .zh : .en
            Screens.module(state.screen).languageChanged(in: self)
        case .cycleProcess: cycleProcess()
        case .cycleRep:
            // Only reached with no reps to step through (`DealFilter.applying` steps otherwise).
            state.message = StatusMessage(LocalizedText(en: "No reps in the store yet (closer user add NAME)", zh: "尚无销售人员（closer user add 名字）")[state.lang])
        case .newDeal: beginNewDeal(stage: nil)
        case .search: state.overlay = .prompt(PromptState(title: state.lang(.searchPrompt), text: state.filter.text, purpose: .search))
        case .openOrgChart:
            guard let id = accountForOrgChart else {
                state.message = StatusMessage(LocalizedText(en: "Select a deal or an account first", zh: "请先选中商机或客户")[state.lang], isError: true)
                return
            }
            openOrgChart(accountID: id)
        case .exportTable: beginTableExport()
        case .showStandup: startStandup()
        case .undo: perform(UndoFlow.begin(state))
        case .showRates: perform(RatesUpdate.open(&state))
        default:
            Screens.all.first { $0.showCommand == command }?.show(in: self)
        }
    }

    /// The deal under the selection of the current screen, if it shows deals.
    var selectedDeal: DealSummary? { Screens.module(state.screen).selectedDeal(state) }
    var selectedDealID: Int64? { selectedDeal?.id }

    func switchScreen(to screen: ScreenID) {
        state.screen = screen
        reload()
    }

    /// Puts a new deal filter in force: every deal screen starts again from the top, the
    /// selection stays on the same deal where it can.
    func setFilter(_ filter: DealFilter) {
        let keep = selectedDealID
        state.filter = filter
        state.board.offsets = [:]
        state.board.selected = [:]
        state.table.scroll = ScrollState()
        reload(keeping: keep)
    }

    func handleMouse(_ mouse: MouseEvent) {
        guard state.overlay == nil else { return }
        if mouse.y == 0, mouse.kind == .click {
            let ranges = AppView.tabRanges(state)
            if let tab = TabBar.tab(atX: mouse.x, ranges: ranges), Screens.all.indices.contains(tab) { switchScreen(to: Screens.all[tab].id) }
            return
        }
        let screen = Screens.module(state.screen)
        if let effects = screen.update(&state, .mouse(mouse)) { perform(effects) } else { screen.mouse(mouse, in: self) }
    }

    func cycleProcess() {
        let keys = state.catalog.processes.map(\.key)
        guard let index = keys.firstIndex(of: state.processKey) else { return }
        state.processKey = keys[(index + 1) % keys.count]
        state.board = BoardState()
        reload()
    }

    func loadDemo() {
        guard state.isEmptyStore else {
            state.message = StatusMessage(LocalizedText(en: "The demo loads into an empty store only (try closer --db /tmp/demo.sqlite)", zh: "演示数据只能载入空数据库")[state.lang], isError: true)
            return
        }
        switch runner.run(LoadDemo(snapshot: demo(state.today, state.user))) {
        case .success(let loaded as LoadDemo.Reply):
            state.reps = loaded.reps
            state.message = StatusMessage(loaded.summary.text[state.lang])
        case .success: break
        case .failure(let error): state.message = .failure(error, in: state.lang)
        }
        reload()
    }

    // MARK: Reading

    /// Reloads what the current screen shows, keeping the selection on the same deal.
    public func reload(keeping dealID: Int64? = nil) {
        let keep = dealID ?? selectedDealID
        let screen = Screens.module(state.screen)
        let token: Int64
        switch runner.run(ReadChangeToken()) {
        case .success(let read as Int64): token = read
        case .success: return
        case .failure(let error):
            state.message = .failure(error, in: state.lang)
            if ConnectionWatch.noteFailure(&state, error, now: Date()), let refusal = ConnectionWatch.refusal(error, lang: state.lang) {
                state.message = refusal
            }
            return
        }
        // A rate or a name changed on the command line shows with the next read.
        if token != lastChangeToken { perform([.work(ReadTeamNumbers(), replyTo: .shell)]) }
        lastChangeToken = token
        state.isEmptyStore = false
        perform(screen.update(&state, .load(keeping: keep)) ?? [])
    }

    /// Notices writes by other processes (another rep, the CLI) without a key press, and a store
    /// gone out of reach; while it is, tries again when the backoff allows (`ConnectionWatch`).
    /// Returns true when the screen needs redrawing.
    public func pollStore(now: Date = Date()) -> Bool {
        if state.standup != nil { return standupTick(now: now) }
        if state.isStranger {
            // Added meanwhile by a manager: the dashboard starts.
            start()
            return !state.isStranger
        }
        if let outage = state.outage {
            perform(ConnectionWatch.tick(&state, now: now))
            return state.outage != outage
        }
        switch runner.run(ReadChangeToken()) {
        case .failure(let error):
            return ConnectionWatch.noteFailure(&state, error, now: now)
        case .success(let token as Int64) where token != lastChangeToken:
            if !Screens.module(state.screen).refreshesOnChange(self) { return false }
            refreshAll()
            return true
        case .success:
            return false
        }
    }

    /// Reads again what is on screen: the screen, and the deal or account open over it (a form
    /// open on it keeps what was typed).
    func refreshAll() {
        reload()
        if case .detail(let detail) = state.overlay { openDeal(detail.deal.id, keepCursor: detail.cursor) }
        if case .accounts(.account(let account)) = state.overlay { perform([Account360Update.read(state, account.account.id)]) }
    }

    /// The store's change token, or nil when it cannot be read now (the next poll tries again).
    func changeToken() -> Int64? {
        if case .success(let token as Int64) = runner.run(ReadChangeToken()) { return token }
        return nil
    }
}
