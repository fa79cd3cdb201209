import CloserCore
import TerminalUI

extension App {
    /// Opens the deal (or reads it again, keeping the milestone cursor).
    func openDeal(_ id: Int64, keepCursor: Int = 0) {
        perform([DealDetailUpdate.read(state, id, cursor: keepCursor)])
    }
}

/// The open deal's update: its commands and typing change the state alone; reads and writes
/// go to the effect runner and come back here (`Origin.dealDetail`).
enum DealDetailUpdate {
    static func read(_ state: AppState, _ id: Int64, cursor: Int = 0, returnToAccount: Int64? = nil) -> Effect {
        .work(ReadDealDetail(dealID: id, cursor: cursor, catalog: state.catalog, today: state.today,
                             returnToAccount: returnToAccount ?? current(state)?.returnToAccount), replyTo: .dealDetail)
    }

    /// The open deal, if it is what is open.
    static func current(_ state: AppState) -> DealDetailState? {
        if case .detail(let detail) = state.overlay { return detail }
        return nil
    }

    /// Our own write landed: the screen behind and the open deal read again.
    static func written(_ state: AppState, _ id: Int64) -> [Effect] {
        [.reload(keeping: id), read(state, id, cursor: current(state)?.cursor ?? 0)]
    }

    static func update(_ state: inout AppState, _ event: ScreenEvent) -> [Effect] {
        let lang = state.lang
        switch event {
        case .command(let command):
            guard var detail = current(state) else { return [] }
            let effects = run(command, &detail, &state)
            return effects
        case .reply(let fresh as DealDetailState):
            state.overlay = .detail(merged(fresh, into: &state))
            return []
        case .reply(let deal as Deal):
            // A tick, the forecast, an edit or an outcome saved.
            if deal.outcome != .open {
                state.message = StatusMessage(deal.outcome == .won
                    ? "#\(deal.id) \(lang(.won)) 🎉"
                    : "#\(deal.id) \(lang(.lost)): \(deal.outcomeReason)")
                if current(state) != nil { state.overlay = nil }
                return [.reload(keeping: deal.id)]
            }
            guard var detail = current(state), detail.deal.id == deal.id else { return [.reload(keeping: deal.id)] }
            if case .edit = detail.mode {
                detail.mode = .browse
                state.message = StatusMessage("#\(deal.id) ✓ \(lang(.save))")
            } else if deal.forecastCategory != detail.deal.forecastCategory {
                state.message = StatusMessage("#\(deal.id) \(LocalizedText(en: "forecast", zh: "预测类别")[lang]): \(deal.forecastCategory.label[lang])")
            }
            detail.deal = deal
            state.overlay = .detail(detail)
            return written(state, deal.id)
        case .reply(let choices as LossChoices):
            guard var detail = current(state), case .browse = detail.mode, detail.deal.outcome == .open else { return [] }
            detail.mode = .lose(DealDetailState.lossForm(choices, lang))
            state.overlay = .detail(detail)
            return []
        case .reply(let activity as Activity):
            guard var detail = current(state) else { return [] }
            let names = activity.personIDs.compactMap { id in detail.persons.first { $0.id == id }?.name }
            let with = names.isEmpty ? "" : LocalizedText(en: ", met \(names.joined(separator: ", "))", zh: "，见了 \(names.joined(separator: "、"))")[lang]
            state.message = StatusMessage("\(activity.kind.label[lang]) #\(detail.deal.id) \(activity.day) ✓\(with)")
            detail.mode = .browse
            state.overlay = .detail(detail)
            return written(state, detail.deal.id)
        case .failed(let save as SaveRecord<Deal>, let conflict as EditConflict<Deal>):
            guard var detail = current(state), case .edit(var edit) = detail.mode else { return [] }
            edit.conflict = conflict
            detail.mode = .edit(edit)
            state.overlay = .detail(detail)
            state.message = StatusMessage("#\(save.original.id) " + conflict.message(lang), isError: true)
            return []
        case .failed(let close as CloseDeal, let error):
            state.message = .failure(error, in: state.lang)
            return [.reload(keeping: close.dealID)]
        case .failed(_ as ReadDealDetail, let error) where StoreError.isUnreachable(error):
            // The store is away for now: the deal stays as last read, the banner says why.
            state.message = .failure(error, in: state.lang)
            return []
        case .failed(_ as ReadDealDetail, let error):
            // The deal is gone or no longer ours to see: nothing to show.
            if current(state) != nil { state.overlay = nil }
            state.message = .failure(error, in: state.lang)
            return []
        case .failed(_, let error):
            // A refused write: said in red; what was typed stays.
            state.message = .failure(error, in: state.lang)
            guard let detail = current(state) else { return [] }
            if case .browse = detail.mode { return [read(state, detail.deal.id, cursor: detail.cursor)] }
            return []
        default:
            return []
        }
    }

