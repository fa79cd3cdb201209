import CloserCore
import Foundation
import Testing

/// The log in words: stage names, amounts and milestones as a reader knows them, in both languages.
@Suite struct ChangeWordingTests {
    let catalog = ProcessCatalog(custom: [])
    func event(_ action: String, _ changes: [String: FieldChange], note: String = "") -> ChangeEvent {
        ChangeEvent(at: Date(timeIntervalSince1970: 0), user: "wang.lei", entity: "deal", entityID: 7, action: action, changes: changes, note: note)
    }

    @Test func aMoveNamesTheStages() {
        let moved = event("moved", ["stage": FieldChange(old: "develop", new: "entry")])
        #expect(ChangeWording(catalog: catalog, lang: .en).line(moved) == "moved · stage: Develop → Entry")
        #expect(ChangeWording(catalog: catalog, lang: .zh).line(moved) == "推进 · 阶段: 开发 → 销售进入")
    }

    /// An edit's amount is a Money object in the log; a new deal's is minor units.
    @Test func amountsReadAsAmounts() {
        let edited = event("updated", ["amount": FieldChange(old: #"{"currency":"CNY","minorUnits":2721000000}"#,
                                                              new: #"{"currency":"CNY","minorUnits":3000000000}"#)])
        #expect(ChangeWording(catalog: catalog, lang: .en).line(edited) == "edited · amount: CNY 27.2M → CNY 30M")
        let created = event("created", ["stage": FieldChange(old: nil, new: "develop"), "amount": FieldChange(old: nil, new: "120000000")], note: "泵站改造")
        #expect(ChangeWording(catalog: catalog, lang: .zh).line(created) == "新建 · 阶段 开发, 金额 1.2M · “泵站改造”")
    }

    @Test func aMilestoneIsNamedNotKeyed() {
        let ticked = event("milestone", ["milestone": FieldChange(old: nil, new: "graded")], note: "graded done")
        #expect(ChangeWording(catalog: catalog, lang: .zh).line(ticked) == "关键节点 · 完成 评估和分级 · “graded done”")
        let unticked = event("milestone", ["milestone": FieldChange(old: "graded", new: nil)])
        #expect(ChangeWording(catalog: catalog, lang: .en).line(unticked) == "milestone · unticked Opportunity assessed and graded A/B/C/D")
    }

    @Test func unknownKeysAndActionsStayReadable() {
        let odd = event("teleported", ["colour": FieldChange(old: "red", new: "blue")])
        #expect(ChangeWording(catalog: catalog, lang: .en).line(odd) == "teleported · colour: red → blue")
    }
}
