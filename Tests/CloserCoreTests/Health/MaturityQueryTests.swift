import Testing
@testable import CloserCore

@Suite("Query language: buyer maturity")
struct MaturityQueryTests {
    @Test func levelsByCodeLabelAliasNumberOrNone() throws {
        #expect(try AccountQueryLanguage.parse("maturity:specialist,3,none") == [.maturity([.specialist, .unbundling], unassessed: true)])
        #expect(try AccountQueryLanguage.parse("成熟度:专家") == [.maturity([.specialist], unassessed: false)])
        #expect(try AccountQueryLanguage.parse("mat:gen,未评估 grade:A") == [.maturity([.generalist], unassessed: true), .grades([.a])])
        #expect(try AccountQueryLanguage.parse("maturity:有经验的专家") == [.maturity([.specialist], unassessed: false)])
    }

    @Test func badLevelsSayWhatIsKnown() {
        for (query, start) in [("maturity:guru", "maturity 'guru' is not one of generalist"), ("maturity:5", "maturity '5' is not one of"),
                               ("maturity:", "maturity needs a value, e.g. maturity:specialist,unbundling or maturity:none")] {
            do {
                _ = try AccountQueryLanguage.parse(query)
                Issue.record("\(query) parsed")
            } catch {
                #expect(error.message.hasPrefix(start), "\(query): \(error.message)")
            }
        }
    }

    @Test func describeRoundTrips() throws {
        let conditions: [AccountCondition] = [.maturity([.unbundling, .generalist], unassessed: true)]
        #expect(AccountQueryLanguage.describe(conditions) == "maturity:generalist,unbundling,none")
        #expect(try AccountQueryLanguage.parse(AccountQueryLanguage.describe(conditions)) == conditions)
    }
}
