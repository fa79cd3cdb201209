/// The UI speaks Chinese and English; every label the model owns carries both.
public enum Language: String, Sendable, CaseIterable, Codable {
    case en, zh

    /// Picks the language from the usual locale variables (LC_ALL, LC_MESSAGES, LANG).
    public static func fromEnvironment(_ environment: [String: String]) -> Language {
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[name], !value.isEmpty {
                return value.lowercased().hasPrefix("zh") ? .zh : .en
            }
        }
        return .en
    }
}

public struct LocalizedText: Sendable, Hashable, Codable {
    public var en: String
    public var zh: String

    public init(en: String, zh: String) {
        self.en = en
        self.zh = zh
    }

    public subscript(language: Language) -> String {
        switch language {
        case .en: en
        case .zh: zh.isEmpty ? en : zh
        }
    }

    /// "Develop 开发": how the CLI names a thing when the reader's language is unknown.
    public var both: String { zh.isEmpty || zh == en ? en : "\(en) \(zh)" }
}
