import Foundation

/// What a row must satisfy before any store accepts it. Messages name the field, so a form
/// can show them next to it and the CLI can print them as they are.
public struct ValidationIssue: Sendable, Hashable, CustomStringConvertible {
    public var field: String
    public var message: String
    /// The message for the Chinese reader; the field's name is put before it by `text`.
    public var messageZH: String

    public init(_ field: String, _ message: String, zh: String) {
        self.field = field
        self.message = message
        messageZH = zh
    }

    public var description: String { "\(field): \(message)" }

    /// "loyalty: must be 1…10, got 12" / "客户忠诚度：须为 1…10，实为 12".
    public var text: LocalizedText {
        LocalizedText(en: description, zh: "\(FieldNames.zh(field))：\(messageZH)")
    }
}

public enum Validation {
    static let maxTextLength = 2_000

    public static func issues(_ account: Account) -> [ValidationIssue] {
        var issues = [ValidationIssue]()
        if account.name.trimmingCharacters(in: .whitespaces).isEmpty { issues.append(.init("name", "must not be empty", zh: "不能为空")) }
        if !Quadrant.scoreRange.contains(account.assistance) { issues.append(.init("assistance", "must be 1…10, got \(account.assistance)", zh: "须为 1…10，实为 \(account.assistance)")) }
        if !Quadrant.scoreRange.contains(account.loyalty) { issues.append(.init("loyalty", "must be 1…10, got \(account.loyalty)", zh: "须为 1…10，实为 \(account.loyalty)")) }
        if account.visibility != .pool, account.owner?.isEmpty ?? true {
            issues.append(.init("owner", "an account outside the pool needs an owner", zh: "不在公海的客户需要负责人"))
        }
        issues += lengthIssues(["name": account.name, "notes": account.notes, "industry": account.industry, "region": account.region])
        issues += controlIssues(["name": account.name, "industry": account.industry, "region": account.region,
                                 "nature": account.businessNature, "scale": account.scale, "owner": account.owner ?? "",
                                 "shared-with": account.sharedWith.joined(separator: ","), "tags": account.tags.joined(separator: ","),
                                 "external-id": account.externalID ?? "", "notes": account.notes])
        return issues
    }

    public static func issues(_ person: Person) -> [ValidationIssue] {
        var issues = [ValidationIssue]()
        if person.name.trimmingCharacters(in: .whitespaces).isEmpty { issues.append(.init("name", "must not be empty", zh: "不能为空")) }
        if !Person.influenceRange.contains(person.influence) { issues.append(.init("influence", "must be 0…100, got \(person.influence)", zh: "须为 0…100，实为 \(person.influence)")) }
        if person.reportsTo == person.id, person.id != 0 { issues.append(.init("reports-to", "a person cannot report to themselves", zh: "人员不能向自己汇报")) }
        if !person.email.isEmpty, !person.email.contains("@") { issues.append(.init("email", "'\(person.email)' is not an e-mail address", zh: "「\(person.email)」不是电子邮件地址")) }
        issues += lengthIssues(["name": person.name, "title": person.title, "notes": person.notes, "cares": person.cares])
        issues += controlIssues(["name": person.name, "title": person.title, "phone": person.phone, "email": person.email,
                                 "external-id": person.externalID ?? "", "notes": person.notes, "cares": person.cares])
        return issues
    }

