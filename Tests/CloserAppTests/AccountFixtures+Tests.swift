import CloserApp
import CloserCore
import CloserSQLite
import Foundation
import TerminalUI

/// A small hand-made book of accounts with Chinese names, one per quadrant:
///
///   #1 中国石化北京分公司 A  assist 7 loyal 8 → strategic   石化 华北 wang.lei  deals #1 develop 1.2M (10%), #4 proposal 2.5M (40%)
///      pipeline 3.7M, weighted 1.12M, next step due 11-20 (overdue), visit on 11-18; persons 张伟 (decision, supporter), 刘洋 (coach)
///   #2 华为技术有限公司深圳研发中心 B  assist 7 loyal 4 → opportunity  通信 华南 wang.lei  deal #2 develop 300k, no next step
///   #3 上海电气集团 C  assist 3 loyal 7 → loyal  装备 华东 li.na  deal #3 won 800k
///   #4 宝钢股份 D  assist 2 loyal 2 → market  钢铁 华东 in the pool
enum AccountFixture {
    static let sinopec = "中国石化北京分公司"
    static let huawei = "华为技术有限公司深圳研发中心"
    static let shanghai = "上海电气集团"
    static let baosteel = "宝钢股份"

    static func snapshot() -> Snapshot {
        let user = Fixture.user
        let noon = Fixture.noon
        let accounts = [
            Account(id: 1, name: sinopec, grade: .a, assistance: 7, loyalty: 8, industry: "石化", region: "华北", businessNature: "国企", scale: "大型", owner: user),
            Account(id: 2, name: huawei, grade: .b, assistance: 7, loyalty: 4, industry: "通信", region: "华南", owner: user),
            Account(id: 3, name: shanghai, grade: .c, assistance: 3, loyalty: 7, industry: "装备", region: "华东", owner: "li.na"),
            Account(id: 4, name: baosteel, grade: .d, assistance: 2, loyalty: 2, industry: "钢铁", region: "华东", visibility: .pool),
        ]
        let deals = [
            Deal(id: 1, accountID: 1, title: "炼油厂泵站改造", processKey: "project", stageKey: "develop",
                 milestonesDone: ["graded", "project-info"], amount: Money(minorUnits: 120_000_000),
                 nextStep: "拜访总工", nextStepDue: Day(year: 2026, month: 11, day: 20), owner: user,
                 stageEnteredAt: noon(2026, 11, 13), createdAt: noon(2026, 11, 13), updatedAt: noon(2026, 11, 13)),
            Deal(id: 2, accountID: 2, title: "数据中心网络", processKey: "project", stageKey: "develop",
                 amount: Money(minorUnits: 30_000_000), owner: user,
                 stageEnteredAt: noon(2026, 11, 21), createdAt: noon(2026, 11, 21), updatedAt: noon(2026, 11, 21)),
            Deal(id: 3, accountID: 3, title: "汽轮机备件", processKey: "project", stageKey: "negotiation",
                 milestonesDone: ["graded", "project-info", "coach-and-key-persons", "criteria-shaped", "bid-submitted"],
                 amount: Money(minorUnits: 80_000_000), owner: "li.na", outcome: .won,
                 stageEnteredAt: noon(2026, 10, 3), closedOn: Day(year: 2026, month: 11, day: 2), createdAt: noon(2026, 9, 1), updatedAt: noon(2026, 11, 2)),
            Deal(id: 4, accountID: 1, title: "储罐区安全监控", processKey: "project", stageKey: "proposal",
                 milestonesDone: ["graded", "project-info", "coach-and-key-persons", "criteria-shaped"],
                 amount: Money(minorUnits: 250_000_000), nextStep: "提交方案", nextStepDue: Day(year: 2026, month: 12, day: 1), owner: user,
                 stageEnteredAt: noon(2026, 10, 24), createdAt: noon(2026, 9, 1), updatedAt: noon(2026, 10, 24)),
        ]
        let persons = [
            Person(id: 1, accountID: 1, name: "张伟", title: "总经理", level: .decisionMaker, stance: .supporter),
            Person(id: 2, accountID: 1, name: "刘洋", title: "设备部主任", level: .manager, isInsideCoach: true),
        ]
        let activities = [
            Activity(id: 1, accountID: 1, dealID: 1, kind: .visit, day: Day(year: 2026, month: 11, day: 18)!, notes: "技术交流", by: user),
        ]
        return Snapshot(users: [User(name: user, role: .manager), User(name: "li.na", role: .manager)], accounts: accounts, persons: persons, deals: deals, activities: activities)
    }

    static func app(_ lang: Language = .zh, width: Int = 80, height: Int = 24, screen: Character = "3") throws -> (App, SQLiteStore) {
        let store = try Fixture.memoryStore(snapshot())
        let app = Fixture.app(store, lang, width: width, height: height)
        app.press(screen)
        return (app, store)
    }
}
