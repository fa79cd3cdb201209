import CloserCore
import Foundation
import TerminalUI

/// What every screen needs to show the manager's numbers: the base currency with its dated
/// rates (totals in one currency), and the team by the names people know (李娜, not li.na).
public struct TeamNumbers: Sendable {
    public var rates: RateTable
    public var directory: TeamDirectory

    public init(rates: RateTable = RateTable(base: Money.defaultCurrency), directory: TeamDirectory = TeamDirectory(users: [])) {
        self.rates = rates
        self.directory = directory
    }

    public var base: String { rates.base }

    /// Whether `login` is a rep, whom the store limits to the accounts they may see (false on a
    /// store with no users, where nobody is limited).
    public func isRep(_ login: String) -> Bool { directory.users.contains { $0.name == login && $0.role == .rep } }

    /// The name a rep is shown by.
    public func name(_ login: String) -> String { directory.name(login) }

    /// Open amounts per currency converted at the rates in force on `day`: what a column or a
    /// table's total is, with what had no rate kept apart.
    public func total(_ amounts: [(currency: String, amount: Int64)], on day: Day) -> BaseTotal {
        var builder = BaseTotalBuilder(rates: rates)
        for (currency, amount) in amounts { builder.add(amount, currency: currency, on: day, deals: 0) }
        return builder.total
    }

    /// A deal's own amount, in the reader's style, with the converted value beside it when it is
    /// in another currency: "350万", "USD 100k ≈ 71万", "USD 100k (no rate)".
    public func amount(_ money: Money, on day: Day, lang: Language) -> String {
        if money.currency == base { return Money.compact(money.minorUnits, lang) }
        let own = money.compact(lang)
        guard let converted = rates.convert(money, on: day) else { return own + LocalizedText(en: " (no rate)", zh: "（无汇率）")[lang] }
        return "\(own) ≈ \(Money.compact(converted.minorUnits, lang))"
    }

    /// Only the deal's own amount: where the converted value does not fit.
    public func ownAmount(_ money: Money, lang: Language) -> String {
        money.currency == base ? Money.compact(money.minorUnits, lang) : money.compact(lang)
    }
}

/// The base currency, its rates and the team's names: read at start and with every reload, so a
/// rate given on the command line shows at once.
struct ReadTeamNumbers: Work, Equatable {
    func run(in world: World) throws -> TeamNumbers {
        let users = try world.store.users()
        let rates = try world.store.rateTable()
        return TeamNumbers(rates: rates, directory: TeamDirectory(users: users))
    }
}

enum TeamNumbersUpdate {
    static func update(_ state: inout AppState, _ event: ScreenEvent) -> [Effect] {
        switch event {
        case .reply(let numbers as TeamNumbers):
            state.numbers = numbers
        case .failed(_, let error):
            state.message = .failure(error, in: state.lang)
        default:
            break
        }
        return []
    }
}
