import Foundation

/// The accounts' query language: `grade:A,B region:华东 owner:me pipeline>500k last>30d quadrant:opportunity`,
/// plain words and pinyin initials mixed in. A condition the parser does not understand is an
/// error with its position, never silently ignored.
///
/// Grammar (terms separated by whitespace, all of which must hold):
///
///     term      = text | key op value
///     key       = grade | quadrant | region | industry | owner | nature | scale | visibility (vis) | tag
///               | maturity (mat) | pipeline | weighted | won | last   (and 等级 象限 区域 行业 负责人 性质 规模 标签 成熟度 …)
///     list keys take `:` (or `=`) and a comma-separated list (`,` `，` `、`), any of which may match:
///               grade:A,B  quadrant:opp,战略  region:华东  owner:me,none  visibility:pool,shared  tag:迎春花 (one tag)
///               maturity:specialist,3,none (buyer maturity 004 by code, label or level 1…4; none = not judged)
///     numeric keys take < <= > >= =:  pipeline>500k  weighted<=120万  won>0  last>30d  last<4w
///     text      = anything without an operator outside quotes: name words or pinyin initials
///
/// Quotes (`"…"`, or `“…”`) keep spaces, commas and operators in a value or a text term:
/// `region:"华东 区"`, `"a:b"`; inside quotes `\"` is a quote. A full-width `：` counts as `:`.
public enum AccountQueryLanguage {
    public static func parse(_ text: String) throws(QueryError) -> [AccountCondition] {
        var conditions: [AccountCondition] = []
        for term in try AccountQueryLexer.terms(text) {
            conditions.append(try condition(term))
        }
        return conditions
    }

    /// Replaces `owner:me` with the given user, for callers that query without a viewer (the CLI).
    public static func resolvingMe(_ conditions: [AccountCondition], as user: String) -> [AccountCondition] {
        conditions.map { condition in
            guard case .field(.owner, let values) = condition else { return condition }
            return .field(.owner, values.map { $0 == "me" ? user : $0 })
        }
    }

    static let operatorCharacters: [Character: Character] = [":": ":", "：": ":", "<": "<", "＜": "<", ">": ">", "＞": ">", "=": "=", "＝": "="]
    static let listSeparators: Set<Character> = [",", "，", "、"]

    static func condition(_ term: AccountQueryTerm) throws(QueryError) -> AccountCondition {
        let pieces = term.pieces
        guard let opStart = pieces.firstIndex(where: { !$0.quoted && $0.character.flatMap { operatorCharacters[$0] } != nil }) else {
            return .text(term.text)
        }
        let name = String(pieces[..<opStart].compactMap(\.character))
        guard opStart > 0 else {
            throw term.error("'\(term.text)' has no condition name before the operator; e.g. pipeline>500k, or put text in quotes",
                             "「\(term.text)」的运算符前没有条件名；例如 在途>50万，或把文字放进引号")
        }
        guard let key = AccountQueryKey.named(name) else {
            throw term.error("unknown condition '\(name)'; try \(AccountQueryKey.suggestion) (or put text in quotes to search for it)",
                             "没有「\(name)」这个条件；可用 \(AccountQueryKey.chineseSuggestion)（或把文字放进引号来搜索它）")
        }
        var valueStart = opStart
        var op = ""
        while valueStart < pieces.count, !pieces[valueStart].quoted, let character = pieces[valueStart].character,
              let normal = operatorCharacters[character] {
            op.append(normal)
            valueStart += 1
        }
        let value = Array(pieces[valueStart...])
        if key.isNumeric {
            guard let comparison = Comparison(rawValue: op) else {
                if op == ":" {
                    throw term.error("\(key.rawValue) compares with <, <=, >, >= or =, e.g. \(key.example)",
                                     "\(key.chinese)用 <、<=、>、>= 或 = 比较，例如 \(key.example)")
                }
                throw term.error("bad operator '\(op)' after \(key.rawValue); use <, <=, >, >= or =, e.g. \(key.example)",
                                 "\(key.chinese)后的运算符「\(op)」不对；请用 <、<=、>、>= 或 =，例如 \(key.example)")
            }
            return try numeric(key, comparison, String(value.compactMap(\.character)).trimmingCharacters(in: .whitespaces), term)
        }
        guard op == ":" || op == "=" else {
            throw term.error("bad operator '\(op)' after \(key.rawValue); it takes ':' and a list, e.g. \(key.example)",
                             "\(key.chinese)后的运算符「\(op)」不对；它接「:」和列表，例如 \(key.example)")
        }
        return try list(key, items(value), term)
    }

    /// The comma-separated items of a value, trimmed; empty unquoted items dropped.
    static func items(_ pieces: [AccountQueryTerm.Piece]) -> [String] {
        var items: [String] = []
        var current = ""
        var quoted = false
        func finish() {
            let item = current.trimmingCharacters(in: .whitespaces)
            if !item.isEmpty || quoted { items.append(item) }
            current = ""
            quoted = false
        }
        for piece in pieces {
            if let character = piece.character, !piece.quoted, listSeparators.contains(character) {
                finish()
            } else {
                if let character = piece.character { current.append(character) }
                quoted = quoted || piece.quoted
            }
        }
        finish()
        return items
    }

