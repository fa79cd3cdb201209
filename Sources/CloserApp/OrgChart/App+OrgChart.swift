import CloserCore
import TerminalUI

/// One read: the account (visibility applies: a rep's chart is refused, with the reason, for an
/// account private to someone else) and its persons.
struct ReadOrgChart: Work, Equatable {
    var accountID: Int64

    struct Reply: Sendable {
        var accountName: String
        var persons: Page<Person>
    }

    func run(in world: World) throws -> Reply {
        let account = try world.store.account(accountID)
        return Reply(accountName: account.name, persons: try world.store.persons(PersonQuery(accountID: accountID, limit: App.orgChartReadLimit)))
    }
}

extension AppState {
    var orgChartViewport: Rect { OrgChartScreenLayout(content: contentRect).chart }

    mutating func relayoutOrgChart() {
        orgChart.prepareLayout(width: orgChartViewport.width, lang: lang)
        orgChart.scrollToSelection(viewport: orgChartViewport)
    }
}

/// The org chart's reads as effects: the tree, coverage, paths and layout are derived once from
/// the reply, not per frame. Its edits still go through `App`.
enum OrgChartUpdate {
    static func update(_ state: inout AppState, _ event: ScreenEvent) -> [Effect]? {
        switch event {
        case .load:
            guard let accountID = state.orgChart.accountID else { return [] }
            return [.work(ReadOrgChart(accountID: accountID), replyTo: .screen(.orgChart))]
        case .reply(let read as ReadOrgChart.Reply):
            state.orgChart.load(accountName: read.accountName, persons: read.persons.rows, total: read.persons.total, today: state.today)
            state.relayoutOrgChart()
            return []
        case .failed(_, let error):
            state.message = .failure(error, in: state.lang)
            return []
        default:
            return nil
        }
    }
}

extension App {
    /// A chart this large is still drawn whole; beyond it the heading says how many were left out.
    static let orgChartReadLimit = 2_000

    /// The account whose chart `o` opens from the current screen: the selected deal's or account's.
    var accountForOrgChart: Int64? { Screens.module(state.screen).selectedAccount(state) }

    public func openOrgChart(accountID: Int64?) {
        if let accountID, accountID != state.orgChart.accountID {
            state.orgChart = OrgChartState()
            state.orgChart.accountID = accountID
        }
        switchScreen(to: .orgChart)
    }

    var orgChartViewport: Rect { state.orgChartViewport }

    func relayoutOrgChart() { state.relayoutOrgChart() }

    func selectPerson(_ id: Int64?) {
        guard let id else { return }
        state.orgChart.selected = id
        // A person folded away under a collapsed manager is unfolded to be shown.
        if state.orgChart.lens == .tree, state.orgChart.layout?.box(of: id) == nil {
            let chain = Set(state.orgChart.tree.chain(from: id).dropFirst())
            if !state.orgChart.collapsed.isDisjoint(with: chain) {
                state.orgChart.collapsed.subtract(chain)
                state.orgChart.invalidateLayout()
                state.orgChart.prepareLayout(width: orgChartViewport.width, lang: state.lang)
            }
        }
        state.orgChart.scrollToSelection(viewport: orgChartViewport)
    }

    func moveOrgSelection(_ command: Command) {
        let org = state.orgChart
        guard let current = org.selected else { selectPerson(org.tree.ordered.first); return }
        if org.lens == .grid {
            moveGridSelection(command, from: current)
            return
        }
        guard let layout = org.layout else { return }
        switch command {
        case .selectUp: selectPerson(layout.neighbour(of: current, .up))
        case .selectDown: selectPerson(layout.neighbour(of: current, .down))
        case .selectLeft: selectPerson(layout.neighbour(of: current, .left))
        case .selectRight: selectPerson(layout.neighbour(of: current, .right))
        case .selectFirst: selectPerson(org.tree.ordered.first)
        case .selectLast: selectPerson(org.tree.ordered.last)
        case .pageUp, .pageDown:
            // A page of the chart at a time: the box nearest the middle of the new view.
            let viewport = orgChartViewport
            let dy = command == .pageUp ? -viewport.height : viewport.height
            let targetY = max(0, min(layout.height - 1, state.orgChart.scrollY + viewport.height / 2 + dy))
            let selectedX = layout.box(of: current).map { $0.rect.x + $0.rect.width / 2 } ?? 0
            let nearest = layout.boxes.min { a, b in
                abs(a.rect.y + 2 - targetY) * 3 + abs(a.rect.x - selectedX) < abs(b.rect.y + 2 - targetY) * 3 + abs(b.rect.x - selectedX)
            }
            selectPerson(nearest?.personID)
        default: break
        }
    }

