/* People: capitalised runs of words split into role and name ("Russian
 * Foreign Minister" + "Sergei Lavrov"), linked across the article (a bare
 * surname to the full name given earlier), and pronoun resolution. */
#include <string.h>

#include "../util/buf.h"
#include "annotate.h"
#include "lexicon.h"

/* Capitalised words that start sentences or titles but never names. */
static const char *const FUNCTION_WORDS[] = {
    "a",        "about",     "according", "after",    "again",   "against", "all",      "also",
    "although", "among",     "an",        "and",      "any",     "april",   "are",      "as",
    "asked",    "at",        "august",    "be",       "because", "been",    "before",   "between",
    "both",     "but",       "by",        "can",      "citing",  "could",   "dear",     "december",
    "despite",  "did",       "do",        "does",     "during",  "each",    "earlier",  "either",
    "even",     "every",     "february",  "first",    "for",     "former",  "friday",   "from",
    "gov",      "had",       "has",       "have",     "he",      "her",     "here",     "his",
    "how",      "however",   "i",         "if",       "in",      "indeed",  "instead",  "into",
    "is",       "it",        "its",       "january",  "july",    "june",    "just",     "last",
    "late",     "later",     "laut",      "let",      "like",    "many",    "march",    "may",
    "maybe",    "meanwhile", "might",     "monday",   "more",    "most",    "mr",       "mrs",
    "ms",       "must",      "my",        "neither",  "next",    "no",      "nor",      "not",
    "november", "now",       "october",   "of",       "oh",      "on",      "once",     "one",
    "only",     "or",        "other",     "our",      "over",    "per",     "perhaps",  "photo",
    "read",     "rep",       "said",      "saturday", "says",    "second",  "see",      "selon",
    "sen",      "september", "she",       "should",   "since",   "so",      "some",     "speaking",
    "still",    "such",      "sunday",    "sure",     "thank",   "thanks",  "that",     "the",
    "their",    "then",      "there",     "these",    "they",    "third",   "this",     "those",
    "though",   "three",     "through",   "thursday", "to",      "today",   "tomorrow", "tonight",
    "tuesday",  "two",       "under",     "unlike",   "until",   "video",   "was",      "watch",
    "we",       "wednesday", "well",      "were",     "what",    "when",    "where",    "whether",
    "which",    "while",     "who",       "why",      "will",    "with",    "within",   "without",
    "would",    "yes",       "yesterday", "yet",      "you",     "your",    NULL};

/* Titles and offices that precede a name. */
static const char *const ROLE_WORDS[] = {"adm.",          "admiral",
                                         "adviser",       "advisor",
                                         "ambassador",    "analyst",
                                         "anchor",        "assemblyman",
                                         "assemblywoman", "attorney",
                                         "auditor",       "ayatollah",
                                         "bishop",        "candidate",
                                         "capt.",         "captain",
                                         "cardinal",      "ceo",
                                         "chair",         "chairman",
                                         "chairperson",   "chairwoman",
                                         "chancellor",    "chief",
                                         "coach",         "col.",
                                         "colonel",       "columnist",
                                         "commissioner",  "comptroller",
                                         "congressman",   "congresswoman",
                                         "correspondent", "councilman",
                                         "councilwoman",  "dame",
                                         "del.",          "delegate",
                                         "deputy",        "detective",
                                         "director",      "dr",
                                         "dr.",           "economist",
                                         "editor",        "emir",
                                         "emperor",       "foreign",
                                         "founder",       "gen.",
                                         "general",       "gov",
                                         "gov.",          "governor",
                                         "host",          "judge",
                                         "justice",       "king",
                                         "lady",          "lawmaker",
                                         "leader",        "lord",
                                         "lt.",           "maj.",
                                         "mayor",         "minister",
                                         "miss",          "mr",
                                         "mr.",           "mrs",
                                         "mrs.",          "ms",
                                         "ms.",           "nominee",
                                         "officer",       "officials",
                                         "pastor",        "pollster",
                                         "pope",          "premier",
                                         "president",     "president-elect",
                                         "prime",         "prince",
                                         "princess",      "prof.",
                                         "professor",     "queen",
                                         "rabbi",         "rep",
                                         "rep.",          "representative",
                                         "reps.",         "rev.",
                                         "reverend",      "secretary",
                                         "sen",           "sen.",
                                         "senator",       "sens.",
                                         "sgt.",          "sheikh",
                                         "sheriff",       "sir",
                                         "speaker",       "spokesman",
                                         "spokesperson",  "spokeswoman",
                                         "strategist",    "sultan",
                                         "treasurer",     "vice",
                                         "whip",          NULL};

