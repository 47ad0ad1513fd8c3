#!/usr/bin/env python3
"""Builds the quote stage's const tables from data/lexicons/.

Outputs (committed, so the library reads no files at run time):
  src/quotes/names.inc   first names with their likely sex (SSA counts)
  src/quotes/places.inc  countries, US states and cities (GeoNames via world-cities)
  src/quotes/verbs.inc   reporting verbs (GenderGapTracker list + our additions)
  src/quotes/closed.inc  closed-class words with their flags (function, role, nonperson)

The places and first names are records (length, value, bytes) packed one
after another, found through a hash table whose 32-bit slots hold a
record's offset and a tag from the rest of its hash: a probe reads a record
only when the tag matches, so a look-up misses the cache once or twice, not
once per probe for an entry and again for its string. They also get a
filter: a bitmap of which a name sets one bit, sixteen or more bits a name,
so most words that are not in a table are turned away by one read of a
small one. Their hash (lexicon_name_hash) takes eight bytes a multiply. The
reporting verbs, few and short, are keys that hold all their bytes, behind
a table of their letters by length (see verbs()). The closed-class words
sit in their hash table itself (the tokenizer hashes every capitalised
word so), with a small array of tags and flags beside it that most words
never get past.

Usage: tools/gen_lexicons.py [REPO_ROOT]
"""
import csv
import os
import sys

# Everyday English names of countries whose GeoNames/ISO name is formal
# ("Russian Federation") or absent; news text uses these forms.
COUNTRY_ALIASES = [
    "America", "Bolivia", "Britain", "Brunei", "Burma", "Cape Verde", "Congo", "Czech Republic",
    "East Timor", "England", "Great Britain", "Holland", "Iran", "Ivory Coast", "Kosovo", "Laos",
    "Macedonia", "Micronesia", "Moldova", "North Korea", "Northern Ireland", "Palestine",
    "Russia", "Scotland", "South Korea", "Swaziland", "Syria", "Taiwan", "Tanzania",
    "The Gambia", "Turkey", "U.K.", "U.S.", "U.S.A.", "UK", "US", "USA", "United States of America",
    "Vatican", "Venezuela", "Vietnam", "Wales",
]

# A name dominated this much by one sex is taken as that sex.
SEX_RATIO = 4
# Births in the peak year above which a first name counts as common.
COMMON_NAME = 250


def c_string(text):
    data = text.encode("utf-8")
    return '"' + ''.join(chr(b) if 32 <= b < 127 and chr(b) not in '"\\?' else '\\%03o' % b
                         for b in data) + '"'


def byte_sorted(items):
    return sorted(items, key=lambda kv: kv[0].encode("utf-8"))


MASK64 = (1 << 64) - 1
NAME_MULTIPLIER = 0xFF51AFD7ED558CCD
NAME_FINISH = 0xC4CEB9FE1A85EC53


def name_hash(text):
    """hash_short in src/util/hash.h, the verbs', the closed-class words' and
    tools/' other tables' hash: a multiply for eight bytes (little-endian),
    the last eight overlapping the ones before; shorter names as two
    overlapping halves, or three bytes."""
    data = text.encode("utf-8")
    n = len(data)
    le = lambda b: int.from_bytes(b, "little")
    if n >= 8:
        words = [le(data[i:i + 8]) for i in range(0, n - 8, 8)] + [le(data[n - 8:])]
    elif n >= 4:
        words = [le(data[:4]) | le(data[n - 4:]) << 32]
    else:
        words = [data[0] | data[n >> 1] << 8 | data[n - 1] << 16 if n else 0]
    h = 0x9E3779B97F4A7C15 ^ n
    for word in words:
        h = ((h ^ word) * NAME_MULTIPLIER) & MASK64
        h ^= h >> 32
    # A last multiply spreads short names over the low bits the slots use.
    h = (h * NAME_FINISH) & MASK64
    return (h ^ h >> 33) & 0xFFFFFFFF


