import CloserCore
import GRDB

/// Hooks for turning query-language conditions into SQL.
enum AccountConditionSQL {
    /// `value` as the start of a LIKE pattern: `\`, `%` and `_` escaped, `%` appended.
    static func prefixPattern(_ value: String) -> String {
        var out = ""
        for character in value {
            if character == "\\" || character == "%" || character == "_" { out.append("\\") }
            out.append(character)
        }
        return out + "%"
    }
}

extension SQLFilter {
    /// Adds the query-language conditions over `account a`, all of which must hold. Each list
    /// condition holds when any of its values does; an empty list holds for no account.
    ///
    /// - text: the name's search key contains it (plain text or pinyin initials), as the search field.
    /// - region, industry, nature, scale: the field starts with the value, ASCII letters in any
    ///   case, so `region:华东` finds 华东 and 华东区 but not 华北, and `industry:chem` finds
    ///   Chemicals; an empty value (`region:""`) finds accounts with the field left empty.
    /// - owner: `me` is the store's actor, `none` the pool (no owner), any
    ///   other value that user's name in any case.
    /// - tag: one of the account's tags equals it, ASCII letters in any case.
    /// - maturity: the account's buyer maturity is one of the levels, or not judged (`none`).
    /// - pipeline, weighted, won: the account's rollups in the default currency, minor units.
    /// - last: whole days from the last activity to today (`AccountQuery.today`); an
    ///   account never worked is infinitely old, so `last>30d` includes it and `last<7d` does not.
    mutating func add(conditions: [AccountCondition], me: String) {
        for condition in conditions {
            add(condition, me: me)
        }
    }

    private mutating func add(_ condition: AccountCondition, me: String) {
        switch condition {
        case .text(let text):
            if !text.isEmpty { add("a.search_key LIKE ? ESCAPE '\\'", ["%" + SearchText.pattern(for: text) + "%"]) }
        case .grades(let grades):
            addAny("a.grade", Grade.allCases.filter(grades.contains).map(\.rawValue))
        case .quadrants(let quadrants):
            addAny("a.quadrant", Quadrant.allCases.filter(quadrants.contains).map(\.rawValue))
        case .visibility(let values):
            addAny("a.visibility", Visibility.allCases.filter(values.contains).map(\.rawValue))
        case .field(.owner, let values):
            var parts: [String] = []
            var arguments: [(any DatabaseValueConvertible)?] = []
            for value in values {
                switch value {
                case "me":
                    parts.append("a.owner = ? COLLATE NOCASE")
                    arguments.append(me)
                case "none", "":
                    parts.append("a.owner IS NULL OR a.owner = ''")
                default:
                    parts.append("a.owner = ? COLLATE NOCASE")
                    arguments.append(value)
                }
            }
            addEither(parts, arguments)
        case .field(let field, let values):
            let column = switch field {
            case .region: "a.region"
            case .industry: "a.industry"
            case .nature: "a.business_nature"
            case .scale: "a.scale"
            case .owner: "a.owner"
            }
            var parts: [String] = []
            var arguments: [(any DatabaseValueConvertible)?] = []
            for value in values {
                if value.isEmpty {
                    parts.append("\(column) = ''")
                } else {
                    parts.append("\(column) LIKE ? ESCAPE '\\'")
                    arguments.append(AccountConditionSQL.prefixPattern(value))
                }
            }
            addEither(parts, arguments)
        case .maturity(let levels, let unassessed):
            let codes = BuyerMaturity.allCases.filter(levels.contains).map(\.rawValue)
            var parts: [String] = []
            if !codes.isEmpty { parts.append("a.maturity IN (\(codes.map { _ in "?" }.joined(separator: ", ")))") }
            if unassessed { parts.append("a.maturity IS NULL") }
            addEither(parts, codes.map { $0 })
        case .tag(let tag):
            add("EXISTS (SELECT 1 FROM json_each(a.tags) t WHERE lower(t.value) = lower(?))", [tag])
        // `+` keeps the planner off the account_pipeline index for the range: a typical
        // `pipeline>500k` holds for most accounts (15.8k of the demo's 20k), and walking the
        // index with a table read per account cost 5× the scan the query then does anyway
        // (the bench's last key of `grade:A,B pipeline>500k`, rep view: 15.0 → 10.2 ms). Sorting by
        // pipeline still uses the index.
        case .pipeline(let comparison, let amount):
            add("+a.pipeline \(comparison.rawValue) ?", [amount])
        case .weighted(let comparison, let amount):
            add("+a.weighted \(comparison.rawValue) ?", [amount])
        case .won(let comparison, let amount):
            add("+a.won \(comparison.rawValue) ?", [amount])
        case .lastActivityDays(let comparison, let days):
            // days since = today − last; compare the date instead, so the index on last_activity serves.
            let cutoff = (AccountQuery.today ?? Day.today()).adding(days: -days).description
            switch comparison {
            case .greater: add("(a.last_activity IS NULL OR a.last_activity < ?)", [cutoff])
            case .greaterOrEqual: add("(a.last_activity IS NULL OR a.last_activity <= ?)", [cutoff])
            case .less: add("a.last_activity > ?", [cutoff])
            case .lessOrEqual: add("a.last_activity >= ?", [cutoff])
            case .equal: add("a.last_activity = ?", [cutoff])
            }
        }
    }

    /// `column IN (…)`, or no account for an empty list.
    private mutating func addAny(_ column: String, _ values: [String]) {
        if values.isEmpty { add("0") } else { add(column, in: values) }
    }

    /// The parts joined with OR, or no account when there are none.
    private mutating func addEither(_ parts: [String], _ arguments: [(any DatabaseValueConvertible)?]) {
        if parts.isEmpty { add("0") } else { add("(" + parts.map { "(\($0))" }.joined(separator: " OR ") + ")", arguments) }
    }
}
