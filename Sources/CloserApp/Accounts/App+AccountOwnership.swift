import CloserCore
import TerminalUI

/// What the 360° view knows about who holds the account (DOMAIN §5: return 回落/退回, claim
/// 领取, assign 分配, share 共享, exclusive 独占, protect 保护), and the step in progress.
public struct Account360Ownership: Sendable {
    public var isProtected = false
    /// Why it was last returned, while it sits in the pool.
    public var returnedReason: String?
    /// The current user's account returns to the pool soon (days left and why).
    public var warning: PoolWarning?
    /// A question being answered: the reason for a return, or the user for assign / share.
    public var step: OwnershipStep?

    public init() {}
}

public enum OwnershipStep: Sendable {
    /// 退回: the reason is required; `error` says so when Enter came with nothing typed.
    case reason(TextFieldState, error: String?)
    case pick(OwnershipPick)
}

/// A small list of the store's users to assign the account to, or to share it with.
public struct OwnershipPick: Sendable {
    public var action: OwnershipAction
    public var users: [User]
    public var cursor = 0

    public init(action: OwnershipAction, users: [User], cursor: Int = 0) {
        self.action = action
        self.users = users
        self.cursor = cursor
    }

    public var selected: User? { users.indices.contains(cursor) ? users[cursor] : nil }
}

/// The ownership actions of the 360° view, each with its key.
public enum OwnershipAction: String, CaseIterable, Sendable {
    case claim, returnToPool, assign, share, exclusive, owned, protect

    public var label: LocalizedText {
        switch self {
        case .claim: LocalizedText(en: "Claim from the pool 领取", zh: "从公海领取")
        case .returnToPool: LocalizedText(en: "Return to the pool, with a reason 退回", zh: "退回公海（须填写原因）")
        case .assign: LocalizedText(en: "Assign to a rep 分配", zh: "分配给销售")
        case .share: LocalizedText(en: "Share with a rep 共享", zh: "共享给销售")
        case .exclusive: LocalizedText(en: "Exclusive 独占 (owner and managers only)", zh: "设为独占（仅负责人和经理可见）")
        case .owned: LocalizedText(en: "Owned again (ends sharing / exclusive)", zh: "恢复为私有（取消共享 / 独占）")
        case .protect: LocalizedText(en: "Protect / unprotect 保护", zh: "保护 / 取消保护")
        }
    }

    /// The word the view's hint line uses.
    public var short: LocalizedText {
        switch self {
        case .claim: LocalizedText(en: "claim", zh: "领取")
        case .returnToPool: LocalizedText(en: "return", zh: "退回")
        case .assign: LocalizedText(en: "assign", zh: "分配")
        case .share: LocalizedText(en: "share", zh: "共享")
        case .exclusive: LocalizedText(en: "exclusive", zh: "独占")
        case .owned: LocalizedText(en: "owned", zh: "私有")
        case .protect: LocalizedText(en: "protect", zh: "保护")
        }
    }
}

extension OwnershipAction {
    /// The command that runs it, named `account.<action>` in the key map.
    var command: Command {
        let id = switch self {
        case .claim: "claim"
        case .returnToPool: "return"
        case .assign: "assign"
        case .share: "share"
        case .exclusive: "exclusive"
        case .owned: "owned"
        case .protect: "protect"
        }
        return Command("account.\(id)", en: label.en, zh: label.zh)
    }

    init?(command: Command) {
        guard let action = OwnershipAction.allCases.first(where: { $0.command == command }) else { return nil }
        self = action
    }
}

/// The 360° view's ownership keys, declared once: the key map binds them in the 360° view's
/// context, and the view's hint line and help read them from there.
public enum AccountOwnershipKeys {
    static let table: [(key: Key, action: OwnershipAction)] = [
        (.char("c"), .claim),
        (.char("r"), .returnToPool),
        (.char("a"), .assign),
        (.char("s"), .share),
        (.char("x"), .exclusive),
        (.char("o"), .owned),
        (.char("p"), .protect),
    ]

