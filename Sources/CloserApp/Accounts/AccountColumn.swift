import CloserCore
import TerminalUI

/// A column of the account table: its title, width, sort key and how it words a row.
public enum AccountColumn: String, PagedColumn {
    case name, grade, quadrant, industry, region, owner, pipeline, weighted, won, lastActivity, nextStepDue

    public var title: LocalizedText {
        switch self {
        case .name: LocalizedText(en: "Name", zh: "名称")
        case .grade: LocalizedText(en: "Grade", zh: "等级")
        case .quadrant: LocalizedText(en: "Quadrant", zh: "象限")
        case .industry: LocalizedText(en: "Industry", zh: "行业")
        case .region: LocalizedText(en: "Region", zh: "区域")
        case .owner: LocalizedText(en: "Owner", zh: "负责人")
        case .pipeline: LocalizedText(en: "Pipeline", zh: "在途")
        case .weighted: LocalizedText(en: "Weighted", zh: "加权")
        case .won: LocalizedText(en: "Won", zh: "已赢单")
        case .lastActivity: LocalizedText(en: "Last act", zh: "最近行动")
        case .nextStepDue: LocalizedText(en: "Due", zh: "下步到期")
        }
    }

    /// Display width; the name column takes what is left (at least `minimumNameWidth`).
    public var width: Int {
        switch self {
        case .name: AccountColumn.minimumNameWidth
        case .grade: 5
        case .quadrant: 10
        case .industry: 8
        case .region: 6
        case .owner: 9
        case .pipeline, .weighted, .won, .lastActivity, .nextStepDue: 8
        }
    }

    static let minimumNameWidth = 12
    static let maximumNameWidth = 36

    public var flex: Int { self == .name ? 1 : 0 }
    public var maxWidth: Int? { self == .name ? AccountColumn.maximumNameWidth : nil }

    public var alignment: TextWidth.Alignment {
        switch self {
        case .pipeline, .weighted, .won: .right
        default: .left
        }
    }

    public var sortKey: AccountSortKey {
        switch self {
        case .name: .name
        case .grade: .grade
        case .quadrant: .quadrant
        case .industry: .industry
        case .region: .region
        case .owner: .owner
        case .pipeline: .pipeline
        case .weighted: .weighted
        case .won: .won
        case .lastActivity: .lastActivity
        case .nextStepDue: .nextStepDue
        }
    }

    /// The direction a first press sorts in: names A→Z, money and dates largest/latest first
    /// (except the due date, soonest first).
    public var defaultAscending: Bool {
        switch self {
        case .pipeline, .weighted, .won, .lastActivity: false
        default: true
        }
    }

    func cell(_ row: AccountSummary, numbers: TeamNumbers, lang: Language, today: Day) -> String {
        let account = row.account
        switch self {
        case .name: return account.name
        case .grade: return account.grade.rawValue
        case .quadrant: return account.quadrant.label[lang]
        case .industry: return account.industry
        case .region: return account.region
        case .owner: return account.owner.map(numbers.name) ?? LocalizedText(en: "(pool)", zh: "（公海）")[lang]
        case .pipeline: return row.pipeline == 0 ? "—" : Money.compact(row.pipeline, lang)
        case .weighted: return row.weighted == 0 ? "—" : Money.compact(row.weighted, lang)
        case .won: return row.won == 0 ? "—" : Money.compact(row.won, lang)
        case .lastActivity: return row.lastActivity.map { AccountColumn.shortDay($0, today: today) } ?? "—"
        case .nextStepDue:
            guard let due = row.nextStepDue else { return "—" }
            return (due < today ? "⏰" : "") + AccountColumn.shortDay(due, today: today)
        }
    }

    /// "11-20" within this year, "25-11-20" otherwise.
    static func shortDay(_ day: Day, today: Day) -> String {
        let text = day.description
        return day.year == today.year ? String(text.dropFirst(5)) : String(text.dropFirst(2))
    }
}

extension AccountColumn {
    public var exportColumns: [AccountExportColumn] {
        switch self {
        case .name: [.name]
        case .grade: [.grade]
        case .quadrant: [.quadrant]
        case .industry: [.industry]
        case .region: [.region]
        case .owner: [.owner]
        case .pipeline: [.pipeline]
        case .weighted: [.weighted]
        case .won: [.won]
        case .lastActivity: [.lastActivity]
        case .nextStepDue: [.due]
        }
    }
}

/// The account table: one page of rows, read for what is visible; by name at the start.
public typealias AccountTableState = PagedTable<AccountColumn, AccountSummary>

extension PagedTable where Column == AccountColumn, Row == AccountSummary {
    public init() { self.init(sort: .name, ascending: true) }
}

/// The account table's columns: all shown at first, in the order above.
public typealias AccountColumnLayout = ColumnLayout<AccountColumn>
