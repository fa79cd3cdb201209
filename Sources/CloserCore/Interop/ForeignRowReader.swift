import Foundation

/// Reads the rows of one foreign file into drafts of our entities, rejecting each row that
/// cannot be read with its line, column and reason. Storage-free: matching against what the
/// store holds is the store's part.
public struct ForeignRowReader: Sendable {
    public let fileName: String
    public let mapping: ColumnMapping
    public let stages: StageMapper?
    /// Every process's stages, for a file with a process column (an export of several processes).
    let processStages: [String: StageMapper]
    let catalog: ProcessCatalog
    public let currency: String
    /// The mapping file names the currency (else an amount is in the deal's own, or the default for a new deal).
    let explicitCurrency: Bool
    /// Owner of deals and new accounts when the file names none: the importing user.
    public let defaultOwner: String
    /// The date format the user named (`--date-format`, else the mapping file's `dateFormat`);
    /// nil: each date column's values decide.
    public let dateFormat: ImportDateFormat?
    /// Each date column's format, decided by `read` before the rows are read.
    var dateFormats: [ImportField: ImportDateFormat] = [:]

    public init(fileName: String, mapping: ColumnMapping, catalog: ProcessCatalog, file: MappingFile?,
                process: String?, defaultOwner: String, dateFormat: ImportDateFormat? = nil) throws(ImportError) {
        self.fileName = fileName
        self.mapping = mapping
        self.defaultOwner = defaultOwner
        self.catalog = catalog
        if let dateFormat {
            self.dateFormat = dateFormat
        } else if let text = file?.dateFormat {
            guard let format = ImportDateFormat.named(text) else {
                throw ImportError("\(fileName): dateFormat '\(text)' is not a date format; use \(ImportDateFormat.examples)",
                                  zh: "\(fileName)：`dateFormat` 的「\(text)」不是日期格式；可用 `\(ImportDateFormat.examples)`")
            }
            self.dateFormat = format
        } else {
            self.dateFormat = nil
        }
        currency = (file?.currency ?? Money.defaultCurrency).uppercased()
        explicitCurrency = file?.currency != nil
        guard Money.isValidCurrency(currency) else { throw ImportError("currency '\(currency)' is not a code like CNY, USD", zh: "币种「\(currency)」不是代码（如 CNY、USD）") }
        if mapping.entity == .deals {
            let key = process ?? file?.process ?? "project"
            guard let template = catalog.resolve(key) else {
                throw ImportError("process '\(key)' is not known; known: \(catalog.processes.map(\.key).joined(separator: ", "))",
                                  zh: "未知流程「\(key)」；已有：\(catalog.processes.map(\.name.zh).joined(separator: "、"))")
            }
            stages = StageMapper(process: template, explicit: file?.stages ?? [:])
            processStages = mapping.column(.process) == nil ? [:]
                : Dictionary(catalog.processes.map { ($0.key, StageMapper(process: $0, explicit: file?.stages ?? [:])) }, uniquingKeysWith: { a, _ in a })
        } else {
            stages = nil
            processStages = [:]
        }
    }

    /// Reads every row; rows that fail are rejected, the rest become records. Rows are read
    /// independently, so a large file is read in one slice per core and the slices joined in order.
    /// A date column whose values read both day first and month first, with no format named,
    /// refuses the file: guessing would put every such date in the wrong month.
    public func read(_ rows: [ForeignRow], cores: Int = ProcessInfo.processInfo.activeProcessorCount) throws(ImportError) -> ForeignBatch {
        var reader = self
        var readings = [DateColumnReading]()
        for field in ImportField.dates {
            guard let column = mapping.column(field) else { continue }
            let format: ImportDateFormat
            if let dateFormat {
                format = dateFormat
            } else {
                do {
                    format = try DateColumnFormat.detect(rows.lazy.map { column < $0.values.count ? $0.values[column] : "" },
                                                         header: mapping.header[column], fileName: fileName)
                } catch {
                    throw ImportError(error)
                }
            }
            reader.dateFormats[field] = format
            readings.append(DateColumnReading(header: mapping.header[column], format: format, chosen: dateFormat != nil))
        }
        let slices = ParallelSlices(count: rows.count, minimumPerSlice: 5_000, cores: cores)
        let dated = reader
        let parts = slices.map { range in dated.read(rows[range]) }
        var records = [ForeignRecord](), rejections = [Rejection](), unmapped = [String: Int]()
        records.reserveCapacity(rows.count)
        for part in parts {
            records += part.records
            rejections += part.rejections
            unmapped.merge(part.unmapped, uniquingKeysWith: +)
        }
        return ForeignBatch(fileName: fileName, mapping: mapping, records: records, rejections: rejections, unmappedStages: unmapped, rows: rows,
                            dateColumns: readings)
    }

