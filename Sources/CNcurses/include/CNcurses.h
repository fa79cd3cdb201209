#pragma once
// SwiftPM drops -D_XOPEN_SOURCE from pkg-config flags, which hides the wide-character
// API (get_wch, add_wch, setcchar, cchar_t). Define what ncurses needs before including it.
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif

#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// glibc hides wcwidth without _XOPEN_SOURCE; declared for completeness (TerminalUI measures in Swift).
int wcwidth(wchar_t);

// Macros and globals Swift cannot import, as functions. Values always come from the real
// header so nothing is hand-coded.
static inline attr_t closer_attr_bold(void) { return A_BOLD; }
static inline attr_t closer_attr_dim(void) { return A_DIM; }
static inline attr_t closer_attr_reverse(void) { return A_REVERSE; }
static inline attr_t closer_attr_underline(void) { return A_UNDERLINE; }
static inline attr_t closer_attr_italic(void) { return A_ITALIC; }
static inline attr_t closer_attr_normal(void) { return A_NORMAL; }

static inline WINDOW *closer_stdscr(void) { return stdscr; }
static inline int closer_colors(void) { return COLORS; }
static inline int closer_color_pairs(void) { return COLOR_PAIRS; }
static inline int closer_height(void) { return getmaxy(stdscr); }
static inline int closer_width(void) { return getmaxx(stdscr); }
static inline int closer_err(void) { return ERR; }
static inline int closer_ok(void) { return OK; }

static inline int closer_key_code_yes(void) { return KEY_CODE_YES; }
static inline int closer_key_up(void) { return KEY_UP; }
static inline int closer_key_down(void) { return KEY_DOWN; }
static inline int closer_key_left(void) { return KEY_LEFT; }
static inline int closer_key_right(void) { return KEY_RIGHT; }
static inline int closer_key_sleft(void) { return KEY_SLEFT; }
static inline int closer_key_sright(void) { return KEY_SRIGHT; }
static inline int closer_key_sr(void) { return KEY_SR; }   /* scroll-reverse, often shift-up */
static inline int closer_key_sf(void) { return KEY_SF; }   /* scroll-forward, often shift-down */
static inline int closer_key_ppage(void) { return KEY_PPAGE; }
static inline int closer_key_npage(void) { return KEY_NPAGE; }
static inline int closer_key_home(void) { return KEY_HOME; }
static inline int closer_key_end(void) { return KEY_END; }
static inline int closer_key_btab(void) { return KEY_BTAB; }
static inline int closer_key_enter(void) { return KEY_ENTER; }
static inline int closer_key_backspace(void) { return KEY_BACKSPACE; }
static inline int closer_key_dc(void) { return KEY_DC; }
static inline int closer_key_ic(void) { return KEY_IC; }
static inline int closer_key_f0(void) { return KEY_F0; }
static inline int closer_key_resize(void) { return KEY_RESIZE; }
static inline int closer_key_mouse(void) { return KEY_MOUSE; }

static inline mmask_t closer_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t closer_button1_released(void) { return BUTTON1_RELEASED; }
static inline mmask_t closer_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t closer_button1_double_clicked(void) { return BUTTON1_DOUBLE_CLICKED; }
static inline mmask_t closer_wheel_up(void) { return BUTTON4_PRESSED; }
static inline mmask_t closer_wheel_down(void) {
#if NCURSES_MOUSE_VERSION > 1
    return BUTTON5_PRESSED;
#else
    return 0;
#endif
}

// Implemented in shim.c (needs term.h, whose macros must not leak into Swift).
/// Like initscr, but returns -1 instead of exiting when $TERM is unknown.
int closer_open_terminal(void);
/// Keycode ncurses assigned to a terminfo key capability such as "kUP", or 0 when unknown.
int closer_keycode_for_cap(const char *cap);
/// Draws one cell; takes an int pair so more than 32767 pairs work (extended colours).
int closer_put_cell(int y, int x, const wchar_t *text, attr_t attrs, int pair);
/// Reads the last mouse event; returns 0 on success.
int closer_get_mouse(int *x, int *y, mmask_t *state);
/// Restores the terminal on SIGINT/SIGTERM, then lets the signal do its default work.
void closer_install_signal_restore(void);