    /// In the grid: up and down walk a function's column top to bottom, left and right move to
    /// the neighbouring department at the nearest level.
    func moveGridSelection(_ command: Command, from current: Int64) {
        let grid = state.orgChart.grid
        func column(_ index: Int) -> [Int64] { grid.cells.flatMap { $0[index] } }
        guard let person = state.orgChart.tree.persons[current],
              var columnIndex = OrgGrid.functions.firstIndex(of: person.function) else { return }
        let ids = column(columnIndex)
        let position = ids.firstIndex(of: current) ?? 0
        switch command {
        case .selectUp: if position > 0 { selectPerson(ids[position - 1]) }
        case .selectDown: if position + 1 < ids.count { selectPerson(ids[position + 1]) }
        case .selectFirst: selectPerson(grid.ordered.first)
        case .selectLast: selectPerson(grid.ordered.last)
        case .selectLeft, .selectRight:
            let step = command == .selectLeft ? -1 : 1
            let level = OrgGrid.levels.firstIndex(of: person.level) ?? 0
            while true {
                columnIndex += step
                guard OrgGrid.functions.indices.contains(columnIndex) else { return }
                let candidates = OrgGrid.levels.indices.sorted { abs($0 - level) < abs($1 - level) }
                if let id = candidates.lazy.compactMap({ grid.cells[$0][columnIndex].first }).first {
                    selectPerson(id)
                    return
                }
            }
        default: break
        }
    }

    /// A click selects the box under it (double-click edits, or sets the manager being picked);
    /// the wheel pans the chart three rows at a time.
    func handleOrgChartMouse(_ mouse: MouseEvent) {
        let viewport = orgChartViewport
        guard state.orgChart.lens == .tree, viewport.contains(x: mouse.x, y: mouse.y), let layout = state.orgChart.layout else { return }
        switch mouse.kind {
        case .wheelUp: state.orgChart.scrollY = max(0, state.orgChart.scrollY - 3)
        case .wheelDown: state.orgChart.scrollY = max(0, min(layout.height - viewport.height, state.orgChart.scrollY + 3))
        case .click, .doubleClick:
            let x = mouse.x - viewport.x + state.orgChart.scrollX, y = mouse.y - viewport.y + state.orgChart.scrollY
            guard let hit = layout.boxes.first(where: { $0.rect.contains(x: x, y: y) }) else { return }
            state.orgChart.selected = hit.personID
            if mouse.kind == .doubleClick {
                _ = OrgChartScreen.run(state.orgChart.pickingManagerFor != nil ? .pickManagerHere : .personEdit, in: self)
            }
        }
    }

