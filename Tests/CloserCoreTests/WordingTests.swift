import CloserCore
import Foundation
import Testing

/// What the model words for the screens, in both languages: history lines, the demo-load message.
@Suite("Wording: history lines and messages in English and Chinese")
struct WordingTests {
    static let project = ProcessCatalog().process("project")
    static let at = Date(timeIntervalSince1970: 20_780 * 86_400 + 12 * 3_600)

    private func event(_ action: String, _ changes: [String: FieldChange], note: String = "") -> ChangeEvent {
        ChangeEvent(at: Self.at, user: "wang.lei", entity: "deal", entityID: 5, action: action, changes: changes, note: note)
    }

    @Test("a milestone line names the milestone, not its key twice")
    func milestone() throws {
        let process = try #require(Self.project)
        let key = try #require(process.stages.first?.milestones.first)
        let ticked = ChangeEventWording.summary(event("milestone", ["milestone": FieldChange(old: nil, new: key.key)]), process: process)
        #expect(ticked == LocalizedText(en: "milestone ticked: \(key.name.en)", zh: "里程碑已勾选：\(key.name.zh)"))
        let unticked = ChangeEventWording.summary(event("milestone", ["milestone": FieldChange(old: key.key, new: nil)]), process: process)
        #expect(unticked.zh == "里程碑取消勾选：\(key.name.zh)")
    }

    @Test("a move names the stages in the reader's language; a whole line adds the day and the user")
    func move() throws {
        let process = try #require(Self.project)
        let moved = event("moved", ["stage": FieldChange(old: "develop", new: "entry")])
        #expect(ChangeEventWording.summary(moved, process: process) == LocalizedText(en: "moved: stage Develop → Entry", zh: "移动阶段：阶段 开发 → 销售进入"))
        #expect(ChangeEventWording.line(moved, process: process).zh == "2026-11-23 wang.lei 移动阶段：阶段 开发 → 销售进入")
    }

    @Test("an edit words each field and value: money, days, yes/no, none as ∅; a note follows")
    func edit() {
        let edited = event("updated", [
            "amount": FieldChange(old: #"{"currency":"CNY","minorUnits":10000000}"#, new: #"{"currency":"CNY","minorUnits":25000000}"#),
            "expectedClose": FieldChange(old: nil, new: "2026-12-31"),
            "budgetKnown": FieldChange(old: "false", new: "true"),
        ], note: "from the form")
        let text = ChangeEventWording.summary(edited, process: nil)
        #expect(text.en == "edited: amount CNY 100,000.00 → CNY 250,000.00; budgetKnown no → yes; close date ∅ → 2026-12-31 (from the form)"
            .replacingOccurrences(of: "budgetKnown", with: "budget known"))
        #expect(text.zh == "修改：金额 CNY 100,000.00 → CNY 250,000.00；预算已知 否 → 是；预计成交日期 ∅ → 2026-12-31（from the form）")
    }

    @Test("coded values read as labels; unknown actions and fields stay as they are")
    func codes() {
        let scores = ChangeEvent(at: Self.at, user: "li.na", entity: "account", entityID: 2, action: "scores",
                                 changes: ["quadrant": FieldChange(old: "market", new: "strategic"), "loyalty": FieldChange(old: "3", new: "8")])
        #expect(ChangeEventWording.summary(scores, process: nil).zh == "评分：忠诚度 3 → 8；象限 接受市场的客户 → 忠诚度网络")
        #expect(ChangeEventWording.summary(event("teleported", ["colour": FieldChange(old: "red", new: "blue")]), process: nil).en
            == "teleported: colour red → blue")
    }

    @Test("the demo-load message in both languages")
    func importSummary() {
        var summary = ImportSummary()
        (summary.accounts, summary.persons, summary.deals, summary.activities) = (41, 120, 300, 900)
        #expect(summary.description == "imported 41 accounts, 120 persons, 300 deals, 900 activities")
        #expect(summary.text.zh == "已导入 41 个客户、120 位关键人、300 个商机、900 条行动记录")
        summary.users = 6
        #expect(summary.text.zh.hasSuffix("、6 位用户"))
    }

    @Test("a duplicate check says who holds what the rep cannot see, nothing more")
    func hiddenAccounts() {
        let named = HiddenAccounts(query: .name("中国石化"), holders: ["王磊 (wang.lei)"])
        #expect(named.exist && named.text == LocalizedText(en: "an account named 中国石化 exists, held by 王磊 (wang.lei)",
                                                           zh: "客户「中国石化」已存在，由 王磊 (wang.lei) 负责"))
        let searched = HiddenAccounts(query: .search("zgsh"), holders: ["li.na", "wang.lei"])
        #expect(searched.text.zh == "有匹配「zgsh」但您看不到的客户，由 li.na、wang.lei 负责")
        #expect(!HiddenAccounts(query: .search("x"), holders: []).exist)
    }
}