def lexicon_name_hash(text):
    """The places' and first names' hash, lexicon_name_hash in lexicon.c:
    name_hash's reads and multiplies, without the mixing after the last
    multiply; the slots take their index from the top bits, which every byte
    changes, and their tag from the low ones."""
    data = text.encode("utf-8")
    n = len(data)
    le = lambda b: int.from_bytes(b, "little")
    h = n
    if n >= 8:
        for i in range(0, n - 8, 8):
            h = ((h ^ le(data[i:i + 8])) * NAME_MULTIPLIER) & MASK64
            h ^= h >> 32
        word = le(data[n - 8:])
    elif n >= 4:
        word = le(data[:4]) | le(data[n - 4:]) << 32
    else:
        word = data[0] | data[n >> 1] << 8 | data[n - 1] << 16 if n else 0
    return ((h ^ word) * NAME_MULTIPLIER & MASK64) >> 32


def write_filter_words(path, how, name, bits, words):
    """Appends a filter's 64-bit words to path as NAME_FILTER, with
    NAME_FILTER_BITS set to bits."""
    with open(path, "a", encoding="utf-8") as out:
        out.write("\n/* Filter: %s. */\n" % how)
        out.write("#define %s_FILTER_BITS %d\n" % (name, bits))
        out.write("static const uint64_t %s_FILTER[%d] = {\n" % (name, len(words)))
        for i in range(0, len(words), 4):
            out.write("    " + ", ".join("0x%016xu" % v for v in words[i:i + 4]) + ",\n")
        out.write("};\n")


def write_filter(path, name, names, word_bits):
    """Blocked Bloom filter: the word and its two bits come from the name's
    hash times a golden-ratio constant (util/hash.h computes the same)."""
    words = [0] * (1 << word_bits)
    for text in names:
        g = (name_hash(text) * 0x9E3779B1) & 0xFFFFFFFF
        words[g >> (32 - word_bits)] |= (1 << (g & 63)) | (1 << ((g >> 6) & 63))
    write_filter_words(path, "a name sets two bits of one word (see hash_filter_may_hold)",
                       name, word_bits, words)


def write_bitmap(path, name, names, bits):
    """A filter of 1 << bits bits, of which a name sets one: the top bits of
    its lexicon_name_hash times a golden-ratio constant (lexicon.c's
    bitmap_may_hold). One bit, not write_filter's two, since its test takes
    one shift; twice the bits a name keep as few false hits."""
    words = [0] * (1 << bits >> 6)
    for text in names:
        i = ((lexicon_name_hash(text) * 0x9E3779B1) & 0xFFFFFFFF) >> (32 - bits)
        words[i >> 6] |= 1 << (i & 63)
    write_filter_words(path, "a name sets one bit (see bitmap_may_hold in lexicon.c)", name, bits,
                       words)


