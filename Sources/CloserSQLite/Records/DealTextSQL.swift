import CloserCore
import Foundation
import GRDB

/// How a deal filter's search text is met: by testing every deal's key, or by testing only the
/// candidates the trigram index (`DealSearchSchema`) proposes. Both test `search_key LIKE` on
/// each deal they keep, so they select the same deals; they differ in how many they read.
enum DealTextSQL: Equatable {
    /// No text: every deal.
    case everything
    /// The LIKE on every deal the other conditions leave (one character, or a text so common
    /// that reading its candidates would cost more than the scan).
    case scan(pattern: String)
    /// The deals the index's `match` finds, tested with the LIKE; `candidates` is at most how
    /// many the index proposes.
    case candidates(match: String, pattern: String, candidates: Int)
    /// A text no deal's key contains (one of its trigrams is in no key).
    case nothing

    /// More candidates than this and the scan is cheaper: each candidate is a look-up in the
    /// deal table, each scanned deal a step along an index (at 100k deals the count's scan
    /// costs as much as ~20k look-ups).
    static let mostCandidates = 20_000

    /// At most this many of a long text's trigrams go to the index (the rarest ones): the LIKE
    /// tests the whole text anyway, and each trigram is one more list to intersect.
    static let mostTrigrams = 4

    /// The way to meet `text` in this store, from the index's term counts.
    static func plan(_ db: Database, text: String) throws -> DealTextSQL {
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { return .everything }
        let pattern = SearchText.pattern(for: text)
        let scalars = Array(SearchText.fold(text).unicodeScalars)
        switch scalars.count {
        case 0: return .everything
        case 1: return .scan(pattern: pattern)
        case 2:
            // Every two characters of a key start one of its trigrams (the key is indexed with a
            // separator after it): the deals with any term that starts with them.
            let prefix = String(String.UnicodeScalarView(scalars))
            let terms = try Row.fetchAll(db, sql: "SELECT term, doc FROM deal_text_terms WHERE term >= ? AND term <= ?",
                                         arguments: [prefix, prefix + "\u{10FFFF}"])
                .map { (term: $0["term"] as String, docs: $0["doc"] as Int) }
                .filter { $0.term.unicodeScalars.starts(with: scalars) }
            guard !terms.isEmpty else { return .nothing }
            let candidates = terms.reduce(0) { $0 + $1.docs }
            guard candidates <= mostCandidates else { return .scan(pattern: pattern) }
            return .candidates(match: terms.map { quoted($0.term) }.joined(separator: " OR "), pattern: pattern, candidates: candidates)
        default:
            let trigrams = Set((0...(scalars.count - 3)).map { String(String.UnicodeScalarView(scalars[$0..<($0 + 3)])) })
            let placeholders = trigrams.map { _ in "?" }.joined(separator: ",")
            let found = try Row.fetchAll(db, sql: "SELECT term, doc FROM deal_text_terms WHERE term IN (\(placeholders))",
                                         arguments: StatementArguments(Array(trigrams)))
                .map { (term: $0["term"] as String, docs: $0["doc"] as Int) }
            guard found.count == trigrams.count else { return .nothing }
            let rarest = found.sorted { ($0.docs, $0.term) < ($1.docs, $1.term) }.prefix(mostTrigrams)
            let candidates = rarest.first?.docs ?? 0
            guard candidates <= mostCandidates else { return .scan(pattern: pattern) }
            return .candidates(match: rarest.map { quoted($0.term) }.joined(separator: " AND "), pattern: pattern, candidates: candidates)
        }
    }

    /// An FTS5 string: the term in double quotes, its own quotes doubled.
    static func quoted(_ term: String) -> String {
        "\"" + term.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The plain scan of `text`, for a read that visits every deal the filter selects anyway.
    static func scanning(_ text: String) -> DealTextSQL {
        text.trimmingCharacters(in: .whitespaces).isEmpty ? .everything : .scan(pattern: SearchText.pattern(for: text))
    }

    var usesIndex: Bool {
        if case .candidates = self { return true }
        return false
    }

    /// Adds the condition on `deal d`.
    func add(to sql: inout SQLFilter) {
        switch self {
        case .everything: break
        case .scan(let pattern):
            sql.add("d.search_key LIKE ? ESCAPE '\\'", ["%" + pattern + "%"])
        case .candidates(let match, let pattern, _):
            sql.add("d.id IN (SELECT rowid FROM deal_text WHERE deal_text MATCH ?)", [match])
            sql.add("d.search_key LIKE ? ESCAPE '\\'", ["%" + pattern + "%"])
        case .nothing:
            sql.add("0")
        }
    }
}