    func runOrgChartCommand(_ command: Command) {
        let lang = state.lang
        switch command {
        case .openOrgChart:
            guard let id = accountForOrgChart else {
                state.message = StatusMessage(LocalizedText(en: "Select a deal or an account first", zh: "请先选中商机或客户")[lang], isError: true)
                return
            }
            openOrgChart(accountID: id)
            return
        default: break
        }
        guard state.orgChart.accountID != nil else { return }
        let selected = state.orgChart.selectedPerson
        switch command {
        case .orgToggleLens:
            state.orgChart.lens = state.orgChart.lens == .tree ? .grid : .tree
        case .orgToggleFold:
            guard let person = selected, !state.orgChart.tree.reports(of: person.id).isEmpty else { return }
            if state.orgChart.collapsed.remove(person.id) == nil { state.orgChart.collapsed.insert(person.id) }
            state.orgChart.invalidateLayout()
            relayoutOrgChart()
        case .orgJump:
            state.overlay = .prompt(PromptState(title: LocalizedText(en: "Jump to a person (name or pinyin initials; Tab next)",
                                                                     zh: "跳转到人员（姓名或拼音首字母；Tab 下一个）")[lang], purpose: .jumpToPerson))
        case .personAdd:
            var person = Person(accountID: state.orgChart.accountID ?? 0, name: "")
            person.reportsTo = state.orgChart.lens == .tree ? selected?.id : nil
            if let manager = selected, state.orgChart.lens == .grid {
                person.level = manager.level
                person.function = manager.function
            }
            state.overlay = .orgChart(.person(PersonFormState(person: person, tree: state.orgChart.tree, lang: lang)))
        case .personEdit:
            guard let person = selected else { return }
            state.overlay = .orgChart(.person(PersonFormState(person: person, tree: state.orgChart.tree, lang: lang)))
        case .personDelete:
            guard let person = selected else { return }
            let reports = state.orgChart.tree.reports(of: person.id).count
            var message = [LocalizedText(en: "Delete \(person.name) from \(state.orgChart.accountName)?", zh: "从 \(state.orgChart.accountName) 删除 \(person.name)？")[lang]]
            if reports > 0 {
                message.append(LocalizedText(en: "Their \(reports) reports will have no manager mapped.", zh: "其 \(reports) 名下属将变为未挂接上级。")[lang])
            }
            state.overlay = .orgChart(.confirmDelete(personID: person.id, ConfirmDialog(
                title: LocalizedText(en: "Delete person", zh: "删除人员")[lang], message: message,
                yes: LocalizedText(en: "Yes", zh: "是")[lang], no: LocalizedText(en: "No", zh: "否")[lang])))
        case .personPickManager:
            guard let person = selected else { return }
            state.orgChart.pickingManagerFor = person.id
            state.orgChart.lens = .tree
        case .personToggleCoach:
            guard var person = selected else { return }
            person.isInsideCoach.toggle()
            savePersonChange(person, LocalizedText(en: person.isInsideCoach ? "is our inside coach" : "is no longer marked inside coach",
                                                   zh: person.isInsideCoach ? "标记为内线" : "取消内线标记"))
        case .personCycleStance:
            guard var person = selected else { return }
            let all = Stance.allCases
            person.stance = all[((all.firstIndex(of: person.stance) ?? 0) + 1) % all.count]
            savePersonChange(person, LocalizedText(en: "stance: \(person.stance.label.en)", zh: "立场：\(person.stance.label.zh)"))
        case .personInfluenceUp, .personInfluenceDown:
            guard var person = selected else { return }
            person.influence = min(100, max(0, person.influence + (command == .personInfluenceUp ? 5 : -5)))
            guard person.influence != selected?.influence else { return }
            savePersonChange(person, LocalizedText(en: "influence \(person.influence)", zh: "影响力 \(person.influence)"))
        case .personLogMeeting:
            guard let person = selected else { return }
            state.overlay = .prompt(PromptState(title: LocalizedText(en: "Meeting with \(person.name) today — notes", zh: "今天与 \(person.name) 会面 —— 记录")[lang],
                                                purpose: .logMeeting(personID: person.id)))
        default: break
        }
    }

    /// A one-key change (coach, stance, influence): saved at once against the version on screen.
    func savePersonChange(_ person: Person, _ what: LocalizedText) {
        let shown = state.orgChart.tree.persons[person.id] ?? person
        perform([.work(SavePersonChange(save: SaveRecord(original: shown, edited: person), what: what), replyTo: .orgChartEdits)])
    }

