import Foundation

/// Whose figures a review or a win/loss shows, as its heading says it: one rep's, the reader's
/// own, the whole team's — or, for a rep reading without a rep chosen, the accounts they may see
/// (the store shows a rep nothing else, so "whole team" would claim more than it holds).
public enum FiguresScope {
    /// - rep: the rep the figures are for (nil: no rep chosen).
    /// - viewer: who is reading; `viewerIsRep`: whether the store limits them to their accounts.
    public static func label(rep: String?, viewer: String, viewerIsRep: Bool, name: (String) -> String, lang: Language) -> String {
        if let rep { return rep == viewer ? LocalizedText(en: "mine", zh: "我的")[lang] : name(rep) }
        return viewerIsRep ? LocalizedText(en: "accounts I see", zh: "我可见的客户")[lang] : LocalizedText(en: "whole team", zh: "全体销售")[lang]
    }
}
