import CloserCore

/// The duplicate check (查重) of the account search: when a search finds nothing the user may
/// see, whether accounts it would find exist that are held by others, and by whom — nothing more.
struct CheckHiddenAccounts: Work, Equatable {
    var text: String

    func run(in world: World) throws -> HiddenAccounts {
        try world.store.hiddenAccounts(.search(text))
    }

    /// The words of a search the duplicate check looks for: its plain-text parts (`zgsh` of
    /// `grade:A zgsh`); nil when it has none.
    static func text(of conditions: [AccountCondition]) -> String? {
        let words = conditions.compactMap { condition -> String? in
            if case .text(let text) = condition { return text } else { return nil }
        }
        return words.isEmpty ? nil : words.joined(separator: " ")
    }
}

extension AccountTableScreen {
    /// The table's update, with the duplicate check after a search that found nothing.
    static func updateWithDuplicateCheck(_ state: inout AppState, _ event: ScreenEvent) -> [Effect]? {
        switch event {
        case .reply(let hidden as HiddenAccounts):
            // Only the answer to the search still in force is shown.
            state.accountSearch.hidden = hidden.exist && hidden.query == CheckHiddenAccounts.text(of: state.accountSearch.conditions).map { .search($0) }
                ? hidden : nil
            return []
        case .reply(let page as ReadPage<AccountRows>.Reply):
            let effects = PagedTableUpdate<AccountRows>.update(&state, event) ?? []
            state.accountSearch.hidden = nil
            guard page.page.total == 0, let text = CheckHiddenAccounts.text(of: state.accountSearch.conditions) else { return effects }
            return effects + [.work(CheckHiddenAccounts(text: text), replyTo: .screen(.accounts))]
        default:
            return PagedTableUpdate<AccountRows>.update(&state, event)
        }
    }
}