static const char *const HONORIFICS_MALE[] = {"king", "lord",   "messrs.", "mr",
                                              "mr.",  "prince", "sir",     NULL};
static const char *const HONORIFICS_FEMALE[] = {"dame", "lady", "miss",     "mrs",   "mrs.",
                                                "ms",   "ms.",  "princess", "queen", NULL};
static const char *const HONORIFICS[] = {"dr",  "dr.",  "miss", "mr",  "mr.",
                                         "mrs", "mrs.", "ms",   "ms.", NULL};

/* Words that make a capitalised run an organisation, event or place. */
static const char *const NON_PERSON_WORDS[] = {
    "abc",         "act",          "action",       "administration",
    "affair",      "affairs",      "agency",       "agreement",
    "airport",     "alliance",     "amendment",    "american",
    "americans",   "army",         "assembly",     "association",
    "avenue",      "bank",         "bay",          "beach",
    "bill",        "blog",         "board",        "bureau",
    "cabinet",     "campaign",     "capitol",      "caucus",
    "cbs",         "center",       "centre",       "channel",
    "christmas",   "church",       "cia",          "city",
    "club",        "cnn",          "co.",          "coalition",
    "college",     "commission",   "committee",    "company",
    "conference",  "congress",     "constitution", "convention",
    "corp.",       "corporation",  "council",      "county",
    "court",       "crisis",       "daily",        "day",
    "debate",      "decisions",    "democrat",     "democratic",
    "democrats",   "department",   "dhs",          "east",
    "easter",      "eastern",      "epa",          "facebook",
    "fbi",         "federal",      "force",        "forum",
    "foundation",  "fox",          "fund",         "general",
    "global",      "google",       "gop",          "group",
    "guard",       "hill",         "hospital",     "house",
    "inc.",        "initiative",   "institute",    "international",
    "irs",         "isis",         "island",       "islands",
    "journal",     "kingdom",      "lake",         "law",
    "legislature", "live",         "llc",          "ltd",
    "magazine",    "media",        "middle",       "ministry",
    "mountain",    "movement",     "msnbc",        "national",
    "nato",        "navy",         "nbc",          "network",
    "news",        "north",        "northern",     "npr",
    "obamacare",   "office",       "online",       "organization",
    "pac",         "park",         "parliament",   "party",
    "plan",        "police",       "poll",         "post",
    "press",       "primary",      "program",      "project",
    "radio",       "reform",       "report",       "republic",
    "republican",  "republicans",  "research",     "reuters",
    "review",      "revolution",   "river",        "road",
    "school",      "security",     "senate",       "service",
    "services",    "show",         "south",        "southern",
    "square",      "state",        "states",       "street",
    "study",       "summit",       "super",        "survey",
    "television",  "thanksgiving", "times",        "tonight",
    "tribune",     "trust",        "tv",           "twitter",
    "union",       "united",       "university",   "valley",
    "war",         "watch",        "website",      "week",
    "weekly",      "west",         "western",      "white",
    NULL};

static const char *const PARTICLES[] = {"al", "bin", "da",  "das", "de", "del", "der", "di",  "dos",
                                        "du", "el",  "ibn", "la",  "le", "ter", "van", "von", NULL};

bool is_function_word(const token *t)
{
    return t->kind == TK_WORD && IN_LIST(t, FUNCTION_WORDS);
}

bool is_role_word(const token *t)
{
    return t->kind == TK_WORD && t->cap && IN_LIST(t, ROLE_WORDS);
}

static bool starts_particle(const token *t)
{
    /* "al-Assad", "bin Salman", "van Gogh" inside a name. */
    if (t->kind != TK_WORD || t->cap)
        return false;
    if (IN_LIST(t, PARTICLES))
        return true;
    return t->len > 3 && (t->s[0] == 'a' || t->s[0] == 'e') && t->s[1] == 'l' && t->s[2] == '-';
}

