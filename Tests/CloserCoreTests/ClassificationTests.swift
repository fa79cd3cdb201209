import Testing
@testable import CloserCore

@Suite("Quadrant, grades and coded values")
struct ClassificationTests {
    @Test(arguments: [
        (5, 5, Quadrant.market), (6, 5, .opportunity), (5, 6, .loyal), (6, 6, .strategic),
        (1, 1, .market), (10, 10, .strategic), (1, 10, .loyal), (10, 1, .opportunity),
    ])
    func quadrantFromScores(assistance: Int, loyalty: Int, quadrant: Quadrant) {
        #expect(Quadrant(assistance: assistance, loyalty: loyalty) == quadrant)
        #expect(Account(name: "X", assistance: assistance, loyalty: loyalty, owner: "a").quadrant == quadrant)
    }

    @Test(arguments: [
        ("decision-maker", PersonRole.decisionMaker), ("Decision-maker", .decisionMaker), ("DECISION-MAKER", .decisionMaker),
        ("决策者", .decisionMaker), (" 设计者 ", .specifier), ("specifier", .specifier),
    ])
    func roleParses(text: String, role: PersonRole) {
        #expect(PersonRole.parse(text) == role)
    }

    @Test func otherCodedValuesParseCodeAndBothLabels() {
        #expect(PersonLevel.parse("decision") == .decisionMaker)
        #expect(PersonLevel.parse("Decision") == .decisionMaker)
        #expect(PersonLevel.parse("决策层") == .decisionMaker)
        #expect(PersonLevel.parse("operator") == .operator_)
        #expect(Visibility.parse("公海") == .pool)
        #expect(Visibility.parse("Protected") == .protected)
        #expect(ActivityKind.parse("site-visit") == .siteVisit)
        #expect(ActivityKind.parse("Site visit") == .siteVisit)
        #expect(ActivityKind.parse("参观考察") == .siteVisit)
        #expect(Outcome.parse("主动放弃") == .withdrawn)
        #expect(ForecastCategory.parse("best-case") == .bestCase)
        #expect(Stance.parse("反对者") == .opponent)
        #expect(Quadrant.parse("忠诚度网络") == .strategic)
    }

    @Test(arguments: ["boss", "", "decision maker", "决策"])
    func unknownRoleTextIsNil(text: String) {
        #expect(PersonRole.parse(text) == nil)
    }

    @Test(arguments: [("A", Grade.a), ("a", .a), (" b ", .b), ("C", .c), ("d", .d)])
    func gradeParsesCaseInsensitively(text: String, grade: Grade) {
        #expect(Grade.parse(text) == grade)
    }

    @Test(arguments: ["E", "", "AA", "A 全力投入"])
    func gradeRejects(text: String) {
        #expect(Grade.parse(text) == nil)
    }

    /// The same parse, reached through a generic `CodedValue` (as the CSV reader does).
    static func parseGenerically<T: CodedValue>(_ type: T.Type, _ text: String) -> T? { T.parse(text) }

    @Test func gradeParsesItsCodeThroughTheProtocol() {
        // Grade's own case-insensitive `parse` is not a protocol requirement, so generic code
        // (CSVRowReader.coded) calls the extension's version, which lowercases the input and
        // compares it with the upper-case raw value "A": no grade code is accepted.
        #expect(Self.parseGenerically(Grade.self, "A") == .a)
        #expect(Self.parseGenerically(Grade.self, "b") == .b)
        #expect(Self.parseGenerically(PersonRole.self, "Initiator") == .initiator)
    }

    @Test func codesListsEveryRawValue() {
        #expect(Outcome.codes == "open, won, lost, withdrawn")
        #expect(Outcome.open.isClosed == false && Outcome.won.isClosed && Outcome.lost.isClosed && Outcome.withdrawn.isClosed)
    }

    @Test func localizedTextFallsBackToEnglish() {
        let text = LocalizedText(en: "Develop", zh: "开发")
        #expect(text[.zh] == "开发" && text[.en] == "Develop" && text.both == "Develop 开发")
        let english = LocalizedText(en: "Only", zh: "")
        #expect(english[.zh] == "Only" && english.both == "Only")
        #expect(Language.fromEnvironment(["LANG": "zh_CN.UTF-8"]) == .zh)
        #expect(Language.fromEnvironment(["LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"]) == .en)
        #expect(Language.fromEnvironment([:]) == .en)
    }
}
