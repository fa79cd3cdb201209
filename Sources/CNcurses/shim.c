#include "CNcurses.h"
#include <ncursesw/term.h>
#include <signal.h>
#include <stdio.h>

int closer_open_terminal(void) {
    SCREEN *screen = newterm(NULL, stdout, stdin);
    if (screen == NULL) return -1;
    set_term(screen);
    return 0;
}

int closer_keycode_for_cap(const char *cap) {
    char *seq = tigetstr(cap);
    // tigetstr answers (char *)-1 for "not a string capability" and NULL for "absent".
    if (seq == NULL || seq == (char *)-1) return 0;
    int code = key_defined(seq);
    return code > 0 ? code : 0;
}

int closer_put_cell(int y, int x, const wchar_t *text, attr_t attrs, int pair) {
    cchar_t cell;
    // The short pair argument is ignored when opts carries an int pair.
    if (setcchar(&cell, text, attrs, 0, &pair) == ERR) return ERR;
    return mvadd_wch(y, x, &cell);
}

int closer_get_mouse(int *x, int *y, mmask_t *state) {
    MEVENT event;
    if (getmouse(&event) != OK) return -1;
    *x = event.x;
    *y = event.y;
    *state = event.bstate;
    return 0;
}

static void closer_restore_and_reraise(int sig) {
    endwin();
    signal(sig, SIG_DFL);
    raise(sig);
}

void closer_install_signal_restore(void) {
    signal(SIGINT, closer_restore_and_reraise);
    signal(SIGTERM, closer_restore_and_reraise);
}
