/// How experienced a customer is with what we sell (004, 客户经验): buyers start as
/// inexperienced generalists who want the whole system and the support around it, and become
/// experienced specialists who unbundle the system and buy on price against performance. The
/// account records where it stands, so the rep sells to the buyer it has now rather than the
/// one it had when the relationship began.
public enum BuyerMaturity: String, CodedValue, Comparable {
    case generalist, familiar, unbundling, specialist

    public var label: LocalizedText {
        switch self {
        case .generalist: LocalizedText(en: "Inexperienced generalist", zh: "无经验的多面手")
        case .familiar: LocalizedText(en: "Growing familiar", zh: "逐渐熟悉")
        case .unbundling: LocalizedText(en: "Experienced, unbundling", zh: "有经验，开始拆分采购")
        case .specialist: LocalizedText(en: "Experienced specialist", zh: "有经验的专家")
        }
    }

    /// 1 (new to the product) … 4 (knows it better than we do).
    public var level: Int { (Self.allCases.firstIndex(of: self) ?? 0) + 1 }

    /// Accepts what `CodedValue.parse` accepts, and the level's number 1…4.
    public static func parse(_ text: String) -> BuyerMaturity? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let level = Int(trimmed), (1...allCases.count).contains(level) { return allCases[level - 1] }
        return allCases.first { value in
            value.rawValue == trimmed.lowercased() || value.label.en.lowercased() == trimmed.lowercased() || value.label.zh == trimmed
        }
    }

    /// Who buys and how, at this level (004).
    public var buyer: LocalizedText {
        switch self {
        case .generalist:
            LocalizedText(en: "A generalist or a senior manager buys, slowly, leaning on the seller from start to finish.",
                          zh: "由多面手或高层经理采购，决策缓慢，自始至终依赖销售商的引导。")
        case .familiar:
            LocalizedText(en: "Purchasing joins the decision; interest in new applications fades.",
                          zh: "采购经理越来越多地参与决策，对应用的兴趣越来越少。")
        case .unbundling:
            LocalizedText(en: "Specialists buy to a standard specification and take the system apart, some parts from others.",
                          zh: "由熟悉产品的专家或采购部门按规范采购，开始把系统拆分，部分向别家购买。")
        case .specialist:
            LocalizedText(en: "Experts weigh price against performance and decide quickly; good enough beats best.",
                          zh: "专家在价格与性能之间权衡，决策快；够好即可，不求过度。")
        }
    }

    /// What price weighs at this level: the moment it becomes what matters.
    public var price: LocalizedText {
        switch self {
        case .generalist: LocalizedText(en: "Price matters little: reliability, support and the whole system do.", zh: "价格不是重点：可靠、服务与完整系统才是。")
        case .familiar: LocalizedText(en: "Price starts to matter as purchasing takes over.", zh: "采购接手后，价格开始变得重要。")
        case .unbundling: LocalizedText(en: "Price matters part by part: each piece is compared.", zh: "价格逐项比较：每个部件都被比价。")
        case .specialist: LocalizedText(en: "Price is what matters: price, price and price.", zh: "价格就是一切：价格，价格，还是价格。")
        }
    }

    /// The method's advice for selling to a buyer at this level (004).
    public var guidance: LocalizedText {
        switch self {
        case .generalist:
            LocalizedText(en: "Sell the whole system with strong support: proven technology, installation, training and service; guide the long decision step by step.",
                          zh: "提供完整系统与强大支持：可靠的技术、安装、培训和服务；一步步引导漫长的决策。")
        case .familiar:
            LocalizedText(en: "Watch for the shift: keep senior management and the users in the decision, and open new applications with them to renew their need for us.",
                          zh: "留意转变的迹象：让高层和使用部门继续参与决策，并与客户开发新的应用，延缓其转向只看价格。")
        case .unbundling:
            LocalizedText(en: "Unbundle before they do: price the parts, drop what they no longer value, and keep the support only where they still need it.",
                          zh: "在客户拆分之前主动拆分：分项报价，去掉客户不再看重的部分，只在仍需要的地方保留服务。")
        case .specialist:
            LocalizedText(en: "Compete on price and performance with a lean offer and reliable delivery, or find a new application that makes them learners again.",
                          zh: "以精简的产品、可靠的交付在价格与性能上竞争；或找到新的应用，让客户重新成为需要引导的买方。")
        }
    }

    public static func < (a: BuyerMaturity, b: BuyerMaturity) -> Bool { a.level < b.level }
}
