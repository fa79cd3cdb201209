import CloserCore
import TerminalUI

extension App {
    /// A key over an overlay: looked up in the overlay's contexts (no global fallback: an
    /// overlay is modal); a key they do not bind is text for a field, if the overlay has one.
    func handleOverlayKey(_ key: Key, _ overlay: Overlay) {
        if case .importFile(let screen) = overlay, screen.datePicker != nil {
            perform(ImportFlow.pickDate(&state, key))
            return
        }
        if var form = overlay.form, form.isPicking {
            form.handle(key)
            var changed = overlay
            changed.form = form
            if case .newDeal(var adding) = changed {
                adding.followProcess()
                changed = .newDeal(adding)
            }
            state.overlay = changed
            return
        }
        if let command = KeyMap.command(for: key, in: overlay.contexts) {
            runOverlay(command, overlay)
        } else if overlay.takesText {
            typeOverlay(key, overlay)
        }
    }

    func runOverlay(_ command: Command, _ overlay: Overlay) {
        switch overlay {
        case .help(let offset):
            switch command {
            case .close: state.overlay = nil
            case .selectDown: state.overlay = .help(offset: offset + 1)
            case .selectUp: state.overlay = .help(offset: max(0, offset - 1))
            case .pageDown: state.overlay = .help(offset: offset + 10)
            case .pageUp: state.overlay = .help(offset: max(0, offset - 10))
            default: break
            }
        case .palette(var palette): handlePalette(command, &palette)
        case .prompt(var prompt): handlePrompt(command, &prompt)
        case .gate: perform(GateUpdate.update(&state, command))
        case .newDeal(var form):
            switch command {
            case .close: state.overlay = nil
            case .confirm: submitNewDeal(&form)
            default:
                form.form.run(command)
                state.overlay = .newDeal(form)
            }
        case .detail: perform(DealDetailUpdate.update(&state, .command(command)))
        case .accounts(let accountOverlay): handleAccountOverlay(command, accountOverlay)
        case .orgChart(let orgOverlay): handleOrgChartOverlay(command, orgOverlay)
        case .importFile(var screen): handleImport(command, &screen)
        case .plans: perform(PlansUpdate.update(&state, .command(command)))
        case .rates: perform(RatesUpdate.update(&state, .command(command)))
        case .whoAmI: deliver(.command(command), to: .whoAmI)
        }
    }

    /// A key typed into the overlay's focused field.
    func typeOverlay(_ key: Key, _ overlay: Overlay) {
        switch overlay {
        case .palette(var palette):
            if palette.query.handle(key) { palette.scroll = ScrollState() }
            state.overlay = .palette(palette)
        case .prompt(var prompt): typePrompt(key, &prompt)
        case .newDeal(var form):
            _ = form.form.handle(key)
            state.overlay = .newDeal(form)
        case .detail: DealDetailUpdate.type(key, &state)
        case .accounts(.account): Account360Update.type(key, &state)
        case .orgChart(.person(var form)):
            form.form.handle(key)
            state.overlay = .orgChart(.person(form))
        case .importFile(var screen): typeImport(key, &screen)
        case .plans: PlansUpdate.type(key, &state)
        case .rates: RatesUpdate.type(key, &state)
        case .help, .gate, .accounts, .orgChart, .whoAmI: break
        }
    }

    func handlePalette(_ command: Command, _ palette: inout PaletteState) {
        let matches = palette.matches(state)
        switch command {
        case .close:
            state.overlay = nil
        case .confirm:
            state.overlay = nil
            if matches.indices.contains(palette.scroll.selected) { runFromPalette(matches[palette.scroll.selected]) }
        default:
            guard let key = command.scrollKey else { return }
            _ = palette.scroll.handle(key, count: matches.count, pageSize: 10)
            state.overlay = .palette(palette)
        }
    }

    /// A command chosen in the palette runs as its key would; one of an overlay the current
    /// screen opens (the open deal's, the 360° view's) opens it first.
    func runFromPalette(_ entry: PaletteEntry) {
        if let opener = entry.opener {
            run(opener)
            guard let overlay = state.overlay else { return }
            runOverlay(entry.command, overlay)
        } else {
            run(entry.command)
        }
    }

    func handlePrompt(_ command: Command, _ prompt: inout PromptState) {
        switch command {
        case .close:
            state.overlay = nil
            if prompt.purpose == .search { searchDeals("") }
            if prompt.purpose == .personSearch { searchPersons("") }
        case .confirm:
            submitPrompt(prompt)
        case .nextMatch where prompt.purpose == .jumpToPerson:
            jumpToPerson(&prompt, next: true)
            state.overlay = .prompt(prompt)
        default:
            break
        }
    }

    func typePrompt(_ key: Key, _ prompt: inout PromptState) {
        guard prompt.field.handle(key) else { return }
        prompt.error = nil
        if prompt.purpose == .jumpToPerson { jumpToPerson(&prompt, next: false) }
        if prompt.purpose == .personSearch { searchPersons(prompt.field.text) }
        state.overlay = .prompt(prompt)
        // Search filters as you type: each keystroke is one indexed query.
        if prompt.purpose == .search { searchDeals(prompt.field.text) }
    }

    func searchDeals(_ text: String) {
        var filter = state.filter
        filter.text = text
        setFilter(filter)
    }

