/// The taboos of the source's ten (002, 第四篇) that a CRM's data cannot prove: how well a rep
/// listens, whether they bow to every demand, how they spend a visit, whether they read each
/// customer as its own. They are coaching points for the help and the review conversation,
/// never warnings: a count would only pretend to measure them.
public struct CoachingPoint: Sendable, Hashable {
    public var taboo: Int
    public var title: LocalizedText
    public var point: LocalizedText

    public init(taboo: Int, title: LocalizedText, point: LocalizedText) {
        self.taboo = taboo
        self.title = title
        self.point = point
    }
}

public enum CoachingPoints {
    public static let all: [CoachingPoint] = [
        CoachingPoint(
            taboo: 1, title: LocalizedText(en: "Not really listening", zh: "不能真正倾听"),
            point: LocalizedText(en: "In an easy sales conversation the customer talks about twice as long as the seller; ask, then listen.",
                                 zh: "轻松的销售交流中，客户开口的时间应是销售员的两倍左右；多提问，多倾听。")),
        CoachingPoint(
            taboo: 5, title: LocalizedText(en: "“The customer is always right”", zh: "客户总是对的"),
            point: LocalizedText(en: "Tell a lasting need from a passing want: serve the customer's long-term goals, not every specific demand.",
                                 zh: "区分长期稳定的“需求”和随意的“需要”：关注客户的长远目标，而非每个具体要求。")),
        CoachingPoint(
            taboo: 8, title: LocalizedText(en: "Idle chat", zh: "无谓的闲谈"),
            point: LocalizedText(en: "The relationship is a business one: hours of small talk cost the customer time and us our professional standing.",
                                 zh: "与客户的关系是商业关系：长时间闲谈既耽误客户，也降低我们的专业感。")),
        CoachingPoint(
            taboo: 10, title: LocalizedText(en: "Ignoring how customers differ", zh: "忽视客户差异"),
            point: LocalizedText(en: "Needs, finances and culture differ from customer to customer; the brochure in hand must not decide the conversation.",
                                 zh: "每个客户的需求、财务状况和企业文化都不同；不要被手中的产品资料束缚。")),
    ]
}
