import CloserCore
import Testing

@Suite("Import report wording")
struct ImportReportWordingTests {
    @Test("one of each entity is named in the singular, more in the plural", arguments: ImportEntity.allCases)
    func counts(_ entity: ImportEntity) {
        var report = ForeignImportReport(fileName: "x.csv", entity: entity)
        report.actions.append(.init(line: 2, verb: .create, entity: entity, name: "a"))
        let one = report.counts(.create)
        report.actions.append(.init(line: 3, verb: .create, entity: entity, name: "b"))
        let two = report.counts(.create)
        let expected: [ImportEntity: (String, String)] = [
            .accounts: ("1 account", "2 accounts"), .persons: ("1 person", "2 persons"),
            .deals: ("1 deal", "2 deals"), .activities: ("1 activity", "2 activities"),
        ]
        #expect(one == expected[entity]?.0)
        #expect(two == expected[entity]?.1)
    }
}