    private struct Slice: Sendable {
        var records = [ForeignRecord]()
        var rejections = [Rejection]()
        var unmapped = [String: Int]()
    }

    private func read(_ rows: ArraySlice<ForeignRow>) -> Slice {
        var slice = Slice()
        slice.records.reserveCapacity(rows.count)
        let stageColumn = mapping.column(.stage)
        let memo = StageMemo()
        for row in rows {
            let fields = Fields(mapping: mapping, values: row.values)
            // Every unmapped stage is counted, also on rows rejected for another reason.
            if let stages = (try? rowStages(fields)) ?? stages, let stageColumn, stageColumn < row.values.count {
                let stage = fields.trimmed[stageColumn]
                if !stage.isEmpty, memo.map(stage, stages) == nil { slice.unmapped[stage, default: 0] += 1 }
            }
            do {
                slice.records.append(try read(row, fields, memo))
            } catch let failure as RowFailure {
                slice.rejections.append(Rejection(fileName: fileName, line: row.line, column: failure.column, reason: failure.reason))
            } catch {
                slice.rejections.append(Rejection(fileName: fileName, line: row.line, column: "", reason: ErrorText.text(error)))
            }
        }
        return slice
    }

    /// What a date column must hold, as a rejection says it.
    static let aDate = LocalizedText(en: "a date (YYYY-MM-DD, 2026/12/1, 2026年12月1日)", zh: "日期（YYYY-MM-DD、2026/12/1、2026年12月1日）")

    /// A date field in its column's format: year-first columns (nearly all) by the fast general
    /// reader, the others in the one order the column was found or said to use.
    func date(_ f: Fields, _ field: ImportField) throws -> Day? {
        guard let format = dateFormats[field], format != .yearFirst || dateFormat != nil else {
            return try f.parse(field, Self.aDate, ImportValue.day)
        }
        return try f.parse(field, LocalizedText(en: "a date in \(format), the format of this column", zh: "本列格式 \(format) 的日期")) { ImportValue.day($0, format: format) }
    }

    struct RowFailure: Error {
        var column: String
        var reason: LocalizedText
    }

    /// One row's fields by our field names, with failures that name the foreign column.
    struct Fields {
        let mapping: ColumnMapping
        /// The row's values, each trimmed once (a field is read several times per row), with
        /// the apostrophe that guards a formula-like text in a CSV for Excel taken off.
        let trimmed: [String]

        init(mapping: ColumnMapping, values: [String]) {
            self.mapping = mapping
            trimmed = values.map { ExcelFormula.unguarded(ImportValue.trim($0)) }
        }

        func has(_ field: ImportField) -> Bool { mapping.column(field) != nil }

        func text(_ field: ImportField) -> String {
            guard let index = mapping.column(field), index < trimmed.count else { return "" }
            return trimmed[index]
        }

        func optional(_ field: ImportField) -> String? {
            let value = text(field)
            return value.isEmpty ? nil : value
        }

        func fail(_ field: ImportField, _ reason: LocalizedText) -> RowFailure {
            let column = mapping.column(field).map { mapping.header[$0] } ?? field.rawValue
            return RowFailure(column: column, reason: reason)
        }

