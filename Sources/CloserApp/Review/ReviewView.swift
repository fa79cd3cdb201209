import CloserCore
import TerminalUI

/// Where the review's parts go: heading, funnel, forecast, then the menu of lists beside the
/// focused list's rows.
struct ReviewLayout {
    let heading: Rect
    let funnel: Rect
    let forecast: Rect
    let menu: Rect
    let items: Rect

    init(content: Rect, stages: Int = 6) {
        let (heading, rest) = content.splitTop(1)
        let (funnel, afterFunnel) = rest.splitTop(stages + 1)
        let (forecast, lower) = afterFunnel.splitTop(4)
        let parts = lower.columns(widths: [min(30, lower.width / 4), lower.width], gap: 1, fillLast: true)
        self.heading = heading
        self.funnel = funnel
        self.forecast = forecast
        menu = parts[0]
        items = parts[1]
    }

    /// Item rows below the list's frame and header, less the last line, which says how many more
    /// the list holds than it carries.
    var itemRows: Int { max(1, items.height - 4) }
}

/// The Monday review: the funnel as bars with conversion and days in stage, the forecast, and
/// the lists of what happened since the period began; every row opens what it names.
enum ReviewView {
    static func render(_ state: AppState, into canvas: inout Canvas, area: Rect) {
        let lang = state.lang
        guard let review = state.review.review else { return }
        let process = state.process
        let layout = ReviewLayout(content: area, stages: process.stages.count)
        func stageName(_ key: String) -> String { state.catalog.stageName(key, preferring: process, lang: lang) }
        let who = review.rep.map { $0 == state.user ? lang(.mine) : $0 } ?? LocalizedText(en: "whole team", zh: "全体销售")[lang]
        let heading = LocalizedText(en: "Since \(review.since) (\(review.since.days(until: review.until)) days) · \(who) · [ ] week · r rep · p process",
                                    zh: "自 \(review.since) 起（\(review.since.days(until: review.until)) 天）· \(who) · [ ] 换周 · r 销售 · p 流程")[lang]
        canvas.put(heading, x: layout.heading.x, y: layout.heading.y, role: .title, maxWidth: layout.heading.width)
        funnel(review, stageName: stageName, lang: lang, into: &canvas, rect: layout.funnel)
        forecast(review, lang: lang, into: &canvas, rect: layout.forecast)
        menu(state, review, lang: lang, into: &canvas, rect: layout.menu)
        items(state, review, stageName: stageName, lang: lang, into: &canvas, rect: layout.items, rows: layout.itemRows)
    }

    /// One bar per stage, its length by amount in the funnel's main currency.
    static func funnel(_ review: WeeklyReview, stageName: (String) -> String, lang: Language, into canvas: inout Canvas, rect: Rect) {
        var byCurrency: CurrencyTotals = [:]
        for stage in review.funnel { for (currency, amount) in stage.amount { byCurrency[currency, default: 0] += amount } }
        let main = byCurrency.max { $0.value < $1.value }?.key ?? Money.defaultCurrency
        let largest = max(1, review.funnel.map { $0.amount[main] ?? 0 }.max() ?? 1)
        let conversions = Dictionary(uniqueKeysWithValues: review.conversions.map { ($0.fromStage, $0) })
        let days = Dictionary(uniqueKeysWithValues: review.daysInStage.map { ($0.stage, $0) })
        let nameWidth = min(12, (review.funnel.map { TextWidth.of(stageName($0.stage)) }.max() ?? 6) + 1)
        let figuresWidth = 44
        let barWidth = max(4, rect.width - nameWidth - figuresWidth - 1)
        func figures(_ count: String, _ amount: String, _ weighted: String, _ conversion: String, _ days: String) -> String {
            TextWidth.padLeft(count, to: 5) + "  " + TextWidth.padRight(amount, to: 10) + "  " + TextWidth.padRight(weighted, to: 10)
                + "  " + TextWidth.padLeft(conversion, to: 6) + "  " + TextWidth.padLeft(days, to: 4)
        }
        let header = lang == .zh ? figures("数量", "金额", "加权", "转化", "天数") : figures("deals", "amount", "weighted", "→ next", "days")
        let long = LocalizedText(en: "Funnel (open now) · conversion and days over \(review.weeks) weeks",
                                 zh: "漏斗（当前在途）· 转化率与停留天数：近 \(review.weeks) 周")[lang]
        let short = LocalizedText(en: "Funnel · \(review.weeks) weeks", zh: "漏斗 · 近 \(review.weeks) 周")[lang]
        canvas.put(TextWidth.of(long) <= nameWidth + barWidth ? long : short, x: rect.x, y: rect.y, role: .header, maxWidth: nameWidth + barWidth)
        canvas.put(header, x: rect.x + nameWidth + barWidth + 1, y: rect.y, role: .dim, maxWidth: figuresWidth)
        for (row, stage) in review.funnel.enumerated() where row + 1 < rect.height {
            let y = rect.y + 1 + row
            canvas.put(stageName(stage.stage), x: rect.x, y: y, role: .stageHeader, maxWidth: nameWidth - 1)
            let length = Int((Double(stage.amount[main] ?? 0) / Double(largest) * Double(barWidth)).rounded())
            canvas.put(String(repeating: "█", count: max(stage.count > 0 ? 1 : 0, length)), x: rect.x + nameWidth, y: y, role: .bar, maxWidth: barWidth)
            let others = stage.amount.keys.contains { $0 != main } ? "+" : ""
            let conversion = conversions[stage.stage].map { ReviewWording.percent($0.rate) } ?? ""
            let average = days[stage.stage].map { $0.exits == 0 ? "—" : String(Int($0.averageDays.rounded())) } ?? "—"
            // A stage with no deal in the main currency shows its own currency rather than a 0.
            let other = stage.amount.keys.sorted().first { $0 != main }
            let amount = stage.amount[main] != nil || other == nil ? Money.compact(stage.amount[main] ?? 0) + others
                : "\(other ?? "") \(Money.compact(stage.amount[other ?? ""] ?? 0))"
            let weighted = stage.amount[main] != nil || other == nil ? Money.compact(stage.weighted[main] ?? 0)
                : "\(other ?? "") \(Money.compact(stage.weighted[other ?? ""] ?? 0))"
            let row = figures("\(stage.count)", amount, weighted, conversion, average)
            canvas.put(row, x: rect.x + nameWidth + barWidth + 1, y: y, role: .normal, maxWidth: figuresWidth)
        }
    }

