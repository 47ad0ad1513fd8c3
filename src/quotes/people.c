/* People: capitalised runs of words split into role and name ("Russian
 * Foreign Minister" + "Sergei Lavrov"), linked across the article (a bare
 * surname to the full name given earlier), and pronoun resolution. */
#include <string.h>

#include "../util/buf.h"
#include "../util/hash.h"
#include "annotate.h"
#include "lexicon.h"

/* Closed-class words (data/lexicons/closed-class.tsv): LEX_WORD_KEYS, an
 * hash table (hash_short_folded) of tags, flags and offsets of LEX_WORD_RECORDS. */
#include "closed.inc"
_Static_assert(LEX_FUNCTION == 1 && LEX_ROLE == 2 && LEX_NON_PERSON == 4,
               "closed.inc packs the flags in three bits");

static const char HONORIFICS_MALE[][LIST_WORD] = {"king", "lord",   "messrs.", "mr",
                                                  "mr.",  "prince", "sir"};
static const char HONORIFICS_FEMALE[][LIST_WORD] = {"dame", "lady", "miss",     "mrs",  "mrs.",
                                                    "ms",   "ms.",  "princess", "queen"};
static const char HONORIFICS[][LIST_WORD] = {"dr",  "dr.",  "miss", "mr", "mr.",
                                             "mrs", "mrs.", "ms",   "ms."};

/* Up to three bytes of a lower-case word, the rest zero. */
#define WORD3(a, b, c) ((uint32_t)(a) | (uint32_t)(b) << 8 | (uint32_t)(c) << 16)

/* A word's first two bytes with 0x20 ORed in, which turns a capital into
 * its lower-case letter and no other byte into one, and its length up to 4
 * above them: the KEY2 of every word that starts so, in any case. A token
 * is followed by at least its paragraph's NUL, so s[1] is always there. */
#define KEY2(a, b, len) ((uint32_t)(a) | (uint32_t)(b) << 8 | (uint32_t)(len) << 16)
static inline uint32_t word_key2(const token *t)
{
    const unsigned char *s = (const unsigned char *)t->s;
    return (s[0] | (uint32_t)s[1] << 8 | 0x2020u) | (t->len < 4 ? t->len : 4) << 16;
}

/* The KEY2s of the words that may join a name in lower case, "bin", "al-"
 * (any longer word) or "of" (after a role), each in a table of 32 at a
 * perfect hash: a filter of one load and compare before the exact tests,
 * which turn away the few other words that start so ("big", "also") and
 * an "of" after no role. */
#define JOINER_SLOT(k) ((uint32_t)((k)*0xF0CE5835u) >> 27)
#define JOINER(a, b, len) [JOINER_SLOT(KEY2(a, b, len))] = KEY2(a, b, len)
static const uint32_t JOINERS[32] = {
    JOINER('a', 'l', 2), JOINER('d', 'a', 2), JOINER('d', 'e', 2), JOINER('d', 'i', 2),
    JOINER('d', 'u', 2), JOINER('e', 'l', 2), JOINER('l', 'a', 2), JOINER('l', 'e', 2),
    JOINER('o', 'f', 2), JOINER('b', 'i', 3), JOINER('d', 'a', 3), JOINER('d', 'e', 3),
    JOINER('d', 'o', 3), JOINER('i', 'b', 3), JOINER('t', 'e', 3), JOINER('v', 'a', 3),
    JOINER('v', 'o', 3), JOINER('a', 'l', 4), JOINER('e', 'l', 4)};

/* "al", "bin", "van": a particle of a name, in any case. */
static bool is_particle(const token *t)
{
    if (t->kind != TK_WORD || t->len < 2 || t->len > 3)
        return false;
    uint32_t word = 0;
    for (uint32_t i = 0; i < t->len; i++)
        word |= (uint32_t)fold_byte((unsigned char)t->s[i]) << (8 * i);
    switch (word) {
    case WORD3('a', 'l', 0):
    case WORD3('b', 'i', 'n'):
    case WORD3('d', 'a', 0):
    case WORD3('d', 'a', 's'):
    case WORD3('d', 'e', 0):
    case WORD3('d', 'e', 'l'):
    case WORD3('d', 'e', 'r'):
    case WORD3('d', 'i', 0):
    case WORD3('d', 'o', 's'):
    case WORD3('d', 'u', 0):
    case WORD3('e', 'l', 0):
    case WORD3('i', 'b', 'n'):
    case WORD3('l', 'a', 0):
    case WORD3('l', 'e', 0):
    case WORD3('t', 'e', 'r'):
    case WORD3('v', 'a', 'n'):
    case WORD3('v', 'o', 'n'):
        return true;
    default:
        return false;
    }
}