    /// While a manager is being picked: arrows move, Enter sets, Backspace clears, Esc cancels.
    /// Returns false for commands that are not part of picking.
    func runManagerPick(_ command: Command) -> Bool {
        guard let moving = state.orgChart.pickingManagerFor, var person = state.orgChart.tree.persons[moving] else { return false }
        let lang = state.lang
        switch command {
        case .pickCancel:
            state.orgChart.pickingManagerFor = nil
            state.orgChart.selected = moving
        case .pickManagerHere, .pickNoManager:
            let manager = command == .pickManagerHere ? state.orgChart.selected : nil
            state.orgChart.pickingManagerFor = nil
            if command == .pickManagerHere, manager == moving {
                state.message = StatusMessage(LocalizedText(en: "A person cannot report to themselves", zh: "不能设自己为上级")[lang], isError: true)
                return true
            }
            person.reportsTo = manager
            let name = manager.flatMap { state.orgChart.tree.persons[$0]?.name }
            state.orgChart.selected = moving
            savePersonChange(person, name.map { LocalizedText(en: "reports to \($0)", zh: "上级设为 \($0)") }
                ?? LocalizedText(en: "no manager mapped", zh: "未挂接上级"))
            state.orgChart.invalidateLayout()
            relayoutOrgChart()
        default:
            return false
        }
        return true
    }

    func handleOrgChartOverlay(_ command: Command, _ overlay: OrgChartOverlay) {
        switch overlay {
        case .confirmDelete(let id, var dialog):
            guard let answer = dialog.run(command) else {
                state.overlay = .orgChart(.confirmDelete(personID: id, dialog))
                return
            }
            state.overlay = nil
            guard answer else { return }
            let name = state.orgChart.tree.persons[id]?.name ?? "#\(id)"
            perform([.work(DeletePerson(id: id, name: name), replyTo: .orgChartEdits)])
        case .person(var form):
            switch command {
            case .close: state.overlay = nil
            case .confirm: savePersonForm(&form)
            case .reloadForm:
                guard let conflict = form.conflict else { return }
                form.takeConflict(fresh: PersonFormState(person: conflict.current, tree: state.orgChart.tree, lang: state.lang))
                state.message = StatusMessage(RecordForm<Person>.reloadedMessage(conflict, state.lang))
                state.overlay = .orgChart(.person(form))
            default:
                form.form.run(command)
                state.overlay = .orgChart(.person(form))
            }
        }
    }

    /// Checks each field and puts the message beside it; only a clean form is written. A stale
    /// version keeps what was typed and says who changed the person.
    func savePersonForm(_ form: inout PersonFormState) {
        let lang = state.lang
        for index in form.form.fields.indices { form.form.setError(nil, at: index) }
        switch form.validated(tree: state.orgChart.tree, today: state.today, lang: lang) {
        case .failure(let errors):
            for (field, message) in errors.list { form.form.setError(message, at: field.rawValue) }
            if let first = errors.list.first { form.form.focus = first.0.rawValue }
            state.overlay = .orgChart(.person(form))
        case .success(let person):
            // An edit sends only the fields the user changed, on the version the form was opened on.
            state.overlay = .orgChart(.person(form))
            perform([.work(SavePersonForm(person: person, original: form.isNew ? nil : form.person), replyTo: .orgChartEdits)])
        }
    }

    func jumpToPerson(_ prompt: inout PromptState, next: Bool) {
        let query = prompt.field.text
        guard !query.isEmpty else { return }
        if let id = state.orgChart.match(query, after: next ? state.orgChart.selected : nil) {
            selectPerson(id)
            prompt.error = nil
        } else {
            prompt.error = LocalizedText(en: "nobody matches '\(query)'", zh: "没有匹配“\(query)”的人")[state.lang]
        }
    }

    func logMeeting(personID: Int64, notes: String) {
        guard let accountID = state.orgChart.accountID else { return }
        let name = state.orgChart.tree.persons[personID]?.name ?? "#\(personID)"
        let activity = Activity(accountID: accountID, kind: .meeting, day: state.today, personIDs: [personID], notes: notes)
        perform([.work(LogMeeting(activity: activity, name: name), replyTo: .orgChartEdits)])
    }
}
