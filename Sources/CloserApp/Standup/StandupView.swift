import CloserCore
import Foundation
import TerminalUI

/// The wall display: one panel at a time in large type, a heading that says which and when,
/// and a banner over the last good picture when the store cannot be read.
enum StandupView {
    static func render(_ state: AppState, _ standup: StandupState, into canvas: inout Canvas) {
        let lang = state.lang
        let area = Rect(x: 0, y: 0, width: state.width, height: state.height)
        func l(_ en: String, _ zh: String) -> String { LocalizedText(en: en, zh: zh)[lang] }
        let panels = StandupState.Panel.allCases
        var heading = "  \(standup.panel.title[lang])   \(standup.panel.rawValue + 1)/\(panels.count)"
        heading += standup.paused ? l("   ‖ paused", "   ‖ 已暂停") : l("   every \(Int(standup.interval)) s", "   每 \(Int(standup.interval)) 秒")
        canvas.fill(Rect(x: 0, y: 0, width: area.width, height: 1), role: .tabActive)
        canvas.put(heading, x: 0, y: 0, role: .tabActive, maxWidth: area.width)
        let time = standup.loadedAt.map { Self.clock($0) } ?? "—"
        let right = "\(state.today) \(time)  "
        canvas.put(right, x: area.width - TextWidth.of(right), y: 0, role: .tabActive, maxWidth: TextWidth.of(right))
        var body = Rect(x: 2, y: 2, width: area.width - 4, height: area.height - 4)
        if let problem = standup.problem {
            let banner = l("⚠ The store cannot be read (\(problem)) — showing the picture of \(time), retrying every second",
                           "⚠ 无法读取数据库（\(problem)）—— 显示 \(time) 的画面，每秒重试")
            canvas.fill(Rect(x: 0, y: 1, width: area.width, height: 1), role: .highlight)
            canvas.put(" " + banner, x: 0, y: 1, role: .highlight, maxWidth: area.width)
            body = Rect(x: 2, y: 3, width: area.width - 4, height: area.height - 5)
        }
        if let review = standup.review {
            switch standup.panel {
            case .board: board(review, process: state.process, catalog: state.catalog, lang: lang, into: &canvas, area: body)
            case .nextSteps: nextSteps(review, lang: lang, into: &canvas, area: body)
            case .yesterday: yesterday(review, catalog: state.catalog, process: state.process, lang: lang, into: &canvas, area: body)
            case .quadrants: quadrants(standup.quadrants, lang: lang, into: &canvas, area: body)
            }
        }
        let keys = standup.wallOnly ? l("Space pause · ← → panels · q quit", "空格 暂停 · ← → 切换 · q 退出")
            : l("Space pause · ← → panels · Esc back to the dashboard", "空格 暂停 · ← → 切换 · Esc 返回")
        canvas.put(state.message?.text ?? keys, x: 2, y: area.height - 1, role: state.message == nil ? .dim : .warning, maxWidth: area.width - 4)
    }

