@testable import CloserApp
import CloserCore
import CloserSQLite
import Testing
import TerminalUI

/// The org chart's badge legend (help and the side panel's last lines) and the warning when the
/// way from our coach to a decision-maker passes an opponent.
@Suite("Org chart legend and opponent paths")
struct OrgChartLegendTests {
    /// Account 3 (陈总, 吴工) with 钱经理, an opponent under 陈总, and 孙工, our coach, under 钱经理.
    private func app(_ lang: Language, width: Int, height: Int) throws -> App {
        let extra = [
            Person(id: 8, accountID: 3, name: "钱经理", title: "采购经理", level: .manager, function: .procurement, stance: .opponent,
                   influence: 50, reportsTo: 6),
            Person(id: 9, accountID: 3, name: "孙工", title: "工程师", isInsideCoach: true, reportsTo: 8),
        ]
        return try OrgChartFixture.app(lang, width: width, height: height, account: 3, extra: extra).0
    }

    @Test func theWarningAndTheLegendInChineseAt160() throws {
        let lines = try app(.zh, width: 160, height: 48).lines()
        let path = try #require(lines.firstIndex { $0.contains("陈总 ← 钱经理 ← ★孙工") })
        #expect(lines[path + 1].hasSuffix("│  ⚠ 途经反对者 钱经理                       │"), "\(lines[path + 1])")
        let pad = String(repeating: " ", count: 114)
        #expect(Array(lines[43...45]) == [
            pad + "│方框：级别·职能 角色 影响力 · 发=发起者     │",
            pad + "│决=决策者 用=使用者 设=设计者 评=评估者     │",
            pad + "│批=批准者 · +支持者 ·中立 −反对者 · ★内线   │",
        ])
    }

    @Test func theWarningAndTheLegendInEnglishAt160() throws {
        let lines = try app(.en, width: 160, height: 48).lines()
        let path = try #require(lines.firstIndex { $0.contains("陈总 ← 钱经理 ← ★孙工") })
        #expect(lines[path + 1].contains("│  ⚠ passes opponent 钱经理"), "\(lines[path + 1])")
        let pad = String(repeating: " ", count: 114)
        #expect(Array(lines[42...45]) == [
            pad + "│Box: level·function roles influence ·       │",
            pad + "│In=Initiator DM=Decision-maker Us=User      │",
            pad + "│Sp=Specifier Ev=Evaluator Ap=Approver ·     │",
            pad + "│+Supporter ·Neutral −Opponent · ★coach      │",
        ])
    }

    @Test func at80TheLegendStillHasItsLines() throws {
        for lang in [Language.zh, .en] {
            let lines = try app(lang, width: 80, height: 24).lines()
            let text = lines.joined(separator: "\n")
            #expect(text.contains(lang == .zh ? "方框：级别·职能" : "Box: level·function"), "\(text)")
        }
    }

    @Test func helpExplainsEveryBadge() throws {
        for lang in [Language.zh, .en] {
            let section = OrgChartLegend.helpSection(lang)
            #expect(section.entries.contains(KeyHint(lang == .zh ? "批" : "Ap", PersonRole.approver.label[lang])))
            #expect(section.entries.contains(KeyHint(lang == .zh ? "决策" : "Dec", PersonLevel.decisionMaker.label[lang])))
            #expect(section.entries.contains(KeyHint("−", Stance.opponent.label[lang])))
        }
    }
}
