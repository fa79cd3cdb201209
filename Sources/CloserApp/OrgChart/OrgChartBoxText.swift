import CloserCore

/// The three lines inside a person's box, shared by the layout (to size boxes) and the view.
enum OrgChartBoxText {
    /// "★张伟 +": coach marker, name, stance symbol (readable without colour).
    static func nameLine(_ person: Person) -> String {
        (person.isInsideCoach ? Person.coachMarker : "") + person.name + " " + person.stance.symbol
    }

    /// "决策·技术 决批 40": level, function, role badges and influence.
    static func badgeLine(_ person: Person, lang: Language) -> String {
        let badges = person.roleBadges(lang)
        return [person.levelAndFunction(lang), badges, "\(person.influence)"].filter { !$0.isEmpty }.joined(separator: " ")
    }
}
