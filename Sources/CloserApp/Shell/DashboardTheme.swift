import CloserCore
import TerminalUI

/// The dashboard's look: its own style names, typed, and the themes compiled in so it always has
/// a working look even when no theme file can be found. The built-ins must stay identical to
/// Themes/default.theme and Themes/monochrome.theme, and every theme file must name every style
/// here (DashboardThemeTests checks both). TerminalUI knows only the generic roles.
extension StyleRole {
    static let stageHeader: StyleRole = "stage.header"
    static let stageHeaderFocused: StyleRole = "stage.header.focused"
    static let stageTotal: StyleRole = "stage.total"
    static let tableSort: StyleRole = "table.sort"
    static let card: StyleRole = "card"
    static let cardSelected: StyleRole = "card.selected"
    static let cardTitle: StyleRole = "card.title"
    static let cardAccount: StyleRole = "card.account"
    static let cardAmount: StyleRole = "card.amount"
    static let cardOverdue: StyleRole = "card.overdue"
    static let cardDue: StyleRole = "card.due"
    static let risk: StyleRole = "risk"
    static let milestoneDone: StyleRole = "milestone.done"
    static let milestoneOpen: StyleRole = "milestone.open"
    static let coach: StyleRole = "coach"
    static let bar: StyleRole = "bar"

    static func grade(_ grade: Grade) -> StyleRole { StyleRole("grade.\(grade.rawValue.lowercased())") }
    static func quadrant(_ quadrant: Quadrant) -> StyleRole { StyleRole("quadrant.\(quadrant.rawValue)") }
    static func stance(_ stance: Stance) -> StyleRole { StyleRole("stance.\(stance.rawValue)") }
}

public enum DashboardTheme {
    /// Every style the dashboard draws with: TerminalUI's generic roles and its own.
    public static var styles: [StyleRole] {
        StyleRole.generic + [
            .stageHeader, .stageHeaderFocused, .stageTotal, .tableSort, .card, .cardSelected, .cardTitle, .cardAccount, .cardAmount,
            .cardOverdue, .cardDue, .risk, .milestoneDone, .milestoneOpen, .coach, .bar,
        ] + Grade.allCases.map(StyleRole.grade) + Quadrant.allCases.map(StyleRole.quadrant) + Stance.allCases.map(StyleRole.stance)
    }

    /// The built-in themes the loader falls back on.
    public static var builtins: BuiltinThemes {
        BuiltinThemes(default: Theme.builtin(defaultSource, name: "default"), monochrome: Theme.builtin(monochromeSource, name: "monochrome"))
    }

    /// The dark default theme (Themes/default.theme).
    public static let defaultSource: String = #"""
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

    /// Attributes only; used when NO_COLOR is set (Themes/monochrome.theme).
    public static let monochromeSource: String = #"""
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
}
