import CloserCore
import TerminalUI

extension App {
    func openAccount360(_ id: Int64) { perform([Account360Update.read(state, id)]) }
}

/// The 360° view's update: its commands and typing change the state alone; reads, saves and
/// ownership actions go to the effect runner and come back here (`Origin.account360`).
enum Account360Update {
    static func read(_ state: AppState, _ id: Int64, afterOwnership: Bool = false) -> Effect {
        .work(ReadAccount360(accountID: id, height: state.height, user: state.user, today: state.today, afterOwnership: afterOwnership),
              replyTo: .account360)
    }

    /// The open account, if it is what is open.
    static func current(_ state: AppState) -> Account360State? {
        if case .accounts(.account(let detail)) = state.overlay { return detail }
        return nil
    }

    static func show(_ detail: Account360State, _ state: inout AppState) { state.overlay = .accounts(.account(detail)) }

    static func update(_ state: inout AppState, _ event: ScreenEvent) -> [Effect] {
        let lang = state.lang
        switch event {
        case .command(let command):
            guard var detail = current(state) else { return [] }
            return run(command, &detail, &state)
        case .reply(let fresh as Account360State):
            show(merged(fresh, &state), &state)
            return []
        case .reply(let saved as Account):
            guard var detail = current(state) else { return [.reload(keeping: nil)] }
            if detail.form != nil {
                detail.form = nil
                state.message = StatusMessage("\(saved.name) ✓ \(lang(.save))")
            } else if let maturity = saved.maturity {
                state.message = StatusMessage("\(saved.name) · \(Account360View.maturityLabel[lang]) \(maturity.level) \(maturity.label[lang])")
            }
            show(detail, &state)
            return [.reload(keeping: nil), read(state, saved.id)]
        case .reply(let changed as ChangeOwnership.Reply):
            return owned(changed.account, changed.work, &state)
        case .reply(let pick as OwnershipPick):
            guard var detail = current(state) else { return [] }
            guard !pick.users.isEmpty else {
                state.message = StatusMessage(LocalizedText(
                    en: "Nobody to \(pick.action.short.en) it with: add users with `closer user add NAME --role rep`",
                    zh: "没有可选的用户：先用 `closer user add 名字 --role rep` 添加")[lang], isError: true)
                return []
            }
            detail.ownership.step = .pick(pick)
            show(detail, &state)
            return []
        case .failed(let save as SaveRecord<Account>, let conflict as EditConflict<Account>):
            guard var detail = current(state), var edit = detail.form else { return [] }
            edit.conflict = conflict
            detail.form = edit
            show(detail, &state)
            _ = save
            state.message = StatusMessage(conflict.message(lang), isError: true)
            return []
        case .failed(_ as ReadAccount360, let error) where StoreError.isUnreachable(error):
            // The store is away for now: the account stays as last read, the banner says why.
            state.message = .failure(error, in: state.lang)
            return []
        case .failed(let read as ReadAccount360, let error):
            // Handed to someone this user may no longer see, or gone: the view closes.
            if current(state) != nil { state.overlay = nil }
            if !read.afterOwnership { state.message = .failure(error, in: state.lang) }
            return []
        case .failed(_ as ChangeOwnership, let error):
            if var detail = current(state) {
                detail.ownership.step = nil
                show(detail, &state)
            }
            state.message = .failure(error, in: state.lang)
            return []
        case .failed(_, let error):
            state.message = .failure(error, in: state.lang)
            return []
        default:
            return []
        }
    }

    /// A fresh read of the open account, keeping what is in progress: the edit (on the row it was
    /// opened on), the ownership question and the selection; someone else's change is said.
    static func merged(_ fresh: Account360State, _ state: inout AppState) -> Account360State {
        var detail = fresh
        guard let previous = current(state), previous.account.id == fresh.account.id else { return detail }
        detail.ownership.step = previous.ownership.step
        detail.selection = previous.selection.map { min($0, max(0, detail.items.count - 1)) }
        if let form = previous.form {
            detail.form = form
            if previous.account.version != fresh.account.version {
                state.message = StatusMessage("\(fresh.account.name) " + state.lang(.storeChanged), isError: true)
            }
        }
        return detail
    }

