import CloserCore
import TerminalUI

/// Adds a deal from the new-deal form: its account found by name or pinyin initials (an exact
/// name, else the one match), created when there is none; several matches are refused, naming a few.
struct AddDeal: Work, Equatable {
    var account: String
    /// The deal as the form describes it; its account is found or created here.
    var deal: Deal

    struct Reply: Sendable {
        var deal: Deal
        var accountName: String
    }

    /// A refusal that belongs beside one field of the form.
    struct Refusal: Error, Equatable {
        var field: Int
        var message: LocalizedText
    }

    func run(in world: World) throws -> Reply {
        let matches: Page<AccountSummary>
        do {
            matches = try world.store.accounts(AccountQuery(text: account, limit: 5))
        } catch {
            throw Refusal(field: NewDealState.accountField, message: ErrorText.text(error))
        }
        var found: Account?
        if let exact = matches.rows.first(where: { $0.account.name == account }) {
            found = exact.account
        } else if matches.total == 1 {
            found = matches.rows[0].account
        } else if matches.total > 1 {
            let names = matches.rows.prefix(3).map(\.account.name).joined(separator: ", ")
            throw Refusal(field: NewDealState.accountField, message: LocalizedText(en: "\(matches.total) match: \(names)…", zh: "匹配 \(matches.total) 个：\(names)…"))
        }
        let holder = try found ?? world.store.addAccount(Account(name: account, owner: deal.owner))
        var deal = deal
        deal.accountID = holder.id
        return Reply(deal: try world.store.addDeal(deal), accountName: holder.name)
    }
}

/// The new-deal form's replies: the deal added (the form closes, the screen shows it selected)
/// or a refusal beside the field it concerns, the form kept as typed.
enum NewDealUpdate {
    static func update(_ state: inout AppState, _ event: ScreenEvent) -> [Effect] {
        switch event {
        case .reply(let added as AddDeal.Reply):
            state.overlay = nil
            state.isEmptyStore = false
            state.message = StatusMessage("+ #\(added.deal.id) \(added.deal.title) — \(added.accountName)")
            return [.reload(keeping: added.deal.id)]
        case .failed(_, let error):
            guard case .newDeal(var form) = state.overlay else { return [] }
            if let refusal = error as? AddDeal.Refusal {
                form.form.setError(refusal.message[state.lang], at: refusal.field)
                form.form.focus = refusal.field
            } else {
                form.form.setError(ErrorText.of(error, in: state.lang), at: NewDealState.titleField)
            }
            state.overlay = .newDeal(form)
            return []
        default:
            return []
        }
    }
}
