import CloserCore
import TerminalUI

extension App {
    /// Loads the deal with what its screen shows: account, process, evidence, recent work and history.
    func openDeal(_ id: Int64, keepCursor: Int = 0) {
        attempt {
            let deal = try store.deal(id)
            let account = try store.account(deal.accountID)
            let catalog = state.catalog.process(deal.processKey) == nil ? try store.processCatalog() : state.catalog
            guard let process = catalog.process(deal.processKey) else {
                throw StoreError.rule(.unknownProcess(deal.processKey))
            }
            var detail = DealDetailState(
                deal: deal, accountName: account.name, process: process, evidence: try store.evidence(accountID: deal.accountID),
                activities: try store.activities(accountID: nil, dealID: id, limit: 5),
                events: try store.events(EventQuery(entity: "deal", entityID: id, limit: 6)))
            if case .detail(let previous) = state.overlay, previous.deal.id == id {
                detail.mode = previous.mode
                if previous.deal.version != deal.version, case .edit = previous.mode {
                    state.message = StatusMessage("#\(id) " + state.lang(.storeChanged), isError: true)
                }
            }
            let persons = try store.persons(PersonQuery(accountID: deal.accountID, limit: App.orgChartReadLimit)).rows
            detail.coverage = OrgCoverage.warnings(persons, today: state.today)
            detail.cursor = min(keepCursor, max(0, detail.milestoneRows.count - 1))
            state.overlay = .detail(detail)
        }
    }

    func handleDetail(_ command: Command, _ detail: inout DealDetailState) {
        switch detail.mode {
        case .browse: handleDetailBrowse(command, &detail)
        case .edit(var form):
            switch command {
            case .close:
                detail.mode = .browse
                state.overlay = .detail(detail)
            case .confirm:
                saveDetailEdit(&detail, form: &form)
            default:
                form.run(command)
                detail.mode = .edit(form)
                state.overlay = .detail(detail)
            }
        case .logActivity(var kind, let notes):
            switch command {
            case .close:
                detail.mode = .browse
                state.overlay = .detail(detail)
            case .nextKind, .previousKind:
                let kinds = ActivityKind.allCases
                let index = kinds.firstIndex(of: kind) ?? 0
                kind = kinds[(index + (command == .nextKind ? 1 : kinds.count - 1)) % kinds.count]
                detail.mode = .logActivity(kind: kind, notes: notes)
                state.overlay = .detail(detail)
            case .confirm:
                let activity = Activity(accountID: detail.deal.accountID, dealID: detail.deal.id, kind: kind, day: state.today,
                                        notes: notes.text, by: state.user)
                if attempt({ _ = try store.addActivity(activity) }) {
                    state.message = StatusMessage("\(kind.label[state.lang]) #\(detail.deal.id) ✓")
                    detail.mode = .browse
                    state.overlay = .detail(detail)
                    reload()
                    openDeal(detail.deal.id, keepCursor: detail.cursor)
                }
            default:
                break
            }
        }
    }

    /// A key typed into the edit form or the activity's notes.
    func typeDetail(_ key: Key, _ detail: inout DealDetailState) {
        switch detail.mode {
        case .browse: return
        case .edit(var form):
            _ = form.handle(key)
            detail.mode = .edit(form)
        case .logActivity(let kind, var notes):
            _ = notes.handle(key)
            detail.mode = .logActivity(kind: kind, notes: notes)
        }
        state.overlay = .detail(detail)
    }

