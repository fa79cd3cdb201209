// Builds a search key into one UTF-8 byte buffer: the bulk import makes one per deal, and
// building it from per-character arrays and per-variant Strings cost more than the row's insert.

/// The bytes of `SearchText.key(for:)`, built field by field. It must give exactly what
/// folding each field and listing `PinyinInitials.variants(of:)` gives (a test compares
/// the two on random texts); only the way there differs.
struct SearchKeyBuilder {
    private(set) var bytes: [UInt8] = []
    /// The initial-letter variant being enumerated: every position's current choice.
    private var letters: [UInt8] = []
    /// Positions with more than one initial (polyphones) and their packed `PinyinTable` words:
    /// the only positions the enumeration changes.
    private var polyphones: [(position: Int, word: UInt64)] = []
    /// suffixMax[i]: the largest rank sum polyphones i... can still add.
    private var suffixMax: [Int] = []
    private var variantCount = 0
    private var fieldStart = 0
    /// Where the current field's folded text ends (its variants follow).
    private var foldedEnd = 0
    private var hasHan = false
    private let table = PinyinTable.shared
    private let limit: Int

    init(capacity: Int, limit: Int = 32) {
        bytes.reserveCapacity(capacity)
        self.limit = limit
    }

    /// Appends `field`'s folded text and, if it has Han characters, its initial-letter variants.
    mutating func append(_ field: String) {
        var field = field
        let start = bytes.count
        if !bytes.isEmpty { bytes.append(SearchKeyBuilder.separator) }
        fieldStart = bytes.count
        letters.removeAll(keepingCapacity: true)
        polyphones.removeAll(keepingCapacity: true)
        hasHan = false
        let simple = field.withUTF8 { appendSimpleFold($0) }
        if !simple {
            bytes.removeSubrange(fieldStart...)
            letters.removeAll(keepingCapacity: true)
            polyphones.removeAll(keepingCapacity: true)
            hasHan = false
            var folded = SearchText.fold(field)
            folded.withUTF8 { appendFolded($0) }
        }
        if bytes.count == fieldStart {
            bytes.removeSubrange(start...)  // an empty field adds no part (nor separator)
            return
        }
        if hasHan && !letters.isEmpty { appendVariants() }
    }

    static let separator = UInt8(ascii: "\u{1F}")

    // MARK: - Folding

    /// The fast path of `SearchText.fold` (ASCII and CJK ideographs only) over the bytes,
    /// noting each scalar's initials on the way. False, leaving partial output, for any other text.
    private mutating func appendSimpleFold(_ input: UnsafeBufferPointer<UInt8>) -> Bool {
        var pendingSpace = false
        var i = 0
        let count = input.count
        while i < count {
            let byte = input[i]
            if byte < 0x80 {
                i += 1
                if byte <= 0x20 || byte == 0x7F {
                    pendingSpace = bytes.count > fieldStart
                    continue
                }
                if pendingSpace { bytes.append(UInt8(ascii: " ")); pendingSpace = false }
                let lower = byte >= 0x41 && byte <= 0x5A ? byte + 32 : byte
                bytes.append(lower)
                noteASCII(lower)
                continue
            }
            // U+3400–U+4DBF and U+4E00–U+9FFF are all three-byte sequences led by E3–E9;
            // Swift strings hold valid UTF-8, so the two continuation bytes are there.
            guard byte >= 0xE3 && byte <= 0xE9 && i + 2 < count else { return false }
            let value = UInt32(byte & 0x0F) << 12 | UInt32(input[i + 1] & 0x3F) << 6 | UInt32(input[i + 2] & 0x3F)
            guard (value >= 0x4E00 && value <= 0x9FFF) || (value >= 0x3400 && value <= 0x4DBF) else { return false }
            if pendingSpace { bytes.append(UInt8(ascii: " ")); pendingSpace = false }
            bytes.append(byte)
            bytes.append(input[i + 1])
            bytes.append(input[i + 2])
            noteScalar(value)
            i += 3
        }
        return true
    }

    /// Text `SearchText.fold` already folded: copied as is, each scalar's initials noted.
    private mutating func appendFolded(_ folded: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: folded)
        var decoder = UTF8()
        var iterator = folded.makeIterator()
        while case .scalarValue(let scalar) = decoder.decode(&iterator) {
            var value = scalar.value
            if value >= 0xFF01 && value <= 0xFF5E { value -= 0xFEE0 }  // full-width ASCII
            if value < 0x80 {
                let byte = UInt8(value)
                noteASCII(byte >= 0x41 && byte <= 0x5A ? byte + 32 : byte)
            } else {
                noteScalar(scalar.value)
            }
        }
    }

    /// A lowercase ASCII byte's part in the variants: letters and digits stand for themselves.
    @inline(__always)
    private mutating func noteASCII(_ byte: UInt8) {
        if (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) { letters.append(byte) }
    }

    /// A non-ASCII scalar's part: its pinyin initials if the table knows it (which also makes the field Han).
    @inline(__always)
    private mutating func noteScalar(_ value: UInt32) {
        let word = table.word(for: value)
        guard word != 0 else { return }
        if value >= 0x3400 { hasHan = true }
        if word >> 5 != 0 { polyphones.append((letters.count, word)) }
        letters.append(SearchKeyBuilder.initial(word, rank: 0))
    }

    @inline(__always)
    private static func initial(_ word: UInt64, rank: Int) -> UInt8 {
        UInt8(ascii: "a") + UInt8(truncatingIfNeeded: (word >> UInt64(5 * rank)) & 31) - 1
    }

    @inline(__always)
    private static func initialCount(_ word: UInt64) -> Int {
        var count = 0
        var rest = word
        while rest != 0 { count += 1; rest >>= 5 }
        return count
    }

    // MARK: - Variants

    /// The variants in `PinyinInitials.variants(of:)`'s order (increasing rank sum, at most
    /// `limit`), each after a separator, skipping any equal to the folded field.
    private mutating func appendVariants() {
        guard limit > 0 else { return }
        suffixMax.removeAll(keepingCapacity: true)
        suffixMax.append(0)
        for polyphone in polyphones.reversed() {
            suffixMax.append(suffixMax[suffixMax.count - 1] + SearchKeyBuilder.initialCount(polyphone.word) - 1)
        }
        suffixMax.reverse()
        variantCount = 0
        foldedEnd = bytes.count
        var budget = 0
        while variantCount < limit && budget <= suffixMax[0] {
            visit(index: 0, budget: budget)
            budget += 1
        }
    }

    /// Emits every combination whose ranks from polyphone `index` on sum to exactly `budget`.
    /// Invariant: on entry, `letters` holds every later polyphone's first choice.
    private mutating func visit(index: Int, budget: Int) {
        if variantCount >= limit || budget > suffixMax[index] { return }
        if budget == 0 {
            emitVariant()
            return
        }
        let (position, word) = polyphones[index]  // budget > 0 so one remains
        for rank in 0..<min(SearchKeyBuilder.initialCount(word), budget + 1) {
            letters[position] = SearchKeyBuilder.initial(word, rank: rank)
            visit(index: index + 1, budget: budget - rank)
            if variantCount >= limit { break }
        }
        letters[position] = SearchKeyBuilder.initial(word, rank: 0)
    }

    private mutating func emitVariant() {
        variantCount += 1
        if letters.count == foldedEnd - fieldStart && bytes[fieldStart..<foldedEnd].elementsEqual(letters) { return }
        bytes.append(SearchKeyBuilder.separator)
        bytes.append(contentsOf: letters)
    }
}
