import CloserCore
import TerminalUI

/// What the boxes' badge line means ("决策·使用 决批 96"): in help, and a line under the side panel.
enum OrgChartLegend {
    /// Each short form with what it stands for, in the order the badge line shows them.
    static func entries(_ lang: Language) -> [KeyHint] {
        let order = LocalizedText(en: "level·function  roles  influence", zh: "级别·职能  角色  影响力")[lang]
        return [KeyHint(lang == .zh ? "决策·使用 决批 96" : "Dec·Use DM Ap 96", order)]
            + PersonLevel.allCases.map { KeyHint($0.short[lang], $0.label[lang]) }
            + PersonFunction.allCases.map { KeyHint($0.short[lang], $0.label[lang]) }
            + PersonRole.allCases.map { KeyHint($0.badge[lang], $0.label[lang]) }
            + Stance.allCases.map { KeyHint($0.symbol, $0.label[lang]) }
            + [KeyHint(Person.coachMarker, LocalizedText(en: "inside coach", zh: "内线")[lang])]
    }

    static func helpSection(_ lang: Language) -> HelpSection {
        HelpSection(title: LocalizedText(en: "Org chart badges", zh: "组织结构徽标")[lang], entries: entries(lang))
    }

    /// The legend in one wrapped paragraph: roles and stance, the ones a box abbreviates most.
    static func line(_ lang: Language) -> String {
        let roles = PersonRole.allCases.map { $0.badge[lang] + "=" + $0.label[lang] }.joined(separator: " ")
        let stances = Stance.allCases.map { $0.symbol + $0.label[lang] }.joined(separator: " ")
        return LocalizedText(en: "Box: level·function roles influence", zh: "方框：级别·职能 角色 影响力")[lang]
            + " · " + roles + " · " + stances + " · " + Person.coachMarker + LocalizedText(en: "coach", zh: "内线")[lang]
    }
}
