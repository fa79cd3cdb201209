import CloserCore
import TerminalUI

/// Score presses on the quadrant not saved yet: `+` pressed five times shows 5→10 and waits;
/// Enter (or leaving the account) saves them as one change, which one `u` takes back; Esc drops them.
public struct PendingScores: Sendable, Equatable {
    /// The account as read before the first press.
    public var before: Account
    public var loyalty: Int
    public var assistance: Int

    init(_ account: Account) {
        before = account
        loyalty = account.loyalty
        assistance = account.assistance
    }

    var account: Account {
        var account = before
        account.loyalty = loyalty
        account.assistance = assistance
        return account
    }

    var changed: Bool { loyalty != before.loyalty || assistance != before.assistance }

    /// "中国石化: 忠诚 5→8 · Enter 保存 · Esc 放弃", the account's name cut with "…" so the whole
    /// message fits in `room` columns (the status line's width).
    func message(_ lang: Language, room: Int = .max) -> String {
        var parts: [String] = []
        if loyalty != before.loyalty { parts.append("\(LocalizedText(en: "loyalty", zh: "忠诚")[lang]) \(before.loyalty)→\(loyalty)") }
        if assistance != before.assistance { parts.append("\(LocalizedText(en: "assistance", zh: "协助")[lang]) \(before.assistance)→\(assistance)") }
        let quadrant = account.quadrant != before.quadrant ? " · \(before.quadrant.label[lang]) → \(account.quadrant.label[lang])" : ""
        let tail = ": \(parts.joined(separator: ", "))\(quadrant) · " + LocalizedText(en: "Enter saves · Esc drops", zh: "Enter 保存 · Esc 放弃")[lang]
        let nameRoom = room == .max ? Int.max : max(4, room - TextWidth.of(tail))
        return (TextWidth.of(before.name) <= nameRoom ? before.name : TextWidth.truncate(before.name, to: nameRoom)) + tail
    }
}

extension Command {
    public static let dropScores = Command("quadrant.drop-scores", en: "Drop the score presses not saved", zh: "放弃未保存的分数修改")
}