/* Whether the token folded to lower case is the word of the record (its
 * byte length, its lower-case bytes), at most LEX_WORD_MAX_LEN bytes.
 * Inline: a third of the capitalised words ("The", "He") are in the table
 * and get here. Compared as hash_bytes reads them, in two overlapping
 * halves or three bytes: no loop whose exit a word's length decides. */
static inline bool folded_equals(const token *t, const char *record)
{
    size_t len = t->len;
    if ((unsigned char)record[0] != len)
        return false;
    const unsigned char *s = (const unsigned char *)t->s, *r = (const unsigned char *)record + 1;
    uint64_t diff;
    if (len >= 8)
        diff = (hash_fold_ascii8(hash_load_le64(s)) ^ hash_load_le64(r)) |
               (hash_fold_ascii8(hash_load_le64(s + len - 8)) ^ hash_load_le64(r + len - 8));
    else if (len >= 4)
        diff = hash_fold_ascii8(hash_load_le32(s) | hash_load_le32(s + len - 4) << 32) ^
               (hash_load_le32(r) | hash_load_le32(r + len - 4) << 32);
    else
        diff = hash_fold_ascii8(s[0] | (uint64_t)s[len >> 1] << 8 | (uint64_t)s[len - 1] << 16) ^
               (r[0] | (uint64_t)r[len >> 1] << 8 | (uint64_t)r[len - 1] << 16);
    return diff == 0;
}

/* The whole probe: for the rare word whose hash's top bits another word's
 * key has too. */
__attribute__((noinline)) static uint8_t word_flags_probe(const token *t, uint32_t folded_hash)
{
    uint32_t mask = (1u << LEX_WORD_BITS) - 1;
    for (uint32_t h = folded_hash & mask; LEX_WORD_KEYS[h]; h = (h + 1) & mask) {
        uint32_t key = LEX_WORD_KEYS[h];
        if (key >> 16 == folded_hash >> 16 &&
            folded_equals(t, LEX_WORD_RECORDS + (key >> 3 & 0x1FFF)))
            return (uint8_t)(key & 7);
    }
    return 0;
}

/* Out of line: in this file, only the rare word in lower case gets here. */
__attribute__((noinline)) uint8_t people_word_flags_hashed(const token *t, uint32_t folded_hash)
{
    if (t->len > LEX_WORD_MAX_LEN)
        return 0;
    /* The first key with the hash's top bits is nearly always the word's:
     * compared with nothing of the probe left to keep, so with few
     * registers; the rare other word sends the rest to the whole probe. */
    uint32_t mask = (1u << LEX_WORD_BITS) - 1, h = folded_hash & mask, key;
    while ((key = LEX_WORD_KEYS[h]) != 0 && key >> 16 != folded_hash >> 16)
        h = (h + 1) & mask;
    if (!key)
        return 0;
    if (folded_equals(t, LEX_WORD_RECORDS + (key >> 3 & 0x1FFF)))
        return (uint8_t)(key & 7);
    return word_flags_probe(t, folded_hash);
}

uint8_t people_word_flags(const token *t)
{
    if (t->kind != TK_WORD || t->len >= 24)
        return 0;
    return people_word_flags_hashed(t, hash_short_folded(t->s, t->len));
}

/* Capitalised words carry their flags from tokenisation (they are looked
 * at again and again); others are looked up. */
bool is_function_word(const token *t)
{
    if (t->kind != TK_WORD)
        return false;
    return ((t->cap ? t->lex : people_word_flags(t)) & LEX_FUNCTION) != 0;
}

/* Inline in this file's loops, which ask it of every word of a run. Only
 * words get cap. */
static inline bool role_word(const token *t)
{
    return t->cap & ((t->lex & LEX_ROLE) != 0);
}

/* A function word that is no role ("The", "In"): left out of a run's start.
 * A capitalised word's flags tell both at once. */
static inline bool opens_run(const token *t)
{
    return t->cap ? (t->lex & (LEX_FUNCTION | LEX_ROLE)) == LEX_FUNCTION : is_function_word(t);
}

static bool is_non_person_word(const token *t)
{
    return ((t->cap ? t->lex : people_word_flags(t)) & LEX_NON_PERSON) != 0;
}

static bool starts_particle(const token *t)
{
    /* "al-Assad", "bin Salman", "van Gogh" inside a name. */
    if (t->kind != TK_WORD || t->cap)
        return false;
    if (is_particle(t))
        return true;
    return t->len > 3 && (t->s[0] == 'a' || t->s[0] == 'e') && t->s[1] == 'l' && t->s[2] == '-';
}

