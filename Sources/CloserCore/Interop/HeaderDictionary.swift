import Foundation

/// The column headers Salesforce, HubSpot, Pipedrive and Excel users write, in English and
/// Chinese, each naming one of our fields. Headers are compared folded: case, spaces,
/// punctuation and full-width forms do not matter ("Account Name", "account_name", "客户名称：").
public enum HeaderDictionary {
    static let entries: [ImportField: [String]] = [
        .externalID: ["id", "record id", "external id", "opportunity id", "deal id", "contact id", "lead id", "crm id",
                      "编号", "记录id", "外部编号", "商机编号", "联系人编号", "编码", "序号id"],
        // Our own exports' id columns: told apart from another CRM's "Deal ID" by the name.
        .closerID: ["closer id", "closer deal id", "closer account id", "closer contact id", "closer person id",
                    "closer 编号", "closer 商机编号", "closer 客户编号", "closer 联系人编号"],
        .closerVersion: ["closer version", "closer 版本"],
        .account: ["account", "account name", "company", "company name", "organization", "organisation", "organization name",
                   "organisation name", "organization - name", "deal - organization", "associated company", "customer",
                   "customer name", "client", "client name", "客户", "客户名称", "客户全称", "公司", "公司名称", "单位", "单位名称",
                   "企业名称", "所属客户", "客户公司"],
        .accountExternalID: ["account id", "company id", "organization id", "客户编号", "客户id", "客户代码"],
        .grade: ["grade", "rating", "account rating", "tier", "客户等级", "客户级别", "等级", "级别分类"],
        .industry: ["industry", "sector", "行业", "所属行业", "行业分类"],
        .region: ["region", "territory", "state", "province", "billing state/province", "billing state", "billing city", "city",
                  "area", "地区", "区域", "省份", "城市", "所在地区", "省市"],
        .businessNature: ["type", "account type", "company type", "business nature", "ownership", "企业性质", "公司性质", "客户类型"],
        .scale: ["employees", "number of employees", "company size", "size", "scale", "annual revenue", "规模", "企业规模", "人员规模"],
        .owner: ["owner", "account owner", "opportunity owner", "deal owner", "contact owner", "deal - owner", "assigned to",
                 "sales rep", "负责人", "销售负责人", "销售", "业务员", "所属销售", "跟进人", "归属人"],
        .tags: ["tags", "labels", "label", "deal - label", "标签"],
        .notes: ["notes", "note", "description", "comments", "comment", "remarks", "备注", "说明", "描述"],
        .assistance: ["assistance", "supplier assistance", "供应商协助", "协助度"],
        .loyalty: ["loyalty", "customer loyalty", "客户忠诚度", "忠诚度"],
        .person: ["contact", "contact name", "name", "full name", "person", "person name", "person - name", "deal - contact person",
                  "联系人", "联系人姓名", "姓名", "客户联系人", "关键人"],
        .firstName: ["first name", "firstname", "given name", "名"],
        .lastName: ["last name", "lastname", "surname", "family name", "姓"],
        .jobTitle: ["title", "job title", "position", "role title", "职位", "职务", "岗位", "头衔"],
        .phone: ["phone", "phone number", "mobile", "mobile phone", "mobile phone number", "telephone", "电话", "手机",
                 "手机号", "联系电话", "电话号码", "手机号码"],
        .email: ["email", "e-mail", "email address", "mail", "邮箱", "电子邮件", "电子邮箱", "邮件地址"],
        .level: ["level", "seniority", "级别", "层级"],
        .function: ["department", "function", "部门", "职能"],
        .roles: ["roles", "buying role", "contact role", "角色", "采购角色"],
        .stance: ["stance", "attitude", "态度", "立场"],
        .insideCoach: ["inside coach", "coach", "内线"],
        .influence: ["influence", "influence level", "影响力", "影响程度"],
        .lastMet: ["last met", "last meeting", "last meeting date", "last contacted", "last contact date", "最近见面", "最近拜访",
                   "上次拜访", "上次见面", "最后拜访日期"],
        .reportsTo: ["reports to", "reports to name", "direct manager", "line manager", "直属上级", "上级", "汇报对象", "汇报给"],
        .deal: ["deal", "deal name", "deal title", "deal - title", "opportunity", "opportunity name", "project", "project name",
                "商机", "商机名称", "项目", "项目名称", "机会名称", "销售机会"],
        .amount: ["amount", "deal amount", "deal value", "value", "deal - value", "opportunity amount", "expected revenue",
                  "金额", "预计金额", "商机金额", "合同金额", "成交金额", "项目金额", "预算金额"],
        .currency: ["currency", "amount currency", "deal - currency", "opportunity currency", "币种", "货币"],
        .stage: ["stage", "deal stage", "deal - stage", "opportunity stage", "sales stage", "status", "阶段", "销售阶段", "商机阶段", "项目阶段"],
        .process: ["process", "pipeline", "deal - pipeline", "sales process", "销售流程", "流程"],
        .closeDate: ["close date", "expected close date", "deal - expected close date", "closing date", "close", "expected close",
                     "预计成交日期", "预计成交时间", "预计签约日期", "成交日期", "结单日期"],
        .nextStep: ["next step", "next action", "next activity", "下一步", "下一步计划", "下一步行动"],
        .nextStepDue: ["next step date", "next step due", "next activity date", "deal - next activity date", "下一步日期", "下次跟进日期"],
        .competitors: ["competitors", "competitor", "main competitors", "竞争对手", "竞争者"],
        .kind: ["activity type", "activity", "type of activity", "task type", "活动类型", "跟进方式", "行动类型"],
        .day: ["date", "activity date", "due date", "date of activity", "日期", "跟进日期", "拜访日期", "活动日期"],
        .outcome: ["outcome", "result", "won/lost", "结果", "跟进结果"],
        .outcomeReason: ["loss reason", "lost reason", "closed lost reason", "closed won reason", "won reason", "win reason",
                         "close reason", "reason", "输单原因", "丢单原因", "赢单原因", "失败原因", "关闭原因", "原因"],
    ]

