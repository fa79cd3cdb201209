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

    /// TerminalUI's own roles: every bundled theme names them (the dashboard's are checked in
    /// CloserAppTests.DashboardThemeTests).
    @Test(arguments: ["default", "light", "high-contrast", "monochrome"])
    func bundledThemesParseAndDefineEveryGenericRole(name: String) throws {
        let loader = ThemeLoader(environment: [:], executablePath: nil)
        let theme = try loader.parseFile(Self.themesDir + "/\(name).theme", name: name)
        let missing = StyleRole.generic.map(\.name).filter { theme.styles[$0] == nil }
        #expect(missing.isEmpty, "\(name) lacks \(missing)")
        if name == "monochrome" {
            #expect(theme.styles.values.allSatisfy { $0.foreground == nil && $0.background == nil })
        }
    }

    @Test func genericBuiltInsNameEveryGenericRoleAndNoAppRole() {
        for theme in [Theme.builtinDefault, Theme.builtinMonochrome] {
            #expect(Set(theme.styles.keys) == Set(StyleRole.generic.map(\.name)), "\(theme.name)")
        }
    }
}
