/// An error that can say itself in both languages: the dashboard shows `text[lang]`, the CLI
/// the reader's language; `description` stays the English line.
public protocol BilingualError: Error {
    var text: LocalizedText { get }
}

extension StoreError: BilingualError {}
extension UndoRefusal: BilingualError {}
extension DealRuleError: BilingualError {}
extension CurrencyError: BilingualError {}
extension LostReasonError: BilingualError {}
extension ProcessTemplateError: BilingualError {}
extension HealthSettingError: BilingualError {}
extension QueryError: BilingualError {}

public enum ErrorText {
    /// What to tell a reader in `lang` about `error`; an error that speaks English only is shown as it is.
    public static func of(_ error: any Error, in lang: Language) -> String {
        if let error = error as? any BilingualError { return error.text[lang] }
        return String(describing: error)
    }

    /// Both languages of `error`: its English line, and its Chinese where it has one.
    public static func text(_ error: any Error) -> LocalizedText {
        (error as? any BilingualError)?.text ?? LocalizedText(en: String(describing: error), zh: String(describing: error))
    }
}
