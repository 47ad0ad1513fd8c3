/* People: capitalised runs of words split into role and name ("Russian
 * Foreign Minister" + "Sergei Lavrov"), linked across the article (a bare
 * surname to the full name given earlier), and pronoun resolution. */
#include <string.h>

#include "../util/buf.h"
#include "annotate.h"
#include "lexicon.h"

/* Capitalised words that start sentences or titles but never names. */
static const char *const FUNCTION_WORDS[] = {
    "the",       "a",        "an",       "and",     "but",       "or",        "nor",
    "so",        "yet",      "for",      "if",      "in",        "on",        "at",
    "to",        "of",       "by",       "as",      "with",      "from",      "into",
    "after",     "before",   "since",    "until",   "when",      "while",     "where",
    "why",       "how",      "what",     "who",     "which",     "that",      "this",
    "these",     "those",    "he",       "she",     "it",        "they",      "we",
    "i",         "you",      "his",      "her",     "their",     "its",       "our",
    "my",        "your",     "there",    "here",    "then",      "now",       "still",
    "also",      "even",     "just",     "only",    "yes",       "no",        "not",
    "all",       "some",     "many",     "most",    "more",      "other",     "both",
    "each",      "every",    "any",      "such",    "though",    "although",  "because",
    "unlike",    "like",     "despite",  "during",  "under",     "over",      "about",
    "against",   "among",    "between",  "without", "within",    "through",   "per",
    "meanwhile", "however",  "instead",  "indeed",  "yet",       "once",      "asked",
    "said",      "says",     "do",       "does",    "did",       "is",        "are",
    "was",       "were",     "be",       "been",    "has",       "have",      "had",
    "will",      "would",    "can",      "could",   "should",    "may",       "might",
    "must",      "let",      "last",     "next",    "sure",      "well",      "oh",
    "mr",        "mrs",      "ms",       "dear",    "monday",    "tuesday",   "wednesday",
    "thursday",  "friday",   "saturday", "sunday",  "january",   "february",  "march",
    "april",     "may",      "june",     "july",    "august",    "september", "october",
    "november",  "december", "today",    "tonight", "yesterday", "tomorrow",  "according",
    "selon",     "laut",     "maybe",    "perhaps", "whether",   "again",     "earlier",
    "later",     "first",    "second",   "neither", "either",    "speaking",  "citing",
    "third",     "one",      "two",      "three",   "former",    "late",      "rep",
    "sen",       "gov",      "so",       "thanks",  "thank",     "read",      "watch",
    "see",       "photo",    "video",    NULL};

/* Titles and offices that precede a name. */
static const char *const ROLE_WORDS[] = {"president",
                                         "vice",
                                         "secretary",
                                         "minister",
                                         "prime",
                                         "foreign",
                                         "senator",
                                         "sen.",
                                         "rep.",
                                         "representative",
                                         "gov.",
                                         "governor",
                                         "mayor",
                                         "judge",
                                         "justice",
                                         "chancellor",
                                         "chief",
                                         "general",
                                         "gen.",
                                         "adm.",
                                         "admiral",
                                         "lt.",
                                         "col.",
                                         "colonel",
                                         "sgt.",
                                         "capt.",
                                         "captain",
                                         "maj.",
                                         "speaker",
                                         "leader",
                                         "chairman",
                                         "chairwoman",
                                         "chair",
                                         "director",
                                         "ambassador",
                                         "attorney",
                                         "commissioner",
                                         "spokesman",
                                         "spokeswoman",
                                         "spokesperson",
                                         "congressman",
                                         "congresswoman",
                                         "councilman",
                                         "councilwoman",
                                         "assemblyman",
                                         "assemblywoman",
                                         "sheriff",
                                         "officer",
                                         "detective",
                                         "king",
                                         "queen",
                                         "prince",
                                         "princess",
                                         "pope",
                                         "rev.",
                                         "reverend",
                                         "rabbi",
                                         "dr.",
                                         "mr.",
                                         "mrs.",
                                         "ms.",
                                         "miss",
                                         "prof.",
                                         "professor",
                                         "lord",
                                         "lady",
                                         "sir",
                                         "dame",
                                         "sheikh",
                                         "ayatollah",
                                         "pastor",
                                         "bishop",
                                         "cardinal",
                                         "premier",
                                         "deputy",
                                         "adviser",
                                         "advisor",
                                         "ceo",
                                         "president-elect",
                                         "emperor",
                                         "sultan",
                                         "emir",
                                         "candidate",
                                         "nominee",
                                         "sens.",
                                         "reps.",
                                         "gov",
                                         "sen",
                                         "rep",
                                         "dr",
                                         "mr",
                                         "mrs",
                                         "ms",
                                         "treasurer",
                                         "auditor",
                                         "comptroller",
                                         "coach",
                                         "delegate",
                                         "del.",
                                         "lawmaker",
                                         "host",
                                         "anchor",
                                         "correspondent",
                                         "columnist",
                                         "editor",
                                         "founder",
                                         "chairperson",
                                         "whip",
                                         "strategist",
                                         "pollster",
                                         "economist",
                                         "analyst",
                                         "officials",
                                         NULL};