static bool is_punct_char(const token *t, char c)
{
    return t->kind == TK_PUNCT && t->len == 1 && t->s[0] == c;
}

/* Only words get cap, and a digit is never upper case. */
static bool name_word(const token *t)
{
    return t->cap;
}

/* ---- Entities -------------------------------------------------------- */

static bool same_text(const char *a, size_t alen, const char *b, size_t blen)
{
    return alen == blen && !memcmp(a, b, alen);
}

/* Length of an Arabic article before a surname ("al-Assad" is also
 * "Assad"), or 0. s is a token's text (len at most the token's), so s[1]
 * is there. Its first two bytes decide for nearly every word: ORing 0x20
 * and clearing 0x04 turns 'A', 'a', 'E' and 'e', and no other byte, into
 * 'a'. */
static inline size_t article_len(const char *s, size_t len)
{
    uint32_t two = ((unsigned char)s[0] | (uint32_t)(unsigned char)s[1] << 8 | 0x20u) & 0xFFFBu;
    if (__builtin_expect(two != ('a' | 'l' << 8), 1))
        return 0;
    return len > 3 && s[2] == '-' ? 3 : 0;
}

/* Case-blind, the same hash the tokenizer gives capitalised words. */
static uint32_t name_bucket(const char *s, size_t len)
{
    return hash_short_folded(s, len) & (PEOPLE_BUCKETS - 1);
}

/* Bucket of a word's surname look-up: capitalised words bring their hash. */
static uint32_t word_bucket(const token *t)
{
    return t->cap ? t->bucket : name_bucket(t->s, tok_base_len(t));
}

/* The surname and first name are the words' bytes in the paragraph text
 * (the article's lifetime), read with their lengths: no copies. */
static void set_surname(annotator *an, uint32_t k, const token *word)
{
    person *p = &an->people[k];
    p->surname = word->s;
    p->surname_len = tok_base_len(word);
    p->bare_off = article_len(p->surname, p->surname_len);
    uint32_t b = p->bare_off ? name_bucket(p->surname + p->bare_off, p->surname_len - p->bare_off)
                             : word_bucket(word);
    p->next_surname = an->surname_bucket[b];
    an->surname_bucket[b] = k;
}

static void set_given(annotator *an, uint32_t k, const token *word)
{
    person *p = &an->people[k];
    p->given = word->s;
    p->given_len = tok_base_len(word);
    uint32_t b = word_bucket(word);
    p->next_given = an->given_bucket[b];
    an->given_bucket[b] = k;
}

static bool matches_surname(const person *p, const char *s, size_t len)
{
    /* Most candidates differ in their first letter. */
    if (len == 0 ||
        (s[0] != p->surname[0] && s[0] != p->surname[p->bare_off] && !article_len(s, len)))
        return false;
    const char *bare = p->surname + p->bare_off;
    size_t bare_len = p->surname_len - p->bare_off;
    size_t skip = article_len(s, len);
    return same_text(bare, bare_len, s, len) || same_text(p->surname, p->surname_len, s, len) ||
           (skip && same_text(bare, bare_len, s + skip, len - skip));
}

/* Loops k over every person whose surname the word t may be: the buckets of
 * the word with and without "al-" (a person may come twice). */
#define FOR_SURNAME_CANDIDATES(an, t, k)                                                           \
    for (int pass_ = 0; pass_ < 2; pass_++)                                                        \
        for (uint32_t k = pass_ == 0 ? (an)->surname_bucket[word_bucket(t)]                        \
                          : article_len((t)->s, tok_base_len(t))                                   \
                              ? (an)->surname_bucket[name_bucket((t)->s + 3, tok_base_len(t) - 3)] \
                              : NONE;                                                              \
             k != NONE; k = (an)->people[k].next_surname)

/* The person a single word names: of those with that surname (else that
 * first name), the one named last in the same paragraph, else the one the
 * article mentions most ("Clinton" after one "Bill Clinton" in a story about
 * Hillary Clinton); ties go to the person added last. */