    func submitPrompt(_ prompt: PromptState) {
        let text = prompt.field.text.trimmingCharacters(in: .whitespacesAndNewlines)
        switch prompt.purpose {
        case .search, .jumpToPerson, .personSearch:
            state.overlay = nil
        case .exportTable:
            exportTable(to: text, prompt: prompt)
        case .logMeeting(let personID):
            state.overlay = nil
            logMeeting(personID: personID, notes: text)
        case .forecastCall(let period):
            perform(ReviewUpdate.saveCall(&state, period: period, text: text, prompt: prompt))
        case .target(let period):
            perform(ReviewUpdate.saveTarget(&state, period: period, text: text, prompt: prompt))
        case .planAction(let accountID, let action):
            perform(QuadrantActions.plan(&state, accountID: accountID, action: action, typed: text, prompt: prompt))
        case .forceReason(let dealID, let stageKey, let version):
            guard !text.isEmpty else {
                var retry = prompt
                retry.error = LocalizedText(en: "A reason is required to force a gate", zh: "强制推进必须填写原因")[state.lang]
                state.overlay = .prompt(retry)
                return
            }
            state.overlay = nil
            guard let stage = self.stage(stageKey) else { return }
            move(dealID: dealID, title: "", to: stage, version: version, force: text)
        case .saveFilter(let query):
            guard !text.isEmpty else {
                var retry = prompt
                retry.error = LocalizedText(en: "A saved filter needs a name", zh: "筛选需要一个名字")[state.lang]
                state.overlay = .prompt(retry)
                return
            }
            state.overlay = nil
            saveFilter(named: text, query: query)
        }
    }

    /// A stage by key, preferring the board's process (stage keys of the built-ins are unique).
    func stage(_ key: String) -> StageTemplate? { state.stage(key) }

    /// `n`: a new deal in `stage` (the board's selected column), else the process's first stage.
    func beginNewDeal(stage: String?) {
        let stage = stage ?? state.process.stages[0].key
        state.overlay = .newDeal(NewDealState(lang: state.lang, catalog: state.catalog, process: state.process, stageKey: stage,
                                              owner: state.user, reps: state.reps, currencies: state.currencies))
    }

    /// Checks each field, puts the message next to the field that is wrong, and only then writes.
    func submitNewDeal(_ form: inout NewDealState) {
        let lang = state.lang
        for index in form.form.fields.indices { form.form.setError(nil, at: index) }
        let accountText = form.form.text(of: NewDealState.accountField).trimmingCharacters(in: .whitespaces)
        let title = form.form.text(of: NewDealState.titleField).trimmingCharacters(in: .whitespaces)
        var valid = true
        func fail(_ field: Int, _ message: LocalizedText) {
            form.form.setError(message[lang], at: field)
            if valid { form.form.focus = field }
            valid = false
        }
        if accountText.isEmpty { fail(NewDealState.accountField, LocalizedText(en: "required", zh: "必填")) }
        if title.isEmpty { fail(NewDealState.titleField, LocalizedText(en: "required", zh: "必填")) }
        let amountText = form.form.text(of: NewDealState.amountField)
        let currency = form.chosenCurrency ?? state.numbers.base
        let amount = amountText.isEmpty ? Money(minorUnits: 0, currency: currency) : Money.parse(amountText, currency: currency)
        if amount == nil { fail(NewDealState.amountField, LocalizedText(en: "not an amount: 1200000, 120万, 1.5M", zh: "金额格式错误：1200000、120万、1.5M")) }
        let close = FieldParse.day(form.form.text(of: NewDealState.closeField), today: state.today)
        if close == .invalid { fail(NewDealState.closeField, LocalizedText(en: "not a date: YYYY-MM-DD", zh: "日期格式错误：YYYY-MM-DD")) }
        let due = FieldParse.day(form.form.text(of: NewDealState.dueField), today: state.today)
        if due == .invalid { fail(NewDealState.dueField, LocalizedText(en: "not a date: YYYY-MM-DD or +7", zh: "日期格式错误：YYYY-MM-DD 或 +7")) }
        guard valid, let amount else {
            state.overlay = .newDeal(form)
            return
        }
        var deal = Deal(accountID: 0, title: title, processKey: form.chosenProcess ?? form.processKey, stageKey: form.chosenStage ?? form.stageKey, amount: amount,
                        owner: form.chosenOwner ?? state.user)
        deal.expectedClose = close.day
        deal.nextStep = form.form.text(of: NewDealState.nextStepField)
        deal.nextStepDue = due.day
        state.overlay = .newDeal(form)
        perform([.work(AddDeal(account: accountText, deal: deal), replyTo: .newDeal)])
    }
}

/// Parsing of form fields, where an empty field is allowed and means "not set".
enum FieldParse {
    enum DayResult: Equatable {
        case empty, valid(Day), invalid
        var day: Day? { if case .valid(let day) = self { day } else { nil } }
    }

    static func day(_ text: String, today: Day) -> DayResult {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return .empty }
        return Day(typed: trimmed, today: today).map(DayResult.valid) ?? .invalid
    }
}

extension AppState {
    /// The currencies a deal may be in: the base one first, then those the team has rates for.
    var currencies: [String] {
        [numbers.base] + numbers.rates.currencies.filter { $0 != numbers.base }
    }

    /// A stage by key, preferring the board's process (stage keys of the built-ins are unique).
    func stage(_ key: String) -> StageTemplate? {
        process.stage(key) ?? catalog.processes.first { $0.stage(key) != nil }?.stage(key)
    }
}
