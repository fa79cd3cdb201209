@testable import CloserApp
import CloserCore
import CloserSQLite
import Foundation
import Testing
import TerminalUI

/// The weekly review with the team's numbers (ManagerNumbersFixture: figures worked out by hand
/// there): one currency, targets, attainment and gap, reps by name, the health lists.
@Suite("Weekly review: the manager's numbers")
struct ManagerReviewScreenTests {
    /// The list panel's rows as drawn, from its left edge (x 21 at 80 columns, 31 at 160).
    static func panel(_ app: App, _ rows: ClosedRange<Int>) -> [String] {
        let canvas = app.canvas()
        let left = app.state.width >= 160 ? 31 : 21
        return rows.map { canvas.text(y: $0, from: left, to: app.state.width) }.map { line in
            var line = line
            while line.last == " " { line.removeLast() }
            return line
        }
    }

    @Test func chineseAt80x24() throws {
        let (app, _) = try ManagerNumbersFixture.review(.zh, width: 80, height: 24)
        let lines = app.lines()
        let expected = [
            " 1 看板   2 商机   3 客户   4 象限   5 组织   6 周报   7 人员   8 赢丢    … [p]",
            "周 11-23 → 11-29 · 全体销售 · [ ] 换周 · t 目标 · c 判断 · r 销售",
            "漏斗 · CNY                           数量  金额        加权          转化  天数",
            "开发     ███████████                    2  150万       15万             —     —",
            "销售进入                                0  0           0                —     —",
            "提案     ██████████████████             1  250万       100万            —     —",
            "投标                                    0  0           0                —     —",
            // USD 500k at 7.10: 355万, its weighted 80% 284万; every rate known, so nothing is marked.
            "商务谈判 ██████████████████████████     1  355万       284万            —     —",
            "工程实施                                0  0           0                      —",
            "预测与目标（CNY）· 达成率 = 赢单 ÷ 目标 · 缺口 = 目标 − 赢单 − 承诺",
            "期间     ✓ 赢单   承诺   乐观  经理判断    目标  达成率   缺口  ≈ 加权   管道",
            "2026-11     8万      0      0         —       —       —      —    12万  120万",
            // 8万 ÷ 1000万 = 1%; 1000万 − 8万 − 250万 = 742万.
            "2026-Q4     8万  250万  355万         —  1000万      1%  742万   396万  120万",
            "┌ 本周 ────────────┐ ┌ 新增商机 · 0 ───────────────────────────────────────────┐",
        ]
        for (index, line) in expected.enumerated() { #expect(lines[index] == line, "row \(index)") }
        #expect(app.canvas().wideCharactersIntact)
    }

    @Test func perRepWithTargetsAttainmentAndGapAt80x24() throws {
        let (app, _) = try ManagerNumbersFixture.review(.zh, width: 80, height: 24)
        ManagerNumbersFixture.select(.reps, in: app)
        app.press("l")
        let lines = app.lines()
        _ = lines
        expectLines(Self.panel(app, 13...17), [
            "┌ 按销售 · 2 · 2026-Q4 ───────────────────────────────────┐",
            "│销售   管道  ✓ 赢单   承诺    目标  达成率   缺口  逾期  │",
            // 李娜: 8万 of 300万 = 3%, gap 292万; 王磊: nothing won of 600万, gap 600 − 250 = 350万.
            "│李娜  355万     8万      0   300万      3%  292万     0  │",
            "│王磊  400万       0  250万   600万      0%  350万     1  │",
            "│合计  755万     8万  250万  1000万      1%  742万     1  │",
        ])
    }

    @Test func englishAt160x48() throws {
        let (app, _) = try ManagerNumbersFixture.review(.en, width: 160, height: 48)
        var lines = app.lines()
        #expect(lines[10] == "Period   ✓ won  commit  best case  my call  target  attained   gap  ≈ weighted  pipeline")
        #expect(lines[12] == "2026-Q4    80k    2.5M       3.5M        —     10M        1%  7.4M          4M      1.2M")
        ManagerNumbersFixture.select(.reps, in: app)
        lines = app.lines()
        func items(_ range: ClosedRange<Int>) -> [String] { Self.panel(app, range) }
        expectLines(items(14...17), [
            "│rep    open  pipeline  ✓ won  commit  best case  target  attained   gap  moved  stalled  overdue                               │",
            "│李娜      1      3.5M    80k       0       3.5M      3M        3%  2.9M      0        1        0                               │",
            "│王磊      3        4M      0    2.5M          0      6M        0%  3.5M      0        1        1                               │",
            "│Total     4      7.5M    80k    2.5M       3.5M     10M        1%  7.4M      0        2        1                               │",
        ])
        ManagerNumbersFixture.select(.list(.pastClose), in: app)
        lines = app.lines()
        expectLines(items(13...15), [
            "┌ Past close date · 1 · 1.2M ───────────────────────────────────────────────────────────────────────────────────────────────────┐",
            "│Title           Account             Owner  Stage    Amount  What                                                               │",
            "│炼油厂泵站改造  中国石化北京分公司  王磊   Develop    1.2M  close 11-21 · 2 days ago                                           │",
        ])
        ManagerNumbersFixture.select(.closeDates, in: app)
        lines = app.lines()
        // A date outside the current year shows its year.
        #expect(items(15...15) == ["│数据中心网络  王磊   — → 2027-05-11     0           0×                                                                         │"])
        #expect(app.canvas().wideCharactersIntact)
    }

    /// The stalled list names the stage and the days idle; a deal in another currency shows its
    /// own amount and, where the column has room, the converted value.
    @Test func stalledListsStageDaysIdleAndBothAmounts() throws {
        let (app, _) = try ManagerNumbersFixture.review(.en, width: 160, height: 48)
        ManagerNumbersFixture.select(.list(.stalled), in: app)
        let lines = Self.panel(app, 14...16)
        #expect(lines[0].hasPrefix("│Title                           Account             Owner  Stage                 Amount  What"))
        #expect(lines[1].hasPrefix("│汽轮机组长期服务合同（十年期）  上海电气集团        李娜   Negotiation  USD 500k ≈ 3.5M  idle 114 days · no activity yet"))
        #expect(lines[2].hasPrefix("│储罐区安全监控                  中国石化北京分公司  王磊   Proposal                2.5M  idle 83 days · no activity yet"))
    }

    /// At 80×24 every table of the review has headings that differ (the per-rep table once had two 在途).
    @Test(arguments: [Language.zh, .en])
    func everyHeadingIsDistinctAt80x24(lang: Language) throws {
        let (app, _) = try ManagerNumbersFixture.review(lang, width: 80, height: 24)
        for section in ReviewState.sections {
            ManagerNumbersFixture.select(section, in: app)
            let lines = app.lines()
            let forecast = lines[10].split(separator: "  ", omittingEmptySubsequences: true).map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(Set(forecast).count == forecast.count, "forecast: \(forecast)")
            let header = String(lines[14].dropFirst(22).dropLast())
            guard !header.contains(lang == .zh ? "本期没有" : "nothing in this period"), !header.contains(lang == .zh ? "没有在途商机" : "no open deal") else { continue }
            let headings = header.split(separator: "  ", omittingEmptySubsequences: true).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            #expect(Set(headings).count == headings.count, "\(section): \(headings)")
            #expect(headings.allSatisfy { !$0.hasSuffix("…") }, "\(section): no heading cut: \(headings)")
        }
    }

    @Test func tSetsTheQuartersTargetForTheTeamOrTheRepReviewed() throws {
        let (app, store) = try ManagerNumbersFixture.review(.zh, width: 80, height: 24)
        app.press("t")
        guard case .prompt(let prompt) = app.state.overlay else { Issue.record("no prompt"); return }
        #expect(prompt.title == "2026-Q4 目标 · 全体销售（如 5M、500万）")
        #expect(prompt.field.text == "1000万", "the target set is filled in")
        app.key(.ctrl("u"))
        app.type("很多")
        app.key(.enter)
        #expect(app.screenText().contains("目标格式错误：5000000、500万、5M（大于 0）"), "a bad amount stays in the prompt with a message")
        app.key(.ctrl("u"))
        app.type("1200万")
        app.key(.enter)
        #expect(app.state.overlay == nil)
        #expect(app.state.message?.text == "2026-Q4 目标 · 全体销售：CNY 1200万")
        // 1200万 − 8万 − 250万 = 942万.
        #expect(app.lines()[12] == "2026-Q4     8万  250万  355万         —  1200万      1%  942万   396万  120万")
        #expect(try store.targets(period: Period(parsing: "2026-Q4")).first { $0.rep.isEmpty }?.amount == Money(minorUnits: 1_200_000_000))
        // A rep's month: r steps to the first rep (李娜 by pinyin), T asks for this month's target.
        app.press("r")
        app.press("T")
        guard case .prompt(let month) = app.state.overlay else { Issue.record("no prompt"); return }
        #expect(month.title.hasPrefix("2026-11 目标 · ") && month.field.text.isEmpty)
    }

    @Test func healthListsPerRuleAndPerRep() throws {
        let (app, _) = try ManagerNumbersFixture.review(.zh, width: 160, height: 48)
        #expect(app.state.review.health == nil, "read only once a health list is in view")
        ManagerNumbersFixture.select(.health(.noRouteToDecisionMaker), in: app)
        #expect(app.state.review.health != nil)
        let list = Self.panel(app, 13...17)
        #expect(list[0].hasPrefix("┌ ✚ #7 决策者 · 4 · 755万 "))
        #expect(list[2] == "│储罐区安全监控                  中国石化北京分公司            王磊    提案                 250万  未识别决策者，也就无从影响   │")
        #expect(list[4] == "│汽轮机组长期服务合同（十年期）  上海电气集团                  李娜    商务谈判  USD 50万 ≈ 355万  未识别决策者，也就无从影响   │")
        ManagerNumbersFixture.select(.healthByRep, in: app)
        expectLines(Self.panel(app, 14...16), [
            "│销售  在途数  有警示  警示金额  #2 先演示  #3 需求  #4 报价  #6 预算  #7 决策者  #7 久未见  #9 下一步                          │",
            "│李娜       1       1     355万          0        1        0        1          1          0          0                          │",
            "│王磊       3       3     400万          0        1        0        1          3          0          2                          │",
        ])
        // Enter on a rep's row reviews that rep.
        app.press("l")
        app.key(.enter)
        #expect(app.state.filter.owner == "li.na")
        #expect(app.lines()[1].hasPrefix("周 11-23 → 11-29 · 李娜 ·"))
    }
}
