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
        let who = FiguresScope.label(rep: review.rep, viewer: state.user, viewerIsRep: state.viewerIsRep, name: state.numbers.name, lang: lang)
        let week = ReviewWording.period(ReviewPeriod.week(of: review.since), today: state.today)
        let heading = LocalizedText(en: "Week \(week) · \(who) · [ ] week · t target · c call · r rep",
                                    zh: "周 \(week) · \(who) · [ ] 换周 · t 目标 · c 判断 · r 销售")[lang]
        canvas.put(heading, x: layout.heading.x, y: layout.heading.y, role: .title, maxWidth: layout.heading.width)
        funnel(review, stageName: stageName, lang: lang, into: &canvas, rect: layout.funnel)
        forecast(review, lang: lang, into: &canvas, rect: layout.forecast)
        menu(state, review, lang: lang, into: &canvas, rect: layout.menu)
        items(state, review, stageName: stageName, lang: lang, into: &canvas, rect: layout.items, rows: layout.itemRows)
    }

    /// One bar per stage, its length by amount in the base currency at today's rates.
    static func funnel(_ review: WeeklyReview, stageName: (String) -> String, lang: Language, into canvas: inout Canvas, rect: Rect) {
        let largest = max(1, review.funnel.map(\.baseAmount.minorUnits).max() ?? 1)
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
        let missing = review.funnel.map(\.baseAmount).reduce(BaseTotal(currency: review.baseCurrency), +)
        let note = missing.isComplete ? "" : " · " + BoardView.missingRates(missing, lang: lang)
        let long = LocalizedText(en: "Funnel (open now, \(review.baseCurrency)) · conversion and days over \(review.weeks) weeks",
                                 zh: "漏斗（当前在途，\(review.baseCurrency)）· 转化率与停留天数：近 \(review.weeks) 周")[lang] + note
        let short = LocalizedText(en: "Funnel · \(review.baseCurrency)", zh: "漏斗 · \(review.baseCurrency)")[lang] + note
        canvas.put(TextWidth.of(long) <= nameWidth + barWidth ? long : short, x: rect.x, y: rect.y, role: missing.isComplete ? .header : .warning,
                   maxWidth: nameWidth + barWidth)
        canvas.put(header, x: rect.x + nameWidth + barWidth + 1, y: rect.y, role: .dim, maxWidth: figuresWidth)
        for (row, stage) in review.funnel.enumerated() where row + 1 < rect.height {
            let y = rect.y + 1 + row
            canvas.put(stageName(stage.stage), x: rect.x, y: y, role: .stageHeader, maxWidth: nameWidth - 1)
            let length = Int((Double(stage.baseAmount.minorUnits) / Double(largest) * Double(barWidth)).rounded())
            canvas.put(String(repeating: "█", count: max(stage.count > 0 ? 1 : 0, length)), x: rect.x + nameWidth, y: y, role: .bar, maxWidth: barWidth)
            let conversion = conversions[stage.stage].map { ReviewWording.percent($0.rate) } ?? ""
            let average = days[stage.stage].map { $0.exits == 0 ? "—" : String(Int($0.averageDays.rounded())) } ?? "—"
            // A stage holding an amount with no rate says so with a mark the heading explains.
            let mark = stage.baseAmount.isComplete ? "" : "+?"
            let row = figures("\(stage.count)", Money.compact(stage.baseAmount.minorUnits, lang) + mark,
                              Money.compact(stage.baseWeighted.minorUnits, lang) + mark, conversion, average)
            canvas.put(row, x: rect.x + nameWidth + barWidth + 1, y: y, role: .normal, maxWidth: figuresWidth)
        }
    }

    /// This month and this quarter: won, commit, best case, the manager's call, the target,
    /// attainment and the gap, then weighted and pipeline where there is room; all in the base currency.
    static func forecast(_ review: WeeklyReview, lang: Language, into canvas: inout Canvas, rect: Rect) {
        func l(_ en: String, _ zh: String) -> String { LocalizedText(en: en, zh: zh)[lang] }
        func money(_ total: BaseTotal) -> String { Money.compact(total.minorUnits, lang) + (total.isComplete ? "" : "+?") }
        let standings = review.forecast.map { ($0, $0.attainment(rep: review.rep)) }
        let missing = review.forecast.flatMap { [$0.baseWon, $0.baseCommit, $0.baseBestCase, $0.baseWeighted, $0.basePipeline] }
            .reduce(BaseTotal(currency: review.baseCurrency), +)
        var title = l("Forecast and target in \(review.baseCurrency) · attained = won ÷ target · gap = target − won − commit",
                      "预测与目标（\(review.baseCurrency)）· 达成率 = 赢单 ÷ 目标 · 缺口 = 目标 − 赢单 − 承诺")
        if !missing.isComplete { title = l("Forecast in \(review.baseCurrency) · +? ", "预测（\(review.baseCurrency)）· +? ") + BoardView.missingRates(missing, lang: lang) }
        canvas.put(title, x: rect.x, y: rect.y, role: missing.isComplete ? .dim : .warning, maxWidth: rect.width)
        let columns = [
            ReviewColumn(header: l("Period", "期间"), cells: standings.map { $0.0.period }, keep: 99),
            ReviewColumn(header: l("✓ won", "✓ 赢单"), cells: standings.map { money($0.0.baseWon) }, keep: 90, alignRight: true),
            ReviewColumn(header: l("commit", "承诺"), cells: standings.map { money($0.0.baseCommit) }, keep: 85, alignRight: true),
            ReviewColumn(header: l("best case", "乐观"), cells: standings.map { money($0.0.baseBestCase) }, keep: 50, alignRight: true),
            ReviewColumn(header: l("my call", "经理判断"), cells: standings.map { f in
                f.0.managerCall.map { $0.amount.currency == review.baseCurrency ? Money.compact($0.amount.minorUnits, lang) : $0.amount.compact(lang) } ?? "—"
            }, keep: 60, alignRight: true),
            ReviewColumn(header: l("target", "目标"), cells: standings.map { $0.0.target.map { money($0.amount) } ?? "—" }, keep: 80, alignRight: true),
            ReviewColumn(header: l("attained", "达成率"), cells: standings.map { $0.1?.ratioText ?? "—" }, keep: 75, alignRight: true),
            ReviewColumn(header: l("gap", "缺口"), cells: standings.map { $0.1?.gap.map { Money.compact($0, lang) } ?? "—" }, keep: 70, alignRight: true),
            ReviewColumn(header: l("≈ weighted", "≈ 加权"), cells: standings.map { money($0.0.baseWeighted) }, keep: 30, alignRight: true),
            ReviewColumn(header: l("pipeline", "管道"), cells: standings.map { money($0.0.basePipeline) }, keep: 20, alignRight: true),
        ]
        let laid = ReviewTable.fit(columns, width: rect.width, rows: Array(standings.indices))
        canvas.put(laid.header, x: rect.x, y: rect.y + 1, role: .header, maxWidth: rect.width)
        for index in standings.indices where index + 2 < rect.height {
            canvas.put(laid.row(index), x: rect.x, y: rect.y + 2 + index, role: .normal, maxWidth: rect.width)
        }
    }

    /// The status line's reminder of the review's keys.
    static func hints(_ lang: Language) -> [KeyHint] {
        func hint(_ key: String, _ en: String, _ zh: String) -> KeyHint { KeyHint(key, LocalizedText(en: en, zh: zh)[lang]) }
        return [hint("↑↓", "list", "列表"), hint("Enter →", "open", "打开"), hint("←", "back", "返回"), hint("[ ]", "week", "换周"), hint("t", "target", "目标"),
                hint("c", "call", "经理判断"), hint("r m", "rep", "销售"), hint("?", "help", "帮助")]
    }

    /// A section's title and count; nil count: not read yet (health, until it is in view).
    static func sectionTitle(_ section: ReviewState.Section, _ state: AppState, _ review: WeeklyReview, lang: Language) -> (String, Int?) {
        switch section {
        case .list(let kind): (kind.label[lang], review.list(kind).count)
        case .accountPlans: (AccountPlanList.label[lang], review.accountPlans.count)
        case .health(let rule): (BoardView.healthGlyph + " " + rule.shortLabel[lang], state.review.health.map { $0.list(rule)?.count ?? 0 })
        case .healthByRep: (BoardView.healthGlyph + LocalizedText(en: " per rep", zh: " 各销售健康")[lang], state.review.health?.flaggedDeals)
        case .closeDates: (LocalizedText(en: "Close dates moved", zh: "成交日期变动")[lang], review.closeDatesMoved)
        case .quadrants: (LocalizedText(en: "Quadrant changes", zh: "象限变化")[lang], review.quadrantChanges.count)
        case .reps: (LocalizedText(en: "Per rep", zh: "按销售")[lang], review.reps.count)
        }
    }

    static func menu(_ state: AppState, _ review: WeeklyReview, lang: Language, into canvas: inout Canvas, rect: Rect) {
        let inner = Panel.render(into: &canvas, rect: rect, title: LocalizedText(en: "This week", zh: "本周")[lang],
                                 focused: !state.review.inItems)
        let sections = ReviewState.sections
        let first = max(0, min(state.review.section - inner.height + 1, sections.count - inner.height))
        for (row, index) in (first..<sections.count).enumerated() where row < inner.height {
            let (title, count) = sectionTitle(sections[index], state, review, lang: lang)
            let selected = index == state.review.section
            let attention: Bool = switch sections[index] {
            case .list(let kind): [.lost, .forced, .stalled, .missingNextStep, .overdueNextStep, .slipped, .pastClose].contains(kind) && (count ?? 0) > 0
            case .health: (count ?? 0) > 0
            case .accountPlans: review.accountPlans.overdue > 0
            default: false
            }
            let line = TextWidth.padRight(title, to: max(0, inner.width - 5)) + TextWidth.padLeft(count.map { "\($0)" } ?? "·", to: 5)
            canvas.put(line, x: inner.x, y: inner.y + row, role: selected ? .selected : attention ? .warning : .normal, maxWidth: inner.width)
        }
    }

    static func items(_ state: AppState, _ review: WeeklyReview, stageName: (String) -> String, lang: Language,
                      into canvas: inout Canvas, rect: Rect, rows: Int) {
        let section = state.review.currentSection
        let (title, count) = sectionTitle(section, state, review, lang: lang)
        var heading = "\(title) · \(count.map { "\($0)" } ?? "…")"
        switch section {
        case .list(let kind) where review.list(kind).count > 0: heading += " · " + ReviewWording.total(review.list(kind).base, lang: lang)
        case .accountPlans:
            let last = review.accountPlans.through.map { ReviewWording.day($0, today: state.today) } ?? "—"
            heading += LocalizedText(en: " · \(review.accountPlans.overdue) overdue · due by \(last)", zh: " · 逾期 \(review.accountPlans.overdue) · 截至 \(last)")[lang]
        case .health(let rule):
            if let list = state.review.health?.list(rule), list.count > 0 {
                heading += " · " + ReviewWording.total(state.numbers.total(list.amount.map { ($0.key, $0.value) }, on: state.today), lang: lang)
            }
        case .reps: heading += " · " + Period.quarter(containing: state.today).description
        default: break
        }
        let inner = Panel.render(into: &canvas, rect: rect, title: heading, focused: state.review.inItems)
        if section.isHealth, state.review.health == nil {
            canvas.put(LocalizedText(en: "this store keeps no health warnings", zh: "此数据库没有健康警示")[lang], x: inner.x + 1, y: inner.y,
                       role: .dim, maxWidth: inner.width - 1)
            return
        }
        let columns = ReviewSections.columns(section, state, review, stageName: stageName, lang: lang)
        let total = columns.first?.cells.count ?? 0
        guard total > 0 else {
            let none = section.isHealth ? LocalizedText(en: "no open deal trips it", zh: "没有在途商机触发")
                : section == .accountPlans ? LocalizedText(en: "no action planned on an account is overdue or due this coming week (quadrant: P)",
                                                           zh: "没有逾期或未来一周到期的客户行动（客户象限：P）")
                : LocalizedText(en: "nothing in this period", zh: "本期没有")
            canvas.put(none[lang], x: inner.x + 1, y: inner.y, role: .dim, maxWidth: inner.width - 1)
            return
        }
        let footer = ReviewSections.footer(section, state, review, lang: lang)
        let shownRows = footer == nil ? rows : max(1, rows - 1)
        var scroll = state.review.items
        scroll.clamp(count: total, pageSize: shownRows)
        let visible = scroll.offset..<min(total, scroll.offset + shownRows)
        var sized = columns
        if let footer { for i in sized.indices where footer.indices.contains(i) { sized[i].cells.append(footer[i]) } }
        let laid = ReviewTable.fit(sized, width: inner.width, rows: Array(visible) + (footer == nil ? [] : [total]))
        canvas.put(laid.header, x: inner.x, y: inner.y, role: .header, maxWidth: inner.width)
        for (offset, index) in visible.enumerated() {
            let selected = state.review.inItems && index == scroll.selected
            canvas.put(TextWidth.padRight(laid.row(index), to: inner.width), x: inner.x, y: inner.y + 1 + offset, role: selected ? .selected : .normal,
                       maxWidth: inner.width)
        }
        if footer != nil {
            canvas.put(laid.row(total), x: inner.x, y: inner.y + 1 + visible.count, role: .header, maxWidth: inner.width)
        }
        let carried = section.isHealth ? (state.review.health.map { h in
            if case .health(let rule) = section { return h.list(rule)?.count ?? 0 }
            return h.reps.count
        } ?? 0) : count ?? 0
        if carried > total {
            canvas.put(LocalizedText(en: "… \(carried - total) more (closer report)", zh: "… 另有 \(carried - total) 条（closer report）")[lang],
                       x: inner.x, y: inner.maxY - 1, role: .dim, maxWidth: inner.width)
        }
    }
}
