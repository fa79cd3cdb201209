import Foundation

/// A reason the team gives for losing a deal. The list is the team's own (`closer reason add`);
/// "other" is always on it and takes free text.
public struct LostReason: Sendable, Hashable, Codable {
    public var name: String
    public var position: Int

    public init(name: String, position: Int = 0) {
        self.name = name
        self.position = position
    }

    /// The reason for anything the list does not name.
    public static let other = "other"
    public static let otherLabel = LocalizedText(en: "other", zh: "其他")

    /// Two names are the same reason whatever their case, width and spacing.
    public static func sameName(_ a: String, _ b: String) -> Bool { SearchText.fold(a) == SearchText.fold(b) }

    /// A name fit for the list: not empty, one line, not "other" itself.
    public static func check(_ name: String) throws(LostReasonError) -> String {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .empty }
        guard !trimmed.contains(where: \.isNewline), trimmed.count <= 60 else { throw .tooLong(trimmed) }
        guard !sameName(trimmed, other), !sameName(trimmed, otherLabel.zh) else { throw .reserved(trimmed) }
        return trimmed
    }
}

public enum LostReasonError: Error, Sendable, Hashable, CustomStringConvertible {
    case empty, tooLong(String), reserved(String), duplicate(String), unknown(String, known: [String])

    public var description: String { text.en }

    public var text: LocalizedText {
        switch self {
        case .empty: LocalizedText(en: "a lost reason needs a name", zh: "丢单原因需要一个名称")
        case .tooLong(let name):
            LocalizedText(en: "'\(name)' is too long for a lost reason (one line, at most 60 characters)", zh: "「\(name)」作为丢单原因太长（一行，最多 60 个字符）")
        case .reserved(let name):
            LocalizedText(en: "'\(name)' is always on the list: give the free text with it", zh: "「\(name)」始终在列表中：请在其后填写说明")
        case .duplicate(let name): LocalizedText(en: "'\(name)' is already a lost reason", zh: "「\(name)」已是丢单原因")
        case .unknown(let name, let known):
            LocalizedText(en: "'\(name)' is not a lost reason" + (known.isEmpty ? " (the list is empty)" : ": \(known.joined(separator: ", "))"),
                          zh: "「\(name)」不是丢单原因" + (known.isEmpty ? "（列表为空）" : "：\(known.joined(separator: "、"))"))
        }
    }
}

/// Why a deal was lost, as recorded: a reason from the team's list (or "other"), what was said
/// about it, and the competitor who won.
public struct DealLoss: Sendable, Hashable, Codable {
    public var reason: String
    public var note: String
    public var competitor: String

    public init(reason: String, note: String = "", competitor: String = "") {
        self.reason = reason
        self.note = note.trimmingCharacters(in: .whitespacesAndNewlines)
        self.competitor = competitor.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// What typed text means against the team's list: a listed reason (as the list spells it),
    /// or "other" with the text as its note. With "other" itself the note is required.
    public static func resolve(_ typed: String, note: String = "", competitor: String = "",
                               in list: [LostReason]) throws(DealLossError) -> DealLoss {
        let text = typed.trimmingCharacters(in: .whitespacesAndNewlines)
        let note = note.trimmingCharacters(in: .whitespacesAndNewlines)
        if let listed = list.first(where: { LostReason.sameName($0.name, text) }) {
            return DealLoss(reason: listed.name, note: note, competitor: competitor)
        }
        if text.isEmpty || LostReason.sameName(text, LostReason.other) || LostReason.sameName(text, LostReason.otherLabel.zh) {
            guard !note.isEmpty else { throw .otherNeedsText }
            return DealLoss(reason: LostReason.other, note: note, competitor: competitor)
        }
        return DealLoss(reason: LostReason.other, note: [text, note].filter { !$0.isEmpty }.joined(separator: " — "), competitor: competitor)
    }

    /// The reason as the deal's outcome text: "价格 — 对手低 20%", or the free text of "other".
    public var outcomeText: String {
        reason == LostReason.other ? note : [reason, note].filter { !$0.isEmpty }.joined(separator: " — ")
    }
}

public enum DealLossError: Error, Sendable, Hashable, CustomStringConvertible {
    case otherNeedsText

    public var description: String {
        switch self {
        case .otherNeedsText: "say why the deal was lost: a reason from the list, or other with a note"
        }
    }
}
