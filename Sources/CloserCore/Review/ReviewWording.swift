/// How the review words its figures, the same on the screen and in the reports.
public enum ReviewWording {
    /// "CNY 1.2M + USD 300k" ("CNY 120万 + USD 30万" in Chinese), or "0": currencies listed, not added.
    public static func totals(_ totals: CurrencyTotals, lang: Language = .en) -> String {
        totals.isEmpty ? "0" : totals.keys.sorted().map { "\($0) \(Money.compact(totals[$0] ?? 0, lang))" }.joined(separator: " + ")
    }

    /// "88%", or "—" when nothing entered the stage.
    public static func percent(_ rate: Double?) -> String {
        guard let rate else { return "—" }
        return "\(Int((rate * 100).rounded()))%"
    }

    /// A base-currency total in the reader's number style — "850万", "8.5M" — followed by what it
    /// could not convert: "850万 (+ USD 12k: no rate)". "0" when there is nothing.
    public static func total(_ total: BaseTotal, lang: Language) -> String {
        let figure = Money.compact(total.minorUnits, lang)
        guard !total.isComplete else { return figure }
        let missing = total.missingCurrencies.map { "\($0) \(Money.compact(total.unconverted[$0] ?? 0, lang))" }.joined(separator: " + ")
        return figure + LocalizedText(en: " (+ \(missing): no rate)", zh: "（另 \(missing)：无汇率）")[lang]
    }

    /// A deal's own amount with its base-currency value beside it when the currencies differ:
    /// "USD 100k ≈ 71万", "USD 100k (no rate)", "350万".
    public static func amount(_ item: ReviewItem, base: String, lang: Language) -> String {
        if item.amount.currency == base { return Money.compact(item.amount.minorUnits, lang) }
        let own = item.amount.compact(lang)
        guard let converted = item.converted else { return own + LocalizedText(en: " (no rate)", zh: "（无汇率）")[lang] }
        return "\(own) ≈ \(Money.compact(converted.minorUnits, lang))"
    }

    /// A day as a list shows it: "11-21" within the current year, "2027-05-11" outside it.
    public static func day(_ day: Day, today: Day) -> String {
        day.year == today.year ? String(day.description.dropFirst(5)) : day.description
    }

    /// A period as its heading shows it: "11-16 → 11-22", "2026-12-28 → 2027-01-03".
    public static func period(_ period: ReviewPeriod, today: Day) -> String {
        "\(Self.day(period.since, today: today)) → \(Self.day(period.lastDay, today: today))"
    }

    /// What a list's row is about: "开发 → 销售进入", the reason given, "停滞 23 天 · 最近行动 11-12",
    /// "到期 11-20 · 逾期 5 天", "成交日期 11-21 · 已过 4 天". With `today`, dates outside its year show the year.
    public static func detail(_ item: ReviewItem, _ kind: ReviewListKind, lang: Language, today: Day? = nil, stageName: (String) -> String) -> String {
        func l(_ en: String, _ zh: String) -> String { LocalizedText(en: en, zh: zh)[lang] }
        func shown(_ day: Day) -> String { today.map { Self.day(day, today: $0) } ?? day.description }
        switch kind {
        case .advanced, .slipped, .forced:
            var move = "\(item.fromStage.map(stageName) ?? "?") → \(item.toStage.map(stageName) ?? "?")"
            if item.moves.count > 1 { move += l(" (\(item.moves.count) moves)", "（\(item.moves.count) 次）") }
            let reasons = item.moves.filter { $0.forced && !$0.note.isEmpty }.map(\.note)
            let reason = reasons.isEmpty ? item.detail : reasons.joined(separator: "; ")
            return kind == .forced && !reason.isEmpty ? move + ": " + reason : move
        case .stalled:
            let idle = item.daysIdle.map { l("idle \($0) days", "停滞 \($0) 天") }
            let last = item.lastActivity.map { l("last activity \(shown($0))", "最近行动 \(shown($0))") } ?? l("no activity yet", "尚无行动")
            return [idle, last].compactMap { $0 }.joined(separator: " · ")
        case .overdueNextStep:
            guard let due = item.nextStepDue else { return "" }
            let late = today.map { item.daysPast(due, today: $0) }.flatMap { $0 > 0 ? l(" · \($0) days late", " · 逾期 \($0) 天") : nil } ?? ""
            return l("due \(shown(due))", "到期 \(shown(due))") + late
        case .pastClose:
            guard let close = item.expectedClose else { return "" }
            let past = today.map { item.daysPast(close, today: $0) }.flatMap { $0 > 0 ? l(" · \($0) days ago", " · 已过 \($0) 天") : nil } ?? ""
            return l("close \(shown(close))", "成交日期 \(shown(close))") + past
        case .newDeals, .won, .lost, .withdrawn, .missingNextStep:
            return item.detail
        }
    }
}

extension ProcessCatalog {
    /// A stage's name in whichever process has it, preferring `process`; the key when none does.
    public func stageName(_ key: String, preferring process: ProcessTemplate?, lang: Language) -> String {
        (process?.stage(key) ?? processes.lazy.compactMap { $0.stage(key) }.first)?.name[lang] ?? key
    }
}
