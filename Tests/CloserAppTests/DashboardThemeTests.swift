import CloserApp
import Foundation
import Testing
import TerminalUI

/// The dashboard's style names are its own (TerminalUI knows only the generic roles): every theme
/// file must name each of them, and the built-in themes must be the bundled files.
@Suite struct DashboardThemeTests {
    static let themesDir = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Themes").path

    static var themeFiles: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: themesDir)) ?? []).filter { $0.hasSuffix(".theme") }.sorted()
    }

    @Test func everyThemeFileNamesEveryDashboardStyle() throws {
        let files = Self.themeFiles
        #expect(files.count >= 4, "the bundled themes are found")
        let loader = ThemeLoader(environment: [:], executablePath: nil)
        for file in files {
            let name = String(file.dropLast(".theme".count))
            let theme = try loader.parseFile(Self.themesDir + "/" + file, name: name)
            let missing = DashboardTheme.styles.map(\.name).filter { theme.styles[$0] == nil }
            #expect(missing.isEmpty, "\(file) lacks \(missing)")
        }
    }

    @Test func theStylesAreTheGenericOnesAndTheDashboardsOwn() {
        let names = DashboardTheme.styles.map(\.name)
        #expect(Set(names).count == names.count, "no style twice")
        #expect(StyleRole.generic.allSatisfy(DashboardTheme.styles.contains))
        for name in ["card.selected", "stage.header.focused", "quadrant.strategic", "grade.a", "stance.opponent", "milestone.done"] {
            #expect(names.contains(name), "\(name)")
        }
    }

    @Test func builtInThemesAreTheFiles() throws {
        let file = try String(contentsOfFile: Self.themesDir + "/default.theme", encoding: .utf8)
        #expect(file.trimmingCharacters(in: .newlines) == DashboardTheme.defaultSource.trimmingCharacters(in: .newlines))
        let mono = try String(contentsOfFile: Self.themesDir + "/monochrome.theme", encoding: .utf8)
        #expect(mono.trimmingCharacters(in: .newlines) == DashboardTheme.monochromeSource.trimmingCharacters(in: .newlines))
        let builtins = DashboardTheme.builtins
        for theme in [builtins.default, builtins.monochrome] {
            #expect(DashboardTheme.styles.allSatisfy { theme.styles[$0.name] != nil }, "\(theme.name)")
        }
    }

    @Test func theLoaderFallsBackOnTheDashboardsBuiltIns() {
        let loader = ThemeLoader(environment: ["HOME": "/nonexistent"], executablePath: nil, builtins: DashboardTheme.builtins)
        let missing = loader.load(name: "no-such-theme")
        #expect(missing.theme == DashboardTheme.builtins.default)
        #expect(missing.theme.styles["card.selected"] != nil)
        let mono = ThemeLoader(environment: ["NO_COLOR": "1", "HOME": "/nonexistent"], executablePath: nil, builtins: DashboardTheme.builtins).load(name: "default")
        #expect(mono.theme == DashboardTheme.builtins.monochrome)
    }
}
