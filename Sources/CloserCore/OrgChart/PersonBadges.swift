/// Short forms of a person's classification, for boxes and one-line outlines where the full
/// labels do not fit. Every short form has a colour-free symbol, so a monochrome terminal or a
/// mail still tells supporter from opponent.
extension PersonRole {
    public var badge: LocalizedText {
        switch self {
        case .initiator: LocalizedText(en: "In", zh: "发")
        case .decisionMaker: LocalizedText(en: "DM", zh: "决")
        case .user: LocalizedText(en: "Us", zh: "用")
        case .specifier: LocalizedText(en: "Sp", zh: "设")
        case .evaluator: LocalizedText(en: "Ev", zh: "评")
        case .approver: LocalizedText(en: "Ap", zh: "批")
        }
    }
}

extension PersonLevel {
    public var short: LocalizedText {
        switch self {
        case .decisionMaker: LocalizedText(en: "Dec", zh: "决策")
        case .manager: LocalizedText(en: "Mgmt", zh: "管理")
        case .operator_: LocalizedText(en: "Ops", zh: "操作")
        }
    }
}

extension PersonFunction {
    public var short: LocalizedText {
        switch self {
        case .using: LocalizedText(en: "Use", zh: "使用")
        case .technical: LocalizedText(en: "Tech", zh: "技术")
        case .procurement: LocalizedText(en: "Proc", zh: "采购")
        }
    }
}

extension Stance {
    /// + supporter, · neutral, − opponent.
    public var symbol: String {
        switch self {
        case .supporter: "+"
        case .neutral: "·"
        case .opponent: "−"
        }
    }
}

extension Person {
    /// "决批" / "DM Ap": the roles in this purchase as badges, in the roles' fixed order.
    public func roleBadges(_ lang: Language) -> String {
        roles.sorted().map { $0.badge[lang] }.joined(separator: lang == .zh ? "" : " ")
    }

    /// "决策·技术": level and function in a few columns.
    public func levelAndFunction(_ lang: Language) -> String {
        level.short[lang] + "·" + function.short[lang]
    }

    /// The coach marker, shown before the name.
    public static let coachMarker = "★"
}
