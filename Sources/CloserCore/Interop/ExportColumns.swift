import Foundation

/// One value of an exported cell: text, a number (unquoted in JSON), or nothing.
public enum ExportValue: Sendable, Hashable {
    case text(String)
    case number(String)
    case none

    /// What a CSV cell holds (a text in the form the importer reads back: ExcelFormula.plain).
    public var csv: String {
        switch self {
        case .text(let text): ExcelFormula.plain(text)
        case .number(let text): text
        case .none: ""
        }
    }

    /// What a cell of a CSV for Excel holds: a text Excel would run as a formula is guarded;
    /// a number (-250 is one) stays a number.
    public var excelCSV: String {
        if case .text(let text) = self { return ExcelFormula.guarded(text) }
        return csv
    }

    /// The value as it may be shown on a terminal (SafeText.forTerminal).
    public var forTerminal: ExportValue {
        if case .text(let text) = self { return .text(SafeText.forTerminal(text)) }
        return self
    }
}

/// A column a table can be exported with. Headers are ones the importer reads back
/// (HeaderDictionary), so an exported file imports into another store as it is.
public protocol ExportColumnKind: RawRepresentable<String>, CaseIterable, Sendable, Hashable where AllCases == [Self] {
    associatedtype Row: Sendable
    var header: LocalizedText { get }
    func value(_ row: Row, context: ExportContext) -> ExportValue
}

/// What a cell needs besides its row: stage names, the language of names.
public struct ExportContext: Sendable {
    public var catalog: ProcessCatalog
    public var lang: Language

    public init(catalog: ProcessCatalog, lang: Language) {
        self.catalog = catalog
        self.lang = lang
    }
}

extension ExportValue {
    /// Amounts as plain decimals ("1200000.50"): a spreadsheet adds them up, the importer reads them.
    static func money(_ minorUnits: Int64) -> ExportValue {
        let sign = minorUnits < 0 ? "-" : ""
        let magnitude = minorUnits.magnitude
        let cents = magnitude % 100
        return .number("\(sign)\(magnitude / 100).\(cents < 10 ? "0" : "")\(cents)")
    }

    static func day(_ day: Day?) -> ExportValue { day.map { .text($0.description) } ?? .none }
    static func int(_ value: Int) -> ExportValue { .number(String(value)) }
}

public enum DealExportColumn: String, ExportColumnKind {
    case id, version, title, account, stage, amount, currency, weighted, probability, close, nextStep = "next-step", due, owner, process,
         grade, outcome, reason, atRisk = "at-risk", lastActivity = "last-activity", competitors

    /// What the deal table shows at first (weighted and close hidden), the stage with its
    /// process and the amount with its currency, so the file imports back.
    public static let defaults: [DealExportColumn] = [.id, .title, .account, .stage, .process, .amount, .currency, .probability, .nextStep, .due, .owner,
                                                      .version]

    /// The columns asked for, each stage followed by its process: a stage name is read back in
    /// its deal's process only when the file says which (as the dashboard's export writes them).
    public static func readableBack(_ columns: [DealExportColumn]) -> [DealExportColumn] {
        guard !columns.contains(.process), let stage = columns.firstIndex(of: .stage) else { return columns }
        var paired = columns
        paired.insert(.process, at: stage + 1)
        return paired
    }

    public var header: LocalizedText {
        switch self {
        case .id: LocalizedText(en: "Closer Deal ID", zh: "Closer 商机编号")
        case .version: LocalizedText(en: "Closer Version", zh: "Closer 版本")
        case .title: LocalizedText(en: "Deal Name", zh: "商机名称")
        case .account: LocalizedText(en: "Account Name", zh: "客户名称")
        case .stage: LocalizedText(en: "Stage", zh: "阶段")
        case .amount: LocalizedText(en: "Amount", zh: "金额")
        case .currency: LocalizedText(en: "Currency", zh: "币种")
        case .weighted: LocalizedText(en: "Weighted Amount", zh: "加权金额")
        case .probability: LocalizedText(en: "Probability %", zh: "赢率%")
        case .close: LocalizedText(en: "Close Date", zh: "预计成交日期")
        case .nextStep: LocalizedText(en: "Next Step", zh: "下一步")
        case .due: LocalizedText(en: "Next Step Date", zh: "下一步日期")
        case .owner: LocalizedText(en: "Owner", zh: "负责人")
        case .process: LocalizedText(en: "Process", zh: "销售流程")
        case .grade: LocalizedText(en: "Account Grade", zh: "客户等级")
        case .outcome: LocalizedText(en: "Outcome", zh: "结果")
        case .reason: LocalizedText(en: "Close Reason", zh: "关闭原因")
        case .atRisk: LocalizedText(en: "At Risk", zh: "风险")
        case .lastActivity: LocalizedText(en: "Last Activity", zh: "最近行动")
        case .competitors: LocalizedText(en: "Competitors", zh: "竞争对手")
        }
    }

