@testable import CloserApp
import CloserCore
import CloserSQLite
import Foundation
import Testing
import TerminalUI

/// The health lists at the sizes and in the languages their own suites leave out: the open deal's
/// list (h) in English at 80×24 and in Chinese at 160×48 (DealHealthPaneTests has the other two),
/// and the review's list of one rule in Chinese at 80×24 and in English at both sizes
/// (ManagerNumbersScreenTests has Chinese at 160×48). Whole lines.
@Suite("Health lists at both sizes in both languages")
struct HealthListSizesTests {
    private func dealList(_ lang: Language, width: Int, height: Int) throws -> [String] {
        let (app, _) = try Fixture.handMade(lang, width: width, height: height)
        app.key(.enter)
        app.press("h")
        return app.lines()
    }

    private func reviewList(_ lang: Language, width: Int, height: Int) throws -> [String] {
        let (app, _) = try ManagerNumbersFixture.review(lang, width: width, height: height)
        ManagerNumbersFixture.select(.health(.noRouteToDecisionMaker), in: app)
        return app.lines()
    }

    @Test func dealListInEnglishAt80x24() throws {
        expectLines(Array(try dealList(.en, width: 80, height: 24)[1...16]), Self.dealEN80)
    }

    @Test func dealListInChineseAt160x48() throws {
        expectLines(Array(try dealList(.zh, width: 160, height: 48)[1...14]), Self.dealZH160)
    }

    @Test func reviewListInChineseAt80x24() throws {
        expectLines(Array(try reviewList(.zh, width: 80, height: 24)[2...22]), Self.reviewZH80)
    }

    @Test func reviewListInEnglishAt80x24() throws {
        expectLines(Array(try reviewList(.en, width: 80, height: 24)[2...22]), Self.reviewEN80)
    }

    @Test func reviewListInEnglishAt160x48() throws {
        expectLines(Array(try reviewList(.en, width: 160, height: 48)[12...18]), Self.reviewEN160)
    }

