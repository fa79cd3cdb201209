/// The search key each kind of row stores, worked out when the row is written (pinyin initials
/// and folded case: see SearchText), the same in every store.
extension Account {
    public var searchKey: String { SearchText.key(for: [name]) }
}

extension Person {
    public var searchKey: String { SearchText.key(for: [name, title]) }
}

extension Deal {
    /// A deal is found by its title and by its account's name.
    public static func searchKey(title: String, accountName: String) -> String { SearchText.key(for: [title, accountName]) }
}