__attribute__((noinline)) static uint32_t search_by_word(const annotator *an, const token *t,
                                                         uint32_t bucket)
{
    uint32_t recent = NONE, salient = NONE, given_match = NONE;
    FOR_SURNAME_CANDIDATES(an, t, k)
    {
        const person *p = &an->people[k];
        if (!matches_surname(p, t->s, tok_base_len(t)))
            continue;
        if (an->t[p->last_tok].para == t->para &&
            (recent == NONE || p->last_tok > an->people[recent].last_tok ||
             (p->last_tok == an->people[recent].last_tok && k > recent)))
            recent = k;
        if (salient == NONE || p->mentions > an->people[salient].mentions ||
            (p->mentions == an->people[salient].mentions && k > salient))
            salient = k;
    }
    if (recent != NONE)
        return recent;
    if (salient != NONE)
        return salient;
    for (uint32_t k = an->given_bucket[bucket]; k != NONE; k = an->people[k].next_given) {
        const person *p = &an->people[k];
        if ((given_match == NONE || k > given_match) &&
            same_text(p->given, p->given_len, t->s, tok_base_len(t)))
            given_match = k;
    }
    return given_match;
}

/* Most words name no one: both buckets of the word empty. That is decided
 * inline in this file's callers, the search out of line. */
static inline uint32_t person_by_word(const annotator *an, const token *t)
{
    uint32_t bucket = word_bucket(t);
    if ((an->surname_bucket[bucket] & an->given_bucket[bucket]) == NONE &&
        !article_len(t->s, tok_base_len(t)))
        return NONE;
    return search_by_word(an, t, bucket);
}

uint32_t people_by_word(const annotator *an, const token *t)
{
    return person_by_word(an, t);
}

/* An article names dozens of people at most; a generated page (a
 * directory, a list of names) can name hundreds of thousands. Name
 * look-ups scan one of 256 surname buckets, so past this many people they
 * would grow with the page: later names are then left out, not linked. */
enum { MAX_PEOPLE = 2048 };

static uint32_t add_person(annotator *an)
{
    if (an->npeople >= MAX_PEOPLE)
        return NONE;
    if (an->npeople == an->peoplecap) {
        size_t cap = an->peoplecap ? an->peoplecap * 2 : 16;
        /* Not cleared: a person is written whole as it is added. */
        person *grown =
            arena_grow_bytes(an->a, an->people, an->peoplecap * sizeof *grown, cap * sizeof *grown);
        if (!grown)
            return NONE;
        an->people = grown;
        an->peoplecap = cap;
    }
    an->people[an->npeople] = (person){.sex = 'u'};
    return (uint32_t)an->npeople++;
}

static void add_role(annotator *an, person *p, const char *role)
{
    for (size_t k = 0; k < p->role_count; k++)
        if (!strcmp(p->roles[k], role))
            return;
    if (p->role_count == p->role_cap) {
        size_t cap = p->role_cap ? p->role_cap * 2 : 2;
        const char **grown = arena_realloc(an->out, (void *)p->roles, p->role_cap * sizeof *grown,
                                           cap * sizeof *grown);
        if (!grown)
            return;
        p->roles = grown;
        p->role_cap = cap;
    }
    p->roles[p->role_count++] = role;
}

/* What tokens_text makes of a name, without its loops when the name is
 * the article's own bytes: words one space apart where they have space
 * before, else touching (the usual). */
static const char *name_text(annotator *an, uint32_t first, uint32_t end)
{
    const token *t = an->t;
    for (uint32_t k = first + 1; k < end; k++) {
        const char *gap = t[k - 1].s + t[k - 1].len;
        if (t[k].s != gap + t[k].space_before || (t[k].space_before && *gap != ' '))
            return tokens_text(an, first, end);
    }
    const token *last = &t[end - 1];
    return arena_strndup(an->out, t[first].s, (size_t)(last->s + tok_base_len(last) - t[first].s));
}

/* link_name's work past a single word's look-up: a full name matched, or a
 * person added. Out of line: most runs are single words of no one. */
__attribute__((noinline)) static uint32_t
link_full_name(annotator *an, uint32_t first, uint32_t end, bool sure, char sex, char given_sex)
{
    const token *last = &an->t[end - 1];
    uint32_t words = end - first;
    if (words > 1) {
        /* Same full name, or the same first and last name. */
        /* Anyone with this full name has its last word for a surname, so
         * the surname's bucket holds every candidate; the latest added wins. */
        uint32_t found = NONE;
        FOR_SURNAME_CANDIDATES(an, last, k)
        {
            const person *p = &an->people[k];
            if ((found == NONE || k > found) &&
                ((matches_surname(p, last->s, tok_base_len(last)) &&
                  (!p->given ||
                   same_text(p->given, p->given_len, an->t[first].s, an->t[first].len))) ||
                 tokens_equal(an, first, end, p->name)))
                found = k;
        }
        if (found != NONE) {
            person *p = &an->people[found];
            if (!p->given && !tokens_equal(an, first, end, p->name)) {
                /* "Mr. Trump" first, "Donald Trump" later: one person. */
                p->name = name_text(an, first, end);
                set_given(an, found, &an->t[first]);
                p->weak = p->weak && !sure;
            }
            return found;
        }
    }
    uint32_t k = add_person(an);
    if (k == NONE)
        return NONE;
    person *p = &an->people[k];
    p->name = name_text(an, first, end);
    set_surname(an, k, &an->t[end - 1]);
    if (words > 1)
        set_given(an, k, &an->t[first]);
    p->weak = !sure;
    p->first_tok = p->last_tok = first;
    if (sex)
        p->sex = sex;
    else if (words > 1 && given_sex)
        p->sex = given_sex;
    return k;
}