    static func run(_ command: Command, _ detail: inout Account360State, _ state: inout AppState) -> [Effect] {
        if detail.ownership.step != nil { return ownershipStep(command, &detail, &state) }
        if var edit = detail.form {
            switch command {
            case .close:
                detail.form = nil
            case .confirm:
                return save(&detail, edit, &state)
            case .reloadForm:
                guard let conflict = edit.conflict else { break }
                edit.takeConflict(fresh: Account360State.editForm(conflict.current, state.lang))
                detail.summary.account = conflict.current
                detail.form = edit
                state.message = StatusMessage(RecordForm<Account>.reloadedMessage(conflict, state.lang))
            default:
                edit.form.run(command)
                detail.form = edit
            }
            show(detail, &state)
            return []
        }
        switch command {
        case .close:
            state.overlay = nil
            return [.reloadIfChanged(keeping: nil)]
        case .editAccount:
            detail.form = RecordForm(form: detail.editForm(state.lang), original: detail.account)
        case .selectUp:
            detail.selection = max(0, (detail.selection ?? 0) - 1)
        case .selectDown:
            detail.selection = detail.selection.map { min(max(0, detail.items.count - 1), $0 + 1) } ?? 0
        case .openAccountItem:
            return open(detail.selectedItem, detail, &state)
        case .cycleMaturity:
            // Not judged → 1 → 2 → 3 → 4 → 1: the level the rep sees now, one key.
            let levels = BuyerMaturity.allCases
            let next = detail.account.maturity.map { levels[($0.level) % levels.count] } ?? levels[0]
            return [.work(SetMaturity(accountID: detail.account.id, maturity: next, version: detail.account.version), replyTo: .account360)]
        default:
            return ownershipCommand(command, &detail, &state)
        }
        show(detail, &state)
        return []
    }

    /// Enter on a line of the lists: a deal opens, a person opens on the org chart, an activity
    /// opens its deal (or the first person met).
    static func open(_ item: Account360Item?, _ detail: Account360State, _ state: inout AppState) -> [Effect] {
        switch item {
        case .deal(let id):
            state.overlay = nil
            return [DealDetailUpdate.read(state, id, returnToAccount: detail.account.id)]
        case .person(let id):
            state.overlay = nil
            return [.openOrgChart(accountID: detail.account.id, person: id)]
        case .activity(let activity):
            if let deal = activity.dealID { return open(.deal(deal), detail, &state) }
            if let person = activity.personIDs.first { return open(.person(person), detail, &state) }
            state.message = StatusMessage(LocalizedText(en: "This activity names no deal and no person", zh: "该行动未关联商机或人员")[state.lang])
            return []
        case nil:
            state.message = StatusMessage(LocalizedText(en: "Select a deal, person or activity first (↑↓)", zh: "请先选中商机、人员或行动（↑↓）")[state.lang])
            return []
        }
    }

    /// A key typed into the edit form or the reason for a return.
    static func type(_ key: Key, _ state: inout AppState) {
        guard var detail = current(state) else { return }
        if case .reason(var field, let error) = detail.ownership.step {
            detail.ownership.step = field.handle(key) ? .reason(field, error: nil) : .reason(field, error: error)
        } else if detail.ownership.step == nil, var edit = detail.form {
            edit.form.handle(key)
            detail.form = edit
        } else {
            return
        }
        show(detail, &state)
    }

    /// Checks each field and puts the message beside it; only a clean form is saved, and of it
    /// only the fields the user changed, on the version the form was opened on.
    static func save(_ detail: inout Account360State, _ edit: RecordForm<Account>, _ state: inout AppState) -> [Effect] {
        let lang = state.lang
        var edit = edit
        var form = edit.form
        for index in form.fields.indices { form.setError(nil, at: index) }
        var account = edit.original
        var valid = true
        func fail(_ field: Int, _ message: LocalizedText) {
            form.setError(message[lang], at: field)
            if valid { form.focus = field }
            valid = false
        }
        func text(_ field: Int) -> String { form.text(of: field).trimmingCharacters(in: .whitespaces) }
        account.name = text(Account360State.nameField)
        if account.name.isEmpty { fail(Account360State.nameField, LocalizedText(en: "required", zh: "必填")) }
        if let grade = Grade.parse(text(Account360State.gradeField)) {
            account.grade = grade
        } else {
            fail(Account360State.gradeField, LocalizedText(en: "A, B, C or D", zh: "只能是 A、B、C 或 D"))
        }
        for (field, isLoyalty) in [(Account360State.assistanceField, false), (Account360State.loyaltyField, true)] {
            if let score = Int(text(field)), Quadrant.scoreRange.contains(score) {
                if isLoyalty { account.loyalty = score } else { account.assistance = score }
            } else {
                fail(field, LocalizedText(en: "a whole number 1…10", zh: "须为 1…10 的整数"))
            }
        }
        account.industry = text(Account360State.industryField)
        account.region = text(Account360State.regionField)
        account.businessNature = text(Account360State.natureField)
        account.scale = text(Account360State.scaleField)
        account.notes = form.text(of: Account360State.notesField)
        edit.form = form
        detail.form = edit
        show(detail, &state)
        guard valid else { return [] }
        return [.work(SaveRecord(original: edit.original, edited: account), replyTo: .account360)]
    }