static const char *const HONORIFICS_MALE[] = {"mr",   "mr.",    "sir",     "lord",
                                              "king", "prince", "messrs.", NULL};
static const char *const HONORIFICS_FEMALE[] = {"mrs",  "mrs.", "ms",    "ms.",      "miss",
                                                "lady", "dame", "queen", "princess", NULL};
static const char *const HONORIFICS[] = {"mr",  "mr.",  "mrs", "mrs.", "ms",
                                         "ms.", "miss", "dr.", "dr",   NULL};

/* Words that make a capitalised run an organisation, event or place. */
static const char *const NON_PERSON_WORDS[] = {"department",
                                               "house",
                                               "party",
                                               "committee",
                                               "news",
                                               "times",
                                               "post",
                                               "journal",
                                               "university",
                                               "college",
                                               "association",
                                               "council",
                                               "campaign",
                                               "inc.",
                                               "corp.",
                                               "company",
                                               "group",
                                               "agency",
                                               "administration",
                                               "office",
                                               "bureau",
                                               "court",
                                               "congress",
                                               "senate",
                                               "army",
                                               "navy",
                                               "force",
                                               "guard",
                                               "police",
                                               "network",
                                               "foundation",
                                               "institute",
                                               "center",
                                               "centre",
                                               "fund",
                                               "bank",
                                               "union",
                                               "commission",
                                               "ministry",
                                               "church",
                                               "school",
                                               "club",
                                               "board",
                                               "service",
                                               "services",
                                               "press",
                                               "media",
                                               "magazine",
                                               "review",
                                               "tribune",
                                               "street",
                                               "avenue",
                                               "road",
                                               "county",
                                               "city",
                                               "state",
                                               "states",
                                               "republic",
                                               "kingdom",
                                               "islands",
                                               "airport",
                                               "hospital",
                                               "corporation",
                                               "coalition",
                                               "alliance",
                                               "organization",
                                               "movement",
                                               "forum",
                                               "summit",
                                               "conference",
                                               "agreement",
                                               "act",
                                               "bill",
                                               "plan",
                                               "day",
                                               "week",
                                               "republicans",
                                               "democrats",
                                               "republican",
                                               "democratic",
                                               "democrat",
                                               "american",
                                               "americans",
                                               "obamacare",
                                               "twitter",
                                               "facebook",
                                               "google",
                                               "reuters",
                                               "cnn",
                                               "fox",
                                               "msnbc",
                                               "abc",
                                               "nbc",
                                               "cbs",
                                               "npr",
                                               "gop",
                                               "isis",
                                               "nato",
                                               "fbi",
                                               "cia",
                                               "epa",
                                               "irs",
                                               "dhs",
                                               "white",
                                               "capitol",
                                               "hill",
                                               "federal",
                                               "national",
                                               "international",
                                               "global",
                                               "united",
                                               "general",
                                               "affairs",
                                               "security",
                                               "reform",
                                               "caucus",
                                               "debate",
                                               "primary",
                                               "convention",
                                               "council",
                                               "cabinet",
                                               "parliament",
                                               "assembly",
                                               "legislature",
                                               "ltd",
                                               "llc",
                                               "co.",
                                               "project",
                                               "initiative",
                                               "program",
                                               "report",
                                               "times",
                                               "daily",
                                               "weekly",
                                               "radio",
                                               "tv",
                                               "television",
                                               "channel",
                                               "show",
                                               "live",
                                               "tonight",
                                               "online",
                                               "blog",
                                               "website",
                                               "amendment",
                                               "constitution",
                                               "law",
                                               "affair",
                                               "war",
                                               "crisis",
                                               "revolution",
                                               "road",
                                               "square",
                                               "park",
                                               "river",
                                               "lake",
                                               "mountain",
                                               "valley",
                                               "beach",
                                               "bay",
                                               "island",
                                               "north",
                                               "south",
                                               "east",
                                               "west",
                                               "northern",
                                               "southern",
                                               "eastern",
                                               "western",
                                               "middle",
                                               "christmas",
                                               "easter",
                                               "thanksgiving",
                                               "trust",
                                               "watch",
                                               "action",
                                               "pac",
                                               "super",
                                               "poll",
                                               "survey",
                                               "study",
                                               "research",
                                               "decisions",
                                               NULL};

