#!/usr/bin/env python3
"""bench-tui.py: time the real `closer` dashboard in a pseudo-terminal (a benchmark run by hand).

Usage:
    scripts/bench-tui.py CLOSER_BINARY --db STORE [--user wang.lei] [--quiet-ms 30] [--rounds 1]
e.g.
    scripts/bench-tui.py .build-bench/release/closer --db /tmp/closer-bench-100k.sqlite

--user is who the dashboard acts as: a user of the store (the demo company's wang.lei, a rep, by
default), since a name that is not a user of the store sees nothing.

How it measures
  * The binary runs in a new pseudo-terminal of 160x48 (TIOCSWINSZ is set on the pty before the
    child starts, so ncurses reads the right size at once), with TERM=xterm-256color and
    LANG=C.UTF-8, as `closer --db STORE --user USER --lang en`.
  * Everything the program writes to the terminal is read from the pty master as it comes.
  * "Settled": output has started and then no byte has arrived for QUIET ms (default 30). The
    reported time is that of the LAST byte before the quiet gap (the quiet window itself is not
    counted). The app draws a frame with one ncurses doupdate(), which leaves as back-to-back
    write()s far closer together than 30 ms, so a gap of 30 ms means the frame is complete; its
    next unprompted output would be a store-poll redraw, which happens only when someone else
    writes to the store (nobody does during the run).
  * First frame: from just before fork() to the settled point, with the extra condition that
    the status line has been drawn (the store's file name, which the status line shows, has
    appeared in the output). Without it a quiet gap while the store is still loading (no output
    yet) could not end the wait anyway, but a partial early write (e.g. terminal set-up
    sequences) could.
  * Each keystroke: the key's bytes are written to the master; the time to settled and the
    number of bytes the program wrote for that key are recorded. A key that produces no output
    within NO_OUTPUT_S (1 s) is recorded as 0 bytes and its time is left out. Keys are sent one
    at a time, each after the previous screen settled: this measures latency, not throughput.
  * Sequence per round: j x20 (reported together and split: the first CARDS_PER_COLUMN - 1 moves
    stay among the cards shown and redraw two cards; the rest scroll the column by one card, which
    redraws the whole column), l x5, h x5, then (Enter, Esc) x5 on the board; then on the account
    table (3) the search typed as you type: / then z g s h, one key at a time, Esc to clear it
    (untimed), and 1 back to the board; finally q, and the exit code must be 0 (the script exits 1
    otherwise, or when no frame appears).

Limits
  * It measures when the program's bytes reach the pty, not when a terminal emulator has painted
    them; real terminals add parsing and painting time, and a remote link adds the network.
  * Esc includes ncurses' ESCDELAY (the app sets 25 ms): ncurses must wait that long to tell a
    lone Esc from the start of an escape sequence. That is inherent, not the app's work.
  * A quiet-gap criterion cannot tell "finished" from "stalled for longer than QUIET ms in the
    middle of a frame"; a frame stalling that long (e.g. a slow store query between two writes)
    would be counted as two keys' worth of time split wrongly. The app writes the whole frame
    after its store work, so this does not occur with this design, and bytes per key show it.
  * On a shared or loaded machine scheduling noise shows in p95; run it a few times.
  * Byte counts depend on ncurses' optimiser and the terminfo entry (xterm-256color).
"""

import fcntl
import os
import select
import signal
import struct
import sys
import termios
import time

COLS, ROWS = 160, 48
# Cards a board column shows at ROWS: the tab bar, the status line and the column's three header
# lines take five rows, a card four and the blank line after it.
CARDS_PER_COLUMN = (ROWS - 2 - 3) // 5
NO_OUTPUT_S = 1.0
FIRST_FRAME_TIMEOUT_S = 60.0


def usage(message=None):
    if message:
        print("bench-tui.py: " + message, file=sys.stderr)
    print(__doc__.split("How it measures")[0].strip(), file=sys.stderr)
    sys.exit(2)


def parse_args(argv):
    if not argv or argv[0].startswith("-"):
        usage("the closer binary is required")
    options = {"binary": argv[0], "db": None, "user": "wang.lei", "quiet_ms": 30.0, "rounds": 1}
    i = 1
    while i < len(argv):
        name = argv[i]
        if i + 1 >= len(argv):
            usage("missing value for " + name)
        value = argv[i + 1]
        if name == "--db":
            options["db"] = value
        elif name == "--user":
            options["user"] = value
        elif name == "--quiet-ms":
            options["quiet_ms"] = float(value)
        elif name == "--rounds":
            options["rounds"] = int(value)
        else:
            usage("unknown option " + name)
        i += 2
    if not options["db"]:
        usage("--db STORE is required")
    if not os.access(options["binary"], os.X_OK):
        usage("not an executable: " + options["binary"])
    if not os.path.exists(options["db"]):
        usage("no store at %s (create it with closer-bench store --db %s)" % (options["db"], options["db"]))
    return options