    /// A fresh read of the open deal, keeping what is in progress: the edit stays on the row it
    /// was opened on (a save expects that version), and someone else's change is said.
    static func merged(_ fresh: DealDetailState, into state: inout AppState) -> DealDetailState {
        var detail = fresh
        guard let previous = current(state), previous.deal.id == fresh.deal.id else { return detail }
        detail.mode = previous.mode
        detail.showsHealth = previous.showsHealth
        if previous.deal.version != fresh.deal.version, case .edit = previous.mode {
            state.message = StatusMessage("#\(fresh.deal.id) " + state.lang(.storeChanged), isError: true)
        }
        return detail
    }

    static func run(_ command: Command, _ detail: inout DealDetailState, _ state: inout AppState) -> [Effect] {
        switch detail.mode {
        case .browse:
            return browse(command, &detail, &state)
        case .edit(var edit):
            switch command {
            case .close:
                detail.mode = .browse
            case .confirm:
                return save(&detail, edit, &state)
            case .reloadForm:
                guard let conflict = edit.conflict else { break }
                edit.takeConflict(fresh: DealDetailState.editForm(conflict.current, state.lang, currencies: state.currencies))
                state.message = StatusMessage(RecordForm<Deal>.reloadedMessage(conflict, state.lang))
                detail.mode = .edit(edit)
            default:
                edit.form.run(command)
                detail.mode = .edit(edit)
            }
        case .logActivity(var form):
            switch command {
            case .close:
                detail.mode = .browse
            case .confirm:
                return saveActivity(&detail, &form, &state)
            default:
                form.run(command)
                detail.mode = .logActivity(form)
            }
        case .lose(var form):
            switch command {
            case .close:
                detail.mode = .browse
            case .confirm:
                return saveLoss(&detail, &form, &state)
            default:
                form.run(command)
                detail.mode = .lose(form)
            }
        }
        state.overlay = .detail(detail)
        return []
    }

    /// A key typed into the edit form or the activity's notes.
    static func type(_ key: Key, _ state: inout AppState) {
        guard var detail = current(state) else { return }
        switch detail.mode {
        case .browse: return
        case .edit(var edit):
            _ = edit.form.handle(key)
            detail.mode = .edit(edit)
        case .logActivity(var form):
            form.handle(key)
            detail.mode = .logActivity(form)
        case .lose(var form):
            form.handle(key)
            detail.mode = .lose(form)
        }
        state.overlay = .detail(detail)
    }

