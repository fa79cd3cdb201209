import CloserCore
import TerminalUI

/// Where the win/loss view's parts go: heading, all closed deals, the dimensions' tabs, the table.
struct WinLossLayout {
    let heading: Rect
    let total: Rect
    let tabs: Rect
    let table: Rect

    init(content: Rect) {
        let (heading, rest) = content.splitTop(1)
        let (total, afterTotal) = rest.splitTop(4)
        let (tabs, table) = afterTotal.splitTop(1)
        self.heading = heading
        self.total = total
        self.tabs = tabs
        self.table = table
    }

    /// Rows of the table below its frame and header.
    var tableRows: Int { max(1, table.height - 3) }
}

/// The win/loss analysis of a span: all closed deals in one row, then the table of one
/// dimension (reason, competitor, stage, rep, month, quarter), chosen with ← →. The tables are
/// `closer report winloss`'s own (`WinLossTables`), laid out to the width.
enum WinLossView {
    static func render(_ state: AppState, into canvas: inout Canvas, area: Rect) {
        let lang = state.lang
        let layout = WinLossLayout(content: area)
        let span = state.winLoss.span ?? .containing(state.today, .quarter)
        let who = FiguresScope.label(rep: state.filter.owner, viewer: state.user, viewerIsRep: state.viewerIsRep, name: state.numbers.name, lang: lang)
        let last = span.end.adding(days: -1)
        let days = ReviewWording.period(ReviewPeriod(since: span.start, through: last) ?? ReviewPeriod.week(of: span.start), today: state.today)
        let heading = LocalizedText(en: "Win/loss \(span.label(.en)) (\(days)) · \(who) · in \(state.numbers.base) · [ ] \(span.lengthName(.en))",
                                    zh: "赢单/丢单 \(span.label(.zh))（\(days)）· \(who) · 以 \(state.numbers.base) 计 · [ ] 换\(span.lengthName(.zh))")[lang]
        canvas.put(heading, x: layout.heading.x, y: layout.heading.y, role: .title, maxWidth: layout.heading.width)
        guard let report = state.winLoss.report else { return }
        let tables = WinLossTables(report: report, lang: lang, directory: state.numbers.directory,
                                   stageName: { state.catalog.stageName($0, preferring: state.process, lang: lang) })
        total(tables.total, report: report, lang: lang, into: &canvas, rect: layout.total)
        tabs(state, lang: lang, into: &canvas, rect: layout.tabs)
        table(tables.table(state.winLoss.currentDimension), state, lang: lang, into: &canvas, rect: layout.table, rows: layout.tableRows)
    }

    /// Which columns give way first on a narrow screen: the name, win rate, won and lost stay longest.
    static func keep(_ column: Int, of table: WinLossTable) -> Int {
        switch table.dimension {
        case .reason, .competitor: return 99 - column
        case nil:
            // won, lost, withdrawn, win rate, avg cycle, avg won, won amount, lost amount
            let order = [90, 89, 40, 95, 80, 78, 60, 50]
            return order.indices.contains(column) ? order[column] : 10
        default:
            let order = [99, 90, 89, 40, 95, 80, 78, 60, 50]
            return order.indices.contains(column) ? order[column] : 10
        }
    }

    static func columns(_ table: WinLossTable) -> [ReviewColumn] {
        // The table of all closed deals has figures only; the others begin with what a row is (a reason, a rep…).
        let hasKey = table.dimension != nil
        return table.header.indices.map { column in
            ReviewColumn(header: table.header[column], cells: table.rows.map { $0.indices.contains(column) ? $0[column] : "" },
                         keep: keep(column, of: table), shrinks: hasKey && column == 0, shortest: 8, alignRight: !hasKey || column > 0)
        }
    }