class Terminal:
    """The child process on the slave side of a pty; we hold the master."""

    def __init__(self, argv, quiet_ms):
        self.quiet = quiet_ms / 1000.0
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
        env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8", COLUMNS=str(COLS), LINES=str(ROWS))
        env.pop("NO_COLOR", None)
        self.started = time.perf_counter()
        pid = os.fork()
        if pid == 0:  # child: the slave becomes its controlling terminal and stdio
            try:
                os.close(master)
                os.setsid()
                fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
                for fd in (0, 1, 2):
                    os.dup2(slave, fd)
                if slave > 2:
                    os.close(slave)
                os.execve(argv[0], argv, env)
            finally:
                os._exit(127)
        os.close(slave)
        self.pid = pid
        self.master = master
        self.exit_status = None

    def read_until_settled(self, since, marker=None, no_output_s=NO_OUTPUT_S):
        """Reads until output started (and `marker` was seen) and then stayed quiet.
        Returns (seconds from `since` to the last byte, or None if nothing came; bytes read)."""
        data = bytearray()
        last = None
        seen_marker = marker is None
        while True:
            now = time.perf_counter()
            if last is None or not seen_marker:
                deadline = since + no_output_s
                if now >= deadline:
                    return (None if last is None else last - since), bytes(data)
                timeout = deadline - now
                if last is not None:
                    timeout = min(timeout, 0.05)
            else:
                if now - last >= self.quiet:
                    return last - since, bytes(data)
                timeout = self.quiet - (now - last)
            ready, _, _ = select.select([self.master], [], [], timeout)
            if not ready:
                continue
            try:
                chunk = os.read(self.master, 65536)
            except OSError:  # EIO: the child closed the terminal (exited)
                return (None if last is None else last - since), bytes(data)
            if not chunk:
                return (None if last is None else last - since), bytes(data)
            last = time.perf_counter()
            data += chunk
            if not seen_marker and marker in data:
                seen_marker = True

    def key(self, keys):
        sent = time.perf_counter()
        os.write(self.master, keys)
        return self.read_until_settled(sent)

    def wait_exit(self, timeout_s=5.0):
        deadline = time.perf_counter() + timeout_s
        while time.perf_counter() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.exit_status = status
                return os.waitstatus_to_exitcode(status)
            ready, _, _ = select.select([self.master], [], [], 0.02)
            if ready:
                try:
                    os.read(self.master, 65536)
                except OSError:
                    pass
        return None

    def kill(self):
        if self.exit_status is None:
            try:
                os.kill(self.pid, signal.SIGTERM)
                os.waitpid(self.pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass


def percentile(values, p):
    """Nearest-rank percentile."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, min(len(ordered), int(-(-p * len(ordered) // 100))))
    return ordered[rank - 1]


def fmt_ms(seconds):
    if seconds != seconds:  # NaN
        return "-"
    return "%.1f" % (seconds * 1000)


def main():
    options = parse_args(sys.argv[1:])
    db = options["db"]
    argv = [options["binary"], "--db", db, "--user", options["user"], "--lang", "en"]
    print("bench-tui: %s in a %dx%d pty, TERM=xterm-256color, settled = %.0f ms quiet" % (" ".join(argv), COLS, ROWS, options["quiet_ms"]))
    term = Terminal(argv, options["quiet_ms"])
    try:
        marker = os.path.basename(db).encode()
        first, data = term.read_until_settled(term.started, marker=marker, no_output_s=FIRST_FRAME_TIMEOUT_S)
        if first is None or marker not in data:
            print("no complete first frame within %.0f s (%d bytes read): %r" % (FIRST_FRAME_TIMEOUT_S, len(data), data[-400:]), file=sys.stderr)
            return 1
        rows = [("first frame (spawn → settled)", [first], [len(data)], 0)]

        plan = [("j (down)", b"j", 20), ("l (right)", b"l", 5), ("h (left)", b"h", 5)]
        samples = {}
        def record(label, keys):
            elapsed, out = term.key(keys)
            entry = samples.setdefault(label, ([], [], [0]))
            if elapsed is None:
                entry[2][0] += 1
            else:
                entry[0].append(elapsed)
            entry[1].append(len(out))
        for _ in range(options["rounds"]):
            record(None, b"g")  # back to the first card, untimed
            for label, keys, count in plan:
                for index in range(count):
                    if keys == b"j":
                        # The first moves stay among the cards shown; past them the column scrolls by one card.
                        label = "j (down, in view)" if index < CARDS_PER_COLUMN - 1 else "j (down, column scrolls)"
                    record(label, keys)
            for _ in range(5):
                record("Enter (open deal)", b"\r")
                record("Esc (close deal)", b"\x1b")
            record(None, b"3")  # the account table, untimed
            record(None, b"/")
            for key in b"zgsh":
                record("accounts / zgsh (per key)", bytes([key]))
            record(None, b"\x1b")
            record(None, b"1")
        inview, scrolls = samples["j (down, in view)"], samples["j (down, column scrolls)"]
        samples["j (down)"] = (inview[0] + scrolls[0], inview[1] + scrolls[1], [inview[2][0] + scrolls[2][0]])
        for label in ["j (down)", "j (down, in view)", "j (down, column scrolls)", "l (right)", "h (left)", "Enter (open deal)",
                      "Esc (close deal)", "accounts / zgsh (per key)"]:
            times, sizes, silent = samples[label]
            rows.append((label, times, sizes, silent[0]))

        os.write(term.master, b"q")
        code = term.wait_exit()
    finally:
        term.kill()

    header = ("case", "n", "median ms", "p95 ms", "max ms", "bytes med", "bytes p95", "bytes max", "no output")
    table = [header]
    for label, times, sizes, silent in rows:
        table.append((label, str(len(sizes)), fmt_ms(percentile(times, 50)), fmt_ms(percentile(times, 95)),
                      fmt_ms(max(times) if times else float("nan")), str(percentile(sizes, 50)), str(percentile(sizes, 95)),
                      str(max(sizes)), str(silent)))
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    for index, row in enumerate(table):
        print("  ".join(cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(row)))
        if index == 0:
            print("  ".join("-" * w for w in widths))
    if code is None:
        print("closer did not exit within 5 s of q", file=sys.stderr)
        return 1
    print("q → exit code %d" % code)
    return 0 if code == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