static bool name_word(const token *t)
{
    return t->kind == TK_WORD && t->cap && !(t->s[0] >= '0' && t->s[0] <= '9');
}

/* ---- Entities -------------------------------------------------------- */

static bool same_text(const char *a, size_t alen, const char *b, size_t blen)
{
    return alen == blen && !memcmp(a, b, alen);
}

/* Length of an Arabic article before a surname ("al-Assad" is also
 * "Assad"), or 0. */
static size_t article_len(const char *s, size_t len)
{
    return len > 3 && (s[0] == 'a' || s[0] == 'e' || s[0] == 'A' || s[0] == 'E') && s[1] == 'l' &&
                   s[2] == '-'
               ? 3
               : 0;
}

static void set_surname(person *p, const char *surname)
{
    p->surname = surname;
    p->surname_len = strlen(surname);
    p->bare_off = article_len(surname, p->surname_len);
}

static void set_given(person *p, const char *given)
{
    p->given = given;
    p->given_len = given ? strlen(given) : 0;
}

static bool matches_surname(const person *p, const char *s, size_t len)
{
    const char *bare = p->surname + p->bare_off;
    size_t bare_len = p->surname_len - p->bare_off;
    size_t skip = article_len(s, len);
    return same_text(bare, bare_len, s, len) || same_text(p->surname, p->surname_len, s, len) ||
           (skip && same_text(bare, bare_len, s + skip, len - skip));
}

/* The person a single word names: of those with that surname (else that
 * first name), the one named last in the same paragraph, else the one the
 * article mentions most ("Clinton" after one "Bill Clinton" in a story about
 * Hillary Clinton). */
uint32_t people_by_word(const annotator *an, const token *t)
{
    uint32_t recent = NONE, salient = NONE, given_match = NONE;
    for (size_t k = an->npeople; k-- > 0;) {
        const person *p = &an->people[k];
        if (matches_surname(p, t->s, t->base_len)) {
            if (an->t[p->last_tok].para == t->para &&
                (recent == NONE || p->last_tok > an->people[recent].last_tok))
                recent = (uint32_t)k;
            if (salient == NONE || p->mentions > an->people[salient].mentions)
                salient = (uint32_t)k;
        } else if (given_match == NONE && p->given &&
                   same_text(p->given, p->given_len, t->s, t->base_len)) {
            given_match = (uint32_t)k;
        }
    }
    return recent != NONE ? recent : salient != NONE ? salient : given_match;
}

static uint32_t add_person(annotator *an)
{
    if (an->npeople == an->peoplecap) {
        size_t cap = an->peoplecap ? an->peoplecap * 2 : 16;
        person *grown =
            arena_realloc(an->a, an->people, an->peoplecap * sizeof *grown, cap * sizeof *grown);
        if (!grown)
            return NONE;
        an->people = grown;
        an->peoplecap = cap;
    }
    person *p = &an->people[an->npeople];
    memset(p, 0, sizeof *p);
    p->sex = 'u';
    return (uint32_t)an->npeople++;
}

static void add_role(annotator *an, person *p, const char *role)
{
    for (size_t k = 0; k < p->role_count; k++)
        if (!strcmp(p->roles[k], role))
            return;
    if (p->role_count == p->role_cap) {
        size_t cap = p->role_cap ? p->role_cap * 2 : 2;
        const char **grown = arena_realloc(an->a, (void *)p->roles, p->role_cap * sizeof *grown,
                                           cap * sizeof *grown);
        if (!grown)
            return;
        p->roles = grown;
        p->role_cap = cap;
    }
    p->roles[p->role_count++] = role;
}

/* Links the name tokens [first, end) to a person, creating one when the run
 * is a name the article has not used yet. */
