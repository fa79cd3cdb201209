import CloserCore
import TerminalUI

/// The footer's read of a table: what every row its filter selects adds up to, summed by the
/// store (a page shows forty rows; the total covers them all).
struct ReadTableTotals: Work, Equatable {
    enum Rows: Sendable, Equatable {
        case deals(DealFilter)
        case accounts(AccountQuery)
    }

    var rows: Rows

    func run(in world: World) throws -> TableTotals {
        switch rows {
        case .deals(let filter): try world.store.dealTotals(filter)
        case .accounts(let query): try world.store.accountTotals(query)
        }
    }
}

/// The footer's words: "Σ 850万", "Σ 8.5M (+ USD 12k: no rate)", in the base currency at today's rates.
enum TableTotalsText {
    static func sum(_ totals: TableTotals?, label: LocalizedText = LocalizedText(en: "Σ", zh: "Σ"), numbers: TeamNumbers, today: Day,
                    lang: Language) -> String? {
        guard let totals else { return nil }
        let base = numbers.total(totals.amounts.map { ($0.currency, $0.amount) }, on: today)
        return "\(label[lang]) " + ReviewWording.total(base, lang: lang)
    }
}
