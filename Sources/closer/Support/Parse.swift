import ArgumentParser
import CloserCore
import CloserSQLite
import Foundation

/// Turns command-line text into model values, with messages that say what was expected.
enum Parse {
    static func day(_ text: String) throws -> Day {
        guard let day = Day(typed: text, today: Day.today()) else { throw CLIError("'\(text)' is not a date: use YYYY-MM-DD, today, tomorrow or +N (days from today)") }
        return day
    }

    static func money(_ text: String, currency: String?) throws -> Money {
        let code = (currency ?? Money.defaultCurrency).uppercased()
        guard Money.isValidCurrency(code) else { throw CLIError("'\(code)' is not a currency code like CNY, USD, EUR") }
        if text.trimmingCharacters(in: .whitespaces).hasPrefix("-") { throw CLIError("the amount must not be negative: '\(text)'") }
        guard let money = Money.parse(text, currency: code) else {
            throw CLIError("'\(text)' is not an amount: use digits, e.g. 1200000, 1,200,000.50, 120万, 1.5M")
        }
        return money
    }

    /// An ISO 4217 code in use ("usd" is USD); anything else refused in one line.
    static func currency(_ text: String) throws -> String {
        do { return try CurrencyCodes.check(text) } catch { throw CLIError(error.description) }
    }

    /// A rate in millionths of the base currency: "7.10" → 7 100 000; 0, negatives and words refused.
    static func rate(_ text: String) throws -> Int64 {
        do { return try ExchangeRate.parse(text) } catch { throw CLIError(error.description) }
    }

    /// "2026-12" or "2026-Q4"; "2026-Q5" refused in one line.
    static func period(_ text: String) throws -> Period {
        do { return try Period(parsing: text) } catch { throw CLIError(error.description) }
    }

    static func coded<T: CodedValue>(_ text: String, as type: T.Type, field: String) throws -> T {
        guard let value = T.parse(text) else { throw CLIError("--\(field): '\(text)' is not one of \(T.codes)") }
        return value
    }

    static func grade(_ text: String) throws -> Grade {
        guard let grade = Grade.parse(text) else { throw CLIError("'\(text)' is not a grade: use A, B, C or D") }
        return grade
    }

    static func score(_ text: String, field: String) throws -> Int {
        guard let score = Int(text), Quadrant.scoreRange.contains(score) else {
            throw CLIError("--\(field): '\(text)' is not a score from 1 to 10")
        }
        return score
    }

    static func roles(_ text: String) throws -> Set<PersonRole> {
        var roles = Set<PersonRole>()
        for part in text.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "，" }) {
            roles.insert(try coded(String(part), as: PersonRole.self, field: "roles"))
        }
        return roles
    }

    static func list(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "，" })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// "12", "#12" or "D12" → 12.
    static func id(_ text: String) -> Int64? {
        var body = Substring(text.trimmingCharacters(in: .whitespaces))
        if let first = body.first, first == "#" || first.isLetter { body = body.dropFirst() }
        return Int64(body)
    }

    /// An account named by id or by a unique match of its name (pinyin initials work too).
    static func account(_ text: String, in store: any CLIStore) throws -> Account {
        if let id = id(text) { return try store.account(id) }
        let page = try store.accounts(AccountQuery(text: text, limit: 6))
        if let exact = page.rows.first(where: { $0.account.name == text }) { return exact.account }
        switch page.total {
        case 0: throw CLIError("no account matches '\(text)'")
        case 1: return page.rows[0].account
        default:
            let names = page.rows.prefix(5).map { "#\($0.account.id) \($0.account.name)" }.joined(separator: ", ")
            throw CLIError("'\(text)' matches \(page.total) accounts (\(names)\(page.total > 5 ? ", …" : "")): use the id")
        }
    }

    /// A key person of one account, by id or by a unique match of their name (pinyin initials work too).
    static func person(_ text: String, ofAccount accountID: Int64, in store: any CLIStore) throws -> Person {
        if let id = id(text) {
            let person = try store.person(id)
            guard person.accountID == accountID else { throw CLIError("person #\(id) \(person.name) is not a key person of account #\(accountID)") }
            return person
        }
        let page = try store.persons(PersonQuery(accountID: accountID, text: text, limit: 6))
        if let exact = page.rows.first(where: { $0.name == text }) { return exact }
        switch page.total {
        case 0: throw CLIError("no key person of account #\(accountID) matches '\(text)' (closer person list --account \(accountID))")
        case 1: return page.rows[0]
        default:
            let names = page.rows.prefix(5).map { "#\($0.id) \($0.name)" }.joined(separator: ", ")
            throw CLIError("'\(text)' matches \(page.total) key persons (\(names)\(page.total > 5 ? ", …" : "")): use the id")
        }
    }

    static func dealID(_ text: String) throws -> Int64 {
        guard let id = id(text) else { throw CLIError("'\(text)' is not a deal id") }
        return id
    }
}
