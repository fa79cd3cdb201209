import CloserCore
import TerminalUI

/// The wall's first panel: the whole open pipeline in the base currency, big, with one bar per
/// stage; beside it, where the screen is wide enough, this month's and quarter's standing against
/// target and the deals' health. Rows spread to the height the wall has.
enum StandupBoardPanel {
    static func render(_ review: WeeklyReview, health: HealthReport?, state: AppState, into canvas: inout Canvas, area: Rect) {
        let lang = state.lang
        // Beside the pipeline from 120 columns on: the standing and the health.
        let wide = area.width >= 120
        let left = wide ? Rect(x: area.x, y: area.y, width: area.width * 3 / 5, height: area.height) : area
        let right = Rect(x: left.maxX + 3, y: area.y, width: max(0, area.maxX - left.maxX - 3), height: area.height)
        pipeline(review, state: state, into: &canvas, area: left)
        guard wide else { return }
        let standingHeight = min(right.height / 2, 16)
        standing(review, lang: lang, into: &canvas, area: Rect(x: right.x, y: right.y, width: right.width, height: standingHeight))
        if let health {
            self.health(health, numbers: state.numbers, today: state.today, lang: lang, into: &canvas,
                        area: Rect(x: right.x, y: right.y + standingHeight + 1, width: right.width, height: right.height - standingHeight - 1))
        }
    }

    static func pipeline(_ review: WeeklyReview, state: AppState, into canvas: inout Canvas, area: Rect) {
        let lang = state.lang
        let total = review.funnel.map(\.baseAmount).reduce(BaseTotal(currency: review.baseCurrency), +)
        let weighted = review.funnel.map(\.baseWeighted).reduce(BaseTotal(currency: review.baseCurrency), +)
        let count = review.funnel.reduce(0) { $0 + $1.count }
        let process = state.process
        canvas.put(LocalizedText(en: "Open pipeline · \(process.name.en)", zh: "在途管道 · \(process.name.zh)")[lang], x: area.x, y: area.y,
                   role: .header, maxWidth: area.width)
        var x = area.x
        x += BigType.put(Money.compact(total.minorUnits, lang), x: x, y: area.y + 2, role: .stageTotal, maxWidth: area.width, into: &canvas)
        canvas.put(review.baseCurrency, x: x + 1, y: area.y + 6, role: .dim, maxWidth: 4)
        let side = LocalizedText(en: "\(count) deal\(count == 1 ? "" : "s") · weighted \(Money.compact(weighted.minorUnits, lang))",
                                 zh: "\(count) 个商机 · 加权 \(Money.compact(weighted.minorUnits, lang))")[lang]
        canvas.put(side, x: x + 6, y: area.y + 4, role: .normal, maxWidth: max(0, area.maxX - x - 6))
        if !total.isComplete {
            canvas.put(BoardView.missingRates(total, lang: lang), x: x + 6, y: area.y + 5, role: .warning, maxWidth: max(0, area.maxX - x - 6))
        }
        let largest = max(1, review.funnel.map(\.baseAmount.minorUnits).max() ?? 1)
        let nameWidth = 12
        let figuresWidth = 24
        let barWidth = max(4, area.width - nameWidth - figuresWidth - 2)
        let top = area.y + 8
        // Stages spread down the wall: two rows each at least, more where the wall is tall.
        let spacing = max(2, min(6, (area.maxY - top) / max(1, review.funnel.count)))
        for (row, stage) in review.funnel.enumerated() {
            let y = top + row * spacing
            guard y < area.maxY else { break }
            canvas.put(state.catalog.stageName(stage.stage, preferring: process, lang: lang), x: area.x, y: y, role: .stageHeader, maxWidth: nameWidth - 1)
            let length = Int((Double(stage.baseAmount.minorUnits) / Double(largest) * Double(barWidth)).rounded())
            let bar = String(repeating: "█", count: max(stage.count > 0 ? 1 : 0, length))
            for line in 0..<max(1, spacing - 1) where y + line < area.maxY {
                canvas.put(bar, x: area.x + nameWidth, y: y + line, role: .bar, maxWidth: barWidth)
            }
            let mark = stage.baseAmount.isComplete ? "" : "+?"
            canvas.put("\(stage.count) · \(Money.compact(stage.baseAmount.minorUnits, lang))\(mark)", x: area.x + nameWidth + barWidth + 2, y: y,
                       role: .normal, maxWidth: figuresWidth)
        }
    }

