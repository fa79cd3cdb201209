import Foundation

/// A value the store keeps as a short stable code and the UI shows in either language.
public protocol CodedValue: RawRepresentable<String>, CaseIterable, Sendable, Hashable, Codable {
    var label: LocalizedText { get }
}

extension CodedValue {
    /// Accepts the code ("decision-maker"), the English or the Chinese label, any case.
    public static func parse(_ text: String) -> Self? {
        let wanted = text.trimmingCharacters(in: .whitespaces).lowercased()
        return allCases.first { value in
            value.rawValue.lowercased() == wanted || value.label.en.lowercased() == wanted || value.label.zh == wanted
        }
    }

    public static var codes: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

/// A/B/C/D by expected close time and likelihood (002): managers put time on A.
public enum Grade: String, CodedValue {
    case a = "A", b = "B", c = "C", d = "D"

    public var label: LocalizedText {
        switch self {
        case .a: LocalizedText(en: "A — all in", zh: "A 全力投入")
        case .b: LocalizedText(en: "B — control time", zh: "B 控制时间")
        case .c: LocalizedText(en: "C — watch", zh: "C 观察变化")
        case .d: LocalizedText(en: "D — last", zh: "D 最后考虑")
        }
    }

    public static func parse(_ text: String) -> Grade? {
        Grade(rawValue: text.trimmingCharacters(in: .whitespaces).uppercased())
    }
}

/// Who holds an account and who may see it (003: pool, exclusive, share, protect).
public enum Visibility: String, CodedValue {
    case pool, owned, shared, exclusive, protected

    public var label: LocalizedText {
        switch self {
        case .pool: LocalizedText(en: "Pool", zh: "公海")
        case .owned: LocalizedText(en: "Owned", zh: "私有")
        case .shared: LocalizedText(en: "Shared", zh: "共享")
        case .exclusive: LocalizedText(en: "Exclusive", zh: "独占")
        case .protected: LocalizedText(en: "Protected", zh: "保护")
        }
    }
}

/// Level in the buying organisation (003).
public enum PersonLevel: String, CodedValue {
    case decisionMaker = "decision", manager, operator_ = "operator"

    public var label: LocalizedText {
        switch self {
        case .decisionMaker: LocalizedText(en: "Decision", zh: "决策层")
        case .manager: LocalizedText(en: "Management", zh: "管理层")
        case .operator_: LocalizedText(en: "Operator", zh: "操作层")
        }
    }
}

/// Function of the person's department (003).
public enum PersonFunction: String, CodedValue {
    case using, technical, procurement

    public var label: LocalizedText {
        switch self {
        case .using: LocalizedText(en: "Using dept", zh: "使用部门")
        case .technical: LocalizedText(en: "Technical", zh: "技术部门")
        case .procurement: LocalizedText(en: "Procurement", zh: "采购部门")
        }
    }
}

/// Role in this purchase (003); one person may hold several.
public enum PersonRole: String, CodedValue, Comparable {
    case initiator, decisionMaker = "decision-maker", user, specifier, evaluator, approver

    public var label: LocalizedText {
        switch self {
        case .initiator: LocalizedText(en: "Initiator", zh: "发起者")
        case .decisionMaker: LocalizedText(en: "Decision-maker", zh: "决策者")
        case .user: LocalizedText(en: "User", zh: "使用者")
        case .specifier: LocalizedText(en: "Specifier", zh: "设计者")
        case .evaluator: LocalizedText(en: "Evaluator", zh: "评估者")
        case .approver: LocalizedText(en: "Approver", zh: "批准者")
        }
    }

    public static func < (a: PersonRole, b: PersonRole) -> Bool {
        (allCases.firstIndex(of: a) ?? 0) < (allCases.firstIndex(of: b) ?? 0)
    }
}

/// Where a person stands toward us (002: cultivate supporters, hidden supporters).
public enum Stance: String, CodedValue {
    case supporter, neutral, opponent

    public var label: LocalizedText {
        switch self {
        case .supporter: LocalizedText(en: "Supporter", zh: "支持者")
        case .neutral: LocalizedText(en: "Neutral", zh: "中立")
        case .opponent: LocalizedText(en: "Opponent", zh: "反对者")
        }
    }
}

/// Won and lost are outcomes, not stages; walking away from a bad tender is one too (002).
public enum Outcome: String, CodedValue {
    case open, won, lost, withdrawn

    public var label: LocalizedText {
        switch self {
        case .open: LocalizedText(en: "Open", zh: "进行中")
        case .won: LocalizedText(en: "Won", zh: "赢单")
        case .lost: LocalizedText(en: "Lost", zh: "丢单")
        case .withdrawn: LocalizedText(en: "Withdrawn", zh: "主动放弃")
        }
    }

    public var isClosed: Bool { self != .open }
}

/// Kinds of work record (003). Needs discovery and quotes are kinds of their own because the
/// health rules read their order (002, taboos #2 and #4: no demo before the needs are heard, no
/// price before the pricing stage).
public enum ActivityKind: String, CodedValue {
    case visit, call, email, demo, siteVisit = "site-visit", bid, meeting, discovery, quote, other

    public var label: LocalizedText {
        switch self {
        case .visit: LocalizedText(en: "Visit", zh: "拜访")
        case .call: LocalizedText(en: "Call", zh: "电话")
        case .email: LocalizedText(en: "Email", zh: "邮件")
        case .demo: LocalizedText(en: "Demo", zh: "演示")
        case .siteVisit: LocalizedText(en: "Site visit", zh: "参观考察")
        case .bid: LocalizedText(en: "Bid", zh: "投标")
        case .meeting: LocalizedText(en: "Meeting", zh: "会议")
        case .discovery: LocalizedText(en: "Needs discovery", zh: "需求调研")
        case .quote: LocalizedText(en: "Quote", zh: "报价")
        case .other: LocalizedText(en: "Other", zh: "其他")
        }
    }
}

/// A user of the store; managers see every account, reps their own, shared and pool ones.
public enum UserRole: String, CodedValue {
    case rep, manager

    public var label: LocalizedText {
        switch self {
        case .rep: LocalizedText(en: "Rep", zh: "销售")
        case .manager: LocalizedText(en: "Manager", zh: "经理")
        }
    }
}