        func parse<T>(_ field: ImportField, _ what: LocalizedText, _ parser: (String) -> T?) throws -> T? {
            guard let value = optional(field) else { return nil }
            guard let parsed = parser(value) else { throw fail(field, LocalizedText(en: "'\(value)' is not \(what.en)", zh: "「\(value)」不是\(what.zh)")) }
            return parsed
        }

        func coded<T: CodedValue>(_ field: ImportField, _ type: T.Type) throws -> T? {
            try parse(field, LocalizedText(en: "one of \(T.codes)", zh: "可选值之一（\(T.allCases.map(\.label.zh).joined(separator: "、"))）"), T.parse)
        }

        func score(_ field: ImportField) throws -> Int? {
            try parse(field, LocalizedText(en: "a score from 1 to 10", zh: "1 到 10 的评分")) { Int($0).flatMap { Quadrant.scoreRange.contains($0) ? $0 : nil } }
        }

        /// The fields with a value in this row. Read from each field's own column: `fields` and
        /// `columns` are inverses, so this is `text(field)` non-empty without a dictionary lookup
        /// per field (hashing an ImportField each time), which cost the import ~4k instructions a row.
        var present: Set<ImportField> {
            var result = Set<ImportField>(minimumCapacity: mapping.fields.count)
            for (index, field) in mapping.fields where index < trimmed.count && !trimmed[index].isEmpty {
                result.insert(field)
            }
            return result
        }

        var account: AccountKey { AccountKey(externalID: optional(.accountExternalID), name: text(.account)) }
    }

    func read(_ row: ForeignRow, _ f: Fields, _ memo: StageMemo) throws -> ForeignRecord {
        if row.values.count != mapping.header.count, row.values.dropFirst(mapping.header.count).contains(where: { !$0.isEmpty }) || row.values.count < mapping.header.count {
            throw RowFailure(column: "",
                             reason: LocalizedText(en: "has \(row.values.count) fields, the header has \(mapping.header.count) (a missing or extra delimiter?)",
                                                   zh: "有 \(row.values.count) 个字段，表头有 \(mapping.header.count) 个（少了或多了分隔符？）"))
        }
        var present = f.present
        // A mapping file's currency is the currency of every amount the file gives.
        if explicitCurrency, present.contains(.amount) { present.insert(.currency) }
        let closerID = try f.parse(.closerID, LocalizedText(en: "a Closer id (a whole number)", zh: "Closer 编号（整数）")) { Int64($0).flatMap { $0 > 0 ? $0 : nil } }
        switch mapping.entity {
        case .accounts: return .account(ForeignDraft(line: row.line, value: try account(f), account: AccountKey(externalID: nil, name: ""), dealTitle: "", present: present,
                                                     closerID: closerID))
        case .persons: return .person(ForeignDraft(line: row.line, value: try person(f), account: f.account, dealTitle: "", present: present,
                                                   reportsTo: f.text(.reportsTo), closerID: closerID))
        case .deals:
            let version = try f.parse(.closerVersion, LocalizedText(en: "a version (a whole number)", zh: "版本号（整数）")) { Int($0).flatMap { $0 >= 0 ? $0 : nil } }
            return .deal(ForeignDraft(line: row.line, value: try deal(f, memo), account: f.account, dealTitle: "", present: present, closerID: closerID,
                                      closerVersion: version))
        case .activities: return .activity(ForeignDraft(line: row.line, value: try activity(f), account: f.account, dealTitle: f.text(.deal), present: present))
        }
    }

    func account(_ f: Fields) throws -> Account {
        guard let name = f.optional(.account) else { throw f.fail(.account, LocalizedText(en: "an account needs a name", zh: "客户需要名称")) }
        let owner = f.optional(.owner)
        let pooled = owner.map(ImportValue.isPool) ?? false
        var account = Account(name: name, owner: pooled ? nil : owner ?? defaultOwner, visibility: pooled ? .pool : .owned,
                              externalID: f.optional(.externalID))
        if let grade = try f.parse(.grade, LocalizedText(en: "a grade (A, B, C, D)", zh: "等级（A、B、C、D）"), ImportValue.grade) { account.grade = grade }
        if let score = try f.score(.assistance) { account.assistance = score }
        if let score = try f.score(.loyalty) { account.loyalty = score }
        account.industry = f.text(.industry)
        account.region = f.text(.region)
        account.businessNature = f.text(.businessNature)
        account.scale = f.text(.scale)
        account.tags = ImportValue.list(f.text(.tags))
        account.notes = f.text(.notes)
        return account
    }

