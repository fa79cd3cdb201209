// Pinyin first letters of Chinese text, for initial-letter search (zgsh finds 中国石化).

public enum PinyinInitials {
    /// The distinct pinyin initials (a–z) of a Han character, sorted; empty if the
    /// scalar is not a covered Han character or has no known Mandarin reading.
    /// Polyphones give several: 行 → ["h", "x"].
    public static func initials(of scalar: Unicode.Scalar) -> [Character] {
        PinyinTable.shared.word(for: scalar.value).pinyinInitialBytes
            .sorted()
            .map { Character(Unicode.Scalar($0)) }
    }

    /// The initial-letter strings of `text`: every Han character contributes one of its
    /// initials, ASCII letters and digits (full-width ones folded to half-width)
    /// contribute themselves lowercased, everything else is dropped.
    ///
    /// Polyphones give several variants (重庆钢铁 → "zqgt", "cqgt"). The order is
    /// deterministic: the variant made of every character's most common reading comes
    /// first, then variants using fewer/less-ranked alternatives before more. At most
    /// `limit` variants are returned; empty when nothing in `text` contributes a letter.
    public static func variants(of text: String, limit: Int = 32) -> [String] {
        guard limit > 0 else { return [] }
        let table = PinyinTable.shared
        var choices: [[UInt8]] = []
        for scalar in text.unicodeScalars {
            var value = scalar.value
            if value >= 0xFF01 && value <= 0xFF5E { value -= 0xFEE0 }  // full-width ASCII
            if value < 0x80 {
                let byte = UInt8(value)
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    choices.append([byte])
                case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                    choices.append([byte + 32])
                default:
                    break
                }
                continue
            }
            let word = table.word(for: value)
            if word != 0 { choices.append(word.pinyinInitialBytes) }
        }
        guard !choices.isEmpty else { return [] }
        var enumerator = VariantEnumerator(choices: choices, limit: limit)
        return enumerator.run()
    }
}

/// Enumerates the cartesian product of per-position choices in order of increasing
/// rank sum (rank 0 = a position's first choice), stopping after `limit` results.
private struct VariantEnumerator {
    let choices: [[UInt8]]
    let limit: Int
    /// suffixMax[i]: the largest rank sum positions i... can still add.
    let suffixMax: [Int]
    var results: [String] = []
    var buffer: [UInt8]

    init(choices: [[UInt8]], limit: Int) {
        self.choices = choices
        self.limit = limit
        var suffix = [Int](repeating: 0, count: choices.count + 1)
        for i in stride(from: choices.count - 1, through: 0, by: -1) {
            suffix[i] = suffix[i + 1] + choices[i].count - 1
        }
        self.suffixMax = suffix
        self.buffer = choices.map { $0[0] }
    }

    mutating func run() -> [String] {
        var budget = 0
        while results.count < limit && budget <= suffixMax[0] {
            visit(position: 0, budget: budget)
            budget += 1
        }
        return results
    }

    /// Emits every combination whose ranks from `position` on sum to exactly `budget`.
    /// Invariant: on entry, `buffer[position...]` holds every position's first choice.
    private mutating func visit(position start: Int, budget: Int) {
        if results.count >= limit || budget > suffixMax[start] { return }
        if budget == 0 {
            results.append(String(decoding: buffer, as: UTF8.self))
            return
        }
        var position = start
        while choices[position].count == 1 { position += 1 }  // budget > 0 so one remains
        let options = choices[position]
        for rank in 0..<min(options.count, budget + 1) {
            buffer[position] = options[rank]
            visit(position: position + 1, budget: budget - rank)
            if results.count >= limit { break }
        }
        buffer[position] = options[0]
    }
}
