import CloserCore
import TerminalUI

/// `m` on a store where the user owns nothing: the team's members to say which one is at the
/// keyboard. Only offered where the launcher lets the dashboard act as someone else (a file
/// store, like `--user`); on a server the user is the connected role.
public struct WhoAmIState: Sendable {
    static let keys = KeyContext("whoami", en: "Who are you?", zh: "你是谁？")

    /// The team's logins, by name (Chinese names by pinyin).
    public var logins: [String]
    public var scroll = ScrollState()

    public init(logins: [String]) {
        self.logins = logins
    }

    var selected: String? { logins.indices.contains(scroll.selected) ? logins[scroll.selected] : nil }
}

extension WhoAmIState: OverlayKeys {
    static let bindings: [KeyBinding] = [
        KeyBinding([.enter], .confirm, keys),
        KeyBinding([.escape], .close, keys),
        KeyBinding([.down, .char("j")], .selectDown, keys),
        KeyBinding([.up, .char("k")], .selectUp, keys),
        KeyBinding([.pageDown], .pageDown, keys),
        KeyBinding([.pageUp], .pageUp, keys),
    ]
}

/// Whether the dashboard's user owns any deal, open or closed: `m` shows their deals if so.
struct ReadOwnsDeals: Work, Equatable {
    struct Reply: Sendable, Equatable {
        var user: String
        var owns: Bool
    }

    func run(in world: World) throws -> Reply {
        let owner = world.store.actor
        let totals = try world.store.dealTotals(DealFilter(owner: owner, includeClosed: true))
        return Reply(user: owner, owns: totals.count > 0)
    }
}