    func handleDetailBrowse(_ command: Command, _ detail: inout DealDetailState) {
        let id = detail.deal.id
        switch command {
        case .close:
            state.overlay = nil
            // Our own edits reloaded already; only someone else's change needs another read.
            if (try? store.changeToken()) != lastChangeToken { reload(keeping: id) }
        case .selectUp:
            detail.cursor = max(0, detail.cursor - 1)
            state.overlay = .detail(detail)
        case .selectDown:
            detail.cursor = min(detail.milestoneRows.count - 1, detail.cursor + 1)
            state.overlay = .detail(detail)
        case .tickMilestone:
            guard detail.milestoneRows.indices.contains(detail.cursor) else { return }
            let row = detail.milestoneRows[detail.cursor]
            let done = !detail.deal.milestonesDone.contains(row.milestone.key)
            if attempt({ _ = try store.setMilestone(dealID: id, key: row.milestone.key, done: done, expectedVersion: detail.deal.version) }) {
                reload(keeping: id)
            }
            openDeal(id, keepCursor: detail.cursor)
        case .editDeal:
            detail.mode = .edit(detail.editForm(state.lang))
            state.overlay = .detail(detail)
        case .openOrgChart:
            state.overlay = nil
            openOrgChart(accountID: detail.deal.accountID)
        case .cycleForecast:
            // The rep's forecast category, saved at once: pipeline → best case → commit.
            var deal = detail.deal
            let all = ForecastCategory.allCases
            deal.forecastCategory = all[((all.firstIndex(of: deal.forecastCategory) ?? 0) + 1) % all.count]
            if attempt({ _ = try store.updateDeal(deal) }) {
                state.message = StatusMessage("#\(id) \(LocalizedText(en: "forecast", zh: "预测类别")[state.lang]): \(deal.forecastCategory.label[state.lang])")
                reload(keeping: id)
            }
            openDeal(id, keepCursor: detail.cursor)
        case .logActivity:
            detail.mode = .logActivity(kind: .visit, notes: TextFieldState(maxLength: 1000))
            state.overlay = .detail(detail)
        case .moveRight, .moveLeft:
            let step = command == .moveRight ? 1 : -1
            guard let index = detail.process.stageIndex(detail.deal.stageKey), detail.process.stages.indices.contains(index + step) else { return }
            move(dealID: id, title: detail.deal.title, to: detail.process.stages[index + step], version: detail.deal.version, force: nil)
            if state.overlay == nil || { if case .detail = state.overlay { true } else { false } }() { openDeal(id, keepCursor: detail.cursor) }
        case .markWon:
            if attempt({ _ = try store.closeDeal(id, as: .won, reason: "", expectedVersion: detail.deal.version) }) {
                state.message = StatusMessage("#\(id) \(state.lang(.won)) 🎉")
                state.overlay = nil
                reload()
            }
        case .markLost:
            state.overlay = .prompt(PromptState(title: LocalizedText(en: "Why was it lost?", zh: "丢单原因？")[state.lang], purpose: .lostReason(dealID: id)))
        default:
            break
        }
    }

    func saveDetailEdit(_ detail: inout DealDetailState, form: inout FormState) {
        let lang = state.lang
        for index in form.fields.indices { form.setError(nil, at: index) }
        var deal = detail.deal
        var valid = true
        switch FieldParse.day(form.text(of: DealDetailState.dueField), today: state.today) {
        case .invalid:
            form.setError(LocalizedText(en: "not a date: YYYY-MM-DD or +7", zh: "日期格式错误")[lang], at: DealDetailState.dueField)
            valid = false
        case let result: deal.nextStepDue = result.day
        }
        switch FieldParse.day(form.text(of: DealDetailState.closeField), today: state.today) {
        case .invalid:
            form.setError(LocalizedText(en: "not a date: YYYY-MM-DD", zh: "日期格式错误")[lang], at: DealDetailState.closeField)
            valid = false
        case let result: deal.expectedClose = result.day
        }
        if let amount = Money.parse(form.text(of: DealDetailState.amountField).isEmpty ? "0" : form.text(of: DealDetailState.amountField),
                                    currency: deal.amount.currency) {
            deal.amount = amount
        } else {
            form.setError(LocalizedText(en: "not an amount: 1200000, 120万, 1.5M", zh: "金额格式错误")[lang], at: DealDetailState.amountField)
            valid = false
        }
        deal.nextStep = form.text(of: DealDetailState.nextStepField).trimmingCharacters(in: .whitespaces)
        guard valid else {
            detail.mode = .edit(form)
            state.overlay = .detail(detail)
            return
        }
        do {
            _ = try store.updateDeal(deal)
            detail.mode = .browse
            state.overlay = .detail(detail)
            state.message = StatusMessage("#\(deal.id) ✓ \(lang(.save))")
            reload(keeping: deal.id)
            openDeal(deal.id, keepCursor: detail.cursor)
        } catch {
            // A stale version or a refused value: say so and keep what was typed.
            state.message = StatusMessage(String(describing: error), isError: true)
            detail.mode = .edit(form)
            state.overlay = .detail(detail)
        }
    }
}
