import CloserCore
import TerminalUI

extension App {
    /// Reads one account with what its 360° view shows, sized to the screen.
    func loadAccount360(_ id: Int64) throws -> Account360State {
        let account = try store.account(id)
        // The account's figures (pipeline, won, last activity) live in its summary row.
        let summary = try store.accountSummary(id)
        var fresh = summary
        fresh.account = account
        let limits = Account360Layout.limits(height: state.height)
        let deals = try store.deals(DealQuery(filter: DealFilter(accountID: id, includeClosed: true), sort: .updated, ascending: false, limit: limits.deals))
        let persons = try store.persons(PersonQuery(accountID: id, limit: limits.persons))
        let activities = try store.activities(accountID: id, dealID: nil, limit: limits.activities)
        return Account360State(summary: fresh, deals: deals.rows, dealsTotal: deals.total, persons: persons.rows,
                               personsTotal: persons.total, activities: activities)
    }

    func openAccount360(_ id: Int64) {
        attempt { state.overlay = .accounts(.account(try loadAccount360WithOwnership(id))) }
    }

    /// Rereads the open account (someone else's change, or our own save); an edit in progress stays.
    func refreshAccount360(_ previous: Account360State) {
        attempt {
            var detail = try loadAccount360WithOwnership(previous.account.id, keeping: previous.ownership.step)
            if let form = previous.form {
                detail.form = form
                if detail.account.version != previous.account.version {
                    state.message = StatusMessage("\(detail.account.name) " + state.lang(.storeChanged), isError: true)
                }
            }
            state.overlay = .accounts(.account(detail))
        }
    }

    func handleAccount360(_ command: Command, _ detail: inout Account360State) {
        if detail.ownership.step != nil {
            handleOwnershipStep(command, &detail)
            return
        }
        if var form = detail.form {
            switch command {
            case .close:
                detail.form = nil
            case .confirm:
                saveAccount360(&detail, form: &form)
                return
            case .reloadForm:
                // Take the newest version underneath what was typed; Enter then saves over it.
                attempt {
                    var fresh = try loadAccount360WithOwnership(detail.account.id)
                    fresh.form = form
                    detail = fresh
                    state.message = StatusMessage(LocalizedText(
                        en: "Reloaded version \(fresh.account.version); your edits are kept — Enter saves them",
                        zh: "已载入第 \(fresh.account.version) 版；你的修改仍在表单中 —— 回车保存")[state.lang])
                }
            default:
                form.run(command)
                detail.form = form
            }
            state.overlay = .accounts(.account(detail))
            return
        }
        switch command {
        case .close:
            state.overlay = nil
            if (try? store.changeToken()) != lastChangeToken { reload() }
        case .editAccount:
            detail.form = detail.editForm(state.lang)
            state.overlay = .accounts(.account(detail))
        default:
            handleAccountOwnershipCommand(command, &detail)
        }
    }

    /// A key typed into the edit form or the reason for a return.
    func typeAccount360(_ key: Key, _ detail: inout Account360State) {
        if detail.ownership.step != nil { return typeOwnershipReason(key, &detail) }
        guard var form = detail.form else { return }
        form.handle(key)
        detail.form = form
        state.overlay = .accounts(.account(detail))
    }

    /// Checks each field and puts the message beside it; only a clean form is written.
    /// A stale version keeps the form as typed and says how to go on.
    func saveAccount360(_ detail: inout Account360State, form: inout FormState) {
        let lang = state.lang
        for index in form.fields.indices { form.setError(nil, at: index) }
        var account = detail.account
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
        guard valid else {
            detail.form = form
            state.overlay = .accounts(.account(detail))
            return
        }
        do {
            let saved = try store.updateAccount(account)
            state.message = StatusMessage("\(saved.name) ✓ \(lang(.save))")
            detail.form = nil
            reload()
            refreshAccount360(detail)
        } catch StoreError.staleVersion(_, _, _, let current, let by) {
            state.message = StatusMessage(LocalizedText(
                en: "\(by) changed this account since you opened it (now version \(current)); nothing was overwritten and your edits are still here — Ctrl-R takes the new version, Enter then saves",
                zh: "\(by) 在你打开后修改了该客户（现为第 \(current) 版）；没有覆盖任何内容，你的修改仍在表单中 —— Ctrl-R 载入新版本，再按回车保存")[lang], isError: true)
            detail.form = form
            state.overlay = .accounts(.account(detail))
        } catch {
            state.message = StatusMessage(String(describing: error), isError: true)
            detail.form = form
            state.overlay = .accounts(.account(detail))
        }
    }
}

/// How many deals, persons and activities the 360° view shows at a terminal height.
enum Account360Layout {
    static func limits(height: Int) -> (deals: Int, persons: Int, activities: Int) {
        // Inside the frame: the three section titles and the hint line take four rows.
        let rows = max(3, height - 2 - 2 - 4)
        let deals = max(1, rows * 2 / 5), persons = max(1, rows * 3 / 10)
        return (deals, persons, max(1, rows - deals - persons))
    }
}
