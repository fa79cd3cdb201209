import Foundation

/// A need the customer stated, in their words, and who stated it (002, taboo #3: needs found by
/// asking, not assumed). A deal that reaches its proposal with none recorded is pitching to a guess.
public struct CustomerNeed: Sendable, Hashable, Codable {
    public var text: String
    /// The key person of the deal's account who stated it; nil when not recorded.
    public var statedBy: Int64?

    public init(text: String, statedBy: Int64? = nil) {
        self.text = text
        self.statedBy = statedBy
    }

    /// Says something: a need of blanks is no need.
    public var isStated: Bool { !text.trimmingCharacters(in: .whitespaces).isEmpty }

    /// A deal carries at most this many: a list longer than that is notes, not needs.
    public static let maxPerDeal = 50
}