    /// Each action with the key the key map binds it to in the 360° view.
    public static var bindings: [(key: Key, action: OwnershipAction)] {
        OwnershipAction.allCases.compactMap { action in
            KeyMap.keys(of: action.command, in: [Account360State.keys]).first.map { ($0, action) }
        }
    }

    /// "c 领取 · r 退回 · …" for the view itself.
    public static func shortHints(_ lang: Language) -> [String] {
        bindings.map { "\(KeyMap.name(of: $0.key)) \($0.action.short[lang])" }
    }
}

extension App {
    /// The 360° state with what it shows about ownership; a question in progress is kept.
    func loadAccount360WithOwnership(_ id: Int64, keeping step: OwnershipStep? = nil) throws -> Account360State {
        var detail = try loadAccount360(id)
        detail.ownership = try ownershipInfo(of: detail.account)
        detail.ownership.step = step
        return detail
    }

    func ownershipInfo(of account: Account) throws -> Account360Ownership {
        var info = Account360Ownership()
        let holding = try store.ownership(of: account.id)
        info.isProtected = holding.isProtected
        info.returnedReason = account.owner == nil ? holding.returnedReason : nil
        if account.owner == state.user {
            info.warning = try store.poolWarnings(for: state.user, today: state.today).first { $0.accountID == account.id }
        }
        return info
    }

    /// A command of the 360° view that is not edit or close; true when it was an ownership action.
    @discardableResult
    func handleAccountOwnershipCommand(_ command: Command, _ detail: inout Account360State) -> Bool {
        guard let action = OwnershipAction(command: command) else { return false }
        state.message = nil
        let lang = state.lang
        let owned = store
        let account = detail.account
        let id = account.id
        switch action {
        case .claim: performOwnership(action, &detail) { try owned.claim(id) }
        case .exclusive: performOwnership(action, &detail) { try owned.makeExclusive(id) }
        case .owned: performOwnership(action, &detail) { try owned.makeOwned(id) }
        case .protect:
            let protect = !detail.ownership.isProtected
            performOwnership(action, &detail, verb: protect ? nil : LocalizedText(en: "unprotected", zh: "已取消保护")) {
                try protect ? owned.protect(id) : owned.unprotect(id)
            }
        case .returnToPool:
            guard account.owner != nil else {
                state.message = StatusMessage(LocalizedText(
                    en: "account \(id) is already in the pool: nothing to return (c claims it)",
                    zh: "客户 \(id) 已在公海，无需退回（按 c 领取）")[lang], isError: true)
                return true
            }
            detail.ownership.step = .reason(TextFieldState(maxLength: 500), error: nil)
            state.overlay = .accounts(.account(detail))
        case .assign, .share:
            var users: [User] = []
            guard attempt({ users = try store.users() }) else { return true }
            users.removeAll { $0.name == account.owner || (action == .share && account.sharedWith.contains($0.name)) }
            guard !users.isEmpty else {
                state.message = StatusMessage(LocalizedText(
                    en: "Nobody to \(action.short.en) it with: add users with `closer user add NAME --role rep`",
                    zh: "没有可选的用户：先用 `closer user add 名字 --role rep` 添加")[lang], isError: true)
                return true
            }
            detail.ownership.step = .pick(OwnershipPick(action: action, users: users))
            state.overlay = .accounts(.account(detail))
        }
        return true
    }

