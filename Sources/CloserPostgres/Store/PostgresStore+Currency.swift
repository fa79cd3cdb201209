import CloserCore
import Foundation

/// The base currency and the dated exchange rates quoted against it (SQLiteStore+Currency).
extension PostgresStore {
    public func baseCurrency() throws -> String {
        try readAsActor { connection, _ in try Self.baseCurrency(connection) }
    }

    public func setBaseCurrency(_ code: String) throws {
        let code = try currencyChecked(code)
        try write { connection in
            try requireTeamAdmin(connection, to: .changeBaseCurrency)
            let old = try Self.baseCurrency(connection)
            guard old != code else { return }
            try Self.storeBaseCurrency(connection, code, by: actor, at: clock())
            try log(connection, event("setting", 0, "base-currency", ["baseCurrency": FieldChange(old: old, new: code)], account: nil))
        }
    }

    public func rateTable() throws -> RateTable {
        try readAsActor { connection, _ in try Self.rateTable(connection) }
    }

    /// The currencies of the deals on the accounts the user may see.
    public func dealCurrencies() throws -> [String] {
        try readAsActor { connection, who in
            var filter = SQLConditions()
            filter.restrict(accountColumn: "d.account_id", to: who)
            return try connection.query("SELECT DISTINCT d.currency FROM deal d \(filter.whereClause) ORDER BY d.currency", filter.values)
                .map { try $0.string("currency") }
        }
    }

    public func setExchangeRate(currency: String, micros: Int64, from: Day) throws -> ExchangeRate {
        let code = try currencyChecked(currency)
        guard micros > 0, micros <= ExchangeRate.largest else { throw StoreError.invalid(.currency(.rateNotPositive(ExchangeRate.text(micros)))) }
        let user = actor
        return try write { connection in
            try requireTeamAdmin(connection, to: .setRates)
            let base = try Self.baseCurrency(connection)
            guard code != base else { throw StoreError.invalid(.currency(.rateOfBase(code))) }
            let rate = ExchangeRate(currency: code, base: base, from: from, micros: micros, by: user, at: clock())
            let old = try connection.queryOne("SELECT micros FROM exchange_rate WHERE base = ? AND currency = ? AND from_day = ? FOR UPDATE",
                                              [.text(base), .text(code), .text(from.description)])?.int64("micros")
            try connection.execute("""
                INSERT INTO exchange_rate (base, currency, from_day, micros, by, at) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (base, currency, from_day) DO UPDATE SET micros = excluded.micros, by = excluded.by, at = excluded.at
                """, [.text(base), .text(code), .text(from.description), .int(micros), .text(user), .time(rate.at)])
            try log(connection, event("rate", 0, "set", ["rate": FieldChange(old: old.map(ExchangeRate.text), new: rate.text)],
                                      note: "\(code)/\(base) from \(from)", account: nil))
            return rate
        }
    }

    public func deleteExchangeRate(currency: String, from: Day) throws {
        let code = try currencyChecked(currency)
        try write { connection in
            try requireTeamAdmin(connection, to: .deleteRates)
            let base = try Self.baseCurrency(connection)
            let deleted = try connection.execute("DELETE FROM exchange_rate WHERE base = ? AND currency = ? AND from_day = ?",
                                                 [.text(base), .text(code), .text(from.description)])
            guard deleted == 1 else { throw StoreError.refused(.noRate(currency: code, from: from, base: base)) }
            try log(connection, event("rate", 0, "deleted", note: "\(code)/\(base) from \(from)", account: nil))
        }
    }

    // MARK: Shared by the figures

    static func storeBaseCurrency(_ connection: Connection, _ code: String, by user: String, at time: Date) throws {
        try connection.execute("""
            INSERT INTO setting (key, value, updated_by, updated_at) VALUES ('base_currency', ?, ?, ?)
            ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_by = excluded.updated_by, updated_at = excluded.updated_at
            """, [.text(code), .text(user), .time(time)])
    }

    static func baseCurrency(_ connection: Connection) throws -> String {
        try connection.queryOne("SELECT value FROM setting WHERE key = 'base_currency'")?.string("value") ?? Money.defaultCurrency
    }

    static func rateTable(_ connection: Connection) throws -> RateTable {
        let base = try baseCurrency(connection)
        let rates = try connection.query("SELECT currency, from_day, micros, by, at FROM exchange_rate WHERE base = ?", [.text(base)])
            .compactMap { row -> ExchangeRate? in
                guard let from = try row.day("from_day") else { return nil }
                return ExchangeRate(currency: try row.string("currency"), base: base, from: from, micros: try row.int64("micros"),
                                    by: try row.string("by"), at: try row.date("at"))
            }
        return RateTable(base: base, rates: rates)
    }

    private func currencyChecked(_ code: String) throws -> String {
        do { return try CurrencyCodes.check(code) } catch { throw StoreError.invalid(.currency(error)) }
    }
}
