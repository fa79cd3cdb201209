import CloserCore

/// The close days a win/loss view reads: one month, quarter or year, stepped by `[` `]` and
/// never past the one holding today.
public struct WinLossSpan: Sendable, Hashable {
    public enum Length: String, Sendable, Hashable, CaseIterable { case month, quarter, year }

    public var length: Length
    /// The first day.
    public var start: Day

    /// The span of `length` holding `day`.
    public static func containing(_ day: Day, _ length: Length) -> WinLossSpan {
        switch length {
        case .month: WinLossSpan(length: length, start: Period.month(containing: day).start)
        case .quarter: WinLossSpan(length: length, start: Period.quarter(containing: day).start)
        case .year: WinLossSpan(length: length, start: Day(year: day.year, month: 1, day: 1) ?? day)
        }
    }

    /// The first day after it.
    public var end: Day {
        switch length {
        case .month: Period.month(containing: start).end
        case .quarter: Period.quarter(containing: start).end
        case .year: Day(year: start.year + 1, month: 1, day: 1) ?? start
        }
    }

    /// The span before (-1) or after (+1); nil past the one holding today.
    public func stepped(_ step: Int, today: Day) -> WinLossSpan? {
        let moved = WinLossSpan.containing(step < 0 ? start.adding(days: -1) : end, length)
        return moved.start > today ? nil : moved
    }

    /// The next length (month → quarter → year → month), over the same start's span.
    public var nextLength: WinLossSpan {
        let lengths = Length.allCases
        let next = lengths[((lengths.firstIndex(of: length) ?? 0) + 1) % lengths.count]
        return .containing(start, next)
    }

    /// "2026-Q4" / "2026年第4季度", "2026-12" / "2026年12月", "2026" / "2026年".
    public func label(_ lang: Language) -> String {
        switch length {
        case .month: Period.month(containing: start).label(lang)
        case .quarter: Period.quarter(containing: start).label(lang)
        case .year: lang == .zh ? "\(start.year)年" : "\(start.year)"
        }
    }

    public func lengthName(_ lang: Language) -> String {
        switch length {
        case .month: LocalizedText(en: "month", zh: "月")[lang]
        case .quarter: LocalizedText(en: "quarter", zh: "季度")[lang]
        case .year: LocalizedText(en: "year", zh: "年")[lang]
        }
    }
}