    public static func issues(_ deal: Deal, catalog: ProcessCatalog) -> [ValidationIssue] {
        var issues = [ValidationIssue]()
        if isBlank(deal.title) { issues.append(.init("title", "must not be empty", zh: "不能为空")) }
        if let process = catalog.process(deal.processKey) {
            if process.stage(deal.stageKey) == nil {
                issues.append(.init("stage", "unknown stage '\(deal.stageKey)'; \(deal.processKey) has \(process.stages.map(\.key).joined(separator: ", "))",
                                     zh: "未知阶段「\(deal.stageKey)」；流程 \(deal.processKey) 的阶段：\(process.stages.map(\.name.zh).joined(separator: "、"))"))
            }
        } else {
            issues.append(.init("process", "unknown process '\(deal.processKey)'; known: \(catalog.processes.map(\.key).joined(separator: ", "))",
                                 zh: "未知流程「\(deal.processKey)」；已有：\(catalog.processes.map(\.name.zh).joined(separator: "、"))"))
        }
        if deal.amount.minorUnits < 0 { issues.append(.init("amount", "must not be negative", zh: "不能为负数")) }
        if !Money.isValidCurrency(deal.amount.currency) { issues.append(.init("currency", "'\(deal.amount.currency)' is not a three-letter code like CNY", zh: "「\(deal.amount.currency)」不是三个字母的币种代码（如 CNY）")) }
        if isBlank(deal.owner) { issues.append(.init("owner", "must not be empty", zh: "不能为空")) }
        if (deal.outcome == .lost || deal.outcome == .withdrawn), deal.outcomeReason.isEmpty {
            issues.append(.init("reason", "a \(deal.outcome.rawValue) deal records a reason", zh: "\(deal.outcome.label.zh)的商机需要记录原因"))
        }
        issues += lengthIssues(["title": deal.title, "next-step": deal.nextStep])
        issues += controlIssues(["title": deal.title, "next-step": deal.nextStep, "owner": deal.owner,
                                 "competitors": deal.competitors.joined(separator: ","), "external-id": deal.externalID ?? "", "reason": deal.outcomeReason])
        issues += needIssues(deal.needs)
        return issues
    }

    /// A need says what the customer needs; a deal holds at most `CustomerNeed.maxPerDeal`.
    static func needIssues(_ needs: [CustomerNeed]) -> [ValidationIssue] {
        var issues = [ValidationIssue]()
        if needs.count > CustomerNeed.maxPerDeal {
            issues.append(.init("needs", "at most \(CustomerNeed.maxPerDeal) per deal, got \(needs.count)", zh: "每个商机最多 \(CustomerNeed.maxPerDeal) 条，实为 \(needs.count) 条"))
        }
        for (index, need) in needs.enumerated() {
            if isBlank(need.text) { issues.append(.init("needs", "need \(index + 1) says nothing", zh: "第 \(index + 1) 条需求没有内容")) }
            issues += lengthIssues(["needs": need.text])
            issues += controlIssues(["needs": need.text])
        }
        return issues
    }

    public static func issues(_ activity: Activity) -> [ValidationIssue] {
        lengthIssues(["notes": activity.notes, "outcome": activity.outcome])
            + controlIssues(["by": activity.by, "notes": activity.notes, "outcome": activity.outcome])
    }

    /// An activity being recorded: its fields, and its day — back-dating is fine, the future is a plan.
    public static func issues(recording activity: Activity, today: Day) -> [ValidationIssue] {
        var issues = issues(activity)
        if activity.day > today {
            issues.append(ValidationIssue("day", "\(activity.day) is after today (\(today)): an activity is recorded once it has happened; plan it instead",
                                          zh: "\(activity.day) 晚于今天（\(today)）：行动发生后才记录；请改为计划"))
        }
        return issues
    }

    public static func issues(_ plan: PlannedActivity) -> [ValidationIssue] {
        var issues = [ValidationIssue]()
        if plan.text.isEmpty { issues.append(ValidationIssue("text", "a planned activity says what is to be done", zh: "计划行动需要写明要做什么")) }
        if plan.text.count > 2_000 { issues.append(ValidationIssue("text", "is longer than 2000 characters", zh: "超过 2000 个字符")) }
        return issues
    }

    /// Refuses a one-line name (a user's, a saved filter's) that carries any control or bidi
    /// character, tabs and line breaks included.
    public static func requirePlainText(_ text: String, field: String) throws(StoreError) {
        if let bad = TextControl.firstControl(in: text) { throw StoreError.invalid(.fields([controlIssue(field, bad)])) }
    }

    /// Control characters (C0, DEL, C1, so ESC and every escape sequence) and bidi controls are
    /// refused in what users type or import: stored, they would reach someone's terminal as a
    /// command (a clipboard write, a cleared screen) or draw text in another order than it is
    /// stored. Tabs and line breaks are layout, not commands: spreadsheets carry them in cells
    /// (a next step over two lines), and every screen draws them as spaces; one-line texts that
    /// name things (users, filters) refuse them too.
    static func controlIssues(_ fields: KeyValuePairs<String, String>) -> [ValidationIssue] {
        fields.compactMap { field, value in
            TextControl.firstControl(in: value, allowingLineLayout: true).map { controlIssue(field, $0) }
        }.sorted { $0.field < $1.field }
    }