    /// All closed deals of the span: the figures a manager reads first, and what had no rate.
    static func total(_ table: WinLossTable, report: WinLossReport, lang: Language, into canvas: inout Canvas, rect: Rect) {
        let missing = report.total.wonAmount + report.total.lostAmount
        let title = table.title + " · \(report.total.closed)"
        canvas.put(title, x: rect.x, y: rect.y, role: .header, maxWidth: rect.width)
        if !missing.isComplete {
            let note = " · " + BoardView.missingRates(missing, lang: lang)
            canvas.put(note, x: rect.x + TextWidth.of(title), y: rect.y, role: .warning, maxWidth: max(0, rect.width - TextWidth.of(title)))
        }
        let laid = ReviewTable.fit(columns(table), width: rect.width, rows: [0])
        canvas.put(laid.header, x: rect.x, y: rect.y + 1, role: .dim, maxWidth: rect.width)
        canvas.put(laid.row(0), x: rect.x, y: rect.y + 2, role: .normal, maxWidth: rect.width)
    }

    /// A dimension's tab: a word, so all six fit in 80 columns (the table's title says it in full).
    static func tabLabel(_ dimension: WinLossDimension) -> LocalizedText {
        switch dimension {
        case .reason: LocalizedText(en: "Reason", zh: "丢单原因")
        case .competitor: LocalizedText(en: "Competitor", zh: "竞争对手")
        case .stage: LocalizedText(en: "Stage", zh: "关单阶段")
        case .rep: LocalizedText(en: "Rep", zh: "销售")
        case .month: LocalizedText(en: "Month", zh: "月")
        case .quarter: LocalizedText(en: "Quarter", zh: "季度")
        }
    }

    /// The dimensions as tabs, the one shown marked.
    static func tabs(_ state: AppState, lang: Language, into canvas: inout Canvas, rect: Rect) {
        var x = rect.x
        for (index, dimension) in WinLossDimension.allCases.enumerated() {
            let label = " \(tabLabel(dimension)[lang]) "
            guard x + TextWidth.of(label) <= rect.maxX else { break }
            canvas.put(label, x: x, y: rect.y, role: index == state.winLoss.dimension ? .selected : .dim, maxWidth: rect.maxX - x)
            x += TextWidth.of(label) + 1
        }
    }

    static func table(_ table: WinLossTable, _ state: AppState, lang: Language, into canvas: inout Canvas, rect: Rect, rows: Int) {
        let inner = Panel.render(into: &canvas, rect: rect, title: "\(table.title) · \(table.rows.count)", focused: true)
        guard !table.rows.isEmpty else {
            let none = table.dimension == .reason ? LocalizedText(en: "no deal lost in this period", zh: "本期没有丢单")
                : LocalizedText(en: "no deal closed in this period", zh: "本期没有关闭的商机")
            canvas.put(none[lang], x: inner.x + 1, y: inner.y, role: .dim, maxWidth: inner.width - 1)
            return
        }
        var scroll = state.winLoss.rows
        scroll.clamp(count: table.rows.count, pageSize: rows)
        let visible = scroll.offset..<min(table.rows.count, scroll.offset + rows)
        let laid = ReviewTable.fit(columns(table), width: inner.width, rows: Array(visible))
        canvas.put(laid.header, x: inner.x, y: inner.y, role: .header, maxWidth: inner.width)
        for (offset, index) in visible.enumerated() {
            canvas.put(TextWidth.padRight(laid.row(index), to: inner.width), x: inner.x, y: inner.y + 1 + offset,
                       role: index == scroll.selected ? .selected : .normal, maxWidth: inner.width)
        }
        if visible.upperBound < table.rows.count {
            canvas.put(LocalizedText(en: "… \(table.rows.count - visible.upperBound) more below", zh: "… 下方另有 \(table.rows.count - visible.upperBound) 行")[lang],
                       x: inner.x, y: inner.maxY - 1, role: .dim, maxWidth: inner.width)
        }
    }

    /// The status line's reminder of the view's keys.
    static func hints(_ lang: Language) -> [KeyHint] {
        func hint(_ key: String, _ en: String, _ zh: String) -> KeyHint { KeyHint(key, LocalizedText(en: en, zh: zh)[lang]) }
        return [hint("← →", "by", "维度"), hint("↑↓", "rows", "行"), hint("[ ]", "period", "换期"), hint("P", "length", "长度"),
                hint("r m", "rep", "销售"), hint("?", "help", "帮助")]
    }
}
