import CloserCore
import TerminalUI

extension Command {
    public static let showRates = Command("rates.show", en: "Currencies and exchange rates", zh: "币种与汇率")
    public static let ratesAdd = Command("rates.add", en: "Add a rate (from a day)", zh: "新增汇率（自某日起）")
    public static let ratesBase = Command("rates.base", en: "Change the base currency", zh: "更改基准货币")
}

/// The exchange-rate overlay: the base currency, every rate with the day it starts, the
/// currencies deals use without a rate today; a line to add a rate or change the base.
public struct RatesState: Sendable {
    public enum Entry: Sendable, Equatable { case rate, base }

    static let keys = KeyContext("rates", en: "Currencies and rates", zh: "币种与汇率")
    static let entryKeys = KeyContext("rates.entry", en: "Rate or base being typed", zh: "输入汇率或基准货币")

    public var table: RateTable?
    /// Currencies deals are in that have no rate in force today.
    public var withoutRate: [String] = []
    public var scroll = ScrollState()
    /// The line being typed, if any, and what it is for.
    public var entry: Entry?
    public var field = TextFieldState(maxLength: 60)
    public var error: String?

    public init() {}

    var contexts: [KeyContext] { entry == nil ? [Self.keys] : [Self.entryKeys] }
    var takesText: Bool { entry != nil }
}

extension RatesState: OverlayKeys {
    static let bindings: [KeyBinding] = [
        KeyBinding([.char("a"), .char("+")], .ratesAdd, keys),
        KeyBinding([.char("b")], .ratesBase, keys),
        KeyBinding([.escape, .char("q"), .char("$")], .close, keys),
        KeyBinding([.down, .char("j")], .selectDown, keys),
        KeyBinding([.up, .char("k")], .selectUp, keys),
        KeyBinding([.enter], .confirm, entryKeys),
        KeyBinding([.escape], .close, entryKeys),
    ]
}

/// The base currency, the rates and the currencies the deals use.
struct ReadRates: Work, Equatable {
    struct Reply: Sendable {
        var table: RateTable
        var used: [String]
    }

    func run(in world: World) throws -> Reply {
        Reply(table: try world.store.rateTable(), used: try world.store.dealCurrencies())
    }
}

/// One unit of a currency is worth `micros` millionths of the base from a day on (managers).
struct SaveExchangeRate: Work, Equatable {
    var entry: RateEntry

    func run(in world: World) throws -> ExchangeRate {
        try world.store.setExchangeRate(currency: entry.currency, micros: entry.micros, from: entry.from)
    }
}

/// The currency every total is in (managers).
struct SaveBaseCurrency: Work, Equatable {
    var code: String

    func run(in world: World) throws -> SaveBaseCurrency {
        try world.store.setBaseCurrency(code)
        return self
    }
}