    static let dealEN80: [String] = [
        " D┌ #1 炼油厂泵站改造 ───────────────────────────────────────────────────────┐1▶",
        " Σ│ Account      中国石化北京分公司     │Health (h: milestones)              │",
        "──│ Stage        Develop · Project sale │⚠ No route to a decision-maker: No  │──",
        " A│ Amount       CNY 1,200,000.00       │  decision-maker mapped, and so no  │3",
        "  │ Probability  10%                    │  route to one                      │",
        " 1│ Close date   —                      │  Why: Decision-makers join ~5% of  │",
        "  │ Next step    ⏰ 11-20 overdue 3d ·  │  activities and decide in meetings │",
        "  │ Owner        wang.lei               │  we never attend; someone inside   │",
        " B│ Forecast     Pipeline [f]           │  must carry our case.              │",
        "  │ Key persons  ⚠ No decision-maker map│  Fix: Meet a decision-maker, or    │",
        " 3│ Health       ⚠ 2: #7 route · #9 next│  win a coach or supporter who      │",
        " ⚠│                                     │  reports to or sits beside one,    │",
        "  │ Activities                          │  and map them on the org chart.    │",
        "  │                                     │⚠ No next step, or overdue:         │",
        "  │                                     │  “拜访总工” overdue 3 days (due    │",
        "  │                                                                          │",
    ]
    static let dealZH160: [String] = [
        "  ┌ #1 炼油厂泵站改造 ───────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────┐0",
        "  │ 客户      中国石化北京分公司                                                │健康提示（h：关键节点）                                                     │",
        "──│ 阶段      开发 · 项目型销售                                                 │⚠ 无法影响决策者：未识别决策者，也就无从影响                                │──",
        " A│ 金额      CNY 1,200,000.00                                                  │  原因：决策者只参与约5%的活动，决定多在我们缺席的内部会议中做出；必须有人  │",
        "  │ 赢率      10%                                                               │  在内部替我们影响决策者。                                                  │",
        " 1│ 预计成交  —                                                                 │  对策：拜访决策者，或在决策者身边发展内线或支持者，并在组织结构图上标明。  │",
        "  │ 下一步    ⏰ 11-20 逾期 3天 · 拜访总工                                      │⚠ 没有下一步或已逾期：“拜访总工”已逾期 3 天（2026-11-20 到期）              │",
        "  │ 负责人    wang.lei                                                          │  原因：没有下一步安排，销售活动就变成零散的单次行为；每次拜访都应为下一次  │",
        " B│ 预测类别  管道 [f]                                                          │  铺垫。                                                                    │",
        "  │ 关键人    ⚠ 未识别决策者 · 没有内线 (+3) [o]                                │  对策：与客户商定下一步（带样机、派工程师、邀请参观等），并定下日期。      │",
        " 3│ 健康      ⚠ 2: #7 决策者 · #9 下一步 [h]                                    │                                                                            │",
        " ⚠│                                                                             │                                                                            │",
        "  │ 行动记录                                                                    │                                                                            │",
        "  │                                                                             │                                                                            │",
    ]
    static let reviewZH80: [String] = [
        "漏斗 · CNY                           数量  金额        加权          转化  天数",
        "开发     ███████████                    2  150万       15万             —     —",
        "销售进入                                0  0           0                —     —",
        "提案     ██████████████████             1  250万       100万            —     —",
        "投标                                    0  0           0                —     —",
        "商务谈判 ██████████████████████████     1  355万       284万            —     —",
        "工程实施                                0  0           0                      —",
        "预测与目标（CNY）· 达成率 = 赢单 ÷ 目标 · 缺口 = 目标 − 赢单 − 承诺",
        "期间     ✓ 赢单   承诺   乐观  经理判断    目标  达成率   缺口  ≈ 加权   管道",
        "2026-11     8万      0      0         —       —       —      —    12万  120万",
        "2026-Q4     8万  250万  355万         —  1000万      1%  742万   396万  120万",
        "┌ 本周 ────────────┐ ┌ ✚ #7 决策者 · 4 · 755万 ────────────────────────────────┐",
        "│下一步逾期       1│ │标题             负责人  阶段        金额  说明          │",
        "│已过成交日期     1│ │储罐区安全监控   王磊    提案       250万  未识别决策者 …│",
        "│客户行动         0│ │炼油厂泵站改造   王磊    开发       120万  未识别决策者 …│",
        "│✚ #2 先演示      0│ │汽轮机组长期服…  李娜    商务 …  USD 50万  未识别决策者 …│",
        "│✚ #3 需求        2│ │数据中心网络     王磊    开发        30万  未识别决策者 …│",
        "│✚ #4 报价        0│ │                                                         │",
        "│✚ #6 预算        2│ │                                                         │",
        "│✚ #7 决策者      4│ │                                                         │",
        "└──────────────────┘ └─────────────────────────────────────────────────────────┘",
    ]
    static let reviewEN80: [String] = [
        "Funnel · CNY                        deals  amount      weighted    → next  days",
        "Develop     ██████████                  2  1.5M        150k             —     —",
        "Entry                                   0  0           0                —     —",
        "Proposal    ████████████████            1  2.5M        1M               —     —",
        "Bid                                     0  0           0                —     —",
        "Negotiation ███████████████████████     1  3.5M        2.8M             —     —",
        "Implementat                             0  0           0                      —",
        "Forecast and target in CNY · attained = won ÷ target · gap = target − won − comm",
        "Period   ✓ won  commit  best case  my call  target  attained   gap  ≈ weighted",
        "2026-11    80k       0          0        —       —         —     —        120k",
        "2026-Q4    80k    2.5M       3.5M        —     10M        1%  7.4M          4M",
        "┌ This week ───────┐ ┌ ✚ #7 route · 4 · 7.5M ──────────────────────────────────┐",
        "│Next step ov…    1│ │Title             Owner  Stage     Amount  What          │",
        "│Past close d…    1│ │储罐区安全监控    王磊   Propo…      2.5M  No decision-m…│",
        "│Account acti…    0│ │炼油厂泵站改造    王磊   Devel…      1.2M  No decision-m…│",
        "│✚ #2 pitch       0│ │汽轮机组长期服 …  李娜   Negot…  USD 500k  No decision-m…│",
        "│✚ #3 needs       2│ │数据中心网络      王磊   Devel…      300k  No decision-m…│",
        "│✚ #4 price       0│ │                                                         │",
        "│✚ #6 budget      2│ │                                                         │",
        "│✚ #7 route       4│ │                                                         │",
        "└──────────────────┘ └─────────────────────────────────────────────────────────┘",
    ]
    static let reviewEN160: [String] = [
        "2026-Q4    80k    2.5M       3.5M        —     10M        1%  7.4M          4M      1.2M",
        "┌ This week ─────────────────┐ ┌ ✚ #7 route · 4 · 7.5M ────────────────────────────────────────────────────────────────────────────────────────────────────────┐",
        "│New deals                  0│ │Title                           Account          Owner  Stage          Amount  What                                            │",
        "│Advanced                   0│ │储罐区安全监控                  中国石化北京分…  王磊   Proposal         2.5M  No decision-maker mapped, and so no route to one│",
        "│Slipped back               0│ │炼油厂泵站改造                  中国石化北京分…  王磊   Develop          1.2M  No decision-maker mapped, and so no route to one│",
        "│Won                        1│ │汽轮机组长期服务合同（十年期）  上海电气集团     李娜   Negotiation  USD 500k  No decision-maker mapped, and so no route to one│",
        "│Lost                       0│ │数据中心网络                    华为技术有限公…  王磊   Develop          300k  No decision-maker mapped, and so no route to one│",
    ]
}