def write_records(path, header, name, rows, bits, filter_bits):
    """rows: (name, value byte). Records are the name's length, the value and
    the name's bytes, from offset 1 on (a slot of 0 is empty). A name's
    first slot is its lexicon_name_hash's top bits; the slot holds offset <<
    TAG_BITS | tag, the tag being the hash's low TAG_BITS bits."""
    size = 1 << bits
    assert len(rows) * 2 <= size, "table too full"
    records = [b"\0"]
    offsets = []
    at = 1
    for text, value in rows:
        data = text.encode("utf-8")
        assert 0 < len(data) < 256 and 0 < value < 256
        offsets.append(at)
        records.append(bytes([len(data), value]) + data)
        at += 2 + len(data)
    offset_bits = at.bit_length()
    tag_bits = 32 - offset_bits
    assert tag_bits >= 8 and 32 - tag_bits >= bits
    slots = [0] * size
    for (text, _), offset in zip(rows, offsets):
        h = lexicon_name_hash(text)
        assert h, "a hash of 0 means no name in lexicon.c"
        i = h >> (32 - bits)
        while slots[i]:
            i = (i + 1) & (size - 1)
        slots[i] = offset << tag_bits | h & ((1 << tag_bits) - 1)
    with open(path, "w", encoding="utf-8") as out:
        out.write("/* Generated by tools/gen_lexicons.py from data/lexicons; do not edit. */\n")
        out.write(header)
        out.write("/* Records: the name's byte length, its value, its bytes. */\n")
        out.write("#define %s_MAX_LEN %d\n" % (name, max(len(t.encode("utf-8")) for t, _ in rows)))
        out.write("static const char %s_RECORDS[%d] =\n" % (name, at + 1))
        for record in records:
            out.write("    \"%s\"\n" % "".join(chr(b) if 32 <= b < 127 and chr(b) not in '"\\?'
                                                 else "\\%03o" % b for b in record))
        out.write("    ;\n")
        out.write("\n/* Hash slots, from the hash's top BITS bits on: record offset << TAG_BITS\n"
                  " * | the hash's low TAG_BITS bits; 0 for an empty slot. */\n")
        out.write("#define %s_BITS %d\n#define %s_TAG_BITS %d\n" % (name, bits, name, tag_bits))
        out.write("static const uint32_t %s_SLOTS[%d] = {\n" % (name, size))
        for i in range(0, size, 8):
            out.write("    " + ", ".join("0x%08xu" % v for v in slots[i:i + 8]) + ",\n")
        out.write("};\n")
    write_bitmap(path, name, [t for t, _ in rows], filter_bits)


def first_names(root):
    rows = []
    with open(os.path.join(root, "data/lexicons/first-names.tsv"), encoding="utf-8") as f:
        next(f)
        for line in f:
            name, female, male = line.rstrip("\n").split("\t")
            female, male = int(female), int(male)
            sex = "f" if female > SEX_RATIO * male else "m" if male > SEX_RATIO * female else "u"
            # Rare names ("Star", "Echo", "Art") are weak evidence of a person
            # on their own; common ones are flagged by an upper-case letter.
            rows.append((name, sex.upper() if female + male >= COMMON_NAME else sex))
    rows = byte_sorted(dict(rows).items())
    write_records(os.path.join(root, "src/quotes/names.inc"),
                  "/* First names (US SSA baby-name data, public domain); value 'f', 'm' or\n"
                  " * 'u', upper-case for common names. */\n",
                  "FIRST_NAME", [(n, ord(s)) for n, s in rows], 14, 17)


def places(root):
    kinds = {}  # name -> kind; countries win over regions, regions over cities

    def add(name, kind):
        rank = {"country": 0, "region": 1, "city": 2}
        if name and (name not in kinds or rank[kind] < rank[kinds[name]]):
            kinds[name] = kind

    with open(os.path.join(root, "data/lexicons/world-cities.csv"), encoding="utf-8") as f:
        for row in csv.DictReader(f):
            country = row["country"]
            # Formal ISO forms ("Korea, Republic of") never appear in running text.
            if "," not in country and "(" not in country and not country.startswith("No country"):
                add(country, "country")
            if country == "United States":
                add(row["subcountry"], "region")
            add(row["name"], "city")
    for name in COUNTRY_ALIASES:
        add(name, "country")
    rows = byte_sorted(kinds.items())
    # The place_kind values of lexicon.h.
    code = {"country": 1, "region": 2, "city": 3}
    write_records(os.path.join(root, "src/quotes/places.inc"),
                  "/* Places: GeoNames (geonames.org) via datasets/world-cities, CC BY 4.0;\n"
                  " * value a place_kind. */\n",
                  "PLACE", [(n, code[k]) for n, k in rows], 16, 19)


