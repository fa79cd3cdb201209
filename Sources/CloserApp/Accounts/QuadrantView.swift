import CloserCore
import TerminalUI

/// The quadrant screen: loyalty up, assistance right; framed lists or a scatter of the scores,
/// and the selected account's panel on the right.
enum QuadrantView {
    static func render(_ state: AppState, into canvas: inout Canvas, area: Rect) {
        let lang = state.lang
        let q = state.quadrant
        let layout = QuadrantLayout(area: area)
        let metric = q.metric == .pipeline ? lang(.pipelineWord) : lang(.lifetimeValue)
        let summary = "\(q.summary?.total ?? 0) \(lang(.accountsTotal)) · v: \(metric)"
        let hints = [
            "+/- " + LocalizedText(en: "loyalty", zh: "忠诚")[lang], "]/[ " + LocalizedText(en: "assistance", zh: "协助")[lang],
            "t " + (q.mode == .lists ? LocalizedText(en: "scatter", zh: "散点") : LocalizedText(en: "lists", zh: "列表"))[lang],
            "Enter 360°", "/ " + lang(.search),
        ].joined(separator: " · ")
        AccountSearchBar.render(state, hints: hints, summary: summary, into: &canvas, area: area)
        switch q.mode {
        case .lists: lists(state, layout: layout, into: &canvas)
        case .scatter: scatter(state, layout: layout, into: &canvas)
        }
        panel(state, layout: layout, into: &canvas)
    }

    static func gradeRole(_ grade: Grade) -> StyleRole { .grade(grade) }

    static func lists(_ state: AppState, layout: QuadrantLayout, into canvas: inout Canvas) {
        let lang = state.lang
        let q = state.quadrant
        let body = layout.body, grid = layout.grid
        canvas.put(LocalizedText(en: "↑ loyalty high", zh: "↑ 客户忠诚度 高")[lang], x: grid.x, y: body.y, role: .dim, maxWidth: grid.width)
        canvas.put(LocalizedText(en: "low", zh: "低")[lang], x: grid.x, y: body.maxY - 1, role: .dim)
        let axis = LocalizedText(en: "assistance high →", zh: "供应商协助 高 →")[lang]
        canvas.put(axis, x: grid.maxX - TextWidth.of(axis), y: body.maxY - 1, role: .dim)
        for quadrant in QuadrantState.order {
            let frame = layout.frame(quadrant)
            let group = q.summary?.quadrants[quadrant] ?? QuadrantSummary.Group()
            let focused = quadrant == q.focus
            let inner = Panel.render(into: &canvas, rect: frame, title: quadrant.label[lang], focused: focused)
            let footer = q.metric == .pipeline
                ? "\(group.count) · \(lang(.pipelineWord)) \(Money.compact(group.pipeline, lang))"
                : "\(group.count) · \(LocalizedText(en: "LTV", zh: "价值")[lang]) \(Money.compact(group.lifetimeValue, lang))"
            canvas.put(" \(footer) ", x: frame.x + 2, y: frame.maxY - 1, role: focused ? .borderFocused : .border, maxWidth: max(0, frame.width - 4))
            guard inner.width > 4, inner.height > 0 else { continue }
            if group.count == 0 {
                canvas.put(LocalizedText(en: "(no accounts)", zh: "（无客户）")[lang], x: inner.x + 1, y: inner.y, role: .dim, maxWidth: inner.width - 1)
                continue
            }
            let scroll = q.scroll(quadrant)
            for line in 0..<inner.height {
                let index = scroll.offset + line
                guard index < group.top.count else { break }
                let row = group.top[index]
                let selected = focused && index == scroll.selected
                let y = inner.y + line
                let amount = QuadrantSummary.value(row, byLifetimeValue: q.metric == .lifetimeValue)
                let value = amount == 0 ? "—" : Money.compact(amount, lang)
                let arrow = q.moves[row.id].map(MoveArrow.arrow) ?? ""
                let tail = (arrow.isEmpty ? "" : arrow + " ") + value
                let nameWidth = max(1, inner.width - 3 - TextWidth.of(tail) - 1)
                let text = " " + row.account.grade.rawValue + " " + TextWidth.padRight(row.account.name, to: nameWidth) + " " + tail
                canvas.put(TextWidth.padRight(text, to: inner.width), x: inner.x, y: y, role: selected ? .selected : .normal, maxWidth: inner.width)
                if !selected {
                    canvas.put(row.account.grade.rawValue, x: inner.x + 1, y: y, role: gradeRole(row.account.grade))
                    if !arrow.isEmpty {
                        canvas.put(arrow, x: inner.maxX - TextWidth.of(tail), y: y, role: .accent)
                    }
                }
            }
        }
    }