    static func clock(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970) + TimeZone.current.secondsFromGMT(for: date)
        let minutes = ((seconds / 60) % 1_440 + 1_440) % 1_440
        return String(format: "%02d:%02d", minutes / 60, minutes % 60)
    }

    /// The main currency's total, big, then one bar per stage.
    static func board(_ review: WeeklyReview, process: ProcessTemplate, catalog: ProcessCatalog, lang: Language, into canvas: inout Canvas, area: Rect) {
        var totals: CurrencyTotals = [:], weighted: CurrencyTotals = [:]
        for stage in review.funnel {
            for (currency, amount) in stage.amount { totals[currency, default: 0] += amount }
            for (currency, amount) in stage.weighted { weighted[currency, default: 0] += amount }
        }
        let main = totals.max { $0.value < $1.value }?.key ?? Money.defaultCurrency
        let count = review.funnel.reduce(0) { $0 + $1.count }
        canvas.put(LocalizedText(en: "Open pipeline · \(process.name.en)", zh: "在途管道 · \(process.name.zh)")[lang], x: area.x, y: area.y, role: .header,
                   maxWidth: area.width)
        var x = area.x
        x += BigType.put(Money.compact(totals[main] ?? 0), x: x, y: area.y + 2, role: .stageTotal, maxWidth: area.width, into: &canvas)
        canvas.put(main, x: x + 1, y: area.y + 6, role: .dim, maxWidth: 4)
        let side = LocalizedText(en: "\(count) deal\(count == 1 ? "" : "s") · weighted \(main) \(Money.compact(weighted[main] ?? 0))",
                                 zh: "\(count) 个商机 · 加权 \(main) \(Money.compact(weighted[main] ?? 0))")[lang]
        canvas.put(side, x: x + 6, y: area.y + 4, role: .normal, maxWidth: max(0, area.maxX - x - 6))
        let largest = max(1, review.funnel.map { $0.amount[main] ?? 0 }.max() ?? 1)
        let nameWidth = 12
        let barWidth = max(4, area.width - nameWidth - 34)
        for (row, stage) in review.funnel.enumerated() {
            let y = area.y + 8 + row * 2
            guard y < area.maxY else { break }
            canvas.put(catalog.stageName(stage.stage, preferring: process, lang: lang), x: area.x, y: y, role: .stageHeader, maxWidth: nameWidth - 1)
            let length = Int((Double(stage.amount[main] ?? 0) / Double(largest) * Double(barWidth)).rounded())
            canvas.put(String(repeating: "█", count: max(stage.count > 0 ? 1 : 0, length)), x: area.x + nameWidth, y: y, role: .bar, maxWidth: barWidth)
            canvas.put("\(stage.count) · \(ReviewWording.totals(stage.amount))", x: area.x + nameWidth + barWidth + 2, y: y, role: .normal, maxWidth: 32)
        }
    }

    /// Per rep: steps due today and overdue, big enough to call out; then the overdue deals.
    static func nextSteps(_ review: WeeklyReview, lang: Language, into canvas: inout Canvas, area: Rect) {
        func l(_ en: String, _ zh: String) -> String { LocalizedText(en: en, zh: zh)[lang] }
        var x = area.x
        for (label, value, role) in [(l("due today", "今日到期"), review.dueToday.count, .cardDue),
                                     (l("overdue", "逾期"), review.overdueNextStep.count, .cardOverdue),
                                     (l("no next step", "无下一步"), review.missingNextStep.count, StyleRole.warning)] {
            canvas.put(label, x: x, y: area.y, role: .header, maxWidth: 20)
            BigType.put("\(value)", x: x, y: area.y + 1, role: role, maxWidth: 20, into: &canvas)
            x += max(22, TextWidth.of(label) + 4)
        }
        let reps = review.reps.filter { $0.dueToday + $0.overdue > 0 }.sorted { ($0.overdue, $0.dueToday, $1.rep) > ($1.overdue, $1.dueToday, $0.rep) }
        var y = area.y + 7
        canvas.put(TextWidth.padRight(l("rep", "销售"), to: 16) + TextWidth.padLeft(l("today", "今日"), to: 8) + TextWidth.padLeft(l("overdue", "逾期"), to: 8),
                   x: area.x, y: y, role: .header, maxWidth: area.width)
        for rep in reps where y + 1 < area.maxY {
            y += 1
            canvas.put(TextWidth.padRight(rep.rep, to: 16) + TextWidth.padLeft("\(rep.dueToday)", to: 8) + TextWidth.padLeft("\(rep.overdue)", to: 8),
                       x: area.x, y: y, role: rep.overdue > 0 ? .cardOverdue : .normal, maxWidth: area.width)
        }
        let listX = area.x + 36
        guard listX + 20 < area.maxX else { return }
        var row = area.y + 7
        canvas.put(l("Overdue, largest first", "逾期（按金额）"), x: listX, y: row, role: .header, maxWidth: area.maxX - listX)
        for item in review.overdueNextStep.items where row + 1 < area.maxY {
            row += 1
            let due = item.nextStepDue.map(BoardView.shortDate) ?? ""
            canvas.put("\(due)  \(item.owner)  \(item.title) · \(item.accountName)", x: listX, y: row, role: .normal, maxWidth: area.maxX - listX)
        }
    }

    static func yesterday(_ review: WeeklyReview, catalog: ProcessCatalog, process: ProcessTemplate, lang: Language, into canvas: inout Canvas, area: Rect) {
        func stageName(_ key: String) -> String { catalog.stageName(key, preferring: process, lang: lang) }
        let kinds: [(ReviewListKind, StyleRole)] = [(.advanced, .success), (.won, .grade(.a)), (.lost, .risk), (.newDeals, .accent)]
        var x = area.x
        for (kind, role) in kinds {
            let list = review.list(kind)
            canvas.put(kind.label[lang], x: x, y: area.y, role: .header, maxWidth: 20)
            BigType.put("\(list.count)", x: x, y: area.y + 1, role: role, maxWidth: 20, into: &canvas)
            if !list.amount.isEmpty { canvas.put(ReviewWording.totals(list.amount), x: x, y: area.y + 6, role: .dim, maxWidth: 20) }
            x += 22
        }
        var y = area.y + 8
        for (kind, _) in kinds {
            for item in review.list(kind).items.prefix(4) where y < area.maxY {
                let what = ReviewWording.detail(item, kind, lang: lang, stageName: stageName)
                canvas.put("\(kind.label[lang])  \(item.owner)  \(item.title) · \(item.accountName)  \(what)", x: area.x, y: y, role: .normal, maxWidth: area.width)
                y += 1
            }
        }
        if y == area.y + 8 {
            canvas.put(LocalizedText(en: "Nothing moved yesterday.", zh: "昨日没有变化。")[lang], x: area.x, y: y, role: .dim, maxWidth: area.width)
        }
    }

    /// The four quadrants as the grid: counts big, with their pipeline.
    static func quadrants(_ summary: QuadrantSummary?, lang: Language, into canvas: inout Canvas, area: Rect) {
        guard let summary else { return }
        let rows = area.rows(2, gap: 1)
        let order: [[Quadrant]] = [[.loyal, .strategic], [.market, .opportunity]]
        for (r, line) in order.enumerated() {
            let cells = rows[r].columns(2, gap: 2)
            for (c, quadrant) in line.enumerated() {
                let inner = Panel.render(into: &canvas, rect: cells[c], title: quadrant.label[lang])
                let group = summary.quadrants[quadrant]
                BigType.put("\(group?.count ?? 0)", x: inner.x + 1, y: inner.y + 1, role: .quadrant(quadrant),
                            maxWidth: inner.width - 2, into: &canvas)
                let pipeline = Money.compact(group?.pipeline ?? 0)
                canvas.put(LocalizedText(en: "open pipeline \(pipeline)", zh: "在途 \(pipeline)")[lang], x: inner.x + 1, y: inner.y + 7, role: .normal,
                           maxWidth: inner.width - 2)
                for (i, account) in (group?.top ?? []).prefix(max(0, inner.height - 9)).enumerated() {
                    canvas.put("· " + account.account.name, x: inner.x + 1, y: inner.y + 9 + i, role: .dim, maxWidth: inner.width - 2)
                }
            }
        }
    }
}