static const char *const PARTICLES[] = {"al", "el",  "bin", "ibn", "de",  "da",
                                        "di", "del", "der", "van", "von", "la",
                                        "le", "du",  "dos", "das", "ter", NULL};

bool is_function_word(const token *t)
{
    return t->kind == TK_WORD && tok_is_lower_in(t, FUNCTION_WORDS);
}

bool is_role_word(const token *t)
{
    return t->kind == TK_WORD && t->cap && tok_is_lower_in(t, ROLE_WORDS);
}

static bool starts_particle(const token *t)
{
    /* "al-Assad", "bin Salman", "van Gogh" inside a name. */
    if (t->kind != TK_WORD || t->cap)
        return false;
    if (tok_is_lower_in(t, PARTICLES))
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

/* Surname without an Arabic article: "al-Assad" matches "Assad". */
static const char *bare_surname(const char *s, size_t *len)
{
    size_t l = strlen(s);
    if (l > 3 && (s[0] == 'a' || s[0] == 'e' || s[0] == 'A' || s[0] == 'E') && s[1] == 'l' &&
        s[2] == '-') {
        s += 3;
        l -= 3;
    }
    *len = l;
    return s;
}

static bool matches_surname(const person *p, const char *s, size_t len)
{
    size_t sl;
    const char *sur = bare_surname(p->surname, &sl);
    if (same_text(sur, sl, s, len) || same_text(p->surname, strlen(p->surname), s, len))
        return true;
    if (len > 3 && (s[0] == 'a' || s[0] == 'e' || s[0] == 'A' || s[0] == 'E') && s[1] == 'l' &&
        s[2] == '-')
        return same_text(sur, sl, s + 3, len - 3);
    return false;
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
                   same_text(p->given, strlen(p->given), t->s, t->base_len)) {
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
                 same_text(p->given, strlen(p->given), an->t[first].s, an->t[first].len))) {
                if (!p->given) {
                    /* "Mr. Trump" first, "Donald Trump" later: one person. */
                    p->name = full;
                    p->given = tokens_text(an, first, first + 1);
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
    p->surname = tokens_text(an, end - 1, end);
    p->given = words > 1 ? tokens_text(an, first, first + 1) : NULL;
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

static bool any_word_in(const annotator *an, uint32_t first, uint32_t end, const char *const *list)
{
    for (uint32_t k = first; k < end; k++)
        if (tok_is_lower_in(&an->t[k], list))
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
        s.honorific = tok_is_lower_in(h, HONORIFICS);
        sex = tok_is_lower_in(h, HONORIFICS_MALE)     ? 'm'
              : tok_is_lower_in(h, HONORIFICS_FEMALE) ? 'f'
                                                      : 0;
    }
    /* After a title ("Representative Linda Park") the words are a name. */
    bool org = !role && any_word_in(an, nf, end, NON_PERSON_WORDS);
    bool place = false;
    {
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