    func person(_ f: Fields) throws -> Person {
        let name = f.optional(.person) ?? ImportValue.name(first: f.text(.firstName), last: f.text(.lastName))
        guard !name.isEmpty else { throw f.fail(f.has(.person) ? .person : .lastName, LocalizedText(en: "a person needs a name", zh: "人员需要姓名")) }
        guard !f.account.isEmpty else { throw f.fail(.account, LocalizedText(en: "a person belongs to an account: the account column is empty", zh: "人员属于某个客户：客户列为空")) }
        var person = Person(accountID: 0, name: name, title: f.text(.jobTitle), phone: f.text(.phone), email: f.text(.email),
                            externalID: f.optional(.externalID))
        if !person.email.isEmpty, !person.email.contains("@") { throw f.fail(.email, LocalizedText(en: "'\(person.email)' is not an e-mail address", zh: "「\(person.email)」不是电子邮件地址")) }
        if let level = try f.coded(.level, PersonLevel.self) { person.level = level }
        if let function = try f.coded(.function, PersonFunction.self) { person.function = function }
        if let stance = try f.coded(.stance, Stance.self) { person.stance = stance }
        if let coach = try f.parse(.insideCoach, LocalizedText(en: "yes or no", zh: "是或否"), ImportValue.bool) { person.isInsideCoach = coach }
        for text in ImportValue.list(f.text(.roles)) {
            guard let role = PersonRole.parse(text) else { throw f.fail(.roles, LocalizedText(en: "'\(text)' is not one of \(PersonRole.codes)",
                                                                             zh: "「\(text)」不是角色（\(PersonRole.allCases.map(\.label.zh).joined(separator: "、"))）")) }
            person.roles.insert(role)
        }
        if let influence = try f.parse(.influence, LocalizedText(en: "an influence from 0 to 100", zh: "0 到 100 的影响力"), { Int($0).flatMap { Person.influenceRange.contains($0) ? $0 : nil } }) {
            person.influence = influence
        }
        person.lastMet = try date(f, .lastMet)
        if f.text(.reportsTo) == name { throw f.fail(.reportsTo, LocalizedText(en: "\(name) cannot report to themself", zh: "\(name) 不能向自己汇报")) }
        person.notes = f.text(.notes)
        return person
    }