def verbs(root):
    words = set()
    for name in ("reporting-verbs.txt", "reporting-verbs-extra.txt"):
        with open(os.path.join(root, "data/lexicons", name), encoding="utf-8") as f:
            words.update(w.strip() for w in f if w.strip())
    rows = sorted(words, key=lambda w: w.encode("utf-8"))
    # Looked up folded to lower case (ASCII letters): the keys must be.
    assert all(w == "".join(c.lower() if "A" <= c <= "Z" else c for c in w) for w in rows)
    # Few enough, and short enough, to be looked up by the words that hold
    # all their bytes (verb_key), without records.
    max_len = max(len(w.encode("utf-8")) for w in rows)
    keys = [verb_key(w.encode("utf-8")) for w in rows]
    bits = 10
    size = 1 << bits
    assert len(keys) * 2 <= size and len(keys) < 1 << 16
    slots = [0] * size
    for number, key in enumerate(keys):
        i = verb_slot(key, bits)
        while slots[i]:
            i = (i + 1) & (size - 1)
        slots[i] = number + 1
    with open(os.path.join(root, "src/quotes/verbs.inc"), "w", encoding="utf-8") as out:
        out.write("/* Generated by tools/gen_lexicons.py from data/lexicons; do not edit. */\n")
        out.write("/* Reporting verbs: GenderGapTracker (MIT) plus reporting-verbs-extra.txt.\n"
                  " * Keys: verb_key of each (its bytes and length in two words). */\n")
        out.write("#define VERB_MAX_LEN %d\n" % max_len)
        out.write("static const uint64_t VERB_KEYS[%d][2] = {\n" % len(keys))
        for (first, rest), verb in zip(keys, rows):
            out.write("    {0x%016xu, 0x%016xu}, /* %s */\n" % (first, rest, verb))
        out.write("};\n")
        out.write("\n/* Hash slots, from verb_slot on: 1 + the key's number; 0 for an empty\n"
                  " * slot. */\n")
        out.write("#define VERB_BITS %d\n" % bits)
        out.write("static const uint16_t VERB_SLOTS[%d] = {\n" % size)
        for i in range(0, size, 12):
            out.write("    " + ", ".join("%d" % v for v in slots[i:i + 12]) + ",\n")
        out.write("};\n")
    # By byte length and first letter, the second and the last bytes of the
    # verbs: most words are turned away by one look-up before their key is
    # made. A byte's class is its ASCII letter (either case) as 0 to 25;
    # lexicon.c computes the same, with other bytes sharing those classes.
    letters = [[0] * 32 for _ in range(max_len + 1)]
    for verb in rows:
        data = verb.encode("utf-8")
        assert b"a"[0] <= data[0] <= b"z"[0] and len(data) >= 2
        letters[len(data)][letter_class(data[0])] |= (1 << letter_class(data[1]) |
                                                      1 << 32 + letter_class(data[-1]))
    with open(os.path.join(root, "src/quotes/verbs.inc"), "a", encoding="utf-8") as out:
        out.write("\n/* [n][first letter]: bit c for a verb of n bytes whose second byte is of\n"
                  " * class c, bit 32 + c for one whose last byte is (see letter_class). */\n")
        out.write("static const uint64_t VERB_LETTERS[%d][32] = {\n" % (max_len + 1))
        for row in letters:
            out.write("    {\n")
            for i in range(0, 32, 4):
                out.write("        " + ", ".join("0x%016xu" % v for v in row[i:i + 4]) + ",\n")
            out.write("    },\n")
        out.write("};\n")


def verb_key(data):
    """A word of at most 15 bytes as two 64-bit words, lexicon.c's verb_key:
    its bytes as hash_short reads them, but the ones past the first eight on
    their own (so no two words share the pair), and its length in the top
    byte of the second."""
    n = len(data)
    assert 0 < n < 16
    le = lambda b: int.from_bytes(b, "little")
    rest = 0
    if n >= 8:
        first = le(data[:8])
        if n > 8:
            rest = le(data[n - 8:]) >> 8 * (16 - n)
    elif n >= 4:
        first = le(data[:4]) | le(data[n - 4:]) << 32
    else:
        first = data[0] | data[n >> 1] << 8 | data[n - 1] << 16
    return first, rest | n << 56