    /// Commands while a reason is typed or a user is picked.
    func handleOwnershipStep(_ command: Command, _ detail: inout Account360State) {
        guard let step = detail.ownership.step else { return }
        let lang = state.lang
        switch step {
        case .reason(let field, _):
            switch command {
            case .close:
                detail.ownership.step = nil
            case .confirm:
                let reason = field.text.trimmingCharacters(in: .whitespacesAndNewlines)
                guard !reason.isEmpty else {
                    detail.ownership.step = .reason(field, error: Self.reasonRequiredText[lang])
                    break
                }
                let owned = store
                let id = detail.account.id
                detail.ownership.step = nil
                performOwnership(.returnToPool, &detail) { try owned.returnToPool(id, reason: reason) }
                return
            default:
                return
            }
        case .pick(var pick):
            switch command {
            case .close:
                detail.ownership.step = nil
            case .selectUp:
                pick.cursor = max(0, pick.cursor - 1)
                detail.ownership.step = .pick(pick)
            case .selectDown:
                pick.cursor = min(pick.users.count - 1, pick.cursor + 1)
                detail.ownership.step = .pick(pick)
            case .selectFirst:
                pick.cursor = 0
                detail.ownership.step = .pick(pick)
            case .selectLast:
                pick.cursor = max(0, pick.users.count - 1)
                detail.ownership.step = .pick(pick)
            case .confirm:
                guard let user = pick.selected else { return }
                let owned = store
                let id = detail.account.id
                detail.ownership.step = nil
                if pick.action == .assign {
                    performOwnership(.assign, &detail, target: user.name) { try owned.assign(id, to: user.name) }
                } else {
                    performOwnership(.share, &detail, target: user.name) { try owned.share(id, with: [user.name]) }
                }
                return
            default:
                return
            }
        }
        state.overlay = .accounts(.account(detail))
    }

    /// A key typed into the reason for a return.
    func typeOwnershipReason(_ key: Key, _ detail: inout Account360State) {
        guard case .reason(var field, let error) = detail.ownership.step else { return }
        if field.handle(key) { detail.ownership.step = .reason(field, error: nil) } else { detail.ownership.step = .reason(field, error: error) }
        state.overlay = .accounts(.account(detail))
    }

    /// Runs one action as the current user. Success: the view and the screen behind reload and
    /// the status line says what happened. Refusal: the store's reason in red, nothing changed.
    func performOwnership(_ action: OwnershipAction, _ detail: inout Account360State, verb: LocalizedText? = nil,
                          target: String? = nil, _ body: () throws -> Account) {
        let lang = state.lang
        let id = detail.account.id
        do {
            let saved = try body()
            var text = "\(saved.name) ✓ \((verb ?? Self.doneVerb(action))[lang])"
            if let target { text += " → \(target)" }
            text += " · " + Self.holdingText(saved, lang: lang)
            reload()
            do {
                detail = try loadAccount360WithOwnership(id)
                state.overlay = .accounts(.account(detail))
            } catch {
                // Handed to someone this user may no longer see: the view closes.
                state.overlay = nil
            }
            state.message = StatusMessage(text)
        } catch {
            detail.ownership.step = nil
            state.overlay = .accounts(.account(detail))
            state.message = StatusMessage(String(describing: error), isError: true)
        }
    }

    static func doneVerb(_ action: OwnershipAction) -> LocalizedText {
        switch action {
        case .claim: LocalizedText(en: "claimed", zh: "已领取")
        case .returnToPool: LocalizedText(en: "returned to the pool", zh: "已退回公海")
        case .assign: LocalizedText(en: "assigned", zh: "已分配")
        case .share: LocalizedText(en: "shared", zh: "已共享")
        case .exclusive: LocalizedText(en: "made exclusive", zh: "已设为独占")
        case .owned: LocalizedText(en: "made owned", zh: "已恢复为私有")
        case .protect: LocalizedText(en: "protected", zh: "已保护")
        }
    }

    /// "wang.lei · 私有", "（公海）".
    static func holdingText(_ account: Account, lang: Language) -> String {
        guard let owner = account.owner else { return LocalizedText(en: "in the pool", zh: "在公海")[lang] }
        var text = "\(owner) · \(account.visibility.label[lang])"
        if !account.sharedWith.isEmpty { text += " · " + account.sharedWith.joined(separator: ", ") }
        return text
    }

    static let reasonRequiredText = LocalizedText(
        en: "A reason is required: the next rep reads it", zh: "退回公海必须填写原因：下一位销售会看到")
}