    /// This month and quarter: attainment big, then won, commit, target and gap.
    static func standing(_ review: WeeklyReview, lang: Language, into canvas: inout Canvas, area: Rect) {
        func l(_ en: String, _ zh: String) -> String { LocalizedText(en: en, zh: zh)[lang] }
        canvas.put(l("Against target (\(review.baseCurrency))", "目标达成（\(review.baseCurrency)）"), x: area.x, y: area.y, role: .header, maxWidth: area.width)
        let columns = area.columns(2, gap: 2)
        for (index, standing) in review.attainment.prefix(2).enumerated() {
            let rect = columns[index]
            canvas.put(standing.period.label(lang), x: rect.x, y: rect.y + 2, role: .stageHeader, maxWidth: rect.width)
            BigType.put(standing.ratioText == "—" ? "-" : standing.ratioText, x: rect.x, y: rect.y + 3, role: .stageTotal, maxWidth: rect.width, into: &canvas)
            let lines = [
                l("won ", "赢单 ") + ReviewWording.total(standing.won, lang: lang),
                l("commit ", "承诺 ") + ReviewWording.total(standing.commit, lang: lang),
                l("target ", "目标 ") + (standing.target.map { ReviewWording.total($0.amount, lang: lang) } ?? l("not set", "未设定")),
                l("gap ", "缺口 ") + (standing.gap.map { Money.compact($0, lang) } ?? "—"),
            ]
            for (row, text) in lines.enumerated() where rect.y + 9 + row < area.maxY {
                canvas.put(text, x: rect.x, y: rect.y + 9 + row, role: .normal, maxWidth: rect.width)
            }
        }
    }

    /// How many open deals trip a health rule, big; then each rule's count and amount.
    static func health(_ report: HealthReport, numbers: TeamNumbers, today: Day, lang: Language, into canvas: inout Canvas, area: Rect) {
        func l(_ en: String, _ zh: String) -> String { LocalizedText(en: en, zh: zh)[lang] }
        guard area.height > 6 else { return }
        canvas.put(l("Deal health · deals with a warning", "商机健康 · 有警示的商机"), x: area.x, y: area.y, role: .header, maxWidth: area.width)
        let used = BigType.put("\(report.flaggedDeals)", x: area.x, y: area.y + 1, role: .risk, maxWidth: area.width / 2, into: &canvas)
        let flagged = numbers.total(report.flaggedAmount.map { ($0.key, $0.value) }, on: today)
        canvas.put(l("of \(report.openDeals) open · ", "共 \(report.openDeals) 个在途 · ") + ReviewWording.total(flagged, lang: lang),
                   x: area.x + used + 1, y: area.y + 3, role: .normal, maxWidth: max(0, area.width - used - 1))
        var y = area.y + 7
        for list in report.rules where y < area.maxY {
            // "+?": part of the amount has no rate; the line above says which.
            let total = numbers.total(list.amount.map { ($0.key, $0.value) }, on: today)
            let amount = list.count > 0 ? Money.compact(total.minorUnits, lang) + (total.isComplete ? "" : "+?") : ""
            let line = TextWidth.padRight(BoardView.healthGlyph + " " + list.rule.title[lang], to: max(0, area.width - 20))
                + TextWidth.padLeft("\(list.count)", to: 6) + TextWidth.padLeft(amount, to: 14)
            canvas.put(line, x: area.x, y: y, role: list.count > 0 ? .warning : .dim, maxWidth: area.width)
            y += 1
        }
    }
}