def verb_slot(key, bits):
    """A verb_key's first slot, lexicon.c's verb_slot."""
    first, rest = key
    return ((first ^ rest * NAME_MULTIPLIER) * NAME_MULTIPLIER & MASK64) >> (64 - bits)


def letter_class(byte):
    """An ASCII letter's place in the alphabet, either case ('A' and 'a' are
    32 apart; lexicon.c's letter_class); other bytes share the 32 classes."""
    return (byte - 0x61) & 31


def closed_class(root):
    flag = {"function": "LEX_FUNCTION", "role": "LEX_ROLE", "nonperson": "LEX_NON_PERSON"}
    rows = {}
    with open(os.path.join(root, "data/lexicons/closed-class.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            word, flags = line.rstrip("\n").split("\t")
            rows.setdefault(word, set()).update(flags.split(","))
    order = ["function", "role", "nonperson"]
    rows = byte_sorted(rows.items())
    # A hash table (name_hash: the tokenizer hashes every capitalised word
    # so, folded to lower case) of 32-bit keys: a tag from the hash's top 16 bits,
    # the offset of the word's record (its length, its bytes) and its flags.
    # Most capitalised words are names, not in the table: their look-up ends
    # on a tag. Keys and records take a dozen kilobytes, so they stay in
    # cache; the table is kept a quarter full, so that such a look-up reads
    # 1.4 slots on average (2.4 when half full), the tokenizer making one for
    # every capitalised word.
    bits = 11
    size = 1 << bits
    assert len(rows) * 4 <= size
    records = [b"\0"]
    at = 1
    keys = [0] * size
    mask = {"function": 1, "role": 2, "nonperson": 4}
    for word, fl in rows:
        data = word.encode("utf-8")
        assert 0 < len(data) < 256 and data == data.lower()
        h = name_hash(word)
        i = h & (size - 1)
        while keys[i]:
            i = (i + 1) & (size - 1)
        keys[i] = (h >> 16) << 16 | at << 3 | sum(mask[x] for x in fl)
        records.append(bytes([len(data)]) + data)
        at += 1 + len(data)
    assert at < 1 << 13
    with open(os.path.join(root, "src/quotes/closed.inc"), "w", encoding="utf-8") as out:
        out.write("/* Generated by tools/gen_lexicons.py from data/lexicons; do not edit. */\n")
        out.write("/* Closed-class words (%d): records (byte length, bytes) and a hash table\n"
                  " * (hash_short_folded) with linear probing of keys: the hash's top 16 bits << 16 | the\n"
                  " * record's offset << 3 | LEX_FUNCTION, LEX_ROLE, LEX_NON_PERSON; 0 for an\n"
                  " * empty slot. */\n" % len(rows))
        out.write("#define LEX_WORD_MAX_LEN %d\n" % max(len(w.encode("utf-8")) for w, _ in rows))
        out.write("static const char LEX_WORD_RECORDS[%d] =\n" % (at + 1))
        for record in records:
            out.write("    \"%s\"\n" % "".join(chr(b) if 32 <= b < 127 and chr(b) not in '"\\?'
                                                 else "\\%03o" % b for b in record))
        out.write("    ;\n")
        out.write("#define LEX_WORD_BITS %d\n" % bits)
        out.write("static const uint32_t LEX_WORD_KEYS[%d] = {\n" % size)
        for i in range(0, size, 8):
            out.write("    " + ", ".join("0x%08xu" % v for v in keys[i:i + 8]) + ",\n")
        out.write("};\n")


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..")
    first_names(root)
    places(root)
    verbs(root)
    closed_class(root)


if __name__ == "__main__":
    main()
