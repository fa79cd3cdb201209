import CloserApp
import CloserCore
import CloserSQLite
import Foundation
import TerminalUI

/// `closer-bench orgchart`: one account with a large buying organisation (200 persons by
/// default: a chairman, 4 vice presidents, 20 department heads, the rest staff). Times the
/// store read, the model (tree, coverage, paths, grid), the layout, the first frame at 160×48
/// and 80×24, and keys on the chart.
struct OrgChartBench {
    let path: String
    let persons: Int
    let runs: Int

    init(_ arguments: Arguments) throws {
        try arguments.check(allowed: ["db", "persons", "runs"])
        path = try arguments.string("db")
        persons = max(2, try arguments.int("persons", default: 200))
        runs = max(1, try arguments.int("runs", default: 20))
    }

    /// A fresh store with the organisation, so every run measures the same chart.
    func makeStore() throws -> (SQLiteStore, Int64) {
        try? FileManager.default.removeItem(atPath: path)
        let store = try SQLiteStore(path: path, actor: "bench")
        let account = try store.addAccount(Account(name: "中国石油化工股份有限公司", grade: .a, owner: "bench"))
        _ = try store.importSnapshot(Snapshot(persons: Self.organisation(accountID: account.id, count: persons)))
        return (store, account.id)
    }

    static func organisation(accountID: Int64, count: Int) -> [Person] {
        let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗欧")
        let given = ["伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "秀英", "建华", "志强"]
        func name(_ i: Int) -> String { String(surnames[i % surnames.count]) + given[(i / surnames.count + i) % given.count] }
        let base: Int64 = 1_000_000
        var result = [Person(id: base, accountID: accountID, name: "欧阳志远", title: "董事长", level: .decisionMaker, roles: [.decisionMaker], influence: 90)]
        var heads: [Int64] = []
        for vp in 0..<4 where result.count < count {
            let id = base + 1 + Int64(vp)
            result.append(Person(id: id, accountID: accountID, name: name(vp), title: "副总裁", level: .decisionMaker,
                                 function: PersonFunction.allCases[vp % 3], influence: 50, reportsTo: base))
            for head in 0..<5 where result.count < count {
                let headID = base + 10 + Int64(vp * 5 + head)
                heads.append(headID)
                result.append(Person(id: headID, accountID: accountID, name: name(10 + vp * 5 + head), title: "部门经理", level: .manager,
                                     function: PersonFunction.allCases[head % 3], stance: head == 2 ? .opponent : .neutral,
                                     influence: 30, reportsTo: id))
            }
        }
        var next = base + 100
        while result.count < count {
            let i = Int(next - base)
            result.append(Person(id: next, accountID: accountID, name: name(i), title: "工程师", level: .operator_,
                                 function: PersonFunction.allCases[i % 3], stance: i % 7 == 0 ? .supporter : .neutral,
                                 influence: 5, isInsideCoach: i == 150, reportsTo: heads.isEmpty ? base : heads[i % heads.count]))
            next += 1
        }
        return result
    }

    func run() throws {
        let (store, accountID) = try makeStore()
        print("closer-bench orgchart — \(persons) persons on one account, \(path); milliseconds, 1 cold + \(runs) warm runs\n")
        var table = Table.coldAndWarm()
        func time(_ label: String, _ body: () throws -> Void) rethrows { try table.time(label, runs: runs, body) }
        var rows: [Person] = []
        try time("store: the account's persons") { rows = try store.persons(PersonQuery(accountID: accountID, limit: 2_000)).rows }
        var tree = OrgTree(persons: rows)
        time("model: tree + coverage + paths + grid") {
            tree = OrgTree(persons: rows)
            _ = OrgCoverage.warnings(rows, today: Day.today())
            _ = RelationshipPaths.toDecisionMakers(in: tree)
            _ = OrgGrid(tree)
        }
        var layout = OrgChartLayout(tree: tree, collapsed: [], fitWidth: 113, lang: .zh)
        time("layout, 113 columns (160×48 screen)") { layout = OrgChartLayout(tree: tree, collapsed: [], fitWidth: 113, lang: .zh) }
        print("layout at 160×48: \(layout.boxCount) boxes on a \(layout.width)×\(layout.height) plane, leaves stacked: \(layout.stacked)")
        time("layout, 49 columns (80×24 screen)") { layout = OrgChartLayout(tree: tree, collapsed: [], fitWidth: 49, lang: .zh) }
        for (width, height) in [(160, 48), (80, 24)] {
            try time("first frame \(width)×\(height): open + read + layout + render") {
                let app = makeApp(store, width: width, height: height)
                app.openOrgChart(accountID: accountID)
                if let message = app.state.message, message.isError { throw BenchError(message.text) }
                var canvas = Canvas(width: width, height: height)
                AppView.render(app.state, into: &canvas)
            }
        }
        print(table.printed())
        print("")
        try keystrokes(store, accountID: accountID)
    }

    func makeApp(_ store: SQLiteStore, width: Int, height: Int) -> App {
        App(store: store, state: AppState(lang: .zh, width: width, height: height, today: Day.today(), user: "bench", storeLocation: store.location))
    }

    /// handle + render per key at 160×48, the keys a person uses on a big chart.
    func keystrokes(_ store: SQLiteStore, accountID: Int64) throws {
        let app = makeApp(store, width: 160, height: 48)
        app.openOrgChart(accountID: accountID)
        var canvas = Canvas(width: 160, height: 48)
        var samples: [String: [Double]] = [:]
        func press(_ key: Key, _ label: String) {
            let (_, ms) = Timer.ms {
                app.handle(.key(key))
                AppView.render(app.state, into: &canvas)
            }
            samples[label, default: []].append(ms)
        }
        for _ in 0..<max(1, runs / 4) {
            press(.char("g"), "g (first)")
            for _ in 0..<10 { press(.char("j"), "j (down)") }
            for _ in 0..<20 { press(.char("l"), "l (right)") }
            for _ in 0..<20 { press(.char("h"), "h (left)") }
            press(.char(" "), "Space (fold + layout)")
            press(.char(" "), "Space (fold + layout)")
            press(.char("t"), "t (grid lens)")
            press(.char("t"), "t (grid lens)")
            press(.char("/"), "/ (open jump)")
            for character in "ouyang" { press(.char(character), "jump keystroke") }
            press(.escape, "Esc")
        }
        var table = Table(["key", "n", "median", "p95", "max"], firstNumeric: 1)
        for label in ["j (down)", "l (right)", "h (left)", "Space (fold + layout)", "t (grid lens)", "jump keystroke"] {
            guard let values = samples[label] else { continue }
            let stats = Stats(values)
            table.add([label, "\(stats.count)", fmt(stats.median), fmt(stats.p95), fmt(stats.max)])
        }
        print("keys on the chart at 160×48: app.handle + AppView.render, ms")
        print(table.printed())
    }
}