    static func numeric(_ key: AccountQueryKey, _ comparison: Comparison, _ value: String,
                        _ term: AccountQueryTerm) throws(QueryError) -> AccountCondition {
        guard !value.isEmpty else {
            throw term.error("\(key.rawValue) needs \(key == .last ? "a number of days" : "an amount"), e.g. \(key.example)",
                             "\(key.chinese)需要\(key == .last ? "天数" : "金额")，例如 \(key.example)")
        }
        if key == .last {
            guard let days = AccountQueryCodes.days(value) else {
                throw term.error("'\(value)' is not a number of days; use e.g. last>30d, last>30 or last<4w",
                                 "「\(value)」不是天数；请用如 last>30d、最近行动>30天 或 last<4w")
            }
            return .lastActivityDays(comparison, days)
        }
        guard let amount = Money.parse(value) else {
            throw term.error("'\(value)' is not an amount; use e.g. 500k, 1.2M, 120万 or 80000",
                             "「\(value)」不是金额；请用如 500k、1.2M、120万 或 80000")
        }
        switch key {
        case .weighted: return .weighted(comparison, amount.minorUnits)
        case .won: return .won(comparison, amount.minorUnits)
        default: return .pipeline(comparison, amount.minorUnits)
        }
    }

    static func list(_ key: AccountQueryKey, _ items: [String], _ term: AccountQueryTerm) throws(QueryError) -> AccountCondition {
        guard !items.isEmpty else {
            throw term.error("\(key.rawValue) needs a value, e.g. \(key.example)", "\(key.chinese)需要一个值，例如 \(key.example)")
        }
        switch key {
        case .name:
            // The name column's header as a key: the same search as plain text (pinyin initials too).
            guard items.count == 1 else {
                throw term.error("name takes one text; write name:\(items[0]) name:\(items[1]) for names with both",
                                 "名称只接一段文字；要同时包含两者请写 名称:\(items[0]) 名称:\(items[1])")
            }
            return .text(items[0])
        case .grade:
            var grades = Set<Grade>()
            for item in items {
                guard let grade = Grade.parse(item) else {
                    throw term.error("grade '\(item)' is not one of A, B, C, D", "等级「\(item)」不是 A、B、C、D 之一")
                }
                grades.insert(grade)
            }
            return .grades(grades)
        case .quadrant:
            return .quadrants(try coded(items, .quadrant, aliases: AccountQueryCodes.quadrantAliases, term))
        case .visibility:
            return .visibility(try coded(items, .visibility, aliases: AccountQueryCodes.visibilityAliases, term))
        case .tag:
            guard items.count == 1 else {
                throw term.error("tag takes one tag; write tag:\(items[0]) tag:\(items[1]) for accounts with both",
                                 "标签只接一个；要同时有两个标签请写 标签:\(items[0]) 标签:\(items[1])")
            }
            return .tag(items[0])
        case .maturity:
            return try maturity(items, term)
        case .owner:
            return .field(.owner, items.map(AccountQueryCodes.ownerValue))
        case .region: return .field(.region, items)
        case .industry: return .field(.industry, items)
        case .nature: return .field(.nature, items)
        default: return .field(.scale, items)
        }
    }

    /// Levels by code, label, alias, unique prefix or number 1…4; `none` for accounts not judged yet.
    static func maturity(_ items: [String], _ term: AccountQueryTerm) throws(QueryError) -> AccountCondition {
        var levels = Set<BuyerMaturity>()
        var unassessed = false
        var rest: [String] = []
        for item in items {
            if AccountQueryCodes.unassessedWords.contains(item.lowercased()) {
                unassessed = true
            } else if let level = Int(item), (1...BuyerMaturity.allCases.count).contains(level) {
                levels.insert(BuyerMaturity.allCases[level - 1])
            } else {
                rest.append(item)
            }
        }
        if !rest.isEmpty {
            levels.formUnion(try coded(rest, .maturity, aliases: AccountQueryCodes.maturityAliases, term))
        }
        return .maturity(levels, unassessed: unassessed)
    }

    static func coded<Value: CodedValue>(_ items: [String], _ key: AccountQueryKey, aliases: [String: Value],
                                         _ term: AccountQueryTerm) throws(QueryError) -> Set<Value> {
        let name = key.rawValue
        var values = Set<Value>()
        for item in items {
            switch AccountQueryCodes.resolve(item, aliases: aliases) {
            case .found(let value):
                values.insert(value)
            case .unknown:
                let known = Value.allCases.map { "\($0.rawValue) \($0.label.zh)" }.joined(separator: ", ")
                throw term.error("\(name) '\(item)' is not one of \(known)",
                                 "\(key.chinese)「\(item)」不是以下之一：\(Value.allCases.map(\.label.zh).joined(separator: "、"))")
            case .ambiguous(let candidates):
                throw term.error("\(name) '\(item)' could be \(candidates.map(\.rawValue).joined(separator: " or ")); type more of it",
                                 "\(key.chinese)「\(item)」可能是 \(candidates.map(\.label.zh).joined(separator: " 或 "))；请多输入几个字")
            }
        }
        return values
    }
}

/// What is wrong with a query and where: the search field underlines it.
public struct QueryError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Offset of the offending part, in Characters from the start of the query.
    public var position: Int
    public var length: Int
    /// What is wrong, in both languages: the screen shows `text[lang]`.
    public var text: LocalizedText

    /// The English message (the command line's, and what two errors are compared by).
    public var message: String { text.en }

    public init(position: Int, length: Int, message: String) {
        self.init(position: position, length: length, text: LocalizedText(en: message, zh: ""))
    }

    public init(position: Int, length: Int, text: LocalizedText) {
        self.position = position
        self.length = length
        self.text = text
    }

    public var description: String { "at \(position + 1): \(message)" }

    /// "第 3 个字符处：…", for a Chinese screen.
    public var chineseDescription: String { "第 \(position + 1) 个字符处：\(text.zh)" }

    // The Chinese text translates the English one: two errors are the same error when their
    // place and English message are.
    public static func == (a: QueryError, b: QueryError) -> Bool {
        a.position == b.position && a.length == b.length && a.message == b.message
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(position)
        hasher.combine(length)
        hasher.combine(message)
    }
}