/* Links the name tokens [first, end) to a person, creating one when the run
 * is a name the article has not used yet. given_sex: the sex of the first
 * word as a first name (lexicon_first_name_sex), looked up by the caller. */
static inline uint32_t link_name(annotator *an, uint32_t first, uint32_t end, bool sure, char sex,
                                 char given_sex)
{
    if (end - first == 1) {
        uint32_t k = person_by_word(an, &an->t[first]);
        if (k != NONE || !sure)
            return k;
    }
    return link_full_name(an, first, end, sure, sex, given_sex);
}

/* Index of the first name token after a role prefix ("Secretary of State
 * John Kerry" -> "John"), or `first` when there is no role. */
static uint32_t split_role(const annotator *an, uint32_t first, uint32_t end)
{
    uint32_t name = first;
    for (uint32_t k = first; k + 1 < end; k++) {
        if (!role_word(&an->t[k]))
            continue;
        name = k + 1;
        /* "Secretary of State", "Minister of Foreign Affairs": the office
         * runs on until the last two words, or a first name. */
        if (name < end && tok_is(&an->t[name], "of")) {
            uint32_t m = name + 1;
            if (m < end && tok_is(&an->t[m], "the"))
                m++;
            while (m < end && end - m > 2 && name_word(&an->t[m]) &&
                   !lexicon_first_name_sex(an->t[m].s, an->t[m].len))
                m++;
            if (end - m == 2 && name_word(&an->t[m]) &&
                !lexicon_first_name_sex(an->t[m].s, an->t[m].len))
                m++;
            /* "CEO of Take-Two Interactive": one word left that names no one
             * known is the organisation's, not a person's. */
            if (end - m == 1 && person_by_word(an, &an->t[m]) == NONE)
                m = end;
            name = m;
            k = m - 1;
        }
    }
    return name;
}

static bool any_non_person_word(const annotator *an, uint32_t first, uint32_t end)
{
    for (uint32_t k = first; k < end; k++)
        if (is_non_person_word(&an->t[k]))
            return true;
    return false;
}

/* Marks the run's tokens as sequence id's. */
static void set_seq(annotator *an, uint32_t first, uint32_t end, uint32_t id)
{
    for (uint32_t k = first; k < end; k++)
        an->t[k].seq = id;
}

/* A capitalised run as people_find found it: tokens [first, end) after the
 * function words it opens with ("The", "In"), its text's length and hash
 * for lexicon_place_hashed, and word_hash, that of its first word when the
 * run has more than one. */
typedef struct {
    uint32_t first, end;
    uint32_t bytes;
    uint32_t place_hash, word_hash;
} found_run;

/* The sequence s names person who, or no one, from its name on. */
static void note_mention(annotator *an, cap_seq *s, uint32_t who)
{
    s->person = who;
    if (who == NONE)
        return;
    uint32_t nf = s->name_first;
    person *p = &an->people[who];
    p->mentions++;
    p->last_tok = nf;
    /* Names inside quotes count as mentions but are no antecedents. */
    if (an->t[nf].quote == NONE)
        an->t[nf].person = who;
}

/* The run's sequence is written in place: people_find made room for every
 * run. */
