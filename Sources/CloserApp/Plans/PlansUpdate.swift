import CloserCore
import TerminalUI

/// The planned activities' update: the overlay's state in, effects out. Reads and writes go
/// to the effect runner (`ReadPlans`, `SavePlan`, `CompletePlan`, `CancelPlan`); Esc goes back
/// to the deal, read again, since its next step follows its plans.
enum PlansUpdate {
    /// Opens the overlay on a deal and asks for its plans.
    static func open(_ state: inout AppState, deal: Deal, cursor: Int) -> [Effect] {
        state.overlay = .plans(PlansState(dealID: deal.id, accountID: deal.accountID, dealTitle: deal.title, dealCursor: cursor))
        return [read(deal.id, deal.accountID)]
    }

    static func read(_ dealID: Int64, _ accountID: Int64) -> Effect {
        .work(ReadPlans(dealID: dealID, accountID: accountID), replyTo: .plans)
    }

    static func update(_ state: inout AppState, _ event: ScreenEvent) -> [Effect] {
        guard case .plans(var plans) = state.overlay else { return [] }
        defer { if case .plans = state.overlay { state.overlay = .plans(plans) } }
        switch event {
        case .command(let command): return run(command, &plans, &state)
        case .reply(let reply): return take(reply, &plans, &state)
        case .failed(_, let error):
            // What was typed stays in the form; the refusal is said on the status line.
            state.message = .failure(error, in: state.lang)
            return []
        case .load, .mouse:
            return []
        }
    }

    /// A key typed into the form's focused field (or its picker).
    static func type(_ key: Key, _ state: inout AppState) {
        guard case .plans(var plans) = state.overlay else { return }
        switch plans.mode {
        case .add(var form):
            form.handle(key)
            plans.mode = .add(form)
        case .done(let plan, var form):
            form.handle(key)
            plans.mode = .done(plan, form)
        case .list, .confirmCancel:
            return
        }
        state.overlay = .plans(plans)
    }

    private static func take(_ reply: any Sendable, _ plans: inout PlansState, _ state: inout AppState) -> [Effect] {
        let lang = state.lang
        switch reply {
        case let read as ReadPlans.Reply:
            plans.plans = read.plans
            plans.persons = read.persons
            plans.loaded = true
            plans.scroll.clamp(count: plans.rows.count, pageSize: max(1, plans.rows.count))
            return []
        case let saved as PlannedActivity:
            plans.mode = .list
            let when = [saved.due?.description, saved.time?.description].compactMap { $0 }.joined(separator: " ")
            state.message = StatusMessage("\(saved.reference) \(LocalizedText(en: "planned", zh: "已计划")[lang]): \(saved.kind.label[lang]) · \(saved.text) — \(when)")
            return [read(plans.dealID, plans.accountID)]
        case let done as CompletedPlan:
            plans.mode = .list
            let met = done.activity.personIDs.compactMap { id in plans.persons.first { $0.id == id }?.name }
            let with = met.isEmpty ? "" : LocalizedText(en: ", met \(met.joined(separator: ", "))", zh: "，见了 \(met.joined(separator: "、"))")[lang]
            state.message = StatusMessage("\(done.plan.reference) \(LocalizedText(en: "done on", zh: "完成于")[lang]) \(done.activity.day)\(with)")
            return [read(plans.dealID, plans.accountID)]
        case let cancelled as CancelPlan:
            plans.mode = .list
            state.message = StatusMessage("\(cancelled.plan.reference) \(LocalizedText(en: "cancelled", zh: "已取消")[lang]): \(cancelled.plan.text)")
            return [read(plans.dealID, plans.accountID)]
        default:
            return []
        }
    }

    private static func run(_ command: Command, _ plans: inout PlansState, _ state: inout AppState) -> [Effect] {
        switch plans.mode {
        case .list: return runList(command, &plans, &state)
        case .add(var form):
            switch command {
            case .close: plans.mode = .list
            case .confirm: return submitPlan(&form, &plans, state)
            default:
                form.run(command)
                plans.mode = .add(form)
            }
        case .done(let plan, var form):
            switch command {
            case .close: plans.mode = .list
            case .confirm: return submitDone(plan, &form, &plans, state)
            default:
                form.run(command)
                plans.mode = .done(plan, form)
            }
        case .confirmCancel(let plan, var dialog):
            switch dialog.run(command) {
            case true?:
                plans.mode = .list
                return [.work(CancelPlan(plan: plan), replyTo: .plans)]
            case false?: plans.mode = .list
            case nil: plans.mode = .confirmCancel(plan, dialog)
            }
        }
        return []
    }

