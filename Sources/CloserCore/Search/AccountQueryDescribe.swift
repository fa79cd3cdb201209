// Conditions back to query text, for showing a saved filter or the filter in force.

extension AccountQueryLanguage {
    /// The canonical query text of `conditions`: English keys, codes in a fixed order, amounts
    /// in the shortest exact form (500k, 1.2M), values quoted only when they must be.
    /// `parse(describe(c)) == c` for every `c` that `parse` returns.
    public static func describe(_ conditions: [AccountCondition]) -> String {
        conditions.map(describe).joined(separator: " ")
    }

    static func describe(_ condition: AccountCondition) -> String {
        switch condition {
        case .text(let text): return quotedIfNeeded(text, forList: false, isText: true)
        case .grades(let grades): return "grade:" + Grade.allCases.filter(grades.contains).map(\.rawValue).joined(separator: ",")
        case .quadrants(let quadrants): return "quadrant:" + Quadrant.allCases.filter(quadrants.contains).map(\.rawValue).joined(separator: ",")
        case .visibility(let values): return "visibility:" + Visibility.allCases.filter(values.contains).map(\.rawValue).joined(separator: ",")
        case .field(let field, let values):
            return field.rawValue + ":" + values.map { quotedIfNeeded($0, forList: true, isText: false) }.joined(separator: ",")
        case .tag(let tag): return "tag:" + quotedIfNeeded(tag, forList: true, isText: false)
        case .pipeline(let comparison, let amount): return "pipeline" + comparison.rawValue + amountText(amount)
        case .weighted(let comparison, let amount): return "weighted" + comparison.rawValue + amountText(amount)
        case .won(let comparison, let amount): return "won" + comparison.rawValue + amountText(amount)
        case .lastActivityDays(let comparison, let days): return "last" + comparison.rawValue + "\(days)d"
        case .maturity(let levels, let unassessed):
            return "maturity:" + (BuyerMaturity.allCases.filter(levels.contains).map(\.rawValue) + (unassessed ? ["none"] : [])).joined(separator: ",")
        }
    }

    /// `text` as it must be typed to come back unchanged.
    static func quotedIfNeeded(_ text: String, forList: Bool, isText: Bool) -> String {
        let special = text.isEmpty || text.contains { character in
            character.isWhitespace || AccountQueryLexer.closingQuote[character] != nil || character == "”"
                || (isText && operatorCharacters[character] != nil)
                || (!isText && (operatorCharacters[character] != nil || listSeparators.contains(character)))
        } || (!isText && text != text.trimmingCharacters(in: .whitespaces))
        guard special else { return text }
        var out = "\""
        for character in text {
            if character == "\"" || character == "\\" { out.append("\\") }
            out.append(character)
        }
        return out + "\""
    }

    /// Minor units as the shortest text `Money.parse` reads back exactly: 500k, 1.2M, 980, 12.5.
    static func amountText(_ minorUnits: Int64) -> String {
        guard minorUnits >= 0 else { return String(minorUnits) }
        if minorUnits % 100 != 0 {
            let cents = minorUnits % 100
            return "\(minorUnits / 100)." + (cents < 10 ? "0" : "") + (cents % 10 == 0 ? String(cents / 10) : String(cents))
        }
        let major = minorUnits / 100
        for (unit, suffix) in [(Int64(1_000_000), "M"), (1_000, "k")] where major >= unit {
            let whole = major / unit
            let rest = major % unit
            if rest == 0 { return "\(whole)\(suffix)" }
            // Up to two decimals of the unit, so 1,250,000 reads 1.25M but 1,234,567 stays digits.
            if rest % (unit / 100) == 0 {
                let hundredths = rest / (unit / 100)
                let decimals = hundredths % 10 == 0 ? String(hundredths / 10) : (hundredths < 10 ? "0" : "") + String(hundredths)
                return "\(whole).\(decimals)\(suffix)"
            }
        }
        return String(major)
    }
}
