import Foundation

/// A line of the event log as a person reads it, in either language: "moved: Develop → Entry",
/// "里程碑已勾选：评估和分级", "修改：金额 CNY 100,000.00 → CNY 250,000.00". The log stores codes
/// (actions, field names, stage and milestone keys); this words them.
public enum ChangeEventWording {
    /// What happened, as a history line says it before the changes.
    public static func action(_ action: String) -> LocalizedText {
        switch action {
        case "created": LocalizedText(en: "created", zh: "新建")
        case "updated": LocalizedText(en: "edited", zh: "修改")
        case "deleted": LocalizedText(en: "deleted", zh: "删除")
        case "moved": LocalizedText(en: "moved", zh: "移动阶段")
        case "forced": LocalizedText(en: "forced past a gate", zh: "强行越过关键节点")
        case "milestone": LocalizedText(en: "milestone", zh: "里程碑")
        case "next-step": LocalizedText(en: "next step", zh: "下一步")
        case "close-date": LocalizedText(en: "close date", zh: "预计成交日期")
        case "won": LocalizedText(en: "won", zh: "赢单")
        case "lost": LocalizedText(en: "lost", zh: "输单")
        case "withdrawn": LocalizedText(en: "withdrawn", zh: "放弃")
        case "reopened": LocalizedText(en: "reopened", zh: "重新打开")
        case "scores": LocalizedText(en: "scores", zh: "评分")
        case "assigned": LocalizedText(en: "assigned", zh: "分配")
        case "shared": LocalizedText(en: "shared", zh: "共享")
        case "unshared": LocalizedText(en: "unshared", zh: "取消共享")
        case "exclusive": LocalizedText(en: "made exclusive", zh: "设为独占")
        case "owned": LocalizedText(en: "made owned", zh: "设为私有")
        case "returned": LocalizedText(en: "returned to the pool", zh: "退回公海")
        case "claimed": LocalizedText(en: "claimed", zh: "领取")
        case "protected": LocalizedText(en: "protected", zh: "保护")
        case "unprotected": LocalizedText(en: "unprotected", zh: "取消保护")
        case "planned": LocalizedText(en: "planned", zh: "计划")
        case "rescheduled": LocalizedText(en: "rescheduled", zh: "改期")
        case "done": LocalizedText(en: "done", zh: "完成")
        case "cancelled": LocalizedText(en: "cancelled", zh: "取消")
        case "undone": LocalizedText(en: "undone", zh: "撤销")
        case "imported": LocalizedText(en: "imported", zh: "导入")
        case "saved": LocalizedText(en: "saved", zh: "保存")
        case "call": LocalizedText(en: "forecast call", zh: "预测判断")
        default: LocalizedText(en: action, zh: action)
        }
    }

    /// A field of an entity as the log names it (its Swift name), in words.
    public static func field(_ name: String) -> LocalizedText {
        switch name {
        case "title": LocalizedText(en: "title", zh: "标题")
        case "name": LocalizedText(en: "name", zh: "名称")
        case "amount": LocalizedText(en: "amount", zh: "金额")
        case "stage", "stageKey": LocalizedText(en: "stage", zh: "阶段")
        case "milestone": LocalizedText(en: "milestone", zh: "里程碑")
        case "forced": LocalizedText(en: "forced", zh: "强行越过")
        case "expectedClose": LocalizedText(en: "close date", zh: "预计成交日期")
        case "nextStep": LocalizedText(en: "next step", zh: "下一步")
        case "nextStepDue": LocalizedText(en: "due", zh: "到期")
        case "budgetKnown": LocalizedText(en: "budget known", zh: "预算已知")
        case "competitors": LocalizedText(en: "competitors", zh: "竞争对手")
        case "owner": LocalizedText(en: "owner", zh: "负责人")
        case "outcome": LocalizedText(en: "outcome", zh: "结果")
        case "outcomeReason": LocalizedText(en: "reason", zh: "原因")
        case "forecastCategory": LocalizedText(en: "forecast", zh: "预测类别")
        case "closedOn": LocalizedText(en: "closed on", zh: "关闭日期")
        case "grade": LocalizedText(en: "grade", zh: "等级")
        case "assistance": LocalizedText(en: "assistance", zh: "协助")
        case "loyalty": LocalizedText(en: "loyalty", zh: "忠诚度")
        case "quadrant": LocalizedText(en: "quadrant", zh: "象限")
        case "industry": LocalizedText(en: "industry", zh: "行业")
        case "region": LocalizedText(en: "region", zh: "区域")
        case "businessNature": LocalizedText(en: "nature", zh: "企业性质")
        case "scale": LocalizedText(en: "scale", zh: "规模")
        case "tags": LocalizedText(en: "tags", zh: "标签")
        case "notes": LocalizedText(en: "notes", zh: "备注")
        case "visibility": LocalizedText(en: "visibility", zh: "可见性")
        case "sharedWith": LocalizedText(en: "shared with", zh: "共享给")
        case "level": LocalizedText(en: "level", zh: "级别")
        case "function": LocalizedText(en: "function", zh: "职能")
        case "roles": LocalizedText(en: "roles", zh: "角色")
        case "stance": LocalizedText(en: "stance", zh: "态度")
        case "influence": LocalizedText(en: "influence", zh: "影响力")
        case "isInsideCoach": LocalizedText(en: "inside coach", zh: "内线")
        case "lastMet": LocalizedText(en: "last met", zh: "最近见面")
        case "reportsTo": LocalizedText(en: "reports to", zh: "上级")
        case "phone": LocalizedText(en: "phone", zh: "电话")
        case "email": LocalizedText(en: "e-mail", zh: "邮箱")
        case "cares": LocalizedText(en: "cares about", zh: "关注点")
        case "kind": LocalizedText(en: "kind", zh: "类型")
        case "day": LocalizedText(en: "day", zh: "日期")
        case "due": LocalizedText(en: "due", zh: "计划日期")
        case "time": LocalizedText(en: "time", zh: "时间")
        case "text": LocalizedText(en: "plan", zh: "计划内容")
        case "met": LocalizedText(en: "met", zh: "见到")
        case "role": LocalizedText(en: "role", zh: "角色")
        default: LocalizedText(en: name, zh: name)
        }
    }

