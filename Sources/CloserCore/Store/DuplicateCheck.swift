import Foundation

/// The duplicate check (查重): whether accounts exist that the actor cannot see, and who holds
/// them — nothing more (no id, no name beyond what was typed, no figures), so a rep searching
/// `zgsh` or adding 中国石化 learns it is taken and by whom, and asks them or a manager.
public protocol DuplicateCheck: Sendable {
    func hiddenAccounts(_ query: HiddenAccountQuery) throws -> HiddenAccounts
}

public enum HiddenAccountQuery: Sendable, Hashable {
    /// An account of exactly this name (case and surrounding spaces aside): what adding one checks.
    case name(String)
    /// Accounts the search finds (name words or pinyin initials), as the account table searches.
    case search(String)
}

/// Who holds the accounts the actor cannot see that a query found.
public struct HiddenAccounts: Sendable, Hashable {
    public var query: HiddenAccountQuery
    /// Their holders, by login name with the display name when the team has one ("王磊 (wang.lei)"), sorted.
    public var holders: [String]

    public init(query: HiddenAccountQuery, holders: [String]) {
        self.query = query
        self.holders = holders
    }

    public var exist: Bool { !holders.isEmpty }

    /// "an account named 中国石化 exists, held by wang.lei" / "客户「中国石化」已存在，由 wang.lei 负责".
    public var text: LocalizedText {
        let who = holders.joined(separator: ", "), whoZH = holders.joined(separator: "、")
        switch query {
        case .name(let name):
            return LocalizedText(en: "an account named \(name) exists, held by \(who)", zh: "客户「\(name)」已存在，由 \(whoZH) 负责")
        case .search(let text):
            return LocalizedText(en: "accounts matching '\(text)' exist that you cannot see, held by \(who)",
                                 zh: "有匹配「\(text)」但您看不到的客户，由 \(whoZH) 负责")
        }
    }
}