    func deal(_ f: Fields, _ memo: StageMemo) throws -> Deal {
        let title = f.optional(.deal) ?? f.text(.account)
        guard !title.isEmpty else { throw f.fail(.deal, LocalizedText(en: "a deal needs a name", zh: "商机需要名称")) }
        guard !f.account.isEmpty else { throw f.fail(.account, LocalizedText(en: "a deal belongs to an account: the account column is empty", zh: "商机属于某个客户：客户列为空")) }
        guard let stages = try rowStages(f) ?? stages else { throw f.fail(.stage, LocalizedText(en: "no process to map stages to", zh: "没有可映射阶段的流程")) }
        let currency = try f.parse(.currency, LocalizedText(en: "a currency code like CNY", zh: "币种代码（如 CNY）")) { Money.isValidCurrency($0.uppercased()) ? $0.uppercased() : nil } ?? currency
        var deal = Deal(accountID: 0, title: title, processKey: stages.process.key, stageKey: stages.process.stages.first?.key ?? "",
                        owner: f.optional(.owner) ?? defaultOwner, externalID: f.optional(.externalID))
        if let text = f.optional(.amount) {
            if text.hasPrefix("-") || text.hasPrefix("(") { throw f.fail(.amount, LocalizedText(en: "'\(text)' is negative; an amount must not be", zh: "「\(text)」是负数；金额不能为负")) }
            guard let amount = ImportValue.amount(text, currency: currency) else {
                throw f.fail(.amount, LocalizedText(en: "'\(text)' is not an amount (e.g. 1200000, ¥1,200,000.00, 120万, 1.2M, 1.200.000,00 €)", zh: "「\(text)」不是金额（如 1200000、¥1,200,000.00、120万）"))
            }
            deal.amount = amount
        } else {
            deal.amount = Money(minorUnits: 0, currency: currency)
        }
        if let text = f.optional(.stage) {
            guard let mapped = memo.map(text, stages) else {
                throw f.fail(.stage, LocalizedText(
                    en: "'\(text)' is not a stage of \(stages.process.key) (\(stages.process.stages.map(\.key).joined(separator: ", "))); map it under \"stages\" in a mapping file",
                    zh: "「\(text)」不是流程 \(stages.process.key) 的阶段（\(stages.process.stages.map(\.name.zh).joined(separator: "、"))）；请在映射文件中映射"))
            }
            deal.stageKey = mapped.stage
            deal.outcome = mapped.outcome
            if mapped.outcome != .open { deal.outcomeReason = "imported as '\(text)'" }
        }
        if let outcome = try f.parse(.outcome, LocalizedText(en: "won, lost, withdrawn or open", zh: "赢单、丢单、主动放弃或进行中"), { StageMapper.outcome(HeaderDictionary.fold($0)) ?? Outcome.parse($0) }) {
            deal.outcome = outcome
            if outcome != .open, deal.outcomeReason.isEmpty { deal.outcomeReason = "imported as '\(f.text(.outcome))'" }
        }
        if let reason = f.optional(.outcomeReason), deal.outcome != .open { deal.outcomeReason = reason }
        deal.expectedClose = try date(f, .closeDate)
        if deal.outcome != .open { deal.closedOn = deal.expectedClose }
        deal.nextStep = f.text(.nextStep)
        deal.nextStepDue = try date(f, .nextStepDue)
        deal.competitors = ImportValue.list(f.text(.competitors))
        return deal
    }

    /// The stages of the row's own process, when the file has a process column and the row fills it.
    func rowStages(_ f: Fields) throws -> StageMapper? {
        guard !processStages.isEmpty, let name = f.optional(.process) else { return nil }
        guard let process = catalog.resolve(name), let stages = processStages[process.key] else {
            throw f.fail(.process, LocalizedText(en: "'\(name)' is not a process; known: \(catalog.processes.map(\.key).joined(separator: ", "))",
                                                  zh: "「\(name)」不是流程；已有：\(catalog.processes.map(\.name.zh).joined(separator: "、"))"))
        }
        return stages
    }

    func activity(_ f: Fields) throws -> Activity {
        guard let day = try date(f, .day) else {
            throw f.fail(.day, LocalizedText(en: "an activity needs a date", zh: "行动记录需要日期"))
        }
        guard !f.account.isEmpty else { throw f.fail(.account, LocalizedText(en: "an activity belongs to an account: the account column is empty", zh: "行动记录属于某个客户：客户列为空")) }
        let kind = try f.parse(.kind, LocalizedText(en: "one of \(ActivityKind.codes)", zh: "行动类型之一（\(ActivityKind.allCases.map(\.label.zh).joined(separator: "、"))）"), ActivityKind.parse) ?? .other
        return Activity(accountID: 0, kind: kind, day: day, notes: f.text(.notes), outcome: f.text(.outcome), by: f.optional(.owner) ?? defaultOwner)
    }
}

/// Each distinct stage name of a file folded and looked up once: a 100k-row file repeats a
/// handful of names, and folding walks Unicode properties. Lives for one `read`.
final class StageMemo {
    private struct Key: Hashable {
        var process: String
        var text: String
    }

    private var known = [Key: (stage: String, outcome: Outcome)?]()

    func map(_ text: String, _ stages: StageMapper) -> (stage: String, outcome: Outcome)? {
        let key = Key(process: stages.process.key, text: text)
        if let found = known[key] { return found }
        let mapped = stages.map(text)
        known[key] = .some(mapped)
        return mapped
    }
}
