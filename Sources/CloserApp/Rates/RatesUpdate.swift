import CloserCore
import TerminalUI

/// The rates overlay's update: state in, effects out; its reads and writes come back here.
enum RatesUpdate {
    /// `$`: the overlay, read afresh.
    static func open(_ state: inout AppState) -> [Effect] {
        state.overlay = .rates(RatesState())
        return [.work(ReadRates(), replyTo: .rates)]
    }

    static func update(_ state: inout AppState, _ event: ScreenEvent) -> [Effect] {
        guard case .rates(var rates) = state.overlay else { return [] }
        switch event {
        case .command(let command):
            let effects = run(command, &rates, &state)
            if case .rates = state.overlay { state.overlay = .rates(rates) }
            return effects
        case .reply(let read as ReadRates.Reply):
            rates.table = read.table
            rates.withoutRate = read.used.filter { !read.table.canConvert($0, on: state.today) }
            rates.scroll.clamp(count: read.table.rates.count, pageSize: 10)
            state.overlay = .rates(rates)
            return []
        case .reply(let saved as ExchangeRate):
            state.message = StatusMessage(LocalizedText(en: "1 \(saved.currency) = \(saved.text) \(saved.base) from \(saved.from)",
                                                        zh: "1 \(saved.currency) = \(saved.text) \(saved.base)，自 \(saved.from) 起")[state.lang])
            return afterWrite(&rates, &state)
        case .reply(let saved as SaveBaseCurrency):
            state.message = StatusMessage(LocalizedText(en: "Base currency: \(saved.code)", zh: "基准货币：\(saved.code)")[state.lang])
            return afterWrite(&rates, &state)
        case .failed(_, let error):
            // A refusal (not a manager, …) stays in the overlay, under the line typed.
            rates.error = Sanitizer.clean(ErrorText.of(error, in: state.lang))
            state.overlay = .rates(rates)
            return []
        default:
            return []
        }
    }

    /// A write done: the line closes, the list and every screen's figures are read again.
    static func afterWrite(_ rates: inout RatesState, _ state: inout AppState) -> [Effect] {
        rates.entry = nil
        rates.error = nil
        rates.field = TextFieldState(maxLength: 60)
        state.overlay = .rates(rates)
        return [.work(ReadRates(), replyTo: .rates), .work(ReadTeamNumbers(), replyTo: .shell), .reload(keeping: nil)]
    }

    static func run(_ command: Command, _ rates: inout RatesState, _ state: inout AppState) -> [Effect] {
        switch (rates.entry, command) {
        case (nil, .close):
            state.overlay = nil
        case (nil, .ratesAdd):
            rates.entry = .rate
        case (nil, .ratesBase):
            rates.entry = .base
            rates.field = TextFieldState(text: rates.table?.base ?? "", maxLength: 60)
        case (nil, _):
            if let key = command.scrollKey { _ = rates.scroll.handle(key, count: rates.table?.rates.count ?? 0, pageSize: 10) }
        case (.some, .close):
            rates.entry = nil
            rates.error = nil
            rates.field = TextFieldState(maxLength: 60)
        case (.some(let entry), .confirm):
            return submit(entry, &rates, state)
        case (.some, _):
            break
        }
        return []
    }

    /// The typed line: saved when it reads right, else refused in one line and kept for fixing.
    static func submit(_ entry: RatesState.Entry, _ rates: inout RatesState, _ state: AppState) -> [Effect] {
        let base = rates.table?.base ?? state.numbers.base
        switch entry {
        case .rate:
            switch RateEntry.parse(rates.field.text, base: base, today: state.today) {
            case .success(let parsed): return [.work(SaveExchangeRate(entry: parsed), replyTo: .rates)]
            case .failure(let refusal): rates.error = refusal[state.lang]
            }
        case .base:
            switch RateEntry.code(rates.field.text) {
            case .success(let code): return [.work(SaveBaseCurrency(code: code), replyTo: .rates)]
            case .failure(let refusal): rates.error = refusal[state.lang]
            }
        }
        return []
    }

    /// A key typed into the line.
    static func type(_ key: Key, _ state: inout AppState) {
        guard case .rates(var rates) = state.overlay, rates.entry != nil, rates.field.handle(key) else { return }
        rates.error = nil
        state.overlay = .rates(rates)
    }
}