static void consider_sequence(annotator *an, cap_seq *s, uint32_t id, const found_run *run)
{
    uint32_t first = run->first, end = run->end, word_hash = run->word_hash;
    *s = (cap_seq){.first = first, .end = end, .name_first = first, .person = NONE};
    if (end - first == 1) {
        an->t[first].seq = id;
        /* Most runs are one word: a place, someone named before or no one,
         * as the steps below decide for a word without a role. */
        const token *t = &an->t[first];
        s->place = (uint8_t)lexicon_place_hashed(t->s, run->bytes, run->place_hash);
        /* The flags tell both word tests at once; with the place and the
         * case, one branch. */
        uint8_t lex = t->cap ? t->lex : people_word_flags(t);
        if (!(s->place | t->upper | (lex & (LEX_FUNCTION | LEX_NON_PERSON))))
            note_mention(an, s, person_by_word(an, t));
        return;
    }
    set_seq(an, first, end, id);
    s->name_first = split_role(an, first, end);
    bool role = s->name_first > first;
    if (!role && end - first > 2) {
        /* "Britain Liu Xiaming", "Ohio Gov John Kasich": a country or state
         * before the name is no part of it. */
        place_kind k = lexicon_place_hashed(an->t[first].s, an->t[first].len, word_hash);
        if (k == PLACE_COUNTRY || k == PLACE_REGION)
            s->name_first = first + 1;
    }
    if (s->name_first >= end)
        return; /* an office with no one named ("CEO of Take-Two Interactive") */
    uint32_t nf = s->name_first, words = end - nf;
    char sex = 0;
    if (role) {
        const token *h = &an->t[nf - 1];
        s->honorific = IN_LIST(h, HONORIFICS);
        sex = IN_LIST(h, HONORIFICS_MALE) ? 'm' : IN_LIST(h, HONORIFICS_FEMALE) ? 'f' : 0;
    }
    /* After a title ("Representative Linda Park") the words are a name. */
    bool org = !role && any_non_person_word(an, nf, end);
    s->place = (uint8_t)lexicon_place_hashed(an->t[first].s, run->bytes, run->place_hash);
    bool place = s->place != PLACE_NONE;
    if (nf != first) {
        const token *a = &an->t[nf], *b = &an->t[end - 1];
        place = lexicon_place(a->s, (size_t)(b->s + tok_base_len(b) - a->s)) != PLACE_NONE;
    }
    bool upper = an->t[nf].upper && (words == 1 || an->t[end - 1].upper);
    uint32_t who = NONE;
    if (!org && !upper && words >= 1 && words <= 4 && !is_function_word(&an->t[nf])) {
        /* The first word as a first name: 'f', 'm' or 'u', upper-case when
         * common ("Florida Latino": a place is no first name). */
        char name = 0, given = 0;
        if (words > 1) {
            const token *w = &an->t[nf];
            uint32_t h = nf == first ? word_hash : lexicon_hash(w->s, w->len);
            name = lexicon_first_name_hashed(w->s, w->len, h);
            if (name >= 'A' && name <= 'Z') {
                name = (char)(name - 'A' + 'a');
                if (!lexicon_place_hashed(w->s, w->len, h))
                    given = name;
            }
        }
        bool initial = words > 1 && an->t[nf].len == 2 && an->t[nf].s[1] == '.';
        /* "Chief Strategy Officer", "the Secretary of the Department": an
         * office or organisation word where the name should start. */
        bool office =
            role_word(&an->t[nf]) || is_non_person_word(&an->t[nf]) || role_word(&an->t[end - 1]);
        if (role && office)
            who = NONE;
        else if (role && !place)
            who = link_name(an, nf, end, true, sex, name);
        else if (place)
            who = NONE;
        else if ((given || initial) && words >= 2)
            who = link_name(an, nf, end, true, 0, name);
        else if (words <= 3)
            who = link_name(an, nf, end, false, 0, name);
    }
    note_mention(an, s, who);
    if (who == NONE)
        return;
    person *p = &an->people[who];
    if (role && !s->honorific) {
        /* "former President" is the role, not "President". */
        uint32_t rf = first;
        if (rf > 0 && an->t[rf - 1].para == an->t[rf].para &&
            (tok_is(&an->t[rf - 1], "former") || tok_is(&an->t[rf - 1], "then")))
            rf--;
        add_role(an, p, name_text(an, rf, nf));
    }
    if (sex && p->sex == 'u')
        p->sex = sex;
}

/* "mayor of Lisbon", "spokesman for the Kremlin": an office noun, "of"
 * or "for", then a named body or place to the end of the phrase. */
static bool office_of_name(const annotator *an, uint32_t first, uint32_t end)
{
    uint32_t k = end;
    while (k > first && an->t[k - 1].cap)
        k--;
    if (k > first && k < end && tok_is(&an->t[k - 1], "the"))
        k--;
    if (k == end || k < first + 2 || !(tok_is(&an->t[k - 1], "of") || tok_is(&an->t[k - 1], "for")))
        return false;
    return is_office_noun(&an->t[k - 2]);
}

/* A role given after the name: "Mike Huckabee, the former Arkansas
 * governor," or "John Kirby, a State Department spokesman." — a short
 * phrase set off by commas that ends in an office word. */
