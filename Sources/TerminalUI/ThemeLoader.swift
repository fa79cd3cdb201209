import Foundation

/// Finds and loads theme files by name, falling back to the built-in default so the app
/// always starts; problems come back as a warning for the status bar, never a crash.
public struct ThemeLoader: Sendable {
    public struct Result: Sendable {
        public let theme: Theme
        /// Where the theme came from (a path, or "<built-in …>").
        public let source: String
        /// Why the requested theme was not used, if it wasn't.
        public let warning: String?
    }

    public let environment: [String: String]
    public let executablePath: String?
    /// What to fall back on: the app's own built-in themes, or the generic ones.
    public let builtins: BuiltinThemes

    public init(environment: [String: String] = ProcessInfo.processInfo.environment,
                executablePath: String? = ThemeLoader.currentExecutablePath(), builtins: BuiltinThemes = .generic) {
        self.environment = environment
        self.executablePath = executablePath
        self.builtins = builtins
    }

    /// NO_COLOR (set and non-empty) asks for no colour at all.
    public var noColor: Bool { !(environment["NO_COLOR"] ?? "").isEmpty }

    /// Directories searched, highest priority first: the user's own themes override bundled ones.
    public func searchDirectories() -> [String] {
        var dirs: [String] = []
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty {
            dirs.append(xdg + "/closer/themes")
        } else if let home = environment["HOME"], !home.isEmpty {
            dirs.append(home + "/.config/closer/themes")
        }
        if let explicit = environment["CLOSER_THEMES_DIR"], !explicit.isEmpty { dirs.append(explicit) }
        if let exe = executablePath {
            let exeDir = (exe as NSString).deletingLastPathComponent
            dirs.append(exeDir + "/Themes")
            dirs.append(((exeDir as NSString).deletingLastPathComponent as NSString).appendingPathComponent("share/closer/themes"))
            if let repo = repositoryThemes(above: exeDir) { dirs.append(repo) }
        }
        return dirs
    }

    /// `swift run` puts the binary in .build/debug; the repository's Themes/ sits next to Package.swift.
    private func repositoryThemes(above start: String) -> String? {
        let fm = FileManager.default
        var dir = start
        for _ in 0..<8 {
            let themes = dir + "/Themes"
            if fm.fileExists(atPath: dir + "/Package.swift"), fm.fileExists(atPath: themes) { return themes }
            let parent = (dir as NSString).deletingLastPathComponent
            if parent == dir || parent.isEmpty { break }
            dir = parent
        }
        return nil
    }

    /// The file that would be used for `name`, if any.
    public func path(for name: String) -> String? {
        let fm = FileManager.default
        for dir in searchDirectories() {
            let candidate = dir + "/" + name + ".theme"
            if fm.isReadableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Theme names available across all search directories, sorted.
    public func availableNames() -> [String] {
        var names: Set<String> = ["default"]
        for dir in searchDirectories() {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
            for file in files where file.hasSuffix(".theme") { names.insert(String(file.dropLast(6))) }
        }
        return names.sorted()
    }

    /// Loads `name`. With NO_COLOR set the monochrome theme wins regardless.
    public func load(name: String) -> Result {
        if noColor {
            if let path = path(for: "monochrome"), let theme = try? parseFile(path, name: "monochrome") {
                return Result(theme: theme, source: path, warning: nil)
            }
            return Result(theme: builtins.monochrome, source: "<built-in monochrome>", warning: nil)
        }
        guard !name.contains("/"), let path = path(for: name) else {
            let warning = name == "default" ? nil : "theme '\(name)' not found; using the built-in default"
            return Result(theme: builtins.default, source: "<built-in default>", warning: warning)
        }
        do {
            return Result(theme: try parseFile(path, name: name), source: path, warning: nil)
        } catch {
            return Result(theme: builtins.default, source: "<built-in default>", warning: "\(error); using the built-in default")
        }
    }

    /// Parses one file; errors name the file and line.
    public func parseFile(_ path: String, name: String) throws -> Theme {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ThemeError(file: path, line: 0, message: "cannot read file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ThemeError(file: path, line: 0, message: "file is not UTF-8")
        }
        return try Theme.parse(text, name: name, file: path)
    }

    /// The running binary, resolved through /proc on Linux so symlinks and relative
    /// invocations still find their neighbouring files.
    public static func currentExecutablePath() -> String? {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return resolved
        }
        guard let arg0 = CommandLine.arguments.first, !arg0.isEmpty else { return nil }
        let absolute = arg0.hasPrefix("/") ? arg0 : FileManager.default.currentDirectoryPath + "/" + arg0
        return (absolute as NSString).resolvingSymlinksInPath
    }
}
