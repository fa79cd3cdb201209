import Foundation
import Testing
@testable import TerminalUI

@Suite struct ThemeLoaderTests {
    /// A scratch directory tree, removed afterwards.
    final class Scratch {
        let root: String
        init() throws {
            root = NSTemporaryDirectory() + "closer-theme-test-" + UUID().uuidString
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        }
        func write(_ path: String, _ text: String) throws {
            let full = root + "/" + path
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: full, atomically: true, encoding: .utf8)
        }
        deinit { try? FileManager.default.removeItem(atPath: root) }
    }

    @Test func userDirectoryOverridesBundledThemes() throws {
        let s = try Scratch()
        try s.write("config/closer/themes/light.theme", "normal = bold\n")
        try s.write("repo/Package.swift", "")
        try s.write("repo/Themes/light.theme", "normal = underline\n")
        let loader = ThemeLoader(environment: ["XDG_CONFIG_HOME": s.root + "/config"],
                                 executablePath: s.root + "/repo/.build/debug/closer")
        let result = loader.load(name: "light")
        #expect(result.theme.style(for: .normal).attributes == .bold)
        #expect(result.warning == nil)
    }

    @Test func findsRepositoryThemesAboveTheBuildDirectory() throws {
        let s = try Scratch()
        try s.write("repo/Package.swift", "")
        try s.write("repo/Themes/light.theme", "normal = underline\n")
        try s.write("repo/.build/debug/closer", "")
        let loader = ThemeLoader(environment: ["HOME": s.root + "/home"], executablePath: s.root + "/repo/.build/debug/closer")
        #expect(loader.path(for: "light") == s.root + "/repo/Themes/light.theme")
        #expect(loader.load(name: "light").theme.style(for: .normal).attributes == .underline)
    }

    @Test func findsInstalledShareDirectoryAndExplicitDirectory() throws {
        let s = try Scratch()
        try s.write("prefix/share/closer/themes/light.theme", "normal = dim\n")
        try s.write("explicit/ocean.theme", "normal = italic\n")
        let loader = ThemeLoader(environment: ["CLOSER_THEMES_DIR": s.root + "/explicit"],
                                 executablePath: s.root + "/prefix/bin/closer")
        #expect(loader.load(name: "light").theme.style(for: .normal).attributes == .dim)
        #expect(loader.load(name: "ocean").theme.style(for: .normal).attributes == .italic)
        #expect(loader.availableNames().contains("ocean"))
    }

    @Test func brokenThemeFallsBackToBuiltInDefaultWithWarning() throws {
        let s = try Scratch()
        try s.write("themes/broken.theme", "normal = fg=#zzzzzz\n")
        let loader = ThemeLoader(environment: ["CLOSER_THEMES_DIR": s.root + "/themes"], executablePath: nil)
        let result = loader.load(name: "broken")
        #expect(result.theme == Theme.builtinDefault)
        let warning = try #require(result.warning)
        #expect(warning.contains("broken.theme:1:"))
    }

    @Test func missingThemeFallsBackAndNoColorForcesMonochrome() {
        let loader = ThemeLoader(environment: [:], executablePath: nil)
        let missing = loader.load(name: "nope")
        #expect(missing.theme == Theme.builtinDefault)
        #expect(missing.warning?.contains("nope") == true)
        let mono = ThemeLoader(environment: ["NO_COLOR": "1"], executablePath: nil).load(name: "default")
        #expect(mono.theme.name == "monochrome")
        #expect(ThemeLoader(environment: ["NO_COLOR": ""], executablePath: nil).noColor == false)
    }
}