static void appositive_role(annotator *an, const cap_seq *s)
{
    uint32_t e = s->end;
    if (s->person == NONE || e + 3 >= an->n || !is_punct_char(&an->t[e], ',') ||
        an->t[e].para != an->t[s->first].para)
        return;
    const token *det = &an->t[e + 1];
    if (!tok_is(det, "the") && !tok_is(det, "a") && !tok_is(det, "an"))
        return;
    uint32_t k = e + 2;
    while (k < an->n && k - e < 9 && an->t[k].kind == TK_WORD && an->t[k].para == det->para)
        k++;
    if (k >= an->n || k == e + 2 ||
        !(is_punct_char(&an->t[k], ',') || is_punct_char(&an->t[k], '.')))
        return;
    if (!is_office_noun(&an->t[k - 1]) && !office_of_name(an, e + 2, k))
        return;
    add_role(an, &an->people[s->person], name_text(an, e + 2, k));
}

/* tok_is(t, "the"), inline. */
static inline bool is_the(const token *t)
{
    return t->kind != TK_QUOTE && t->len == 3 && fold_byte((unsigned char)t->s[0]) == 't' &&
           fold_byte((unsigned char)t->s[1]) == 'h' && fold_byte((unsigned char)t->s[2]) == 'e';
}

/* Where a run goes on past a lower-case word u that may join it (a
 * particle, or "of" after a role), else u. Out of line: few words get
 * here. */
__attribute__((noinline)) static const token *joined_end(const token *u, const token *stop,
                                                         uint32_t para, bool of)
{
    if (u + 1 < stop && name_word(u + 1) && u[1].para == para && (starts_particle(u) || of))
        return u + 2;
    /* "Secretary of the Treasury" */
    if (u + 2 < stop && of && is_the(u + 1) && name_word(u + 2) && u[2].para == para)
        return u + 3;
    if (u->len > 3 && u->s[2] == '-' && starts_particle(u))
        return u + 1; /* "Bashar al-Assad" */
    return u;
}

/* The capitalised runs of the article into runs (room for one a
 * capitalised word), with the hashes that start their look-ups; how many.
 * Out of line, and the rare joins too, so that the loop keeps its values in
 * registers. */
__attribute__((noinline)) static size_t find_runs(const annotator *an, found_run *runs)
{
    const token *tk = an->t, *stop = an->t + an->n;
    found_run *out = runs;
    /* Runs start at capitalised words: visit those, not every token. */
    const token *next = tk; /* past the run before */
    for (const uint32_t *c = an->caps, *caps_end = c + an->ncaps; c < caps_end; c++) {
        const token *start = &tk[*c];
        if (start < next)
            continue; /* inside the run before */
        uint32_t para = start->para, quote = start->quote;
        const token *u = start + 1;
        while (u < stop) {
            /* A possessive, another paragraph or quote or a punctuation
             * mark ends the name; a capitalised word goes on with it. Tests
             * combined without branches: one branch a word. */
            bool along = (u->para == para) & (u->quote == quote) & !u[-1].poss;
            if (along & u->cap) {
                u++;
                continue;
            }
            /* A lower-case word rarely joins: a particle, or "of" after a
             * role. */
            uint32_t key = word_key2(u);
            if (!(along & (JOINERS[JOINER_SLOT(key)] == key)))
                break;
            bool of = role_word(u - 1) & (key == KEY2('o', 'f', 2));
            const token *joined = joined_end(u, stop, para, of);
            if (joined == u)
                break;
            u = joined;
        }
        next = u;
        /* The run's first word is capitalised: its flags tell at once
         * whether it opens the run. */
        const token *first = start;
        if ((first->lex & (LEX_FUNCTION | LEX_ROLE)) == LEX_FUNCTION) {
            do
                first++;
            while (first < u && opens_run(first));
            if (first == u)
                continue;
        }
        /* The hashes start the run's look-ups: its place, and its first
         * word as a first name or a place ("Florida Latino"). */
        const token *last = u - 1;
        uint32_t bytes = (uint32_t)(last->s + tok_base_len(last) - first->s);
        *out++ = (found_run){.first = (uint32_t)(first - tk),
                             .end = (uint32_t)(u - tk),
                             .bytes = bytes,
                             .place_hash = lexicon_place_hash(first->s, bytes),
                             .word_hash =
                                 last > first ? lexicon_first_name_hash(first->s, first->len) : 0};
    }
    return (size_t)(out - runs);
}