    private static func runList(_ command: Command, _ plans: inout PlansState, _ state: inout AppState) -> [Effect] {
        let lang = state.lang
        switch command {
        case .close:
            state.overlay = nil
            return [.openDeal(plans.dealID, cursor: plans.dealCursor)]
        case .selectUp, .selectDown:
            guard let key = command.scrollKey else { return [] }
            _ = plans.scroll.handle(key, count: plans.rows.count, pageSize: max(1, plans.rows.count))
        case .planAdd:
            plans.mode = .add(PlansState.planForm(lang))
        case .planDone, .planCancel:
            guard let plan = plans.selected, !plan.isDone else {
                state.message = StatusMessage(LocalizedText(en: "Select an open plan first", zh: "请先选中一项未完成的计划")[lang], isError: true)
                return []
            }
            if command == .planDone {
                plans.mode = .done(plan, plans.doneForm(lang, today: state.today))
            } else {
                plans.mode = .confirmCancel(plan, ConfirmDialog(
                    title: LocalizedText(en: "Cancel \(plan.reference)?", zh: "取消 \(plan.reference)？")[lang], message: [plan.text],
                    yes: LocalizedText(en: "Yes", zh: "是")[lang], no: LocalizedText(en: "No", zh: "否")[lang]))
            }
        default:
            break
        }
        return []
    }

    /// Checks the plan form field by field; only a whole plan is written.
    private static func submitPlan(_ form: inout FormState, _ plans: inout PlansState, _ state: AppState) -> [Effect] {
        let lang = state.lang
        for index in form.fields.indices { form.setError(nil, at: index) }
        var errors: [(Int, LocalizedText)] = []
        let kind = form.fields[PlansState.kindField].choices?.ids(in: form.text(of: PlansState.kindField)).first.flatMap(ActivityKind.init(rawValue:))
        if kind == nil { errors.append((PlansState.kindField, LocalizedText(en: "pick a kind", zh: "请选择类型"))) }
        let text = form.text(of: PlansState.textField).trimmingCharacters(in: .whitespaces)
        if text.isEmpty { errors.append((PlansState.textField, LocalizedText(en: "required", zh: "必填"))) }
        let due = Day(typed: form.text(of: PlansState.dayField), today: state.today)
        if due == nil {
            errors.append((PlansState.dayField, LocalizedText(en: "a day: YYYY-MM-DD, +3, tomorrow, tue", zh: "日期：YYYY-MM-DD、+3、明天、周二")))
        }
        let timeText = form.text(of: PlansState.timeField).trimmingCharacters(in: .whitespaces)
        let time = timeText.isEmpty ? nil : TimeOfDay(timeText)
        if !timeText.isEmpty, time == nil { errors.append((PlansState.timeField, LocalizedText(en: "a time like 09:30", zh: "时间格式如 09:30"))) }
        guard errors.isEmpty, let kind else {
            for (field, message) in errors { form.setError(message[lang], at: field) }
            form.focus = errors.first?.0 ?? form.focus
            plans.mode = .add(form)
            return []
        }
        plans.mode = .add(form)
        let plan = PlannedActivity(dealID: plans.dealID, accountID: plans.accountID, kind: kind, text: text, due: due, time: time, owner: state.user)
        return [.work(SavePlan(plan: plan), replyTo: .plans)]
    }

    /// Checks the done form: a day not in the future, persons of the account.
    private static func submitDone(_ plan: PlannedActivity, _ form: inout FormState, _ plans: inout PlansState, _ state: AppState) -> [Effect] {
        let lang = state.lang
        for index in form.fields.indices { form.setError(nil, at: index) }
        guard let day = Day(typed: form.text(of: PlansState.onField), today: state.today), day <= state.today else {
            form.setError(LocalizedText(en: "a day not after today: YYYY-MM-DD, yesterday, -2", zh: "不晚于今天的日期：YYYY-MM-DD、昨天、-2")[lang],
                          at: PlansState.onField)
            form.focus = PlansState.onField
            plans.mode = .done(plan, form)
            return []
        }
        let met = form.fields[PlansState.metField].choices?.ids(in: form.text(of: PlansState.metField)).compactMap { Int64($0) } ?? []
        plans.mode = .done(plan, form)
        let completion = PlanCompletion(on: day, met: met, notes: form.text(of: PlansState.notesField),
                                        outcome: form.text(of: PlansState.outcomeField))
        return [.work(CompletePlan(planID: plan.id, completion: completion, version: plan.version), replyTo: .plans)]
    }
}
