import Foundation

/// The explicit mapping a user writes for the columns the dictionary does not know, as JSON:
/// `{"entity": "deals", "process": "project", "currency": "CNY", "dateFormat": "DD-MM-YY",
///   "columns": {"Kunde": "account", "Umsatz": "amount", "Internal": "ignore"},
///   "stages": {"Angebot": "proposal", "Qualified": "entry"}}`
public struct MappingFile: Sendable, Codable, Equatable {
    public var entity: ImportEntity?
    public var process: String?
    public var currency: String?
    /// How the file writes dates with the year last ("DD-MM-YY", "MM/DD/YYYY", …), when its values do not say.
    public var dateFormat: String?
    public var columns: [String: String]
    public var stages: [String: String]

    public init(entity: ImportEntity? = nil, process: String? = nil, currency: String? = nil, dateFormat: String? = nil,
                columns: [String: String] = [:], stages: [String: String] = [:]) {
        self.entity = entity
        self.process = process
        self.currency = currency
        self.dateFormat = dateFormat
        self.columns = columns
        self.stages = stages
    }

    enum CodingKeys: String, CodingKey { case entity, process, currency, dateFormat, columns, stages }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        entity = try container.decodeIfPresent(ImportEntity.self, forKey: .entity)
        process = try container.decodeIfPresent(String.self, forKey: .process)
        currency = try container.decodeIfPresent(String.self, forKey: .currency)
        dateFormat = try container.decodeIfPresent(String.self, forKey: .dateFormat)
        columns = try container.decodeIfPresent([String: String].self, forKey: .columns) ?? [:]
        stages = try container.decodeIfPresent([String: String].self, forKey: .stages) ?? [:]
    }

    /// Reads and checks a mapping file; errors name the file and the entry.
    public static func decode(_ data: Data, fileName: String) throws(ImportError) -> MappingFile {
        let file: MappingFile
        do {
            file = try JSONDecoder().decode(MappingFile.self, from: data)
        } catch {
            throw ImportError("\(fileName): not a mapping file — \(DecodingMessage.describe(error))",
                              zh: "\(fileName)：不是映射文件（\(DecodingMessage.describe(error))）")
        }
        if let format = file.dateFormat, ImportDateFormat.named(format) == nil {
            throw ImportError("\(fileName): dateFormat '\(format)' is not a date format; use \(ImportDateFormat.examples)",
                              zh: "\(fileName)：`dateFormat` 的「\(format)」不是日期格式；可用 `\(ImportDateFormat.examples)`")
        }
        for (header, field) in file.columns.sorted(by: { $0.key < $1.key }) where ImportField(rawValue: field) == nil {
            throw ImportError("\(fileName): column '\(header)' maps to '\(field)', which is not a field; use one of \(ImportField.allCases.map(\.rawValue).joined(separator: ", "))",
                              zh: "\(fileName)：列「\(header)」映射到的「\(field)」不是字段；可用 `\(ImportField.allCases.map(\.rawValue).joined(separator: ", "))`")
        }
        return file
    }
}

/// A refusal of a whole file, before any row is looked at: one line naming the file.
public struct ImportError: Error, Sendable, Equatable, CustomStringConvertible, BilingualError {
    /// The refusal in both languages: the import screen shows `text[lang]`.
    public let text: LocalizedText
    /// Set when the file was refused for a date column that reads two ways: the screen offers its choices.
    public let ambiguousDates: AmbiguousDateColumn?

    public var description: String { text.en }

    public init(_ description: String, zh: String) {
        text = LocalizedText(en: ImportValue.oneLine(description), zh: ImportValue.oneLine(zh))
        ambiguousDates = nil
    }

    public init(_ ambiguous: AmbiguousDateColumn) {
        text = LocalizedText(en: ImportValue.oneLine(ambiguous.text.en), zh: ImportValue.oneLine(ambiguous.text.zh))
        ambiguousDates = ambiguous
    }
}