    static let index: [String: ImportField] = {
        var index = [String: ImportField]()
        for (field, headers) in entries {
            for header in headers { index[fold(header)] = field }
        }
        return index
    }()

    /// The field a header names, or nil when it is not one we know.
    public static func field(for header: String) -> ImportField? {
        let folded = fold(header)
        if let field = index[folded] { return field }
        // Pipedrive and Zoho prefix a column with its entity: "Deal - Value", "Organization - Name".
        for prefix in ["deal", "organization", "organisation", "person", "contact", "opportunity", "account"] where folded.hasPrefix(prefix) {
            if let field = index[String(folded.dropFirst(prefix.count))], field != .person { return field }
        }
        return nil
    }

    /// Case, width, spaces and punctuation folded away: "Account_Name：" → "accountname".
    public static func fold(_ header: String) -> String {
        var folded = String.UnicodeScalarView()
        for scalar in header.unicodeScalars {
            // Full-width ASCII (ＡＢＣ，：) as a Chinese input method types it.
            let narrow = (0xFF01...0xFF5E).contains(scalar.value) ? Unicode.Scalar(scalar.value - 0xFEE0) ?? scalar : scalar
            switch narrow.properties.generalCategory {
            case .spaceSeparator, .lineSeparator, .paragraphSeparator, .control, .format,
                 .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
                 .finalPunctuation, .otherPunctuation, .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
                continue
            default:
                if narrow.isASCII {
                    let byte = UInt8(truncatingIfNeeded: narrow.value)
                    folded.append(Unicode.Scalar((65...90).contains(byte) ? byte + 32 : byte))
                } else if narrow.properties.changesWhenLowercased {
                    folded.append(contentsOf: String(narrow).lowercased().unicodeScalars)
                } else {
                    folded.append(narrow)
                }
            }
        }
        return String(folded)
    }
}
