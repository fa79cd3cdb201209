import Foundation

/// One change of the log in words, in either language: a deal's history, the 360° timeline,
/// `closer log` and `closer deal show` all say it the same way ("moved: stage Develop → Entry",
/// "金额 120万 → 150万"), never as the log's raw keys and JSON.
public struct ChangeWording: Sendable {
    public var catalog: ProcessCatalog
    public var lang: Language

    public init(catalog: ProcessCatalog, lang: Language) {
        self.catalog = catalog
        self.lang = lang
    }

    /// "moved · stage: Develop → Entry · “tender came early”".
    public func line(_ event: ChangeEvent) -> String {
        var parts = [Self.action(event.action)[lang]]
        let changes = self.changes(event)
        if !changes.isEmpty { parts.append(changes) }
        if !event.note.isEmpty, event.note != event.changes["milestone"]?.new { parts.append("“\(event.note)”") }
        return parts.joined(separator: " · ")
    }

    /// The fields a change touched, in a fixed order: "stage: Develop → Entry, amount: 1.2M → 1.5M".
    public func changes(_ event: ChangeEvent) -> String {
        event.changes.keys.sorted { (Self.order($0), $0) < (Self.order($1), $1) }.compactMap { key -> String? in
            guard let change = event.changes[key] else { return nil }
            if key == "milestone" { return milestone(change) }
            let old = value(key, change.old), new = value(key, change.new)
            if change.old == nil || old.isEmpty { return "\(Self.field(key)[lang]) \(new)" }
            return "\(Self.field(key)[lang]): \(old) → \(new.isEmpty ? "∅" : new)"
        }.joined(separator: ", ")
    }

    private func milestone(_ change: FieldChange) -> String {
        let ticked = change.new.map { milestoneName($0) }
        let unticked = change.old.map { milestoneName($0) }
        return [ticked.map { LocalizedText(en: "ticked \($0)", zh: "完成 \($0)")[lang] },
                unticked.map { LocalizedText(en: "unticked \($0)", zh: "取消 \($0)")[lang] }].compactMap { $0 }.joined(separator: ", ")
    }

    private func milestoneName(_ key: String) -> String {
        for process in catalog.processes {
            for stage in process.stages {
                if let milestone = stage.milestones.first(where: { $0.key == key }) { return milestone.name[lang] }
            }
        }
        return key
    }

    /// A stored value as a reader knows it: a stage's name, an amount, a label of a coded value.
    func value(_ key: String, _ raw: String?) -> String {
        guard let raw, !raw.isEmpty else { return "" }
        switch key {
        case "stage", "stageKey": return stageName(raw)
        case "amount": return Self.amount(raw) ?? raw
        case "outcome": return Outcome(rawValue: raw)?.label[lang] ?? raw
        case "forecastCategory": return ForecastCategory(rawValue: raw)?.label[lang] ?? raw
        case "budgetKnown": return raw == "true" ? LocalizedText(en: "yes", zh: "是")[lang] : LocalizedText(en: "no", zh: "否")[lang]
        case "visibility": return Visibility(rawValue: raw)?.label[lang] ?? raw
        case "quadrant": return Quadrant(rawValue: raw)?.label[lang] ?? raw
        case "level": return PersonLevel(rawValue: raw)?.label[lang] ?? raw
        case "stance": return Stance(rawValue: raw)?.label[lang] ?? raw
        case "function": return PersonFunction(rawValue: raw)?.label[lang] ?? raw
        case "kind": return ActivityKind(rawValue: raw)?.label[lang] ?? raw
        default: return raw
        }
    }

    private func stageName(_ key: String) -> String {
        for process in catalog.processes {
            if let stage = process.stage(key) { return stage.name[lang] }
        }
        return key
    }

    /// An amount as the log keeps it: minor units ("12000000") or a Money object in JSON.
    static func amount(_ raw: String) -> String? {
        if let units = Int64(raw) { return Money.compact(units) }
        guard let data = raw.data(using: .utf8), let money = try? JSONDecoder().decode(Money.self, from: data) else { return nil }
        return "\(money.currency) \(Money.compact(money.minorUnits))"
    }

    /// What a reader looks for first; the rest follow by name.
    static let firstKeys = ["stage", "forced", "milestone", "amount", "title", "expectedClose", "nextStep", "nextStepDue", "owner",
                            "outcome", "outcomeReason"]

    static func order(_ key: String) -> Int { firstKeys.firstIndex(of: key) ?? firstKeys.count }

    static func action(_ action: String) -> LocalizedText {
        actions[action] ?? LocalizedText(en: action, zh: action)
    }

    static func field(_ key: String) -> LocalizedText {
        fields[key] ?? LocalizedText(en: key, zh: key)
    }