    /// x of a score's cell on the scatter (a divider column between 5 and 6).
    static func cellX(_ assistance: Int, left: Int, cellWidth: Int) -> Int {
        left + (assistance - 1) * cellWidth + (assistance >= Quadrant.highFrom ? 1 : 0)
    }

    static func cellY(_ loyalty: Int, top: Int) -> Int {
        top + (10 - loyalty) + (loyalty < Quadrant.highFrom ? 1 : 0)
    }

    static func scatter(_ state: AppState, layout: QuadrantLayout, into canvas: inout Canvas) {
        let lang = state.lang
        let q = state.quadrant
        let body = layout.body, grid = layout.grid
        let left = grid.x + 3
        let cellWidth = max(2, min(6, (grid.width - 4) / 10))
        let plotWidth = cellWidth * 10 + 1
        let top = grid.y
        // Quadrant names above and below their halves, the axes' names at the ends.
        let half = cellWidth * 5
        canvas.put(LocalizedText(en: "↑", zh: "↑")[lang], x: grid.x, y: body.y, role: .dim)
        canvas.put(TextWidth.center(Quadrant.loyal.label[lang], to: half), x: left, y: body.y, role: .quadrant(.loyal), maxWidth: half)
        canvas.put(TextWidth.center(Quadrant.strategic.label[lang], to: half), x: left + half + 1, y: body.y, role: .quadrant(.strategic), maxWidth: half)
        let bottom = cellY(1, top: top) + 2
        if bottom < body.maxY {
            canvas.put(TextWidth.center(Quadrant.market.label[lang], to: half), x: left, y: bottom, role: .quadrant(.market), maxWidth: half)
            canvas.put(TextWidth.center(Quadrant.opportunity.label[lang], to: half), x: left + half + 1, y: bottom, role: .quadrant(.opportunity), maxWidth: half)
            canvas.put("→", x: left + plotWidth, y: bottom, role: .dim)
        }
        // The borders between low and high.
        let dividerX = left + half
        let dividerY = top + 5
        canvas.vline(x: dividerX, y: top, length: 11, role: .border)
        canvas.hline(x: left, y: dividerY, length: plotWidth, role: .border)
        canvas.put("┼", x: dividerX, y: dividerY, role: .border)
        for loyalty in Quadrant.scoreRange {
            let y = cellY(loyalty, top: top)
            canvas.put(TextWidth.padLeft(String(loyalty), to: 2), x: grid.x, y: y, role: .dim)
            for assistance in Quadrant.scoreRange {
                let x = cellX(assistance, left: left, cellWidth: cellWidth)
                let cell = q.summary?.cell(assistance: assistance, loyalty: loyalty) ?? QuadrantSummary.Group()
                let isCursor = assistance == q.cellAssistance && loyalty == q.cellLoyalty
                let (text, role): (String, StyleRole) = switch cell.count {
                case 0: ("·", .dim)
                case 1: (cell.top.first?.account.grade.rawValue ?? "1", cell.top.first.map { gradeRole($0.account.grade) } ?? .normal)
                default: (String(cell.count), .accent)
                }
                let shown = TextWidth.center(TextWidth.truncate(text, to: cellWidth - 1), to: cellWidth - 1)
                canvas.put(shown, x: x, y: y, role: isCursor ? .selected : role, maxWidth: cellWidth - 1)
            }
        }
        let axisY = cellY(1, top: top) + 1
        for assistance in Quadrant.scoreRange {
            canvas.put(TextWidth.center(String(assistance), to: cellWidth - 1), x: cellX(assistance, left: left, cellWidth: cellWidth), y: axisY, role: .dim)
        }
    }

