// The condition names of the accounts' query language and how their values are read.

/// A condition name: `grade`, `等级`, `vis`, … all map to one key.
enum AccountQueryKey: String, CaseIterable, Sendable {
    case grade, quadrant, region, industry, owner, nature, scale, visibility, tag, pipeline, weighted, won, last, maturity, name

    /// Names accepted for each key besides the canonical one (English names in any case).
    static let aliases: [String: AccountQueryKey] = {
        var names: [String: AccountQueryKey] = [:]
        for key in allCases { names[key.rawValue] = key }
        let extra: [(String, AccountQueryKey)] = [
            ("grades", .grade), ("等级", .grade), ("级别", .grade),
            ("quad", .quadrant), ("象限", .quadrant), ("类型", .quadrant),
            ("区域", .region), ("地区", .region),
            ("行业", .industry),
            ("负责人", .owner), ("销售", .owner),
            ("性质", .nature), ("企业性质", .nature),
            ("规模", .scale),
            ("vis", .visibility), ("可见", .visibility), ("可见性", .visibility),
            ("tags", .tag), ("标签", .tag),
            ("管道", .pipeline), ("加权", .weighted), ("赢单", .won),
            ("最近", .last), ("lastactivity", .last),
            ("mat", .maturity), ("成熟度", .maturity), ("买方成熟度", .maturity), ("客户经验", .maturity),
            // Each account-table column's own header, as the table shows it in English and Chinese
            // (a header with a space is typed in quotes: "last act">30d).
            ("名称", .name), ("在途", .pipeline), ("已赢单", .won), ("last act", .last), ("最近行动", .last),
        ]
        for (name, key) in extra { names[name] = key }
        return names
    }()

    static func named(_ name: String) -> AccountQueryKey? { aliases[name.lowercased()] }

    /// Compared with `<`, `<=`, `>`, `>=` or `=` rather than listed after `:`.
    var isNumeric: Bool {
        switch self {
        case .pipeline, .weighted, .won, .last: true
        default: false
        }
    }

    var example: String {
        switch self {
        case .name: "name:石化"
        case .grade: "grade:A,B"
        case .quadrant: "quadrant:opportunity,strategic"
        case .region: "region:华东"
        case .industry: "industry:化工"
        case .owner: "owner:me or owner:none"
        case .nature: "nature:国企"
        case .scale: "scale:大型"
        case .visibility: "visibility:pool,shared"
        case .tag: "tag:迎春花"
        case .pipeline: "pipeline>500k"
        case .weighted: "weighted>=100万"
        case .won: "won>0"
        case .last: "last>30d"
        case .maturity: "maturity:specialist,unbundling or maturity:none"
        }
    }

    static let suggestion = allCases.map(\.rawValue).joined(separator: ", ")

    /// The key as a Chinese message names it: its Chinese header or alias.
    var chinese: String {
        switch self {
        case .name: "名称"
        case .grade: "等级"
        case .quadrant: "象限"
        case .region: "区域"
        case .industry: "行业"
        case .owner: "负责人"
        case .nature: "性质"
        case .scale: "规模"
        case .visibility: "可见性"
        case .tag: "标签"
        case .pipeline: "在途"
        case .weighted: "加权"
        case .won: "已赢单"
        case .last: "最近行动"
        case .maturity: "成熟度"
        }
    }

    static let chineseSuggestion = allCases.map(\.chinese).joined(separator: "、")
}

/// Reading a coded value (quadrant, visibility) from a code, a label in either language, a
/// short alias or a unique prefix of any of these.
enum AccountQueryCodes {
    enum Resolution<Value> {
        case found(Value)
        case unknown
        case ambiguous([Value])
    }

    static let quadrantAliases: [String: Quadrant] = [
        "opp": .opportunity, "机会": .opportunity, "战略": .strategic, "忠诚": .strategic,
        "忠实": .loyal, "市场": .market, "外部": .market,
    ]

    static let visibilityAliases: [String: Visibility] = [:]

    static let maturityAliases: [String: BuyerMaturity] = [
        "多面手": .generalist, "新手": .generalist, "熟悉": .familiar, "拆分": .unbundling, "专家": .specialist, "expert": .specialist,
    ]

    /// `maturity:` values that mean "not judged yet".
    static let unassessedWords: Set<String> = ["none", "unset", "unknown", "未评估", "未知", "无"]

    static func resolve<Value: CodedValue>(_ text: String, aliases: [String: Value]) -> Resolution<Value> {
        let wanted = text.lowercased()
        guard !wanted.isEmpty else { return .unknown }
        if let exact = Value.parse(text) ?? aliases[wanted] { return .found(exact) }
        var matches: [Value] = []
        for value in Value.allCases {
            let names = [value.rawValue.lowercased(), value.label.en.lowercased(), value.label.zh]
                + aliases.filter { $0.value == value }.map(\.key)
            if names.contains(where: { $0.hasPrefix(wanted) }), !matches.contains(value) { matches.append(value) }
        }
        switch matches.count {
        case 0: return .unknown
        case 1: return .found(matches[0])
        default: return .ambiguous(matches)
        }
    }

    /// `owner:` values with a meaning of their own, kept in canonical form ("me", "none").
    static func ownerValue(_ text: String) -> String {
        switch text.lowercased() {
        case "me", "我": "me"
        case "none", "pool", "无", "公海": "none"
        default: text
        }
    }

    /// Days in `30`, `30d`, `4w`, `30天`, `4周`; nil for anything else.
    static func days(_ text: String) -> Int? {
        var body = Substring(text.lowercased())
        var factor = 1
        if let last = body.last {
            switch last {
            case "d", "天": body.removeLast()
            case "w", "周": body.removeLast(); factor = 7
            default: break
            }
        }
        guard !body.isEmpty, body.count <= 6, body.allSatisfy({ $0.isASCII && $0.isNumber }), let count = Int(body) else { return nil }
        return count * factor
    }
}