static uint32_t link_name(annotator *an, uint32_t first, uint32_t end, bool sure, char sex)
{
    const token *last = &an->t[end - 1];
    uint32_t words = end - first;
    if (words == 1) {
        uint32_t k = people_by_word(an, last);
        if (k != NONE || !sure)
            return k;
    } else {
        /* Same full name, or the same first and last name. */
        const char *full = tokens_text(an, first, end);
        for (size_t k = an->npeople; k-- > 0;) {
            person *p = &an->people[k];
            if (!strcmp(p->name, full))
                return (uint32_t)k;
            if (matches_surname(p, last->s, last->base_len) &&
                (!p->given ||
                 same_text(p->given, p->given_len, an->t[first].s, an->t[first].len))) {
                if (!p->given) {
                    /* "Mr. Trump" first, "Donald Trump" later: one person. */
                    p->name = full;
                    set_given(p, tokens_text(an, first, first + 1));
                    p->weak = p->weak && !sure;
                }
                return (uint32_t)k;
            }
        }
    }
    uint32_t k = add_person(an);
    if (k == NONE)
        return NONE;
    person *p = &an->people[k];
    p->name = tokens_text(an, first, end);
    set_surname(p, tokens_text(an, end - 1, end));
    set_given(p, words > 1 ? tokens_text(an, first, first + 1) : NULL);
    p->weak = !sure;
    p->first_tok = p->last_tok = first;
    if (sex)
        p->sex = sex;
    else if (words > 1) {
        char s = lexicon_first_name_sex(an->t[first].s, an->t[first].len);
        if (s)
            p->sex = s;
    }
    return k;
}

static bool push_seq(annotator *an, const cap_seq *s)
{
    if (an->nseq == an->seqcap) {
        size_t cap = an->seqcap ? an->seqcap * 2 : 64;
        cap_seq *grown =
            arena_realloc(an->a, an->seqs, an->seqcap * sizeof *grown, cap * sizeof *grown);
        if (!grown)
            return false;
        an->seqs = grown;
        an->seqcap = cap;
    }
    an->seqs[an->nseq++] = *s;
    return true;
}

/* Index of the first name token after a role prefix ("Secretary of State
 * John Kerry" -> "John"), or `first` when there is no role. */
static uint32_t split_role(const annotator *an, uint32_t first, uint32_t end)
{
    uint32_t name = first;
    for (uint32_t k = first; k + 1 < end; k++) {
        if (!is_role_word(&an->t[k]))
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
            name = m;
            k = m - 1;
        }
    }
    return name;
}

static bool any_word_in(const annotator *an, uint32_t first, uint32_t end, const char *const *list,
                        size_t count)
{
    for (uint32_t k = first; k < end; k++)
        if (word_in_sorted(&an->t[k], list, count))
            return true;
    return false;
}

static void consider_sequence(annotator *an, uint32_t first, uint32_t end)
{
    while (first < end && (is_function_word(&an->t[first]) && !is_role_word(&an->t[first])))
        first++;
    if (first >= end)
        return;
    cap_seq s = {.first = first, .end = end, .name_first = first, .person = NONE};
    s.name_first = split_role(an, first, end);
    bool role = s.name_first > first;
    uint32_t nf = s.name_first, words = end - nf;
    char sex = 0;
    if (role) {
        const token *h = &an->t[nf - 1];
        s.honorific = IN_LIST(h, HONORIFICS);
        sex = IN_LIST(h, HONORIFICS_MALE) ? 'm' : IN_LIST(h, HONORIFICS_FEMALE) ? 'f' : 0;
    }
    /* After a title ("Representative Linda Park") the words are a name. */
    bool org = !role && any_word_in(an, nf, end, NON_PERSON_WORDS,
                                    sizeof NON_PERSON_WORDS / sizeof *NON_PERSON_WORDS - 1);
    {
        const token *a = &an->t[first], *b = &an->t[end - 1];
        s.place = (uint8_t)lexicon_place(a->s, (size_t)(b->s + b->base_len - a->s));
    }
    bool place = s.place != PLACE_NONE;
    if (nf != first) {
        const token *a = &an->t[nf], *b = &an->t[end - 1];
        place = lexicon_place(a->s, (size_t)(b->s + b->base_len - a->s)) != PLACE_NONE;
    }
    bool upper = an->t[nf].upper && (words == 1 || an->t[end - 1].upper);
    uint32_t who = NONE;
    if (!org && !upper && words >= 1 && words <= 4 && !is_function_word(&an->t[nf])) {
        /* "Florida Latino": a place is no first name. */
        char given = words > 1 && !lexicon_place(an->t[nf].s, an->t[nf].len)
                         ? lexicon_first_name_sex(an->t[nf].s, an->t[nf].len)
                         : 0;
        bool initial = words > 1 && an->t[nf].len == 2 && an->t[nf].s[1] == '.';
        if (role && !place)
            who = link_name(an, nf, end, true, sex);
        else if (place)
            who = NONE;
        else if ((given || initial) && words >= 2)
            who = link_name(an, nf, end, true, 0);
        else if (words <= 3)
            who = link_name(an, nf, end, false, 0);
    }
    s.person = who;
    if (who != NONE) {
        person *p = &an->people[who];
        p->mentions++;
        p->last_tok = nf;
        if (role && !s.honorific) {
            /* "former President" is the role, not "President". */
            uint32_t rf = first;
            if (rf > 0 && an->t[rf - 1].para == an->t[rf].para &&
                (tok_is(&an->t[rf - 1], "former") || tok_is(&an->t[rf - 1], "then")))
                rf--;
            add_role(an, p, tokens_text(an, rf, nf));
        }
        if (sex && p->sex == 'u')
            p->sex = sex;
        /* Names inside quotes count as mentions but are no antecedents. */
        if (an->t[nf].quote == NONE)
            an->t[nf].person = who;
    }
    uint32_t id = (uint32_t)an->nseq;
    if (!push_seq(an, &s))
        return;
    for (uint32_t k = first; k < end; k++)
        an->t[k].seq = id;
}

