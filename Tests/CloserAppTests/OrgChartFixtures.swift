@testable import CloserApp
import CloserCore
import CloserSQLite
import Foundation

/// Buying organisations for the org chart tests, on top of the hand-made pipeline.
///
/// Account 1 中国石化北京分公司 (deals #1 and #4):
///
///     1 王建国 总经理 (decision, DM + approver, neutral, 60, met 90 days ago)
///     ├── 3 赵敏 采购部经理 (manager, procurement, opponent, 40)      ← higher influence first
///     └── 2 李工 技术部主任 (manager, technical, specifier, supporter, 30, met 10 days ago)
///         └── 4 张三 设备工程师 (operator, technical, coach, 10, met 60 days ago)
///     5 孙丽 助理 (no manager mapped)
///
/// Account 3 上海电气集团 (deal #3 in Entry): 6 陈总 decision-maker, nobody marked coach, 7 吴工.
enum OrgChartFixture {
    static func persons() -> [Person] {
        let today = Fixture.today
        return [
            Person(id: 1, accountID: 1, name: "王建国", title: "总经理", level: .decisionMaker, function: .using,
                   roles: [.decisionMaker, .approver], influence: 60, lastMet: today.adding(days: -90)),
            Person(id: 2, accountID: 1, name: "李工", title: "技术部主任", level: .manager, function: .technical, roles: [.specifier],
                   stance: .supporter, influence: 30, reportsTo: 1, lastMet: today.adding(days: -10)),
            Person(id: 3, accountID: 1, name: "赵敏", title: "采购部经理", level: .manager, function: .procurement,
                   stance: .opponent, influence: 40, reportsTo: 1),
            Person(id: 4, accountID: 1, name: "张三", title: "设备工程师", level: .operator_, function: .technical,
                   isInsideCoach: true, reportsTo: 2, lastMet: today.adding(days: -60)),
            Person(id: 5, accountID: 1, name: "孙丽", title: "助理", influence: 5),
            Person(id: 6, accountID: 3, name: "陈总", title: "董事长", level: .decisionMaker, influence: 80),
            Person(id: 7, accountID: 3, name: "吴工", title: "工程师", level: .operator_, function: .technical, reportsTo: 6),
        ]
    }

    static func snapshot(extra: [Person] = []) -> Snapshot {
        var snapshot = Fixture.snapshot()
        snapshot.persons = persons() + extra
        return snapshot
    }

    /// An app on the org chart of account 1 (or `account`).
    static func app(_ lang: Language = .zh, width: Int = 80, height: Int = 24, account: Int64 = 1,
                    extra: [Person] = []) throws -> (App, SQLiteStore) {
        let store = try Fixture.memoryStore(snapshot(extra: extra))
        let app = Fixture.app(store, lang, width: width, height: height)
        app.openOrgChart(accountID: account)
        return (app, store)
    }

    /// 200 persons on account 2: a chairman, 4 vice presidents, 5 department heads under each,
    /// 195 - 25 = 170 staff spread over the departments, names with Chinese surnames and given names.
    static func large(count: Int = 200) -> [Person] {
        let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗")
        let given = ["伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "秀英", "建华", "志强"]
        func name(_ i: Int) -> String { String(surnames[i % surnames.count]) + given[(i / surnames.count + i) % given.count] }
        var persons: [Person] = [Person(id: 100, accountID: 2, name: "欧阳志远", title: "董事长", level: .decisionMaker, roles: [.decisionMaker], influence: 90)]
        var heads: [Int64] = []
        for vp in 0..<4 {
            let id = Int64(101 + vp)
            persons.append(Person(id: id, accountID: 2, name: name(vp), title: "副总裁", level: .decisionMaker,
                                  function: PersonFunction.allCases[vp % 3], influence: 50, reportsTo: 100))
            for head in 0..<5 {
                let headID = Int64(110 + vp * 5 + head)
                heads.append(headID)
                persons.append(Person(id: headID, accountID: 2, name: name(10 + vp * 5 + head), title: "部门经理", level: .manager,
                                      function: PersonFunction.allCases[head % 3], influence: 30, reportsTo: id))
            }
        }
        var next: Int64 = 200
        while persons.count < count {
            let head = heads[persons.count % heads.count]
            persons.append(Person(id: next, accountID: 2, name: name(Int(next)), title: "工程师", level: .operator_,
                                  function: PersonFunction.allCases[Int(next) % 3], stance: Int(next) % 7 == 0 ? .supporter : .neutral,
                                  influence: 5, isInsideCoach: next == 300, reportsTo: head))
            next += 1
        }
        return persons
    }
}