    /// A logged value in words: stage and milestone keys by their names in `process`, coded
    /// values by their labels, amounts as money; nil (no value) as "∅".
    public static func value(_ text: String?, field: String, process: ProcessTemplate?) -> LocalizedText {
        guard let text, !text.isEmpty else { return LocalizedText(en: "∅", zh: "∅") }
        switch field {
        case "stage", "stageKey":
            if let stage = process?.stage(text) { return stage.name }
        case "milestone", "forced":
            let keys = text.components(separatedBy: ", ")
            let names = keys.map { key in process?.stages.lazy.flatMap(\.milestones).first { $0.key == key }?.name ?? LocalizedText(en: key, zh: key) }
            return LocalizedText(en: names.map(\.en).joined(separator: ", "), zh: names.map { $0[.zh] }.joined(separator: "、"))
        case "amount":
            if let data = text.data(using: .utf8), let money = try? JSONDecoder().decode(Money.self, from: data) {
                return LocalizedText(en: money.description, zh: money.description)
            }
        case "outcome": if let value = Outcome(rawValue: text) { return value.label }
        case "grade": if let value = Grade(rawValue: text) { return LocalizedText(en: value.rawValue, zh: value.rawValue) }
        case "quadrant": if let value = Quadrant(rawValue: text) { return value.label }
        case "visibility": if let value = Visibility(rawValue: text) { return value.label }
        case "forecastCategory": if let value = ForecastCategory(rawValue: text) { return value.label }
        case "level": if let value = PersonLevel(rawValue: text) { return value.label }
        case "function": if let value = PersonFunction(rawValue: text) { return value.label }
        case "stance": if let value = Stance(rawValue: text) { return value.label }
        case "kind": if let value = ActivityKind(rawValue: text) { return value.label }
        case "budgetKnown", "isInsideCoach":
            if text == "true" { return LocalizedText(en: "yes", zh: "是") }
            if text == "false" { return LocalizedText(en: "no", zh: "否") }
        case "roles":
            let roles = text.components(separatedBy: ", ").map { PersonRole(rawValue: $0)?.label ?? LocalizedText(en: $0, zh: $0) }
            return LocalizedText(en: roles.map(\.en).joined(separator: ", "), zh: roles.map { $0[.zh] }.joined(separator: "、"))
        default: break
        }
        return LocalizedText(en: text, zh: text)
    }

    /// What an event did, in one line without its time and user: "moved: Develop → Entry",
    /// "里程碑已勾选：评估和分级". `process` names a deal's stages and milestones (nil: keys shown).
    public static func summary(_ event: ChangeEvent, process: ProcessTemplate?) -> LocalizedText {
        var changes = event.changes
        if event.action == "milestone", let change = changes.removeValue(forKey: "milestone") {
            let ticked = change.new != nil
            let name = value(ticked ? change.new : change.old, field: "milestone", process: process)
            return LocalizedText(en: "milestone \(ticked ? "ticked" : "unticked"): \(name.en)",
                                 zh: "里程碑\(ticked ? "已勾选" : "取消勾选")：\(name.zh)")
        }
        let parts = changes.keys.sorted().map { key -> LocalizedText in
            let change = changes[key] ?? FieldChange(old: nil, new: nil)
            let label = field(key), old = value(change.old, field: key, process: process), new = value(change.new, field: key, process: process)
            return LocalizedText(en: "\(label.en) \(old.en) → \(new.en)", zh: "\(label.zh) \(old.zh) → \(new.zh)")
        }
        let head = action(event.action)
        let note = event.note.isEmpty ? LocalizedText(en: "", zh: "") : LocalizedText(en: " (\(event.note))", zh: "（\(event.note)）")
        guard !parts.isEmpty else { return LocalizedText(en: head.en + note.en, zh: head.zh + note.zh) }
        return LocalizedText(en: "\(head.en): \(parts.map(\.en).joined(separator: "; "))\(note.en)",
                             zh: "\(head.zh)：\(parts.map(\.zh).joined(separator: "；"))\(note.zh)")
    }

    /// A whole history line: "2026-11-23 wang.lei moved: Develop → Entry".
    public static func line(_ event: ChangeEvent, process: ProcessTemplate?) -> LocalizedText {
        let text = summary(event, process: process)
        let head = "\(Day(event.at)) \(event.user) "
        return LocalizedText(en: head + text.en, zh: head + text.zh)
    }
}