    static func browse(_ command: Command, _ detail: inout DealDetailState, _ state: inout AppState) -> [Effect] {
        let id = detail.deal.id
        let lang = state.lang
        switch command {
        case .close:
            state.overlay = nil
            // Our own edits reloaded already; only someone else's change needs another read.
            // Opened from an account's 360° view: back to it.
            return [.reloadIfChanged(keeping: id)] + (detail.returnToAccount.map { [Account360Update.read(state, $0)] } ?? [])
        case .selectUp:
            detail.cursor = max(0, detail.cursor - 1)
        case .selectDown:
            detail.cursor = min(detail.milestoneRows.count - 1, detail.cursor + 1)
        case .tickMilestone:
            guard detail.milestoneRows.indices.contains(detail.cursor) else { return [] }
            let row = detail.milestoneRows[detail.cursor]
            if let proof = row.milestone.proof {
                state.message = StatusMessage(provenText(row.milestone, missing: detail.evidence.missing(for: proof), lang), isError: true)
                return []
            }
            let done = !detail.deal.milestonesDone.contains(row.milestone.key)
            return [.work(SetMilestone(dealID: id, key: row.milestone.key, done: done, version: detail.deal.version), replyTo: .dealDetail)]
        case .editDeal:
            detail.mode = .edit(RecordForm(form: detail.editForm(lang, currencies: state.currencies), original: detail.deal))
        case .openOrgChart:
            state.overlay = nil
            return [.openOrgChart(accountID: detail.deal.accountID)]
        case .cycleForecast:
            // The rep's forecast category, saved at once: pipeline → best case → commit.
            let all = ForecastCategory.allCases
            let next = all[((all.firstIndex(of: detail.deal.forecastCategory) ?? 0) + 1) % all.count]
            return [.work(SetForecast(dealID: id, category: next, version: detail.deal.version), replyTo: .dealDetail)]
        case .toggleHealth:
            detail.showsHealth.toggle()
        case .logActivity:
            detail.mode = .logActivity(detail.activityForm(lang, today: state.today))
        case .openPlans:
            return PlansUpdate.open(&state, deal: detail.deal, cursor: detail.cursor)
        case .undo:
            // The deal is read again after the undo, whatever it took back.
            return UndoFlow.begin(state) + [read(state, id, cursor: detail.cursor)]
        case .moveRight, .moveLeft:
            let step = command == .moveRight ? 1 : -1
            guard let index = detail.process.stageIndex(detail.deal.stageKey), detail.process.stages.indices.contains(index + step) else { return [] }
            return [DealMoves.request(dealID: id, title: detail.deal.title, to: detail.process.stages[index + step], version: detail.deal.version, force: nil)]
        case .markWon:
            return [.work(CloseDeal(dealID: id, outcome: .won, reason: "", version: detail.deal.version), replyTo: .dealDetail)]
        case .markLost:
            // The form opens once the team's reasons and the competitors met are read.
            guard detail.deal.outcome == .open else { return [] }
            return [.work(ReadLossChoices(dealID: id, accountID: detail.deal.accountID, competitors: detail.deal.competitors), replyTo: .dealDetail)]
        default:
            return []
        }
        state.overlay = .detail(detail)
        return []
    }

    /// "Inside coach and key persons is proven by the org chart, not ticked: the account has no inside coach — o opens the org chart".
    static func provenText(_ milestone: MilestoneTemplate, missing: [EvidenceGap], _ lang: Language) -> String {
        let key = KeyMap.keys(of: .openOrgChart, in: [DealDetailState.keys]).first.map(KeyMap.name(of:)) ?? ""
        let name = milestone.name[lang]
        guard !missing.isEmpty else {
            return LocalizedText(en: "\(name) is proven by the org chart and holds: it is not ticked by hand",
                                 zh: "「\(name)」由组织结构图证明且已满足，无需手动勾选")[lang]
        }
        let gaps = missing.map { $0.label[lang] }.joined(separator: lang == .zh ? "、" : " and ")
        return LocalizedText(en: "\(name) is proven by the org chart, not ticked: the account lacks \(gaps) — \(key) opens the org chart",
                             zh: "「\(name)」由组织结构图证明，不能手动勾选：该客户尚缺\(gaps) —— 按 \(key) 打开组织结构图")[lang]
    }

