// The bundled themes, compiled in so the app always has a working look even when no
// theme file can be found. Must stay identical to Themes/default.theme and
// Themes/monochrome.theme (a test checks).
extension Theme {
    /// The dark default theme.
    public static let builtinDefaultSource: String = #"""
# Closer theme: default
#
# Format: one role per line,   role.name = [fg=COLOUR] [bg=COLOUR] [ATTRIBUTE ...]
#   COLOUR     #rrggbb, a palette index 0-255, a name (black red green yellow blue
#              magenta cyan white, bright… variants, grey) or default.
#   ATTRIBUTE  bold dim underline reverse italic
# A "#" at the start of a line or after a space starts a comment.
# Lookup for a role: its exact name, then shorter suffixes ("card.selected" ->
# "selected"), then "normal". Colours degrade to what the terminal has (256/16/8);
# with NO_COLOR set only attributes are used.
# Copy this file to ~/.config/closer/themes/ under another name to make your own.

# Generic roles
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

# App roles
stage.header  = fg=#87afff bold
stage.header.focused = fg=#000000 bg=#5fafff bold
table.sort    = fg=#ffd75f bold
stage.total   = fg=#afd787
card          = fg=#d0d0d0
card.selected = fg=#ffffff bg=#005f87 bold
card.title    = fg=#ffffff bold
card.account  = fg=#87afd7
card.amount   = fg=#afd787
card.overdue  = fg=#ff5f5f bold
card.due      = fg=#ffaf00
risk          = fg=#ff5f5f bold
grade.a       = fg=#5fd75f bold
grade.b       = fg=#afd75f
grade.c       = fg=#ffaf00
grade.d       = fg=#ff5f5f bold
milestone.done = fg=#5fd75f
milestone.open = fg=#808080
quadrant.market      = fg=#87afff
quadrant.opportunity = fg=#ffd75f
quadrant.loyal       = fg=#5fd75f
quadrant.strategic   = fg=#d787ff bold
stance.supporter = fg=#5fd75f
stance.neutral   = fg=#bcbcbc
stance.opponent  = fg=#ff5f5f
coach         = fg=#d787ff bold
tab           = fg=#a8a8a8 bg=#262626
tab.active    = fg=#000000 bg=#5fafff bold
bar           = fg=#5fafff
help.key      = fg=#ffd75f bold
"""#

    /// Attributes only; used when NO_COLOR is set.
    public static let builtinMonochromeSource: String = #"""
# Closer theme: monochrome
#
# Format: one role per line,   role.name = [fg=COLOUR] [bg=COLOUR] [ATTRIBUTE ...]
#   COLOUR     #rrggbb, a palette index 0-255, a name (black red green yellow blue
#              magenta cyan white, bright… variants, grey) or default.
#   ATTRIBUTE  bold dim underline reverse italic
# A "#" at the start of a line or after a space starts a comment.
# Lookup for a role: its exact name, then shorter suffixes ("card.selected" ->
# "selected"), then "normal". Colours degrade to what the terminal has (256/16/8);
# with NO_COLOR set only attributes are used.
# Copy this file to ~/.config/closer/themes/ under another name to make your own.
# Attributes only: used when NO_COLOR is set, and for terminals without colour.

# Generic roles
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

# App roles
stage.header  = bold underline
stage.header.focused = reverse bold
table.sort    = bold
stage.total   = bold
card          =
card.selected = reverse bold
card.title    = bold
card.account  =
card.amount   = bold
card.overdue  = bold underline
card.due      = underline
risk          = bold underline
grade.a       = bold
grade.b       =
grade.c       = dim
grade.d       = bold underline
milestone.done = bold
milestone.open = dim
quadrant.market      = underline
quadrant.opportunity =
quadrant.loyal       = bold
quadrant.strategic   = bold underline
stance.supporter = bold
stance.neutral   =
stance.opponent  = underline
coach         = bold
tab           = dim
tab.active    = reverse bold
bar           = bold
help.key      = bold
"""#

    public static var builtinDefault: Theme { builtin(builtinDefaultSource, name: "default") }
    public static var builtinMonochrome: Theme { builtin(builtinMonochromeSource, name: "monochrome") }

    private static func builtin(_ source: String, name: String) -> Theme {
        // The sources are fixed and tested, so parsing cannot fail; keep a plain theme just in case.
        (try? Theme.parse(source, name: name, file: "<built-in \(name)>"))
            ?? Theme(name: name, styles: ["normal": Style(), "selected": Style(attributes: .reverse)])
    }
}
