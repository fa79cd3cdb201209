/// An opponent on the way from our ally to a decision-maker (002): the message passes through
/// someone who works against us, so the path is weaker than it looks.
extension RelationshipPath {
    /// The opponents between the ally and the decision-maker (both ends excluded), in path order.
    public func opponents(in tree: OrgTree) -> [Int64] {
        guard let steps, steps.count > 2 else { return [] }
        return steps.dropFirst().dropLast().filter { tree.persons[$0]?.stance == .opponent }
    }

    /// "⚠ passes opponent 赵敏" / "⚠ 途经反对者 赵敏"; nil when the way is clear.
    public func opponentWarning(in tree: OrgTree, lang: Language) -> String? {
        let names = opponents(in: tree).compactMap { tree.persons[$0]?.name }
        guard !names.isEmpty else { return nil }
        return "⚠ " + LocalizedText(en: "passes opponent \(names.joined(separator: ", "))", zh: "途经反对者 \(names.joined(separator: "、"))")[lang]
    }
}
