import Foundation

/// How list-valued and date-valued fields sit in a column, in either store. JSON keeps them
/// readable to anyone opening the file with the sqlite3 shell or the database with psql.
public enum ColumnCoding {
    public static func strings(_ values: [String]) -> String {
        guard !values.isEmpty,
              let data = try? JSONSerialization.data(withJSONObject: values, options: [.sortedKeys]),
              let text = String(data: data, encoding: .utf8) else { return "[]" }
        return text
    }

    public static func strings(from text: String) -> [String] {
        guard text != "[]", let data = text.data(using: .utf8),
              let values = try? JSONSerialization.jsonObject(with: data) as? [String] else { return [] }
        return values
    }

    public static func ids(_ values: [Int64]) -> String { values.map(String.init).joined(separator: ",") }

    public static func ids(from text: String) -> [Int64] { text.split(separator: ",").compactMap { Int64($0) } }

    public static func codable<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .secondsSince1970
        guard let data = try? encoder.encode(value), let text = String(data: data, encoding: .utf8) else { return "[]" }
        return text
    }

    public static func decode<T: Decodable>(_ type: T.Type, from text: String) -> T? {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        guard let data = text.data(using: .utf8) else { return nil }
        return try? decoder.decode(type, from: data)
    }

    /// A deal's needs as JSON; "[]" for none, which the health report's SQL tests for.
    public static func needs(_ needs: [CustomerNeed]) -> String { needs.isEmpty ? "[]" : codable(needs) }

    public static func needs(from text: String) -> [CustomerNeed] {
        text.isEmpty || text == "[]" ? [] : decode([CustomerNeed].self, from: text) ?? []
    }

    public static func time(_ date: Date) -> Double { date.timeIntervalSince1970 }

    public static func date(_ seconds: Double) -> Date { Date(timeIntervalSince1970: seconds) }

    public static func day(_ text: String?) -> Day? { text.flatMap(Day.init) }
}
