import CloserCore
import TerminalUI

/// Draws whichever overlay is open, centred over the screen.
enum OverlayView {
    static func render(_ overlay: Overlay, state: AppState, into canvas: inout Canvas) {
        let lang = state.lang
        let area = Rect(x: 0, y: 0, width: state.width, height: state.height)
        switch overlay {
        case .help(let offset):
            HelpOverlay.render(into: &canvas, area: area.inset(by: 1), title: lang(.help), sections: KeyMap.helpSections(lang) + [BoardView.legend(lang), BoardView.healthLegend(lang)], offset: offset,
                               footer: "↑↓ PgUp PgDn · Esc", more: LocalizedText(en: "more", zh: "更多")[lang])
        case .palette(let palette):
            PaletteView.render(palette, state: state, into: &canvas, area: area)
        case .prompt(let prompt):
            let box = area.centered(width: min(area.width - 4, max(50, TextWidth.of(prompt.title) + 6, TextWidth.of(prompt.hint ?? "") + 4)),
                                    height: prompt.error == nil || prompt.hint != nil ? 5 : 6)
            let inner = Panel.render(into: &canvas, rect: box, title: prompt.title, focused: true, fill: .overlay)
            if let note = prompt.note { canvas.put(note, x: inner.x + 1, y: inner.y, role: .title, maxWidth: inner.width - 2) }
            TextField.render(into: &canvas, rect: Rect(x: inner.x + 1, y: inner.y + 1, width: inner.width - 2, height: 1), state: prompt.field, focused: true)
            if let error = prompt.error {
                canvas.put(error, x: inner.x + 1, y: inner.y + 2, role: .error, maxWidth: inner.width - 2)
            } else if let hint = prompt.hint {
                canvas.put(hint, x: inner.x + 1, y: inner.y + 2, role: .dim, maxWidth: inner.width - 2)
            }
        case .gate(let gate):
            gate.dialog.render(into: &canvas, area: area)
        case .newDeal(let form):
            let height = Form.height(of: form.form) + 4
            let box = area.centered(width: min(area.width - 4, 70), height: min(area.height - 2, height))
            let process = form.catalog.process(form.processKey) ?? state.process
            let title = "\(lang(.newDeal)) — \(process.stage(form.chosenStage ?? form.stageKey)?.name[lang] ?? form.stageKey)"
            let inner = Panel.render(into: &canvas, rect: box, title: title, focused: true, fill: .overlay)
            Form.render(into: &canvas, rect: Rect(x: inner.x + 1, y: inner.y + 1, width: inner.width - 2, height: inner.height - 2), form: form.form)
            canvas.put("Tab ↓ · Enter \(lang(.save)) · Esc \(lang(.cancel))", x: inner.x + 1, y: inner.maxY - 1, role: .dim, maxWidth: inner.width - 2)
        case .detail(let detail):
            DealDetailView.render(detail, lang: lang, today: state.today, into: &canvas, area: area)
        case .accounts(let accountOverlay):
            AccountOverlayView.render(accountOverlay, state: state, into: &canvas, area: area)
        case .orgChart(let orgOverlay):
            OrgChartOverlayView.render(orgOverlay, lang: lang, into: &canvas, area: area)
        case .importFile(let screen):
            ImportView.render(screen, state: state, into: &canvas)
        case .plans(let plans):
            PlansView.render(plans, lang: lang, today: state.today, into: &canvas, area: area)
        case .rates(let rates):
            RatesView.render(rates, state: state, into: &canvas, area: area)
        case .whoAmI(let picker):
            WhoAmIView.render(picker, state: state, into: &canvas, area: area)
        }
        if let form = overlay.form { Form.renderPicker(into: &canvas, area: area.inset(by: 2), form: form) }
    }
}
