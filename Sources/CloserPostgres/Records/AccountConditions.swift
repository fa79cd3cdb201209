import CloserCore

extension SQLConditions {
    /// The query-language conditions over `account a`, all of which must hold; the same meaning
    /// as the file store's (see CloserSQLite's AccountConditionSQL): a list condition holds when
    /// any of its values does, an empty list for no account; fields match as a prefix, ASCII
    /// letters in any case; `owner:me` is the actor, `none` the pool.
    mutating func add(conditions: [AccountCondition], me: String) {
        for condition in conditions { add(condition, me: me) }
    }

    private mutating func add(_ condition: AccountCondition, me: String) {
        switch condition {
        case .text(let text):
            if !text.isEmpty { addSearch(text, alias: "a") }
        case .grades(let grades):
            addAny("a.grade", Grade.allCases.filter(grades.contains).map(\.rawValue))
        case .quadrants(let quadrants):
            addAny("a.quadrant", Quadrant.allCases.filter(quadrants.contains).map(\.rawValue))
        case .visibility(let values):
            addAny("a.visibility", Visibility.allCases.filter(values.contains).map(\.rawValue))
        case .field(.owner, let values):
            var parts: [String] = []
            var arguments: [SQLValue] = []
            for value in values {
                switch value {
                case "none", "":
                    parts.append("a.owner IS NULL OR a.owner = ''")
                default:
                    parts.append("lower(a.owner) = lower(?)")
                    arguments.append(.text(value == "me" ? me : value))
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
            var arguments: [SQLValue] = []
            for value in values {
                if value.isEmpty {
                    parts.append("\(column) = ''")
                } else {
                    parts.append("\(column) ILIKE ? ESCAPE '\\'")
                    arguments.append(.text(Self.prefixPattern(value)))
                }
            }
            addEither(parts, arguments)
        case .maturity(let levels, let unassessed):
            let codes = BuyerMaturity.allCases.filter(levels.contains).map(\.rawValue)
            var parts: [String] = []
            if !codes.isEmpty { parts.append("a.maturity IN (\(codes.map { _ in "?" }.joined(separator: ", ")))") }
            if unassessed { parts.append("a.maturity IS NULL") }
            addEither(parts, codes.map(SQLValue.text))
        case .tag(let tag):
            add("EXISTS (SELECT 1 FROM json_array_elements_text(a.tags::json) t WHERE lower(t) = lower(?))", [.text(tag)])
        case .pipeline(let comparison, let amount):
            add("a.pipeline \(comparison.rawValue) ?", [.int(amount)])
        case .weighted(let comparison, let amount):
            add("a.weighted \(comparison.rawValue) ?", [.int(amount)])
        case .won(let comparison, let amount):
            add("a.won \(comparison.rawValue) ?", [.int(amount)])
        case .lastActivityDays(let comparison, let days):
            // Days since = today − last: the date is compared instead, so the index on last_activity serves.
            let cutoff = SQLValue.text((AccountQuery.today ?? Day.today()).adding(days: -days).description)
            switch comparison {
            case .greater: add("(a.last_activity IS NULL OR a.last_activity < ?)", [cutoff])
            case .greaterOrEqual: add("(a.last_activity IS NULL OR a.last_activity <= ?)", [cutoff])
            case .less: add("a.last_activity > ?", [cutoff])
            case .lessOrEqual: add("a.last_activity >= ?", [cutoff])
            case .equal: add("a.last_activity = ?", [cutoff])
            }
        }
    }

    /// `value` as the start of a LIKE pattern: `\`, `%` and `_` escaped, `%` appended.
    static func prefixPattern(_ value: String) -> String {
        var out = ""
        for character in value {
            if character == "\\" || character == "%" || character == "_" { out.append("\\") }
            out.append(character)
        }
        return out + "%"
    }

    /// `column IN (…)`, or no account for an empty list.
    private mutating func addAny(_ column: String, _ values: [String]) {
        if values.isEmpty { add("false") } else { add(column, in: values) }
    }

    /// The parts joined with OR, or no account when there are none.
    private mutating func addEither(_ parts: [String], _ arguments: [SQLValue]) {
        if parts.isEmpty { add("false") } else { add("(" + parts.map { "(\($0))" }.joined(separator: " OR ") + ")", arguments) }
    }
}
