import CloserCore
import TerminalUI

/// The rates overlay: base currency, each rate with its first day (the one in force today
/// marked), what has no rate, and the line being typed with its refusal under it.
enum RatesView {
    static func render(_ rates: RatesState, state: AppState, into canvas: inout Canvas, area: Rect) {
        let lang = state.lang
        func l(_ en: String, _ zh: String) -> String { LocalizedText(en: en, zh: zh)[lang] }
        let box = area.centered(width: min(area.width - 4, 72), height: min(area.height - 2, 20))
        let inner = Panel.render(into: &canvas, rect: box, title: l("Currencies and exchange rates", "币种与汇率"), focused: true, fill: .overlay)
        guard let table = rates.table else {
            canvas.put(l("reading…", "读取中…"), x: inner.x + 1, y: inner.y, role: .dim, maxWidth: inner.width - 2)
            return
        }
        let x = inner.x + 1, width = inner.width - 2
        canvas.put(l("Base currency: \(table.base) · totals convert at the rate in force",
                     "基准货币：\(table.base) · 合计按当日有效汇率折算"), x: x, y: inner.y, role: .header, maxWidth: width)
        func row(_ cells: [String]) -> String {
            TextWidth.padRight(cells[0], to: 9) + TextWidth.padLeft(cells[1], to: 14) + "  " + TextWidth.padRight(cells[2], to: 12)
                + TextWidth.padRight(cells[3], to: 10) + cells[4]
        }
        canvas.put(row([l("currency", "币种"), l("1 unit = \(table.base)", "1 单位 = \(table.base)"), l("from", "起始日"), l("today", "今日"), l("by", "设定人")]),
                   x: x, y: inner.y + 2, role: .dim, maxWidth: width)
        let entryLines = rates.entry == nil ? 1 : 3
        let listRows = max(1, inner.height - 4 - entryLines - (rates.withoutRate.isEmpty ? 0 : 1))
        let all = table.rates
        var scroll = rates.scroll
        scroll.clamp(count: all.count, pageSize: listRows)
        if all.isEmpty {
            canvas.put(l("no rates yet: a adds one", "尚无汇率：按 a 新增"), x: x, y: inner.y + 3, role: .dim, maxWidth: width)
        }
        for (offset, index) in (scroll.offset..<min(all.count, scroll.offset + listRows)).enumerated() {
            let rate = all[index]
            let status = table.rate(rate.currency, on: state.today) == rate ? l("in force", "生效") : rate.from > state.today ? l("later", "未生效") : ""
            let by = state.numbers.name(rate.by)
            canvas.put(row([rate.currency, rate.text, rate.from.description, status, Sanitizer.clean(by)]), x: x, y: inner.y + 3 + offset,
                       role: index == scroll.selected ? .selected : .normal, maxWidth: width)
        }
        var y = inner.maxY - entryLines - (rates.withoutRate.isEmpty ? 0 : 1)
        if !rates.withoutRate.isEmpty {
            canvas.put(l("No rate today for \(rates.withoutRate.joined(separator: ", ")): totals show them unconverted",
                         "今日无汇率：\(rates.withoutRate.joined(separator: "、"))，合计中单列未折算"), x: x, y: y, role: .warning, maxWidth: width)
            y += 1
        }
        guard let entry = rates.entry else {
            canvas.put(l("a add a rate · b change the base · Esc close", "a 新增汇率 · b 更改基准货币 · Esc 关闭"), x: x, y: y, role: .dim, maxWidth: width)
            return
        }
        let prompt = entry == .rate ? l("Rate: CODE RATE [FROM], e.g. USD 7.10 2026-12-01", "汇率：币种 汇率 [起始日]，如 USD 7.10 2026-12-01")
            : l("Base currency (ISO code, e.g. CNY):", "基准货币（ISO 代码，如 CNY）：")
        canvas.put(prompt, x: x, y: y, role: .header, maxWidth: width)
        TextField.render(into: &canvas, rect: Rect(x: x, y: y + 1, width: width, height: 1), state: rates.field, focused: true)
        canvas.put(rates.error ?? l("Enter save · Esc back", "Enter 保存 · Esc 返回"), x: x, y: y + 2, role: rates.error == nil ? .dim : .error, maxWidth: width)
    }
}
