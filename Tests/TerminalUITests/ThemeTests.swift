import Foundation
import Testing
@testable import TerminalUI

@Suite struct ThemeTests {
    @Test func parsesColoursAndAttributes() throws {
        let theme = try Theme.parse("""
            # comment
            normal = fg=#d0d0d0 bg=default   # trailing comment
            card.selected = fg=#FFFFFF bg=24 bold underline
            risk = fg=brightred reverse
            """, name: "t", file: "t.theme")
        #expect(theme.styles["card.selected"] == Style(foreground: .rgb(255, 255, 255), background: .indexed(24), attributes: [.bold, .underline]))
        #expect(theme.styles["risk"] == Style(foreground: .indexed(9), attributes: .reverse))
        #expect(theme.styles["normal"]?.background == .terminalDefault)
    }

    @Test func brokenLineNamesFileAndLine() {
        #expect(throws: ThemeError(file: "bad.theme", line: 3, message: "unknown colour 'purplish' (use #rrggbb, 0-255 or a name like brightblue)")) {
            try Theme.parse("normal =\n\ntitle = fg=purplish\n", name: "bad", file: "bad.theme")
        }
        do {
            _ = try Theme.parse("normal =\nthis line has no equals sign", name: "bad", file: "x.theme")
            Issue.record("expected an error")
        } catch {
            #expect(error.description.hasPrefix("x.theme:2: "))
        }
        #expect(throws: ThemeError.self) { try Theme.parse("normal = blinking", name: "b", file: "f") }
        #expect(throws: ThemeError.self) { try Theme.parse("title = bold", name: "b", file: "f") }  // no normal
    }

    @Test func roleLookupFallsBackThroughSuffixesToNormal() {
        let theme = Theme(name: "t", styles: [
            "normal": Style(attributes: []),
            "selected": Style(attributes: .reverse),
            "card.selected": Style(attributes: .bold),
            "strategic": Style(attributes: .underline),
        ])
        #expect(theme.style(for: "card.selected").attributes == .bold)
        #expect(theme.style(for: "stage.card.selected").attributes == .bold)
        #expect(theme.style(for: "list.selected").attributes == .reverse)
        #expect(theme.style(for: "quadrant.strategic").attributes == .underline)
        #expect(theme.style(for: "unknown.role") == Style())
        #expect(StyleRole("a.b.c").fallbackChain == ["a.b.c", "b.c", "c", "normal"])
    }

    static let themesDir = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Themes").path

    static let requiredRoles = [
        "normal", "dim", "title", "border", "borderFocused", "selected", "header", "status", "statusKey",
        "error", "warning", "success", "accent", "input", "inputCursor", "overlay", "highlight",
        "stage.header", "stage.total", "card", "card.selected", "card.title", "card.account", "card.amount",
        "card.overdue", "card.due", "risk", "grade.a", "grade.b", "grade.c", "grade.d", "milestone.done",
        "milestone.open", "quadrant.market", "quadrant.opportunity", "quadrant.loyal", "quadrant.strategic",
        "stance.supporter", "stance.neutral", "stance.opponent", "coach", "tab", "tab.active", "bar", "help.key",
    ]

    @Test(arguments: ["default", "light", "high-contrast", "monochrome"])
    func bundledThemesParseAndDefineEveryRole(name: String) throws {
        let loader = ThemeLoader(environment: [:], executablePath: nil)
        let theme = try loader.parseFile(Self.themesDir + "/\(name).theme", name: name)
        let missing = Self.requiredRoles.filter { theme.styles[$0] == nil }
        #expect(missing.isEmpty, "\(name) lacks \(missing)")
        if name == "monochrome" {
            #expect(theme.styles.values.allSatisfy { $0.foreground == nil && $0.background == nil })
        }
    }

    @Test func builtInThemesMatchTheFiles() throws {
        let file = try String(contentsOfFile: Self.themesDir + "/default.theme", encoding: .utf8)
        #expect(file.trimmedOf("\n") == Theme.builtinDefaultSource.trimmedOf("\n"))
        let mono = try String(contentsOfFile: Self.themesDir + "/monochrome.theme", encoding: .utf8)
        #expect(mono.trimmedOf("\n") == Theme.builtinMonochromeSource.trimmedOf("\n"))
        #expect(Theme.builtinDefault.styles.count >= Self.requiredRoles.count)
    }
}