void people_find(annotator *an)
{
    /* No capitalised word, no runs; the lists below stay null, and a null
     * pointer may not be offset, even by zero. */
    if (!an->ncaps)
        return;
    /* Every run is found first and its place look-up started, so that the
     * look-ups' cache misses overlap; then each run is considered. */
    found_run *runs = arena_grow_bytes(an->a, NULL, 0, an->ncaps * sizeof *runs + 1);
    if (!runs)
        return;
    size_t nruns = find_runs(an, runs);
    if (!nruns)
        return; /* no sequences either: their array is still null */
    /* A run makes one sequence: room for all at once, written in place
     * (whole, so the room is not cleared first). */
    if (an->seqcap - an->nseq < nruns) {
        size_t cap = an->nseq + nruns;
        cap_seq *grown =
            arena_grow_bytes(an->a, an->seqs, an->seqcap * sizeof *grown, cap * sizeof *grown);
        if (!grown)
            return;
        an->seqs = grown;
        an->seqcap = cap;
    }
    /* Counted at once: nothing the loop calls reads the sequences. */
    cap_seq *seqs = an->seqs;
    uint32_t base = (uint32_t)an->nseq;
    an->nseq += nruns;
    for (size_t r = 0; r < nruns; r++)
        consider_sequence(an, &seqs[base + r], base + (uint32_t)r, &runs[r]);
    /* One pass for roles after names and for bare surnames used before the
     * full name (a headline's "Kerry says"): neither changes what the other
     * reads. */
    for (cap_seq *s = an->seqs, *seqs_end = s + an->nseq; s < seqs_end; s++) {
        appositive_role(an, s);
        if (s->person != NONE || s->end - s->name_first != 1)
            continue;
        token *t = &an->t[s->name_first];
        uint32_t who = person_by_word(an, t);
        if (who == NONE || an->people[who].weak)
            continue;
        s->person = who;
        an->people[who].mentions++;
        if (t->quote == NONE)
            t->person = who;
    }
}

static bool compatible(const person *p, char sex)
{
    return sex == 'u' || p->sex == 'u' || p->sex == sex;
}

/* The person a pronoun at token `at` most likely refers to: the first
 * compatible person named in the same sentence, else the first (the subject,
 * in news prose) of the nearest earlier sentence that names one. */
/* How far back a pronoun's person is looked for: a few pages of text,
 * far more than any article's pronoun reaches. */
enum { PRONOUN_LOOKBACK_TOKENS = 4000 };

uint32_t people_resolve_pronoun(const annotator *an, uint32_t at, char sex)
{
    uint32_t sent = an->t[at].sent;
    uint32_t best = NONE, fallback = NONE;
    uint32_t sentences = 0;
    uint32_t floor = at > PRONOUN_LOOKBACK_TOKENS ? at - PRONOUN_LOOKBACK_TOKENS : 0;
    for (uint32_t k = at; k-- > floor;) {
        const token *t = &an->t[k];
        if (t->sent != sent) {
            if (best != NONE)
                return best;
            sent = t->sent;
            if (++sentences > 12)
                break;
        }
        if (t->person == NONE || t->quote != NONE)
            continue;
        const person *p = &an->people[t->person];
        if (p->weak && !p->spoke)
            continue;
        if (compatible(p, sex))
            best = t->person;
        else if (fallback == NONE)
            fallback = t->person;
    }
    if (best == NONE) {
        /* No one of that sex nearby: the sex guessed from a first name may be
         * wrong; the nearest person is the better guess. The look-back is
         * bounded so that a page of pronouns stays linear. */
        uint32_t floor = at > PRONOUN_LOOKBACK_TOKENS ? at - PRONOUN_LOOKBACK_TOKENS : 0;
        for (uint32_t k = at; k-- > floor && best == NONE;) {
            const token *t = &an->t[k];
            if (t->person != NONE && t->quote == NONE && compatible(&an->people[t->person], sex))
                best = t->person;
        }
    }
    return best != NONE ? best : fallback;
}

static bool has_acronym(const char *name)
{
    for (const char *c = name; c[0] && c[1]; c++)
        if (c[0] >= 'A' && c[0] <= 'Z' && c[1] >= 'A' && c[1] <= 'Z')
            return true;
    return false;
}

void people_output(annotator *an)
{
    lede_doc *doc = an->doc;
    if (!an->npeople)
        return;
    doc->people = arena_alloc(an->out, an->npeople * sizeof *doc->people);
    if (!doc->people)
        return;
    for (size_t k = 0; k < an->npeople; k++) {
        const person *p = &an->people[k];
        if (p->weak && !p->spoke && !p->role_count)
            continue;
        if (!p->given && !p->role_count && !p->spoke)
            continue;
        if (p->weak && has_acronym(p->name))
            continue; /* "JAMA Psychiatry": an organisation that spoke */
        doc_person *out = &doc->people[doc->person_count++];
        out->name = p->name;
        out->roles = p->roles;
        out->role_count = p->role_count;
        out->mentions = p->mentions;
    }
}
