#!/usr/bin/env python3
"""Generate Sources/CloserCore/Search/PinyinInitialsTable.swift from Unihan.

Usage:
    python3 scripts/generate-pinyin-table.py [UNIHAN] [OUTPUT]

UNIHAN may be Unihan_Readings.txt, Unihan_Readings.txt.bz2, or Unihan.zip
(default: the first of those found in /usr/share/unicode). OUTPUT defaults to
Sources/CloserCore/Search/PinyinInitialsTable.swift relative to the repository.

For every code point in the covered ranges we collect the Mandarin readings
from kMandarin, kHanyuPinlu, kHanyuPinyin, kXHC1983 and kTGHZ2013, and keep the
distinct initial letters (first letter of each reading, tone marks stripped,
so zh/ch/sh give z/c/s and lǚ gives l). The letters are ordered by preference:
kMandarin's readings first (in order), then kHanyuPinlu by frequency, then the
other initials from kXHC1983/kTGHZ2013 (modern dictionaries), then those only
kHanyuPinyin gives (often archaic readings); alphabetical within each tier.

The output encodes each range as ONE string literal: one entry per code point,
entries separated by ",", each entry the ordered initial letters (empty when
the code point has no Mandarin reading). Big string literals compile fast;
big array literals do not.
"""
import bz2
import io
import os
import re
import sys
import unicodedata
import zipfile

RANGES = [
    # (name, first, last)
    ("cjkExtensionA", 0x3400, 0x4DBF),
    ("cjkUnified", 0x4E00, 0x9FFF),
    ("cjkCompatibility", 0xF900, 0xFAFF),
]

FIELDS = ("kMandarin", "kHanyuPinlu", "kHanyuPinyin", "kXHC1983", "kTGHZ2013")

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_OUTPUT = os.path.join(REPO, "Sources", "CloserCore", "Search", "PinyinInitialsTable.swift")
SEARCH_DIR = "/usr/share/unicode"
CANDIDATES = ("Unihan_Readings.txt", "Unihan_Readings.txt.bz2", "Unihan.zip")


def find_unihan():
    for name in CANDIDATES:
        path = os.path.join(SEARCH_DIR, name)
        if os.path.exists(path):
            return path
    sys.exit("Unihan not found in %s; pass its path as the first argument" % SEARCH_DIR)


def open_readings(path):
    """Return a text stream of Unihan_Readings.txt from a txt, bz2 or zip path."""
    if path.endswith(".zip"):
        archive = zipfile.ZipFile(path)
        member = next(n for n in archive.namelist() if n.endswith("Unihan_Readings.txt"))
        return io.TextIOWrapper(archive.open(member), encoding="utf-8")
    if path.endswith(".bz2"):
        return bz2.open(path, "rt", encoding="utf-8")
    return open(path, encoding="utf-8")


def readings(field, value):
    """The readings a field value lists, in the order given (Pinlu: by frequency)."""
    if field == "kMandarin":
        return value.split()
    if field == "kHanyuPinlu":
        pairs = []
        for item in value.split():
            m = re.match(r"^([^(]+)\((\d+)\)$", item)
            if m:
                pairs.append((m.group(1), int(m.group(2))))
        pairs.sort(key=lambda p: -p[1])  # stable: ties keep source order
        return [p[0] for p in pairs]
    # kHanyuPinyin / kXHC1983 / kTGHZ2013: "loc:reading[,reading] loc:reading"
    result = []
    for item in value.split():
        _, _, rs = item.partition(":")
        result.extend(r for r in rs.split(",") if r)
    return result


def initial(reading):
    """First letter of a reading, tone marks stripped, lowercased; None if not a-z."""
    base = unicodedata.normalize("NFD", reading)[:1].lower()
    return base if "a" <= base <= "z" else None


def load(path):
    per_cp = {}
    with open_readings(path) as stream:
        for line in stream:
            if not line.startswith("U+"):
                continue
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 3 or parts[1] not in FIELDS:
                continue
            cp = int(parts[0][2:], 16)
            per_cp.setdefault(cp, {})[parts[1]] = readings(parts[1], parts[2])
    table = {}
    for cp, fields in per_cp.items():
        ordered = []
        for field in ("kMandarin", "kHanyuPinlu"):
            for r in fields.get(field, []):
                i = initial(r)
                if i and i not in ordered:
                    ordered.append(i)
        # Then the modern dictionaries; kHanyuPinyin only for a character none of them
        # read, because its archaic readings make common words match unrelated queries.
        for tier in (("kXHC1983", "kTGHZ2013"), ("kHanyuPinyin",)):
            if tier == ("kHanyuPinyin",) and ordered:
                break
            rest = set()
            for field in tier:
                for r in fields.get(field, []):
                    i = initial(r)
                    if i and i not in ordered:
                        rest.add(i)
            ordered.extend(sorted(rest))
        if ordered:
            table[cp] = "".join(ordered)
    return table


def main():
    source = sys.argv[1] if len(sys.argv) > 1 else find_unihan()
    output = sys.argv[2] if len(sys.argv) > 2 else DEFAULT_OUTPUT
    table = load(source)

    version = "unknown"
    with open_readings(source) as stream:
        for line in stream:
            if line.startswith("# Unicode version:"):
                version = line.split(":", 1)[1].strip()
                break
            if line.startswith("U+"):
                break

    covered = 0
    longest = 0
    out = []
    out.append("// GENERATED FILE - DO NOT EDIT.\n")
    out.append("// Generated by scripts/generate-pinyin-table.py from Unihan_Readings.txt (Unicode %s),\n" % version)
    out.append("// fields %s.\n" % ", ".join(FIELDS))
    out.append("// Regenerate: python3 scripts/generate-pinyin-table.py [path/to/Unihan_Readings.txt|.bz2|Unihan.zip]\n")
    out.append("//\n")
    out.append("// Each range is one string literal with one entry per code point, entries separated by \",\".\n")
    out.append("// An entry is the code point's distinct pinyin initials (a-z), most common reading first;\n")
    out.append("// an empty entry means no Mandarin reading is known.\n\n")
    out.append("enum PinyinInitialsTable {\n")
    out.append("    /// (first code point, last code point, entries)\n")
    out.append("    static let ranges: [(first: UInt32, last: UInt32, entries: StaticString)] = [\n")
    for name, first, last in RANGES:
        entries = []
        for cp in range(first, last + 1):
            e = table.get(cp, "")
            if e:
                covered += 1
                longest = max(longest, len(e))
            entries.append(e)
        literal = ",".join(entries)
        out.append("        // %s U+%04X-U+%04X\n" % (name, first, last))
        out.append("        (0x%04X, 0x%04X, %s),\n" % (first, last, swift_literal(literal)))
    out.append("    ]\n\n")
    out.append("    /// Number of code points with at least one initial (a check for tests).\n")
    out.append("    static let coveredCount = %d\n\n" % covered)
    out.append("    /// The most initials any one code point has.\n")
    out.append("    static let maxInitialsPerScalar = %d\n" % longest)
    out.append("}\n")

    os.makedirs(os.path.dirname(output), exist_ok=True)
    with open(output, "w", encoding="utf-8") as f:
        f.write("".join(out))
    print("wrote %s: %d code points covered, at most %d initials each, %d bytes"
          % (output, covered, longest, os.path.getsize(output)))


def swift_literal(s, width=120):
    """A multi-line Swift string literal without line breaks in its value."""
    lines = [s[i:i + width] for i in range(0, len(s), width)]
    body = "\\\n".join(lines)
    return '"""\n' + body + '\n"""'


if __name__ == "__main__":
    main()
