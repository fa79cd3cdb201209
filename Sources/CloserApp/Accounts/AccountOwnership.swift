import CloserCore
import TerminalUI

/// What the 360° view knows about who holds the account (DOMAIN §5: return 回落/退回, claim
/// 领取, assign 分配, share 共享, exclusive 独占, protect 保护), and the step in progress.
public struct Account360Ownership: Sendable {
    public var isProtected = false
    /// Why it was last returned, while it sits in the pool.
    public var returnedReason: String?
    /// Who returned it there, from the log.
    public var returnedBy: String?
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

extension Account360Update {
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