    static let actions: [String: LocalizedText] = [
        "created": .init(en: "created", zh: "新建"), "updated": .init(en: "edited", zh: "修改"), "deleted": .init(en: "deleted", zh: "删除"),
        "moved": .init(en: "moved", zh: "推进"), "forced": .init(en: "forced past a gate", zh: "强行推进"),
        "milestone": .init(en: "milestone", zh: "关键节点"), "next-step": .init(en: "next step", zh: "下一步"),
        "won": .init(en: "won", zh: "赢单"), "lost": .init(en: "lost", zh: "丢单"), "withdrawn": .init(en: "withdrawn", zh: "放弃"),
        "reopened": .init(en: "reopened", zh: "重新打开"), "close-date": .init(en: "close date moved", zh: "预计成交日变更"),
        "scores": .init(en: "scores", zh: "评分"), "claimed": .init(en: "claimed", zh: "领取"), "returned": .init(en: "returned to the pool", zh: "退回公海"),
        "assigned": .init(en: "assigned", zh: "分配"), "shared": .init(en: "shared", zh: "共享"), "unshared": .init(en: "unshared", zh: "取消共享"),
        "exclusive": .init(en: "made exclusive", zh: "设为独占"), "owned": .init(en: "made owned", zh: "设为私有"),
        "protected": .init(en: "protected", zh: "保护"), "unprotected": .init(en: "unprotected", zh: "取消保护"),
        "imported": .init(en: "imported", zh: "导入"), "saved": .init(en: "saved", zh: "保存"), "rules": .init(en: "pool rules", zh: "公海规则"),
        "call": .init(en: "forecast call", zh: "预测"), "undone": .init(en: "undone", zh: "撤销"),
        // Planned activities.
        "planned": .init(en: "planned", zh: "计划"), "rescheduled": .init(en: "rescheduled", zh: "改期"), "done": .init(en: "done", zh: "完成"),
        "cancelled": .init(en: "cancelled", zh: "取消计划"),
    ]

    static let fields: [String: LocalizedText] = [
        "stage": .init(en: "stage", zh: "阶段"), "amount": .init(en: "amount", zh: "金额"), "title": .init(en: "title", zh: "标题"),
        "forced": .init(en: "forced", zh: "强行通过"), "expectedClose": .init(en: "close date", zh: "预计成交"),
        "nextStep": .init(en: "next step", zh: "下一步"), "nextStepDue": .init(en: "due", zh: "截止"), "owner": .init(en: "owner", zh: "负责人"),
        "outcome": .init(en: "outcome", zh: "结果"), "outcomeReason": .init(en: "reason", zh: "原因"), "closedOn": .init(en: "closed", zh: "关闭日"),
        "competitors": .init(en: "competitors", zh: "竞争对手"), "budgetKnown": .init(en: "budget known", zh: "预算已知"),
        "forecastCategory": .init(en: "forecast", zh: "预测类别"), "name": .init(en: "name", zh: "名称"), "grade": .init(en: "grade", zh: "等级"),
        "assistance": .init(en: "assistance", zh: "协助"), "loyalty": .init(en: "loyalty", zh: "忠诚度"), "quadrant": .init(en: "quadrant", zh: "象限"),
        "region": .init(en: "region", zh: "区域"), "industry": .init(en: "industry", zh: "行业"), "notes": .init(en: "notes", zh: "备注"),
        "visibility": .init(en: "visibility", zh: "可见性"), "sharedWith": .init(en: "shared with", zh: "共享给"),
        "protected": .init(en: "protected", zh: "保护"), "level": .init(en: "level", zh: "级别"), "stance": .init(en: "stance", zh: "态度"),
        "influence": .init(en: "influence", zh: "影响力"), "isInsideCoach": .init(en: "inside coach", zh: "内线"),
        "reportsTo": .init(en: "reports to", zh: "上级"), "lastMet": .init(en: "last met", zh: "最近见面"), "kind": .init(en: "kind", zh: "类型"),
        "day": .init(en: "day", zh: "日期"), "role": .init(en: "role", zh: "角色"), "query": .init(en: "query", zh: "条件"),
        "currency": .init(en: "currency", zh: "币种"), "processKey": .init(en: "process", zh: "流程"),
        // Planned activities and the activities that did them.
        "text": .init(en: "plan", zh: "计划内容"), "due": .init(en: "planned for", zh: "计划日期"), "time": .init(en: "time", zh: "时间"),
        "doneOn": .init(en: "done on", zh: "完成日期"), "met": .init(en: "met", zh: "见到"),
        "function": .init(en: "function", zh: "职能"), "roles": .init(en: "roles", zh: "角色"),
    ]
}
