import Foundation

/// One data row of a foreign file: its first line in the file (a quoted field may span
/// several) and its fields.
public struct ForeignRow: Sendable, Equatable {
    public var line: Int
    public var values: [String]

    public init(line: Int, values: [String]) {
        self.line = line
        self.values = values
    }
}

/// A row that will not be imported, and why: file, line, column and reason.
public struct Rejection: Sendable, Hashable, CustomStringConvertible {
    public var fileName: String
    public var line: Int
    public var column: String
    /// Why, in English: the CLI's report and the file of rejected rows.
    public var reason: String
    /// Why, for the Chinese reader of the import screen.
    public var reasonZH: String

    public init(fileName: String, line: Int, column: String, reason: LocalizedText) {
        self.fileName = fileName
        self.line = line
        self.column = ImportValue.oneLine(column)
        self.reason = ImportValue.oneLine(reason.en)
        reasonZH = ImportValue.oneLine(reason.zh)
    }

    public var text: LocalizedText { LocalizedText(en: reason, zh: reasonZH) }

    public var description: String {
        column.isEmpty ? "\(fileName) line \(line): \(reason)" : "\(fileName) line \(line), column '\(column)': \(reason)"
    }
}

/// Names the account a row belongs to: its id in the other system, its name, or both.
public struct AccountKey: Sendable, Hashable {
    public var externalID: String?
    public var name: String

    public init(externalID: String?, name: String) {
        self.externalID = externalID
        self.name = name
    }

    public var isEmpty: Bool { externalID == nil && name.isEmpty }
}

/// A row read into our model, with the fields its file filled (an update changes only those).
public struct ForeignDraft<Value: Sendable>: Sendable {
    public var line: Int
    public var value: Value
    public var account: AccountKey
    /// The deal an activity belongs to, by title (activities only).
    public var dealTitle: String
    public var present: Set<ImportField>
    /// The person's manager, by name in the same account (persons only; empty: none said).
    public var reportsTo: String = ""
    /// The row's id in this store, from our own export's id column (`ImportField.closerID`).
    public var closerID: Int64? = nil
    /// The row's version when it was exported (`ImportField.closerVersion`).
    public var closerVersion: Int? = nil
}

public enum ForeignRecord: Sendable {
    case account(ForeignDraft<Account>)
    case person(ForeignDraft<Person>)
    case deal(ForeignDraft<Deal>)
    case activity(ForeignDraft<Activity>)

    public var line: Int {
        switch self {
        case .account(let d): d.line
        case .person(let d): d.line
        case .deal(let d): d.line
        case .activity(let d): d.line
        }
    }
}

/// Everything a foreign file said, read and checked row by row before the store looks at it.
public struct ForeignBatch: Sendable {
    public var fileName: String
    public var mapping: ColumnMapping
    public var records: [ForeignRecord]
    public var rejections: [Rejection]
    /// Foreign stage names no stage matched, with how many rows used each.
    public var unmappedStages: [String: Int]
    /// Original fields of every row, in line order, so rejected rows can be written back out.
    public var rows: [ForeignRow]
    /// How each date column was read (its format, and whether the user named it), in field order.
    public var dateColumns: [DateColumnReading]

    public init(fileName: String, mapping: ColumnMapping, records: [ForeignRecord], rejections: [Rejection],
                unmappedStages: [String: Int], rows: [ForeignRow], dateColumns: [DateColumnReading] = []) {
        self.fileName = fileName
        self.mapping = mapping
        self.records = records
        self.rejections = rejections
        self.unmappedStages = unmappedStages
        self.rows = rows
        self.dateColumns = dateColumns
    }

    /// The original fields of the row on this line: found by halving, as rows come in line order
    /// (a lookup table of 100k rows cost the import more than every lookup a rejects file makes).
    public func fields(line: Int) -> [String]? {
        var low = 0, high = rows.count
        while low < high {
            let middle = (low + high) / 2
            if rows[middle].line < line { low = middle + 1 } else { high = middle }
        }
        return low < rows.count && rows[low].line == line ? rows[low].values : nil
    }
}
