import CloserCore
import TerminalUI

/// A column of the key-person table, on the same smart-table widget as accounts and deals.
public enum PersonColumn: String, PagedColumn {
    case name, account, title, level, roles, stance, influence, lastMet

    public var title: LocalizedText {
        switch self {
        case .name: LocalizedText(en: "Name", zh: "姓名")
        case .account: UIText.account.text
        case .title: LocalizedText(en: "Title", zh: "职位")
        case .level: LocalizedText(en: "Level", zh: "层级")
        case .roles: LocalizedText(en: "Roles", zh: "角色")
        case .stance: LocalizedText(en: "Stance", zh: "立场")
        case .influence: LocalizedText(en: "Infl.", zh: "影响")
        case .lastMet: LocalizedText(en: "Last met", zh: "最近见面")
        }
    }

    public var width: Int {
        switch self {
        case .name: 10
        case .account: 10
        case .title: 8
        case .level: 10
        case .roles: 8
        case .stance: 8
        case .influence: 5
        case .lastMet: 10
        }
    }

    public var flex: Int {
        switch self {
        case .name: 2
        case .account: 3
        case .title: 2
        default: 0
        }
    }

    public var alignment: TextWidth.Alignment { self == .influence ? .right : .left }

    public var sortKey: PersonSortKey? {
        switch self {
        case .name: .name
        case .account: .account
        case .title: .title
        case .level: .level
        case .roles: nil
        case .stance: .stance
        case .influence: .influence
        case .lastMet: .lastMet
        }
    }

    /// Influence and the last meeting largest / latest first; names A→Z; the decision layer first.
    public var defaultAscending: Bool { !(self == .influence || self == .lastMet) }

    func cell(_ row: PersonRow, lang: Language) -> String {
        let p = row.person
        switch self {
        case .name: return (p.isInsideCoach ? Person.coachMarker : "") + p.name
        case .account: return row.accountName
        case .title: return p.title
        case .level: return p.levelAndFunction(lang)
        case .roles: return p.roleBadges(lang)
        case .stance: return p.stance.symbol + p.stance.label[lang]
        case .influence: return "\(p.influence)"
        case .lastMet: return p.lastMet?.description ?? "—"
        }
    }
}

extension PersonColumn {
    /// Roles are badges, not an order: the sort passes over them.
    public var isSortable: Bool { sortKey != nil }

    public var exportColumns: [PersonExportColumn] {
        switch self {
        case .name: [.name]
        case .account: [.account]
        case .title: [.title]
        case .level: [.level]
        case .roles: [.roles]
        case .stance: [.stance]
        case .influence: [.influence]
        case .lastMet: [.lastMet]
        }
    }
}

/// The key-person table: one page of rows, read for what is visible; `text` is its search.
public typealias PersonTableState = PagedTable<PersonColumn, PersonRow>

extension PagedTable where Column == PersonColumn, Row == PersonRow {
    public init() { self.init(sort: .name, ascending: true) }
}
