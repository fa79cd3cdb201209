/// The themes TerminalUI falls back on when no theme file can be found: the generic roles
/// only. An app passes its own (with its style names) to `ThemeLoader`.
public struct BuiltinThemes: Sendable {
    public var `default`: Theme
    public var monochrome: Theme

    public init(default: Theme, monochrome: Theme) {
        self.default = `default`
        self.monochrome = monochrome
    }

    public static var generic: BuiltinThemes { BuiltinThemes(default: .builtinDefault, monochrome: .builtinMonochrome) }
}

extension StyleRole {
    /// The roles TerminalUI's widgets draw with; every theme names these.
    public static let generic: [StyleRole] = [
        .normal, .dim, .title, .border, .borderFocused, .selected, .header, .status, .statusKey, .error, .warning, .success,
        .accent, .input, .inputCursor, .overlay, .highlight, .helpKey, .tab, .tabActive,
    ]
}

extension Theme {
    /// The generic dark theme.
    public static let builtinDefaultSource: String = #"""
normal        = fg=#d0d0d0 bg=default
dim           = fg=#808080
title         = fg=#ffd75f bold
border        = fg=#5f5f87
borderFocused = fg=#5fafff bold
selected      = fg=#ffffff bg=#005f87 bold
header        = fg=#87afff bold underline
status        = fg=#d0d0d0 bg=#303030
statusKey     = fg=#ffd75f bg=#303030 bold
error         = fg=#ff5f5f bold
warning       = fg=#ffaf00
success       = fg=#5fd75f
accent        = fg=#5fd7ff
input         = fg=#ffffff bg=#262626
inputCursor   = fg=#000000 bg=#ffffff
overlay       = fg=#e4e4e4 bg=#1c1c1c
highlight     = fg=#000000 bg=#ffd75f
help.key      = fg=#ffd75f bold
tab           = fg=#a8a8a8 bg=#262626
tab.active    = fg=#000000 bg=#5fafff bold
"""#

    /// Attributes only, for NO_COLOR.
    public static let builtinMonochromeSource: String = #"""
normal        =
dim           = dim
title         = bold
border        = dim
borderFocused = bold
selected      = reverse bold
header        = bold underline
status        = reverse
statusKey     = reverse bold
error         = bold underline
warning       = bold
success       = bold
accent        = underline
input         = underline
inputCursor   = reverse
overlay       =
highlight     = reverse
help.key      = bold
tab           = dim
tab.active    = reverse bold
"""#

    public static var builtinDefault: Theme { builtin(builtinDefaultSource, name: "default") }
    public static var builtinMonochrome: Theme { builtin(builtinMonochromeSource, name: "monochrome") }

    /// A theme compiled into a program: its source is fixed and tested, so parsing cannot fail;
    /// a plain theme is kept just in case.
    public static func builtin(_ source: String, name: String) -> Theme {
        (try? Theme.parse(source, name: name, file: "<built-in \(name)>"))
            ?? Theme(name: name, styles: ["normal": Style(), "selected": Style(attributes: .reverse)])
    }
}
