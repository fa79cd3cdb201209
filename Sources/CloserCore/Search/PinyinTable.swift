// The decoded pinyin-initials table: one packed word per code point of the covered ranges.

/// Decodes `PinyinInitialsTable` (generated string literals) once, at first use, into
/// `[UInt64]` words. A word holds a code point's initials in preference order, 5 bits
/// each (1 = "a" ... 26 = "z"), first initial in the low bits; 0 means no reading.
struct PinyinTable: Sendable {
    struct Segment: Sendable {
        let first: UInt32
        let last: UInt32
        let base: Int
    }

    let segments: [Segment]
    let words: [UInt64]

    /// The shared table, decoded lazily and thread-safely (`static let` runs once).
    static let shared = PinyinTable()

    init() {
        var segments: [Segment] = []
        var words: [UInt64] = []
        for range in PinyinInitialsTable.ranges {
            let count = Int(range.last - range.first) + 1
            let base = words.count
            words.reserveCapacity(base + count)
            range.entries.withUTF8Buffer { bytes in
                var word: UInt64 = 0
                var shift: UInt64 = 0
                for byte in bytes {
                    switch byte {
                    case UInt8(ascii: ","):
                        words.append(word)
                        word = 0
                        shift = 0
                    case UInt8(ascii: "a")...UInt8(ascii: "z"):
                        if shift < 60 {
                            word |= UInt64(byte - UInt8(ascii: "a") + 1) << shift
                            shift += 5
                        }
                    default:
                        continue  // line continuations never reach the value; be lenient anyway
                    }
                }
                words.append(word)
            }
            precondition(words.count == base + count, "PinyinInitialsTable range has the wrong entry count")
            segments.append(Segment(first: range.first, last: range.last, base: base))
        }
        self.segments = segments
        self.words = words
    }

    /// The packed initials of a code point, 0 if it has none or is not covered.
    @inline(__always)
    func word(for value: UInt32) -> UInt64 {
        for segment in segments where value >= segment.first && value <= segment.last {
            return words[segment.base + Int(value - segment.first)]
        }
        return 0
    }

    /// How many code points have at least one initial.
    var coveredCount: Int { words.reduce(0) { $0 + ($1 == 0 ? 0 : 1) } }
}

extension UInt64 {
    /// The ASCII letters packed in a `PinyinTable` word, in order.
    var pinyinInitialBytes: [UInt8] {
        var result: [UInt8] = []
        var rest = self
        while rest != 0 {
            result.append(UInt8(ascii: "a") + UInt8(truncatingIfNeeded: rest & 31) - 1)
            rest >>= 5
        }
        return result
    }
}
