/// How the review words its figures, the same on the screen and in the reports.
public enum ReviewWording {
    /// "CNY 1.2M + USD 300k", or "0": currencies are listed, never added.
    public static func totals(_ totals: CurrencyTotals) -> String {
        totals.isEmpty ? "0" : totals.keys.sorted().map { "\($0) \(Money.compact(totals[$0] ?? 0))" }.joined(separator: " + ")
    }

    /// "88%", or "—" when nothing entered the stage.
    public static func percent(_ rate: Double?) -> String {
        guard let rate else { return "—" }
        return "\(Int((rate * 100).rounded()))%"
    }

    /// What a list's row is about: "开发 → 销售进入", the reason given, "最近行动 11-12", "到期 11-20".
    public static func detail(_ item: ReviewItem, _ kind: ReviewListKind, lang: Language, stageName: (String) -> String) -> String {
        func l(_ en: String, _ zh: String) -> String { LocalizedText(en: en, zh: zh)[lang] }
        switch kind {
        case .advanced, .slipped, .forced:
            let move = "\(item.fromStage.map(stageName) ?? "?") → \(item.toStage.map(stageName) ?? "?")"
            return kind == .forced && !item.detail.isEmpty ? move + ": " + item.detail : move
        case .stalled:
            return item.lastActivity.map { l("last activity \($0)", "最近行动 \($0)") } ?? l("no activity yet", "尚无行动")
        case .overdueNextStep:
            return item.nextStepDue.map { l("due \($0)", "到期 \($0)") } ?? ""
        case .newDeals, .won, .lost, .withdrawn, .missingNextStep:
            return item.detail
        }
    }
}

extension ProcessCatalog {
    /// A stage's name in whichever process has it, preferring `process`; the key when none does.
    public func stageName(_ key: String, preferring process: ProcessTemplate?, lang: Language) -> String {
        (process?.stage(key) ?? processes.lazy.compactMap { $0.stage(key) }.first)?.name[lang] ?? key
    }
}
