import CloserCore
import Foundation
import Testing

/// What the model words for the screens, in both languages: history lines, the demo-load message.
@Suite("Wording: history lines and messages in English and Chinese")
struct WordingTests {
    let catalog = ProcessCatalog()

    private func event(_ entity: String, _ action: String, _ changes: [String: FieldChange], note: String = "") -> ChangeEvent {
        ChangeEvent(at: Date(timeIntervalSince1970: 0), user: "wang.lei", entity: entity, entityID: 5, action: action, changes: changes, note: note)
    }

    @Test("a planned activity's log lines in both languages")
    func plans() {
        let planned = event("plan", "planned", ["text": FieldChange(old: nil, new: "call the chief engineer"), "kind": FieldChange(old: nil, new: "call"),
                                                "due": FieldChange(old: nil, new: "2026-11-24"), "time": FieldChange(old: nil, new: "09:30")], note: "deal 5")
        #expect(ChangeWording(catalog: catalog, lang: .zh).line(planned) == "计划 · 计划日期 2026-11-24, 类型 电话, 计划内容 call the chief engineer, 时间 09:30 · “deal 5”")
        let moved = event("plan", "rescheduled", ["due": FieldChange(old: "2026-11-24", new: "2026-11-26")])
        #expect(ChangeWording(catalog: catalog, lang: .en).line(moved) == "rescheduled · planned for: 2026-11-24 → 2026-11-26")
        let done = event("activity", "created", ["day": FieldChange(old: nil, new: "2026-11-22"), "met": FieldChange(old: nil, new: "4, 7")])
        #expect(ChangeWording(catalog: catalog, lang: .zh).line(done) == "新建 · 日期 2026-11-22, 见到 4, 7")
        #expect(ChangeWording(catalog: catalog, lang: .zh).line(event("plan", "cancelled", [:])) == "取消计划")
    }

    @Test("an undo says what it took back, in both languages")
    func undo() {
        let undo = event("deal", "moved", ["stage": FieldChange(old: "entry", new: "develop")], note: UndoNote.note(undoing: 12))
        #expect(UndoNote.undoneEvent(undo) == 12 && UndoNote.undoneEvent(event("deal", "moved", [:])) == nil)
        #expect(UndoNote.done(undo, catalog: catalog) == LocalizedText(en: "undone: moved · stage: Entry → Develop", zh: "已撤销：推进 · 阶段: 销售进入 → 开发"))
        #expect(UndoNote.isUndoable(entity: "deal", action: "forced") && UndoNote.isUndoable(entity: "account", action: "scores"))
        #expect(!UndoNote.isUndoable(entity: "deal", action: "won") && !UndoNote.isUndoable(entity: "plan", action: "planned"))
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