    /// Checks each field of the edit and saves only the fields the user changed, on the version
    /// the form was opened on; a field in error keeps the form open with its message.
    static func save(_ detail: inout DealDetailState, _ edit: RecordForm<Deal>, _ state: inout AppState) -> [Effect] {
        let lang = state.lang
        var edit = edit
        var form = edit.form
        for index in form.fields.indices { form.setError(nil, at: index) }
        var deal = edit.original
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
        let amountText = form.text(of: DealDetailState.amountField)
        let currencyField = form.fields[DealDetailState.currencyField]
        let currency = currencyField.choices?.ids(in: currencyField.text).first ?? deal.amount.currency
        if let amount = Money.parse(amountText.isEmpty ? "0" : amountText, currency: currency) {
            deal.amount = amount
        } else {
            form.setError(LocalizedText(en: "not an amount: 1200000, 120万, 1.5M", zh: "金额格式错误")[lang], at: DealDetailState.amountField)
            valid = false
        }
        deal.nextStep = form.text(of: DealDetailState.nextStepField).trimmingCharacters(in: .whitespaces)
        edit.form = form
        detail.mode = .edit(edit)
        state.overlay = .detail(detail)
        guard valid else { return [] }
        return [.work(SaveRecord(original: edit.original, edited: deal), replyTo: .dealDetail)]
    }

    /// Loses the deal for the picked reason; a field in error keeps the form open with its message.
    static func saveLoss(_ detail: inout DealDetailState, _ form: inout FormState, _ state: inout AppState) -> [Effect] {
        for index in form.fields.indices { form.setError(nil, at: index) }
        defer {
            detail.mode = .lose(form)
            state.overlay = .detail(detail)
        }
        switch DealDetailState.loss(from: form) {
        case .failure(let refusal):
            form.setError(refusal.message[state.lang], at: refusal.field)
            form.focus = refusal.field
            state.message = StatusMessage(refusal.message[state.lang], isError: true)
            return []
        case .success(let loss):
            return [.work(LoseDeal(dealID: detail.deal.id, loss: loss, version: detail.deal.version), replyTo: .dealDetail)]
        }
    }

    /// Logs the activity on the day it happened (never a future one) with the persons met,
    /// whose last-met date follows; a field in error keeps the form open with its message.
    static func saveActivity(_ detail: inout DealDetailState, _ form: inout FormState, _ state: inout AppState) -> [Effect] {
        let lang = state.lang
        for index in form.fields.indices { form.setError(nil, at: index) }
        let kindField = form.fields[DealDetailState.activityKindField]
        let kind = kindField.choices?.ids(in: kindField.text).first.flatMap(ActivityKind.init(rawValue:))
        let day = Day(typed: form.text(of: DealDetailState.activityDayField), today: state.today)
        guard let kind, let day, day <= state.today else {
            let (field, message) = kind == nil
                ? (DealDetailState.activityKindField, LocalizedText(en: "pick a kind", zh: "请选择类型"))
                : (DealDetailState.activityDayField, LocalizedText(en: "a day not after today: YYYY-MM-DD, yesterday, -2", zh: "不晚于今天的日期：YYYY-MM-DD、昨天、-2"))
            form.setError(message[lang], at: field)
            form.focus = field
            state.message = StatusMessage(message[lang], isError: true)
            detail.mode = .logActivity(form)
            state.overlay = .detail(detail)
            return []
        }
        let metField = form.fields[DealDetailState.activityMetField]
        let met = metField.choices?.ids(in: metField.text).compactMap { Int64($0) } ?? []
        detail.mode = .logActivity(form)
        state.overlay = .detail(detail)
        let activity = Activity(accountID: detail.deal.accountID, dealID: detail.deal.id, kind: kind, day: day, personIDs: met,
                                notes: form.text(of: DealDetailState.activityNotesField), by: state.user)
        return [.work(LogActivity(activity: activity), replyTo: .dealDetail)]
    }
}
