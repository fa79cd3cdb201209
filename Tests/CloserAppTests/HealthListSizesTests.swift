@testable import CloserApp
import CloserCore
import CloserSQLite
import Foundation
import Testing
import TerminalUI

/// The health lists at the sizes and in the languages their own suites leave out: the open deal's
/// list (h) in English at 80×24 and in Chinese at 160×48 (DealHealthPaneTests has the other two),
/// and the review's list of one rule in Chinese at 80×24 and in English at both sizes
/// (ManagerNumbersScreenTests has Chinese at 160×48). Whole lines.
@Suite("Health lists at both sizes in both languages")
struct HealthListSizesTests {
    private func dealList(_ lang: Language, width: Int, height: Int) throws -> [String] {
        let (app, _) = try Fixture.handMade(lang, width: width, height: height)
        app.key(.enter)
        app.press("h")
        return app.lines()
    }

    private func reviewList(_ lang: Language, width: Int, height: Int) throws -> [String] {
        let (app, _) = try ManagerNumbersFixture.review(lang, width: width, height: height)
        ManagerNumbersFixture.select(.health(.noRouteToDecisionMaker), in: app)
        return app.lines()
    }

    @Test func dealListInEnglishAt80x24() throws {
        expectLines(Array(try dealList(.en, width: 80, height: 24)[1...16]), Self.dealEN80)
    }

    @Test func dealListInChineseAt160x48() throws {
        expectLines(Array(try dealList(.zh, width: 160, height: 48)[1...14]), Self.dealZH160)
    }

    @Test func reviewListInChineseAt80x24() throws {
        expectLines(Array(try reviewList(.zh, width: 80, height: 24)[2...22]), Self.reviewZH80)
    }

    @Test func reviewListInEnglishAt80x24() throws {
        expectLines(Array(try reviewList(.en, width: 80, height: 24)[2...22]), Self.reviewEN80)
    }

    @Test func reviewListInEnglishAt160x48() throws {
        expectLines(Array(try reviewList(.en, width: 160, height: 48)[12...18]), Self.reviewEN160)
    }

    @Test func dumpForGoldens() throws {
        try (try dealList(.en, width: 80, height: 24)).joined(separator: "\n").write(toFile: "/tmp/health-golden-deal-en-80.txt", atomically: true, encoding: .utf8)
        try (try dealList(.zh, width: 160, height: 48)).joined(separator: "\n").write(toFile: "/tmp/health-golden-deal-zh-160.txt", atomically: true, encoding: .utf8)
        try (try reviewList(.zh, width: 80, height: 24)).joined(separator: "\n").write(toFile: "/tmp/health-golden-review-zh-80.txt", atomically: true, encoding: .utf8)
        try (try reviewList(.en, width: 80, height: 24)).joined(separator: "\n").write(toFile: "/tmp/health-golden-review-en-80.txt", atomically: true, encoding: .utf8)
        try (try reviewList(.en, width: 160, height: 48)).joined(separator: "\n").write(toFile: "/tmp/health-golden-review-en-160.txt", atomically: true, encoding: .utf8)
    }

    static let dealEN80: [String] = []
    static let dealZH160: [String] = []
    static let reviewZH80: [String] = []
    static let reviewEN80: [String] = []
    static let reviewEN160: [String] = []
}