    public func value(_ deal: DealSummary, context: ExportContext) -> ExportValue {
        switch self {
        case .id: .int(Int(deal.id))
        case .version: .int(deal.version)
        case .title: .text(deal.title)
        case .account: .text(deal.accountName)
        case .stage: .text(context.catalog.process(deal.processKey)?.stage(deal.stageKey)?.name[context.lang] ?? deal.stageKey)
        case .amount: .money(deal.amount.minorUnits)
        case .currency: .text(deal.amount.currency)
        case .weighted: .money(deal.weighted)
        case .probability: .int(deal.probability)
        case .close: .day(deal.expectedClose)
        case .nextStep: .text(deal.nextStep)
        case .due: .day(deal.nextStepDue)
        case .owner: .text(deal.owner)
        case .process: .text(deal.processKey)
        case .grade: .text(deal.accountGrade.rawValue)
        case .outcome: .text(deal.outcome.rawValue)
        case .reason: .text(deal.outcomeReason)
        case .atRisk: .text(deal.atRisk ? "yes" : "no")
        case .lastActivity: .day(deal.lastActivity)
        case .competitors: .text(deal.competitors.joined(separator: ", "))
        }
    }
}

public enum AccountExportColumn: String, ExportColumnKind {
    case id, name, grade, quadrant, industry, region, owner, pipeline, weighted, won, lastActivity = "last-activity", due,
         assistance, loyalty, nature, scale, tags, notes, openDeals = "open-deals"

    /// What the account table shows at first, after our id (a re-import of the file changes the rows it came from).
    public static let defaults: [AccountExportColumn] = [.id, .name, .grade, .quadrant, .industry, .region, .owner, .pipeline, .weighted, .won, .lastActivity, .due]

    public var header: LocalizedText {
        switch self {
        case .id: LocalizedText(en: "Closer Account ID", zh: "Closer 客户编号")
        case .name: LocalizedText(en: "Account Name", zh: "客户名称")
        case .grade: LocalizedText(en: "Grade", zh: "客户等级")
        case .quadrant: LocalizedText(en: "Quadrant", zh: "象限")
        case .industry: LocalizedText(en: "Industry", zh: "行业")
        case .region: LocalizedText(en: "Region", zh: "区域")
        case .owner: LocalizedText(en: "Owner", zh: "负责人")
        case .pipeline: LocalizedText(en: "Open Pipeline", zh: "在途金额")
        case .weighted: LocalizedText(en: "Weighted Pipeline", zh: "加权金额")
        case .won: LocalizedText(en: "Won To Date", zh: "已赢单金额")
        case .lastActivity: LocalizedText(en: "Last Activity", zh: "最近行动")
        case .due: LocalizedText(en: "Next Step Due", zh: "下步到期")
        case .assistance: LocalizedText(en: "Assistance", zh: "协助度")
        case .loyalty: LocalizedText(en: "Loyalty", zh: "忠诚度")
        case .nature: LocalizedText(en: "Business Nature", zh: "企业性质")
        case .scale: LocalizedText(en: "Scale", zh: "规模")
        case .tags: LocalizedText(en: "Tags", zh: "标签")
        case .notes: LocalizedText(en: "Notes", zh: "备注")
        case .openDeals: LocalizedText(en: "Open Deals", zh: "在途商机数")
        }
    }