    // MARK: Ownership

    /// An ownership action of the 360° view; one that needs a reason or a rep asks first.
    static func ownershipCommand(_ command: Command, _ detail: inout Account360State, _ state: inout AppState) -> [Effect] {
        guard let action = OwnershipAction(command: command) else {
            show(detail, &state)
            return []
        }
        state.message = nil
        let account = detail.account
        switch action {
        case .returnToPool:
            guard account.owner != nil else {
                state.message = StatusMessage(LocalizedText(
                    en: "account \(account.id) is already in the pool: nothing to return (c claims it)",
                    zh: "客户 \(account.id) 已在公海，无需退回（按 c 领取）")[state.lang], isError: true)
                return []
            }
            detail.ownership.step = .reason(TextFieldState(maxLength: 500), error: nil)
            show(detail, &state)
            return []
        case .assign, .share:
            return [.work(ReadOwnershipCandidates(action: action, owner: account.owner, sharedWith: account.sharedWith), replyTo: .account360)]
        case .protect:
            return change(ChangeOwnership(action: action, accountID: account.id, protect: !detail.ownership.isProtected))
        case .claim, .exclusive, .owned:
            return change(ChangeOwnership(action: action, accountID: account.id))
        }
    }

    /// Commands while a reason is typed or a rep is picked.
    static func ownershipStep(_ command: Command, _ detail: inout Account360State, _ state: inout AppState) -> [Effect] {
        guard let step = detail.ownership.step else { return [] }
        switch step {
        case .reason(let field, _):
            switch command {
            case .close:
                detail.ownership.step = nil
            case .confirm:
                let reason = field.text.trimmingCharacters(in: .whitespacesAndNewlines)
                guard !reason.isEmpty else {
                    detail.ownership.step = .reason(field, error: reasonRequiredText[state.lang])
                    break
                }
                detail.ownership.step = nil
                show(detail, &state)
                return change(ChangeOwnership(action: .returnToPool, accountID: detail.account.id, reason: reason))
            default:
                return []
            }
        case .pick(var pick):
            switch command {
            case .close: detail.ownership.step = nil
            case .selectUp: pick.cursor = max(0, pick.cursor - 1)
            case .selectDown: pick.cursor = min(pick.users.count - 1, pick.cursor + 1)
            case .selectFirst: pick.cursor = 0
            case .selectLast: pick.cursor = max(0, pick.users.count - 1)
            case .confirm:
                guard let user = pick.selected else { return [] }
                detail.ownership.step = nil
                show(detail, &state)
                return change(ChangeOwnership(action: pick.action, accountID: detail.account.id, user: user.name))
            default:
                return []
            }
            if case .pick = step, detail.ownership.step != nil { detail.ownership.step = .pick(pick) }
        }
        show(detail, &state)
        return []
    }

    static func change(_ work: ChangeOwnership) -> [Effect] { [.work(work, replyTo: .account360)] }
}

/// What an ownership action's reply does: the status line says what happened, the screen
/// behind and the view read again (the view closes if the account is no longer the user's to see).
extension Account360Update {
    static func owned(_ saved: Account, _ work: ChangeOwnership, _ state: inout AppState) -> [Effect] {
        let lang = state.lang
        let verb = work.action == .protect && !work.protect ? LocalizedText(en: "unprotected", zh: "已取消保护") : doneVerb(work.action)
        var text = "\(saved.name) ✓ \(verb[lang])"
        if let target = work.user { text += " → \(target)" }
        text += " · " + holdingText(saved, lang: lang)
        state.message = StatusMessage(text)
        return [.reload(keeping: nil), read(state, saved.id, afterOwnership: true)]
    }
}

/// The buyer's maturity (004), saved alone on the account as it is now.
struct SetMaturity: Work, Equatable {
    var accountID: Int64
    var maturity: BuyerMaturity
    var version: Int

    func run(in world: World) throws -> Account {
        let maturity = maturity
        return try world.store.editAccount(accountID, expectedVersion: version) { $0.maturity = maturity }
    }
}
