/// The Chinese names of the fields a validation issue names by key ("loyalty" → "客户忠诚度").
public enum FieldNames {
    static let chinese: [String: String] = [
        "name": "名称", "assistance": "供应商协助", "loyalty": "客户忠诚度", "owner": "负责人", "notes": "备注",
        "industry": "行业", "region": "地区", "nature": "企业性质", "scale": "规模", "shared-with": "共享给", "tags": "标签",
        "external-id": "外部编号", "influence": "影响力", "reports-to": "上级", "email": "邮箱", "title": "标题",
        "cares": "关注点", "phone": "电话", "stage": "阶段", "process": "流程", "amount": "金额", "currency": "币种",
        "reason": "原因", "next-step": "下一步", "competitors": "竞争对手", "needs": "需求", "by": "记录人",
        "outcome": "结果", "text": "内容", "due": "日期", "day": "日期",
        "no-follow-up-days": "无跟进天数", "no-win-days": "无赢单天数", "warn-days": "提醒天数", "max-per-rep": "每人上限",
        "route-days": "路线天数", "cold-days": "冷却天数",
        "user name": "用户名", "display name": "显示名", "filter name": "筛选名称", "filter query": "筛选条件",
    ]

    /// The field's Chinese name; a key the table does not know (a process's key) is shown as it is, as data.
    public static func zh(_ field: String) -> String { chinese[field] ?? field }
}