void people_find(annotator *an)
{
    uint32_t i = 0;
    while (i < an->n) {
        const token *t = &an->t[i];
        if (!name_word(t)) {
            i++;
            continue;
        }
        uint32_t end = i + 1;
        while (end < an->n && an->t[end].para == t->para && an->t[end].quote == t->quote) {
            const token *prev = &an->t[end - 1];
            const token *u = &an->t[end];
            if (prev->base_len != prev->len)
                break; /* a possessive ends the name */
            if (name_word(u)) {
                end++;
                continue;
            }
            if (end + 1 < an->n && name_word(&an->t[end + 1]) && an->t[end + 1].para == t->para &&
                (starts_particle(u) || (tok_is(u, "of") && is_role_word(prev)))) {
                end += 2;
                continue;
            }
            /* "Secretary of the Treasury" */
            if (end + 2 < an->n && tok_is(u, "of") && is_role_word(prev) &&
                tok_is(&an->t[end + 1], "the") && name_word(&an->t[end + 2]) &&
                an->t[end + 2].para == t->para) {
                end += 3;
                continue;
            }
            if (starts_particle(u) && u->len > 3 && u->s[2] == '-') {
                end++; /* "Bashar al-Assad" */
                continue;
            }
            break;
        }
        consider_sequence(an, i, end);
        i = end;
    }
    /* Bare surnames used before the full name (a headline's "Kerry says"). */
    for (size_t k = 0; k < an->nseq; k++) {
        cap_seq *s = &an->seqs[k];
        if (s->person != NONE || s->end - s->name_first != 1)
            continue;
        token *t = &an->t[s->name_first];
        uint32_t who = people_by_word(an, t);
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
uint32_t people_resolve_pronoun(const annotator *an, uint32_t at, char sex)
{
    uint32_t sent = an->t[at].sent;
    uint32_t best = NONE, fallback = NONE;
    uint32_t sentences = 0;
    for (uint32_t k = at; k-- > 0;) {
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
         * wrong; the nearest person is the better guess. */
        for (uint32_t k = at; k-- > 0 && best == NONE;) {
            const token *t = &an->t[k];
            if (t->person != NONE && t->quote == NONE && compatible(&an->people[t->person], sex))
                best = t->person;
        }
    }
    return best != NONE ? best : fallback;
}

void people_output(annotator *an)
{
    lede_doc *doc = an->doc;
    if (!an->npeople)
        return;
    doc->people = arena_alloc(an->a, an->npeople * sizeof *doc->people);
    if (!doc->people)
        return;
    for (size_t k = 0; k < an->npeople; k++) {
        const person *p = &an->people[k];
        if (p->weak && !p->spoke && !p->role_count)
            continue;
        if (!p->given && !p->role_count && !p->spoke)
            continue;
        doc_person *out = &doc->people[doc->person_count++];
        out->name = p->name;
        out->roles = p->roles;
        out->role_count = p->role_count;
        out->mentions = p->mentions;
    }
}
