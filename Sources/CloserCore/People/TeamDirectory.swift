import Foundation

/// The team as people know it: a login (li.na) shown as the name the team uses (李娜), and found
/// again from either, or from the name's pinyin initials (ln). Reps who hold deals but are not
/// users of the store keep their login.
public struct TeamDirectory: Sendable, Hashable {
    public let users: [User]
    private let names: [String: String]

    public init(users: [User]) {
        self.users = NameCollation.sorted(users) { $0.displayName.isEmpty ? $0.name : $0.displayName }
        var names: [String: String] = [:]
        for user in users where !user.displayName.trimmingCharacters(in: .whitespaces).isEmpty { names[user.name] = user.displayName }
        self.names = names
    }

    /// The name a person is shown by: their display name, else their login.
    public func name(_ login: String) -> String { names[login] ?? login }

    /// "李娜 (li.na)" where both say something, for pickers and the CLI; the login alone otherwise.
    public func nameWithLogin(_ login: String) -> String {
        guard let name = names[login], name != login else { return login }
        return "\(name) (\(login))"
    }

    /// The login `text` names: a login, a display name, or a display name's pinyin initials when
    /// only one person has them. nil when nobody or several match.
    public func login(matching text: String) -> String? {
        let typed = text.trimmingCharacters(in: .whitespaces)
        if users.contains(where: { $0.name == typed }) { return typed }
        if let user = users.first(where: { $0.displayName == typed }) { return user.name }
        let folded = SearchText.fold(typed)
        let byFolded = users.filter { SearchText.fold($0.name) == folded || SearchText.fold($0.displayName) == folded }
        if byFolded.count == 1 { return byFolded[0].name }
        let byInitials = users.filter { !$0.displayName.isEmpty && PinyinInitials.variants(of: $0.displayName).contains(folded) }
        return byInitials.count == 1 ? byInitials[0].name : nil
    }

    /// Logins in the order their names sort (pinyin for Chinese names).
    public func sortedLogins(_ logins: [String]) -> [String] { NameCollation.sorted(logins) { name($0) } }

    /// Items ordered by the name of the person each belongs to.
    public func sorted<T>(_ items: [T], byLogin login: (T) -> String) -> [T] { NameCollation.sorted(items) { name(login($0)) } }
}