    /// This month and this quarter in columns: weighted, the reps' categories, won, the manager's call.
    static func forecast(_ review: WeeklyReview, lang: Language, into canvas: inout Canvas, rect: Rect) {
        func l(_ en: String, _ zh: String) -> String { LocalizedText(en: en, zh: zh)[lang] }
        let header = [l("Forecast", "预测"), l("≈ weighted", "≈ 加权"), l("commit", "承诺"), l("best case", "乐观"), l("pipeline", "管道"),
                      l("✓ won", "✓ 已赢单"), l("manager's call", "经理判断")]
        let rows = review.forecast.map { f in
            [f.period, ReviewWording.totals(f.weighted), ReviewWording.totals(f.commit), ReviewWording.totals(f.bestCase),
             ReviewWording.totals(f.pipeline), ReviewWording.totals(f.won),
             f.managerCall.map { "\($0.amount.currency) \(Money.compact($0.amount.minorUnits))" } ?? "—"]
        }
        var widths = header.map(TextWidth.of)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], TextWidth.of(cell)) } }
        // On a narrow screen the reps' best case and pipeline give way to what is committed and won.
        var shown = Array(header.indices)
        for dropped in [3, 4] where shown.map({ widths[$0] + 2 }).reduce(0, +) > rect.width {
            shown.removeAll { $0 == dropped }
        }
        func line(_ cells: [String]) -> String { shown.map { TextWidth.padRight(cells[$0], to: widths[$0]) }.joined(separator: "  ") }
        canvas.put(line(header), x: rect.x, y: rect.y + 1, role: .header, maxWidth: rect.width)
        for (i, row) in rows.enumerated() where i + 2 < rect.height {
            canvas.put(line(row), x: rect.x, y: rect.y + 2 + i, role: .normal, maxWidth: rect.width)
        }
    }

    /// The status line's reminder of the review's keys.
    static func hints(_ lang: Language) -> [KeyHint] {
        func hint(_ key: String, _ en: String, _ zh: String) -> KeyHint { KeyHint(key, LocalizedText(en: en, zh: zh)[lang]) }
        return [hint("↑↓", "list", "列表"), hint("Enter →", "open", "打开"), hint("←", "back", "返回"), hint("[ ]", "week", "换周"), hint("c", "call", "经理判断"),
                hint("r m", "rep", "销售"), hint("?", "help", "帮助")]
    }

    static func sectionTitle(_ section: ReviewState.Section, _ review: WeeklyReview, lang: Language) -> (String, Int) {
        switch section {
        case .list(let kind): (kind.label[lang], review.list(kind).count)
        case .closeDates: (LocalizedText(en: "Close dates moved", zh: "成交日期变动")[lang], review.closeDatesMoved)
        case .quadrants: (LocalizedText(en: "Quadrant changes", zh: "象限变化")[lang], review.quadrantChanges.count)
        case .reps: (LocalizedText(en: "Per rep", zh: "按销售")[lang], review.reps.count)
        }
    }

    static func menu(_ state: AppState, _ review: WeeklyReview, lang: Language, into canvas: inout Canvas, rect: Rect) {
        let inner = Panel.render(into: &canvas, rect: rect, title: LocalizedText(en: "Since the period began", zh: "本期变化")[lang],
                                 focused: !state.review.inItems)
        let sections = ReviewState.sections
        let first = max(0, min(state.review.section - inner.height + 1, sections.count - inner.height))
        for (row, index) in (first..<sections.count).enumerated() where row < inner.height {
            let (title, count) = sectionTitle(sections[index], review, lang: lang)
            let selected = index == state.review.section
            let attention: Bool = switch sections[index] {
            case .list(let kind): [.lost, .forced, .stalled, .missingNextStep, .overdueNextStep, .slipped].contains(kind) && count > 0
            default: false
            }
            let line = TextWidth.padRight(title, to: max(0, inner.width - 6)) + TextWidth.padLeft("\(count)", to: 6)
            canvas.put(line, x: inner.x, y: inner.y + row, role: selected ? .selected : attention ? .warning : .normal, maxWidth: inner.width)
        }
    }

    static func items(_ state: AppState, _ review: WeeklyReview, stageName: (String) -> String, lang: Language,
                      into canvas: inout Canvas, rect: Rect, rows: Int) {
        let section = state.review.currentSection
        let (title, count) = sectionTitle(section, review, lang: lang)
        var heading = "\(title) · \(count)"
        if case .list(let kind) = section, !review.list(kind).amount.isEmpty { heading += " · " + ReviewWording.totals(review.list(kind).amount) }
        let inner = Panel.render(into: &canvas, rect: rect, title: heading, focused: state.review.inItems)
        let table: (header: [String], rows: [[String]]) = switch section {
        case .list(let kind): (
            [lang(.title), lang(.account), lang(.owner), lang(.amount), LocalizedText(en: "what", zh: "说明")[lang]],
            review.list(kind).items.map { item in
                [item.title, item.accountName, item.owner, "\(item.amount.currency) \(Money.compact(item.amount.minorUnits))",
                 ReviewWording.detail(item, kind, lang: lang, stageName: stageName)]
            })
        case .closeDates: (
            [lang(.title), lang(.owner), LocalizedText(en: "from → to", zh: "原 → 新")[lang], LocalizedText(en: "days", zh: "天数")[lang],
             LocalizedText(en: "pushed ever", zh: "累计推迟")[lang]],
            review.closeDateChanges.map { c in
                [c.item.title, c.item.owner, "\(c.from.map(BoardView.shortDate) ?? "—") → \(c.to.map(BoardView.shortDate) ?? "—")",
                 (c.days > 0 ? "+" : "") + "\(c.days)", "\(c.pushesEver)×"]
            })
        case .quadrants: (
            [lang(.account), LocalizedText(en: "from → to", zh: "从 → 到")[lang]],
            review.quadrantChanges.map { [$0.accountName, "\($0.from.label[lang]) → \($0.to.label[lang])"] })
        case .reps: (
            [lang(.rep), LocalizedText(en: "open", zh: "在途")[lang], lang(.pipelineWord), lang(.weighted), lang(.won),
             LocalizedText(en: "moved", zh: "推进")[lang], LocalizedText(en: "stalled", zh: "停滞")[lang], lang(.overdue)],
            review.reps.map { r in
                [r.rep, "\(r.openDeals)", ReviewWording.totals(r.pipeline), ReviewWording.totals(r.weighted), ReviewWording.totals(r.won),
                 "\(r.moved)", "\(r.stalled)", "\(r.overdue)"]
            })
        }
        guard !table.rows.isEmpty else {
            canvas.put(LocalizedText(en: "nothing in this period", zh: "本期没有")[lang], x: inner.x + 1, y: inner.y, role: .dim, maxWidth: inner.width - 1)
            return
        }
        var scroll = state.review.items
        scroll.clamp(count: table.rows.count, pageSize: rows)
        var widths = table.header.map(TextWidth.of)
        for row in table.rows.prefix(scroll.offset + rows) {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], TextWidth.of(cell)) }
        }
        // Each column up to its share; the last (what happened) takes whatever is left.
        var columns = widths.enumerated().map { index, width in min(width, max(6, inner.width / (index == 0 ? 5 : 8))) }
        let used = columns.dropLast().reduce(0, +) + 2 * (columns.count - 1)
        columns[columns.count - 1] = max(columns[columns.count - 1], inner.width - used)
        func line(_ cells: [String]) -> String {
            zip(cells, columns).map { TextWidth.padRight(TextWidth.truncate($0, to: $1), to: $1) }.joined(separator: "  ")
        }
        canvas.put(line(table.header), x: inner.x, y: inner.y, role: .header, maxWidth: inner.width)
        for (offset, row) in table.rows.dropFirst(scroll.offset).prefix(rows).enumerated() {
            let selected = state.review.inItems && scroll.offset + offset == scroll.selected
            canvas.put(TextWidth.padRight(line(row), to: inner.width), x: inner.x, y: inner.y + 1 + offset, role: selected ? .selected : .normal,
                       maxWidth: inner.width)
        }
        if count > table.rows.count {
            canvas.put(LocalizedText(en: "… \(count - table.rows.count) more (closer report)", zh: "… 另有 \(count - table.rows.count) 条（closer report）")[lang],
                       x: inner.x, y: inner.maxY - 1, role: .dim, maxWidth: inner.width)
        }
    }
}