/// Which column fills which field, decided from the header (the dictionary, then the mapping
/// file, which wins), and what was left over.
public struct ColumnMapping: Sendable, Equatable {
    public let entity: ImportEntity
    public let header: [String]
    /// Column index → field, for the columns this entity reads.
    public let fields: [Int: ImportField]
    /// Headers nothing maps to: reported, never silently dropped.
    public let unmapped: [String]
    /// Headers that map to a field this entity does not read, or to one an earlier column fills.
    public let unused: [String]

    public func column(_ field: ImportField) -> Int? { columns[field] }

    private let columns: [ImportField: Int]

    public init(header: [String], mapping: MappingFile? = nil, entity forced: ImportEntity? = nil, fileName: String) throws(ImportError) {
        let explicit = Dictionary((mapping?.columns ?? [:]).map { (HeaderDictionary.fold($0.key), $0.value) }, uniquingKeysWith: { a, _ in a })
        var guessed = [Int: ImportField]()
        for (index, name) in header.enumerated() {
            if let raw = explicit[HeaderDictionary.fold(name)], let field = ImportField(rawValue: raw) {
                guessed[index] = field
            } else if let field = HeaderDictionary.field(for: name) {
                guessed[index] = field
            }
        }
        var present = Set(guessed.values)
        // A sheet with "Name" and account columns (industry, region, grade) but no account
        // column is a list of accounts: there "Name" is the account's name.
        let accountOnly: Set<ImportField> = [.grade, .industry, .region, .businessNature, .scale, .assistance, .loyalty]
        if !present.contains(.account), !present.isDisjoint(with: accountOnly),
           present.isDisjoint(with: [.email, .phone, .jobTitle, .firstName, .lastName, .deal, .amount, .stage]) {
            for (index, field) in guessed where field == .person { guessed[index] = .account }
            present = Set(guessed.values)
        }
        guard let entity = forced ?? mapping?.entity ?? ImportField.entity(for: present) else {
            throw ImportError("\(fileName): no column names an account, person, deal or activity (header: \(header.prefix(8).joined(separator: ", "))); name the columns in a mapping file (--mapping)",
                              zh: "\(fileName)：没有哪一列是客户、人员、商机或行动记录（表头：\(header.prefix(8).joined(separator: "、"))）；请在映射文件中命名各列")
        }
        let used = ImportField.used(by: entity)
        var fields = [Int: ImportField](), columns = [ImportField: Int](), unmapped = [String](), unused = [String]()
        for (index, name) in header.enumerated() {
            guard var field = guessed[index] else {
                if !name.trimmingCharacters(in: .whitespaces).isEmpty { unmapped.append(name) }
                continue
            }
            // "Account ID" in a list of accounts is the row's own id.
            if entity == .accounts, field == .accountExternalID, !present.contains(.externalID) { field = .externalID }
            if field == .ignore { continue }
            if !used.contains(field) || columns[field] != nil {
                unused.append(name)
                continue
            }
            fields[index] = field
            columns[field] = index
        }
        self.entity = entity
        self.header = header
        self.fields = fields
        self.columns = columns
        self.unmapped = unmapped
        self.unused = unused
        let needed: ImportField? = switch entity {
        case .accounts: .account
        case .persons: columns[.person] == nil && columns[.firstName] == nil && columns[.lastName] == nil ? .person : nil
        case .deals: columns[.deal] == nil && columns[.account] == nil ? .deal : nil
        case .activities: .day
        }
        if let needed, columns[needed] == nil {
            throw ImportError("\(fileName): a file of \(entity.rawValue) needs a column for '\(needed.rawValue)' (header: \(header.prefix(8).joined(separator: ", "))); name it in a mapping file (--mapping)",
                              zh: "\(fileName)：缺少「\(needed.label.zh)」列（表头：\(header.prefix(8).joined(separator: "、"))）；请在映射文件中命名")
        }
    }
}