    public func value(_ row: AccountSummary, context: ExportContext) -> ExportValue {
        let account = row.account
        return switch self {
        case .id: .int(Int(account.id))
        case .name: .text(account.name)
        case .grade: .text(account.grade.rawValue)
        case .quadrant: .text(account.quadrant.label[context.lang])
        case .industry: .text(account.industry)
        case .region: .text(account.region)
        // The pool is said, so the file imports back into the pool rather than to the importer.
        case .owner: .text(account.owner ?? ImportValue.poolOwner[context.lang])
        case .pipeline: .money(row.pipeline)
        case .weighted: .money(row.weighted)
        case .won: .money(row.won)
        case .lastActivity: .day(row.lastActivity)
        case .due: .day(row.nextStepDue)
        case .assistance: .int(account.assistance)
        case .loyalty: .int(account.loyalty)
        case .nature: .text(account.businessNature)
        case .scale: .text(account.scale)
        case .tags: .text(account.tags.joined(separator: ", "))
        case .notes: .text(account.notes)
        case .openDeals: .int(row.openDeals)
        }
    }
}

public enum PersonExportColumn: String, ExportColumnKind {
    case id, name, account, title, level, function, roles, stance, influence, lastMet = "last-met", reportsTo = "reports-to", phone, email, coach, notes

    /// What the key-person table shows at first, after our id (so two 张伟 of one account read back apart).
    public static let defaults: [PersonExportColumn] = [.id, .name, .account, .title, .level, .roles, .stance, .influence, .lastMet]

    public var header: LocalizedText {
        switch self {
        case .id: LocalizedText(en: "Closer Contact ID", zh: "Closer 联系人编号")
        case .name: LocalizedText(en: "Contact Name", zh: "联系人")
        case .account: LocalizedText(en: "Account Name", zh: "客户名称")
        case .title: LocalizedText(en: "Job Title", zh: "职位")
        case .level: LocalizedText(en: "Level", zh: "层级")
        case .function: LocalizedText(en: "Department", zh: "部门")
        case .roles: LocalizedText(en: "Roles", zh: "角色")
        case .stance: LocalizedText(en: "Stance", zh: "立场")
        case .influence: LocalizedText(en: "Influence", zh: "影响力")
        case .lastMet: LocalizedText(en: "Last Met", zh: "最近见面")
        case .reportsTo: LocalizedText(en: "Reports To", zh: "直属上级")
        case .phone: LocalizedText(en: "Phone", zh: "电话")
        case .email: LocalizedText(en: "Email", zh: "邮箱")
        case .coach: LocalizedText(en: "Inside Coach", zh: "内线")
        case .notes: LocalizedText(en: "Notes", zh: "备注")
        }
    }

    public func value(_ row: PersonRow, context: ExportContext) -> ExportValue {
        let p = row.person
        // Codes, not labels: they read back in any language.
        return switch self {
        case .id: .int(Int(p.id))
        case .name: .text(p.name)
        case .account: .text(row.accountName)
        case .title: .text(p.title)
        case .level: .text(p.level.rawValue)
        case .function: .text(p.function.rawValue)
        case .roles: .text(p.roles.sorted().map(\.rawValue).joined(separator: ", "))
        case .stance: .text(p.stance.rawValue)
        case .influence: .int(p.influence)
        case .lastMet: .day(p.lastMet)
        case .reportsTo: .text(row.managerName ?? "")
        case .phone: .text(p.phone)
        case .email: .text(p.email)
        case .coach: .text(p.isInsideCoach ? "yes" : "no")
        case .notes: .text(p.notes)
        }
    }
}

extension ExportColumnKind {
    /// "title,amount,stage" → the columns in that order; an unknown name is refused with the known ones.
    public static func parse(_ list: String) throws(ImportError) -> [Self] {
        let names = list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !names.isEmpty else { throw ImportError("--columns names no column; choose from \(allCases.map(\.rawValue).joined(separator: ", "))",
                                                   zh: "`--columns` 没有写出任何列；可选 `\(allCases.map(\.rawValue).joined(separator: ", "))`") }
        return try names.map { name throws(ImportError) -> Self in
            guard let column = Self(rawValue: name.lowercased()) else {
                throw ImportError("--columns: '\(name)' is not a column; choose from \(allCases.map(\.rawValue).joined(separator: ", "))",
                                  zh: "`--columns`：「\(name)」不是列；可选 `\(allCases.map(\.rawValue).joined(separator: ", "))`")
            }
            return column
        }
    }
}
