/// The keys each kind of row stores for SQL to find and compare it: search keys, worked out when the row is written (pinyin initials
/// and folded case: see SearchText), the same in every store.
extension Account {
    public var searchKey: String { SearchText.key(for: [name]) }
}

extension Person {
    public var searchKey: String { SearchText.key(for: [name, title]) }
}

extension Deal {
    /// The next step's due day, or "" when there is no step or it has no day, as both stores keep
    /// it: the health rule #9 holds while this sorts before today (`NextStepState` missing or overdue).
    public var nextStepKey: String {
        guard let due = nextStepDue, !nextStep.trimmingCharacters(in: .whitespaces).isEmpty else { return "" }
        return due.description
    }

    /// A deal is found by its title and by its account's name.
    public static func searchKey(title: String, accountName: String) -> String { SearchText.key(for: [title, accountName]) }
}
