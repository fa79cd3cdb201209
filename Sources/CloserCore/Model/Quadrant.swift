import Foundation

/// The four customer types on supplier assistance × customer loyalty (000).
public enum Quadrant: String, CodedValue {
    case market, opportunity, loyal, strategic

    /// Scores run 1…10; 6 and above counts as high, so each axis splits five and five.
    public static let scoreRange = 1...10
    public static let highFrom = 6

    public init(assistance: Int, loyalty: Int) {
        let highAssistance = assistance >= Quadrant.highFrom
        let highLoyalty = loyalty >= Quadrant.highFrom
        switch (highAssistance, highLoyalty) {
        case (false, false): self = .market
        case (true, false): self = .opportunity
        case (false, true): self = .loyal
        case (true, true): self = .strategic
        }
    }

    public var label: LocalizedText {
        switch self {
        case .market: LocalizedText(en: "Market", zh: "接受市场的客户")
        case .opportunity: LocalizedText(en: "Opportunity", zh: "机会客户")
        case .loyal: LocalizedText(en: "Loyal", zh: "忠实客户")
        case .strategic: LocalizedText(en: "Strategic", zh: "忠诚度网络")
        }
    }

    /// Why an account sits here, in words a rep can act on.
    public var meaning: LocalizedText {
        switch self {
        case .market: LocalizedText(en: "low loyalty, little assistance: buys from the market", zh: "忠诚度低、协助少：从市场上采购")
        case .opportunity: LocalizedText(en: "we help a lot, loyalty not yet earned", zh: "协助多，但尚未赢得忠诚")
        case .loyal: LocalizedText(en: "loyal, though we give little beyond the product", zh: "忠诚，但我们的协助仅限于产品")
        case .strategic: LocalizedText(en: "loyal and deeply assisted: the loyalty network", zh: "忠诚且深度协作：忠诚度网络")
        }
    }

    /// "Continuous differentiation" actions (000) that raise each axis.
    public static let loyaltyActions: [LocalizedText] = [
        LocalizedText(en: "Product innovation for this customer", zh: "产品创新"),
        LocalizedText(en: "Shared information systems", zh: "信息系统共享"),
        LocalizedText(en: "Joint promotions", zh: "联合促销"),
        LocalizedText(en: "Joint planning and forecasting", zh: "联合计划与预测"),
        LocalizedText(en: "Offers made for this customer", zh: "专属报价与方案"),
    ]

    public static let assistanceActions: [LocalizedText] = [
        LocalizedText(en: "Supply-chain collaboration", zh: "供应链协作"),
        LocalizedText(en: "Product-use knowledge", zh: "产品使用知识"),
        LocalizedText(en: "Competitive intelligence", zh: "竞争情报"),
        LocalizedText(en: "Training", zh: "培训"),
        LocalizedText(en: "Specialised sellers", zh: "专业化销售人员"),
    ]
}
