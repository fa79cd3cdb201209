import CloserCore
import Foundation
import GRDB

/// The base currency and the dated exchange rates quoted against it.
extension SQLiteStore {
    public func baseCurrency() throws -> String {
        try readAsActor { db, _ in try Self.baseCurrency(db) }
    }

    public func setBaseCurrency(_ code: String) throws {
        let code = try currencyChecked(code)
        try write { db in
            try requireTeamAdmin(db, to: .changeBaseCurrency)
            let old = try Self.baseCurrency(db)
            guard old != code else { return }
            try Self.storeBaseCurrency(db, code, by: actor, at: clock())
            try log(db, event("setting", 0, "base-currency", ["baseCurrency": FieldChange(old: old, new: code)], account: nil))
        }
    }

    public func rateTable() throws -> RateTable {
        try readAsActor { db, _ in try Self.rateTable(db) }
    }

    /// The currencies of the deals on the accounts the user may see.
    public func dealCurrencies() throws -> [String] {
        try readAsActor { db, who in
            var filter = SQLFilter()
            filter.restrict(accountColumn: "d.account_id", to: who)
            return try String.fetchAll(db, sql: "SELECT DISTINCT d.currency FROM deal d \(filter.whereClause) ORDER BY d.currency",
                                       arguments: filter.arguments)
        }
    }

    public func setExchangeRate(currency: String, micros: Int64, from: Day) throws -> ExchangeRate {
        let code = try currencyChecked(currency)
        guard micros > 0, micros <= ExchangeRate.largest else { throw StoreError.invalid(.currency(.rateNotPositive(ExchangeRate.text(micros)))) }
        let user = actor
        return try write { db in
            try requireTeamAdmin(db, to: .setRates)
            let base = try Self.baseCurrency(db)
            guard code != base else { throw StoreError.invalid(.currency(.rateOfBase(code))) }
            let rate = ExchangeRate(currency: code, base: base, from: from, micros: micros, by: user, at: clock())
            let old = try Int64.fetchOne(db, sql: "SELECT micros FROM exchange_rate WHERE base = ? AND currency = ? AND from_day = ?",
                                         arguments: [base, code, from.description])
            try db.execute(sql: """
                INSERT INTO exchange_rate (base, currency, from_day, micros, by, at) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (base, currency, from_day) DO UPDATE SET micros = excluded.micros, by = excluded.by, at = excluded.at
                """, arguments: [base, code, from.description, micros, user, ColumnCoding.time(rate.at)])
            try log(db, event("rate", 0, "set", ["rate": FieldChange(old: old.map(ExchangeRate.text), new: rate.text)],
                              note: "\(code)/\(base) from \(from)", account: nil))
            return rate
        }
    }

    public func deleteExchangeRate(currency: String, from: Day) throws {
        let code = try currencyChecked(currency)
        try write { db in
            try requireTeamAdmin(db, to: .deleteRates)
            let base = try Self.baseCurrency(db)
            try db.execute(sql: "DELETE FROM exchange_rate WHERE base = ? AND currency = ? AND from_day = ?", arguments: [base, code, from.description])
            guard db.changesCount == 1 else { throw StoreError.refused(.noRate(currency: code, from: from, base: base)) }
            try log(db, event("rate", 0, "deleted", note: "\(code)/\(base) from \(from)", account: nil))
        }
    }

    // MARK: Shared by the figures

    static func storeBaseCurrency(_ db: Database, _ code: String, by user: String, at time: Date) throws {
        try db.execute(sql: """
            INSERT INTO setting (key, value, updated_by, updated_at) VALUES ('base_currency', ?, ?, ?)
            ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_by = excluded.updated_by, updated_at = excluded.updated_at
            """, arguments: [code, user, ColumnCoding.time(time)])
    }

    static func baseCurrency(_ db: Database) throws -> String {
        try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'base_currency'") ?? Money.defaultCurrency
    }

    static func rateTable(_ db: Database) throws -> RateTable {
        let base = try baseCurrency(db)
        let rates = try Row.fetchAll(db, sql: "SELECT currency, from_day, micros, by, at FROM exchange_rate WHERE base = ?", arguments: [base]).compactMap { row -> ExchangeRate? in
            guard let from = ColumnCoding.day(row["from_day"]) else { return nil }
            return ExchangeRate(currency: row["currency"], base: base, from: from, micros: row["micros"], by: row["by"], at: ColumnCoding.date(row["at"]))
        }
        return RateTable(base: base, rates: rates)
    }

    private func currencyChecked(_ code: String) throws -> String {
        do { return try CurrencyCodes.check(code) } catch { throw StoreError.invalid(.currency(error)) }
    }

}