    static func panel(_ state: AppState, layout: QuadrantLayout, into canvas: inout Canvas) {
        let lang = state.lang
        let q = state.quadrant
        let selected = q.selected
        let inner = Panel.render(into: &canvas, rect: layout.panel, title: selected?.account.name ?? "—", focused: false)
        guard inner.width > 2, inner.height > 0 else { return }
        var lines: [(String, StyleRole)] = []
        if q.mode == .scatter {
            let cell = q.summary?.cell(assistance: q.cellAssistance, loyalty: q.cellLoyalty) ?? QuadrantSummary.Group()
            lines.append(("\(LocalizedText(en: "cell", zh: "格")[lang]) \(q.cellAssistance),\(q.cellLoyalty): \(cell.count) \(lang(.accountsTotal))", .dim))
            for row in cell.top.prefix(3) {
                lines.append(((row.id == selected?.id ? "▸ " : "  ") + row.account.name, row.id == selected?.id ? .accent : .normal))
            }
            if cell.count > 3 { lines.append(("  +\(cell.count - 3)", .dim)) }
        }
        if let selected {
            let account = selected.account
            let quadrant = account.quadrant
            lines.append((account.grade.label[lang], gradeRole(account.grade)))
            var where_ = quadrant.label[lang]
            if let move = q.moves[account.id] { where_ += " " + MoveArrow.arrow(move) + " " + LocalizedText(en: "from ", zh: "自")[lang] + move.from.label[lang] }
            lines.append((where_, .quadrant(quadrant)))
            lines.append(("\(LocalizedText(en: "assistance", zh: "协助")[lang]) \(account.assistance)/10 · \(LocalizedText(en: "loyalty", zh: "忠诚")[lang]) \(account.loyalty)/10", .normal))
            for text in TextWidth.wrap(quadrant.meaning[lang], to: inner.width - 1) { lines.append((text, .dim)) }
            lines += maturity(account.maturity, lang: lang, width: inner.width - 1)
            let needLoyalty = max(0, Quadrant.highFrom - account.loyalty), needAssistance = max(0, Quadrant.highFrom - account.assistance)
            let title = quadrant == .strategic ? LocalizedText(en: "Keep it strategic:", zh: "保持在忠诚度网络：")
                : LocalizedText(en: "Toward Strategic:", zh: "迈向忠诚度网络：")
            lines.append((title[lang], .title))
            lines.append(("↑ " + LocalizedText(en: "raise loyalty", zh: "提升忠诚度")[lang] + (needLoyalty > 0 ? " +\(needLoyalty)" : ""), needLoyalty > 0 ? .warning : .normal))
            for action in Quadrant.loyaltyActions { lines.append(("  · " + action[lang], .normal)) }
            lines.append(("→ " + LocalizedText(en: "raise assistance", zh: "提升协助")[lang] + (needAssistance > 0 ? " +\(needAssistance)" : ""), needAssistance > 0 ? .warning : .normal))
            for action in Quadrant.assistanceActions { lines.append(("  · " + action[lang], .normal)) }
        } else if q.mode == .lists {
            lines.append((LocalizedText(en: "(no account selected)", zh: "（未选择客户）")[lang], .dim))
        }
        for (index, line) in lines.enumerated() where index < inner.height {
            canvas.put(line.0, x: inner.x + 1, y: inner.y + index, role: line.1, maxWidth: inner.width - 1)
        }
    }

    /// The buyer's maturity (004) and the method's guidance for selling at that level, with what price weighs there.
    static func maturity(_ maturity: BuyerMaturity?, lang: Language, width: Int) -> [(String, StyleRole)] {
        guard let maturity else {
            return [(LocalizedText(en: "Buyer maturity: not set", zh: "买方成熟度：未设定")[lang], .dim)]
        }
        let label = LocalizedText(en: "Buyer \(maturity.level)/4", zh: "买方成熟度 \(maturity.level)/4")[lang]
        var lines: [(String, StyleRole)] = [("\(label) · \(maturity.label[lang])", .title)]
        for text in TextWidth.wrap(maturity.guidance[lang], to: width) { lines.append((text, .normal)) }
        for text in TextWidth.wrap(maturity.price[lang], to: width) { lines.append((text, .dim)) }
        return lines
    }
}
