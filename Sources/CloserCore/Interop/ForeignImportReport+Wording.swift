/// The report's one line in the Chinese UI too: "将新建 2 个客户、10 个商机；拒绝 1 行".
extension ForeignImportReport {
    public var summaryText: LocalizedText {
        LocalizedText(en: summary, zh: summaryZH)
    }

    private var summaryZH: String {
        let nouns: [ImportEntity: String] = [.accounts: "个客户", .persons: "位关键人", .deals: "个商机", .activities: "条行动记录"]
        let verbs: [Verb: String] = written ? [.create: "新建", .update: "更新", .unchanged: "未变"]
            : [.create: "将新建", .update: "将更新", .unchanged: "未变"]
        var parts = [String]()
        for verb in [Verb.create, .update, .unchanged] {
            let counts = ImportEntity.allCases.compactMap { entity -> String? in
                let n = count(verb, entity)
                return n == 0 ? nil : "\(n) \(nouns[entity] ?? entity.rawValue)"
            }
            if !counts.isEmpty, let word = verbs[verb] { parts.append(word + " " + counts.joined(separator: "、")) }
        }
        if !rejections.isEmpty { parts.append("拒绝 \(rejections.count) 行") }
        return parts.isEmpty ? "没有可导入的内容" : parts.joined(separator: "；")
    }
}
