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
            case .board: StandupBoardPanel.render(review, health: standup.health, state: state, into: &canvas, area: body)
            case .nextSteps: nextSteps(review, numbers: state.numbers, today: state.today, lang: lang, into: &canvas, area: body)
            case .yesterday: yesterday(review, numbers: state.numbers, catalog: state.catalog, process: state.process, lang: lang, into: &canvas, area: body)
            case .quadrants: quadrants(standup.quadrants, numbers: state.numbers, lang: lang, into: &canvas, area: body)
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

    /// Per rep: steps due today and overdue, big enough to call out; then the overdue deals, largest first, with their amounts.
    static func nextSteps(_ review: WeeklyReview, numbers: TeamNumbers, today: Day, lang: Language, into canvas: inout Canvas, area: Rect) {
        func l(_ en: String, _ zh: String) -> String { LocalizedText(en: en, zh: zh)[lang] }
        var x = area.x
        let step = max(22, area.width / 4)
        for (label, value, role) in [(l("due today", "今日到期"), review.dueToday.count, .cardDue),
                                     (l("overdue", "逾期"), review.overdueNextStep.count, .cardOverdue),
                                     (l("no next step", "无下一步"), review.missingNextStep.count, StyleRole.warning)] {
            canvas.put(label, x: x, y: area.y, role: .header, maxWidth: step - 2)
            BigType.put("\(value)", x: x, y: area.y + 1, role: role, maxWidth: step - 2, into: &canvas)
            x += max(step, TextWidth.of(label) + 4)
        }
        let overdueAmount = ReviewWording.total(review.overdueNextStep.base, lang: lang)
        canvas.put(l("overdue: ", "逾期金额：") + overdueAmount, x: x, y: area.y + 3, role: .cardOverdue, maxWidth: max(0, area.maxX - x))
        let reps = review.reps.filter { $0.dueToday + $0.overdue > 0 }.sorted { ($0.overdue, $0.dueToday, $1.rep) > ($1.overdue, $1.dueToday, $0.rep) }
        var y = area.y + 7
        canvas.put(TextWidth.padRight(l("rep", "销售"), to: 16) + TextWidth.padLeft(l("today", "今日"), to: 8) + TextWidth.padLeft(l("overdue", "逾期"), to: 8),
                   x: area.x, y: y, role: .header, maxWidth: area.width)
        for rep in reps where y + 1 < area.maxY {
            y += 1
            canvas.put(TextWidth.padRight(TextWidth.truncate(numbers.name(rep.rep), to: 15), to: 16) + TextWidth.padLeft("\(rep.dueToday)", to: 8)
                       + TextWidth.padLeft("\(rep.overdue)", to: 8), x: area.x, y: y, role: rep.overdue > 0 ? .cardOverdue : .normal, maxWidth: area.width)
        }
        let listX = area.x + 36
        guard listX + 20 < area.maxX else { return }
        // Overdue first, then today's steps, then the actions planned on accounts, then the deals
        // with no next step: each with its amount or day, as many as the wall holds.
        var row = area.y + 7
        func room(above bottom: Int) -> Rect? { row + 3 < bottom ? Rect(x: listX, y: row, width: area.maxX - listX, height: bottom - row) : nil }
        // The deals' lists leave the account actions their title, header and first few rows.
        let plans = review.accountPlans
        let reserved = plans.count == 0 ? 0 : 3 + min(plans.count, 3) + (plans.count > 3 ? 1 : 0)
        for (list, title) in [(review.overdueNextStep, l("Overdue, largest first", "逾期（按金额）")), (review.dueToday, l("Due today", "今日到期"))] {
            guard list.count > 0, let rect = room(above: area.maxY - reserved) else { continue }
            row = dealList(list, title: title, numbers: numbers, today: today, base: review.baseCurrency, lang: lang, into: &canvas, area: rect) + 1
        }
        if plans.count > 0, let rect = room(above: area.maxY) {
            row = accountPlanList(plans, numbers: numbers, today: today, lang: lang, into: &canvas, area: rect) + 1
        }
        if review.missingNextStep.count > 0, let rect = room(above: area.maxY) {
            row = dealList(review.missingNextStep, title: l("No next step", "无下一步"), numbers: numbers, today: today, base: review.baseCurrency,
                           lang: lang, into: &canvas, area: rect) + 1
        }
    }

    /// The actions planned on accounts alone (overdue ones first, marked), with their day, rep and
    /// account, while they fit; returns the next free row.
    static func accountPlanList(_ list: AccountPlanList, numbers: TeamNumbers, today: Day, lang: Language, into canvas: inout Canvas, area: Rect) -> Int {
        func l(_ en: String, _ zh: String) -> String { LocalizedText(en: en, zh: zh)[lang] }
        let items = list.items
        let columns = [
            // Narrow, the short form keeps the overdue mark ("11-20 late"), which is as far as it gives way.
            ReviewColumn(header: l("due", "到期"), cells: items.map { $0.dueText(today: today, lang: lang) }, keep: 90, shrinks: true, shortest: 10,
                         compact: items.map { $0.shortDueText(today: today, lang: lang) }),
            ReviewColumn(header: l("rep", "销售"), cells: items.map { numbers.name($0.owner) }, keep: 80, shrinks: true),
            ReviewColumn(header: l("action · account", "行动 · 客户"), cells: items.map { "\($0.text) · \($0.accountName)" }, keep: 99, shrinks: true, shortest: 12),
        ]
        let room = max(0, area.height - 3)
        let shown = Array(items.indices.prefix(list.count > room ? max(0, room - 1) : room))
        let laid = ReviewTable.fit(columns, width: area.width, rows: shown)
        var row = area.y
        let title = AccountPlanList.label[lang] + " · \(list.count)" + (list.overdue > 0 ? l(" · \(list.overdue) overdue", " · 逾期 \(list.overdue)") : "")
        canvas.put(title, x: area.x, y: row, role: list.overdue > 0 ? .cardOverdue : .header, maxWidth: area.width)
        row += 1
        canvas.put(laid.header, x: area.x, y: row, role: .dim, maxWidth: area.width)
        for index in shown {
            row += 1
            canvas.put(laid.row(index), x: area.x, y: row, role: items[index].isOverdue(today: today) ? .cardOverdue : .normal, maxWidth: area.width)
        }
        if list.count > shown.count, row + 1 < area.maxY {
            row += 1
            canvas.put(l("… \(list.count - shown.count) more", "… 另有 \(list.count - shown.count) 条"), x: area.x, y: row, role: .dim, maxWidth: area.width)
        }
        return row + 1
    }

    /// A list's title, then its deals (due date, amount, rep, deal and account) while they fit; returns the next free row.
    static func dealList(_ list: ReviewList, title: String, numbers: TeamNumbers, today: Day, base: String, lang: Language,
                         into canvas: inout Canvas, area: Rect) -> Int {
        func l(_ en: String, _ zh: String) -> String { LocalizedText(en: en, zh: zh)[lang] }
        let items = list.items
        let columns = [
            ReviewColumn(header: l("due", "到期"), cells: items.map { $0.nextStepDue.map { ReviewWording.day($0, today: today) } ?? "—" }, keep: 90),
            ReviewColumn(header: l("amount", "金额"), cells: items.map { ReviewWording.amount($0, base: base, lang: lang) }, keep: 95,
                         shrinks: true, shortest: 8, alignRight: true),
            ReviewColumn(header: l("rep", "销售"), cells: items.map { numbers.name($0.owner) }, keep: 80, shrinks: true),
            ReviewColumn(header: l("deal · account", "商机 · 客户"), cells: items.map { "\($0.title) · \($0.accountName)" }, keep: 99, shrinks: true, shortest: 12),
        ]
        let room = max(0, area.height - 3)
        let shown = Array(items.indices.prefix(list.count > room ? max(0, room - 1) : room))
        let laid = ReviewTable.fit(columns, width: area.width, rows: shown)
        var row = area.y
        canvas.put("\(title) · \(list.count) · " + ReviewWording.total(list.base, lang: lang), x: area.x, y: row, role: .header, maxWidth: area.width)
        row += 1
        canvas.put(laid.header, x: area.x, y: row, role: .dim, maxWidth: area.width)
        for index in shown {
            row += 1
            canvas.put(laid.row(index), x: area.x, y: row, role: .normal, maxWidth: area.width)
        }
        if list.count > shown.count, row + 1 < area.maxY {
            row += 1
            canvas.put(l("… \(list.count - shown.count) more", "… 另有 \(list.count - shown.count) 条"), x: area.x, y: row, role: .dim, maxWidth: area.width)
        }
        return row + 1
    }

    static func yesterday(_ review: WeeklyReview, numbers: TeamNumbers, catalog: ProcessCatalog, process: ProcessTemplate, lang: Language, into canvas: inout Canvas, area: Rect) {
        func stageName(_ key: String) -> String { catalog.stageName(key, preferring: process, lang: lang) }
        let kinds: [(ReviewListKind, StyleRole)] = [(.advanced, .success), (.won, .grade(.a)), (.lost, .risk), (.newDeals, .accent)]
        var x = area.x
        for (kind, role) in kinds {
            let list = review.list(kind)
            canvas.put(kind.label[lang], x: x, y: area.y, role: .header, maxWidth: 20)
            BigType.put("\(list.count)", x: x, y: area.y + 1, role: role, maxWidth: 20, into: &canvas)
            if list.count > 0 { canvas.put(ReviewWording.total(list.base, lang: lang), x: x, y: area.y + 6, role: .dim, maxWidth: max(20, area.width / 4 - 2)) }
            x += max(22, area.width / 4)
        }
        var y = area.y + 8
        // Each kind gets an equal share of the rows below the figures.
        let share = max(4, (area.maxY - y) / kinds.count)
        for (kind, _) in kinds {
            for item in review.list(kind).items.prefix(share) where y < area.maxY {
                let what = ReviewWording.detail(item, kind, lang: lang, stageName: stageName)
                let amount = ReviewWording.amount(item, base: review.baseCurrency, lang: lang)
                canvas.put("\(kind.label[lang])  \(numbers.name(item.owner))  \(amount)  \(item.title) · \(item.accountName)  \(what)", x: area.x, y: y,
                           role: .normal, maxWidth: area.width)
                y += 1
            }
        }
        if y == area.y + 8 {
            canvas.put(LocalizedText(en: "Nothing moved yesterday.", zh: "昨日没有变化。")[lang], x: area.x, y: y, role: .dim, maxWidth: area.width)
        }
    }

    /// The four quadrants as the grid: counts big, with their pipeline.
    static func quadrants(_ summary: QuadrantSummary?, numbers: TeamNumbers, lang: Language, into canvas: inout Canvas, area: Rect) {
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
                let pipeline = Money.compact(group?.pipeline ?? 0, lang)
                canvas.put(LocalizedText(en: "open pipeline \(pipeline)", zh: "在途 \(pipeline)")[lang], x: inner.x + 1, y: inner.y + 7, role: .normal,
                           maxWidth: inner.width - 2)
                for (i, account) in (group?.top ?? []).prefix(max(0, inner.height - 9)).enumerated() {
                    canvas.put("· " + account.account.name + (account.account.owner.map { " · " + numbers.name($0) } ?? ""), x: inner.x + 1, y: inner.y + 9 + i, role: .dim, maxWidth: inner.width - 2)
                }
            }
        }
    }
}