    private static func controlIssue(_ field: String, _ scalar: Unicode.Scalar) -> ValidationIssue {
        ValidationIssue(field, String(format: "contains the control character U+%04X, which a terminal would act on; remove it", scalar.value),
                        zh: String(format: "含有终端会执行的控制字符 U+%04X；请删除", scalar.value))
    }

    /// Empty or only spaces and tabs (what trimming `.whitespaces` would leave empty: category
    /// Zs, the tab, and the zero-width space Foundation counts too), read from the scalars' own
    /// properties: an import validates a deal per row, and Foundation's CharacterSet took ~3k
    /// instructions to look at a title's first 项.
    static func isBlank(_ text: String) -> Bool {
        if let first = text.utf8.first, first > 0x20, first < 0x80 { return false }
        return text.unicodeScalars.allSatisfy { $0 == "\t" || $0 == "\u{200B}" || $0.properties.generalCategory == .spaceSeparator }
    }

    static func lengthIssues(_ fields: KeyValuePairs<String, String>) -> [ValidationIssue] {
        // A string has no more characters than UTF-8 bytes: most values pass on the cheap test.
        fields.filter { $0.value.utf8.count > maxTextLength && $0.value.count > maxTextLength }
            .sorted { $0.key < $1.key }
            .map { ValidationIssue($0.key, "is longer than \(maxTextLength) characters", zh: "超过 \(maxTextLength) 个字符") }
    }
}

/// Field-by-field differences between two versions of a row, for the event log.
public enum FieldDiff {
    private static let ignored: Set<String> = ["version", "updatedAt", "createdAt"]

    /// Each field as the log writes it (`text`), written out only for the fields that differ: an
    /// import's update of 40 000 deals spent most of its time writing every field of both versions.
    public static func between<T: Encodable>(_ old: T, _ new: T) -> [String: FieldChange] {
        let before = fields(old)
        let after = fields(new)
        var changes = [String: FieldChange]()
        for key in Set(before.keys).union(after.keys) where !ignored.contains(key) {
            let (was, now) = (before[key], after[key])
            if let was, let now, same(was, now) { continue }
            let (oldText, newText) = (was.flatMap(text), now.flatMap(text))
            if oldText != newText { changes[key] = FieldChange(old: oldText, new: newText) }
        }
        return changes
    }

    static func flatten<T: Encodable>(_ value: T) -> [String: String] {
        fields(value).compactMapValues(text)
    }

    /// The row's fields as JSON gives them (dates as seconds).
    private static func fields<T: Encodable>(_ value: T) -> [String: Any] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .secondsSince1970
        guard let data = try? encoder.encode(value),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [:] }
        return object
    }

    /// A field as the log writes it: text as it is, a list of texts sorted (sets encode in
    /// iteration order, which differs between equal sets), anything else as its JSON.
    private static func text(_ field: Any) -> String? {
        if let text = field as? String { return text }
        if let list = field as? [String] { return list.sorted().joined(separator: ", ") }
        guard JSONSerialization.isValidJSONObject([field]),
              let data = try? JSONSerialization.data(withJSONObject: [field], options: [.sortedKeys]),
              let text = String(data: data, encoding: .utf8) else { return nil }
        return String(text.dropFirst().dropLast())
    }

    /// Whether two fields are the same JSON value, member by member (a field is of one type in
    /// both versions). Unsure is "no": those are told apart by their text.
    private static func same(_ a: Any, _ b: Any) -> Bool {
        switch (a, b) {
        case let (a as String, b as String): a == b
        case let (a as Int, b as Int): a == b
        case let (a as Bool, b as Bool): a == b
        case let (a as Double, b as Double): a == b
        case let (a as [Any], b as [Any]): a.count == b.count && zip(a, b).allSatisfy { same($0, $1) }
        case let (a as [String: Any], b as [String: Any]):
            a.count == b.count && a.allSatisfy { key, value in b[key].map { same(value, $0) } ?? false }
        case (is NSNull, is NSNull): true
        default: false
        }
    }
}
