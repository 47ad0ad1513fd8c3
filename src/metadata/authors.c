#include "authors.h"

#include <string.h>

#include "../util/utf8.h"
#include "dates.h"

enum { MAX_NAME_WORDS = 5, MAX_NAME_BYTES = 80 };

/* Words that open a byline in the languages news is most written in. */
static const char *const byline_prefixes[] = {
    "written by", "posted by", "words by", "story by", "text by", "reported by", "by",
    "von",        "par",       "por",      "di",       "door",    "av",          "af",
    "från",       "autor:",    "autora:",  "autor",    "auteur:", "author:",     "authors:",
    "texto:",     "text:",     "tekst:",   "من",       "著者:",   "著者：",      "著者",
    "作者:",      "作者：",    "作者",     "文:",      "文：",    "文●",         "記者",
    "писатель:",  "автор:",    "автор",    "Автор:",   "Автор",   "текст:",      "Текст:"};

/* Role and credit words: a part of a byline made only of these names no
 * person. Lowercase ASCII; matched per word. */
static const char *const role_words[] = {"staff",
                                         "writer",
                                         "writers",
                                         "editor",
                                         "editors",
                                         "reporter",
                                         "reporters",
                                         "correspondent",
                                         "contributor",
                                         "contributors",
                                         "columnist",
                                         "photographer",
                                         "senior",
                                         "chief",
                                         "associate",
                                         "contributing",
                                         "editorial",
                                         "team",
                                         "desk",
                                         "news",
                                         "view",
                                         "profile",
                                         "follow",
                                         "more",
                                         "articles",
                                         "all",
                                         "posts",
                                         "updated",
                                         "published",
                                         "posted",
                                         "on",
                                         "at",
                                         "the",
                                         "bio",
                                         "email",
                                         "twitter",
                                         "facebook",
                                         "instagram",
                                         "linkedin",
                                         "read",
                                         "full",
                                         "about",
                                         "author",
                                         "authors",
                                         "by",
                                         "and",
                                         "special",
                                         "to",
                                         "guest",
                                         "freelance",
                                         "redaktion",
                                         "redakteur",
                                         "redakteurin",
                                         "rédaction",
                                         "redacción",
                                         "redazione",
                                         "journalist",
                                         "journaliste",
                                         "periodista",
                                         "giornalista",
                                         "producer",
                                         "anchor",
                                         "host",
                                         "intern",
                                         "opinion",
                                         "contact",
                                         "share",
                                         "min",
                                         "ago",
                                         "hours",
                                         "hour",
                                         "minutes",
                                         "today",
                                         "yesterday",
                                         "illustration",
                                         "illustrations",
                                         "photo",
                                         "photos",
                                         "video",
                                         "graphics",
                                         "admin",
                                         "administrator",
                                         "webmaster",
                                         "sponsored",
                                         "content",
                                         "partner",
                                         "you",
                                         "your",
                                         "log",
                                         "login",
                                         "sign",
                                         "signin",
                                         "register",
                                         "account",
                                         "settings",
                                         "logout",
                                         "subscribe",
                                         "newsletter",
                                         "menu",
                                         "search",
                                         "home",
                                         "comments",
                                         "comment",
                                         "in",
                                         "report",
                                         "reports",
                                         "of"};

static bool is_role_word(const char *w, size_t n)
{
    char low[24];
    while (n > 0 && (w[n - 1] == ':' || w[n - 1] == ',' || w[n - 1] == '.'))
        n--;
    if (n == 0 || n >= sizeof low)
        return false;
    for (size_t i = 0; i < n; i++)
        low[i] = (char)(w[i] >= 'A' && w[i] <= 'Z' ? w[i] + 32 : w[i]);
    low[n] = 0;
    for (size_t i = 0; i < sizeof role_words / sizeof *role_words; i++)
        if (strcmp(low, role_words[i]) == 0)
            return true;
    return false;
}

static bool istarts(const char *s, const char *p)
{
    for (; *p; s++, p++) {
        char a = *s, b = *p;
        if (a >= 'A' && a <= 'Z')
            a = (char)(a + 32);
        if (a != b)
            return false;
    }
    return true;
}

/* Length of the byline prefix at s (with the space after it), 0 if none. */
static size_t prefix_len(const char *s)
{
    for (size_t i = 0; i < sizeof byline_prefixes / sizeof *byline_prefixes; i++) {
        const char *p = byline_prefixes[i];
        size_t n = strlen(p);
        if (!istarts(s, p))
            continue;
        char last = p[n - 1];
        bool ascii_word = (last | 0x20) >= 'a' && (last | 0x20) <= 'z';
        /* A Latin word must end at a space or colon; "Bylaw" is no byline. */
        if (ascii_word && s[n] != ' ' && s[n] != ':' && s[n] != '\xC2')
            continue;
        while (s[n] == ' ' || s[n] == ':')
            n++;
        return n;
    }
    return 0;
}

bool meta_has_byline_prefix(const char *s)
{
    if (istarts(s, "byby "))
        return true;
    size_t n = prefix_len(s);
    return n > 0 && s[n] && !(s[0] >= 'a' && s[0] <= 'z' && strncmp(s, "by ", 3) != 0);
}

bool meta_is_byline_label(const char *label)
{
    size_t len = strlen(label);
    while (len > 0 && (label[len - 1] == ':' || label[len - 1] == ' '))
        len--;
    /* The whole label ("Autor", "Written by") or its last words
     * ("Geschrieben von", "Escrito por") are a byline prefix. */
    for (size_t start = 0; start < len; start++) {
        if (start > 0 && label[start - 1] != ' ')
            continue;
        for (size_t i = 0; i < sizeof byline_prefixes / sizeof *byline_prefixes; i++) {
            const char *p = byline_prefixes[i];
            size_t n = strlen(p);
            while (n > 0 && p[n - 1] == ':')
                n--;
            bool same = n == len - start;
            for (size_t k = 0; same && k < n; k++) {
                char a = label[start + k];
                same = (a >= 'A' && a <= 'Z' ? a + 32 : a) == p[k];
            }
            if (same)
                return true;
        }
    }
    return false;
}

bool meta_is_role(const char *name)
{
    const char *p = name;
    size_t words = 0;
    while (*p) {
        while (*p == ' ' || *p == '.' || *p == '-')
            p++;
        const char *s = p;
        while (*p && *p != ' ' && *p != '.' && *p != '-')
            p++;
        if (p == s)
            break;
        if (!is_role_word(s, (size_t)(p - s)))
            return false;
        words++;
    }
    return words > 0;
}

/* Japanese and Chinese credits put the role after the name as a word of
 * its own: "Name 著" (author), "Name 訳" (translator), "Name イラスト
 * Name" (illustration): the role separates names and is none. Returns the
 * bytes of such a word at s (with the space before and after it). */
static size_t cjk_role_at(const char *s)
{
    static const char *const roles[] = {
        "\xE8\x91\x97",                                      /* 著 */
        "\xE8\xA8\xB3",                                      /* 訳 */
        "\xE8\xAF\x91",                                      /* 译 */
        "\xE7\x9B\xA3\xE8\xA8\xB3",                          /* 監訳 */
        "\xE7\xBF\xBB\xE8\xA8\xB3",                          /* 翻訳 */
        "\xE7\xB7\xA8",                                      /* 編 */
        "\xE7\x9B\xA3\xE4\xBF\xAE",                          /* 監修 */
        "\xE7\xB5\xB5",                                      /* 絵 */
        "\xE5\x86\x99\xE7\x9C\x9F",                          /* 写真 */
        "\xE6\x92\xAE\xE5\xBD\xB1",                          /* 撮影 */
        "\xE6\x91\x84\xE5\xBD\xB1",                          /* 摄影 */
        "\xE3\x82\xA4\xE3\x83\xA9\xE3\x82\xB9\xE3\x83\x88"}; /* イラスト */
    if ((unsigned char)*s < 0xE3)
        return 0;
    for (size_t i = 0; i < sizeof roles / sizeof *roles; i++) {
        size_t n = strlen(roles[i]);
        const char *e = s + n;
        bool ends = !*e || *e == ' ' || *e == ',' || strncmp(e, "\xE3\x80\x81", 3) == 0 ||
                    strncmp(e, "\xEF\xBC\x8C", 3) == 0;
        if (strncmp(s, roles[i], n) == 0 && ends)
            return 1 + n + (*e == ' ');
    }
    return 0;
}

/* Separators between names: ", " "; " " | " " and " " & " "、" ... */
static size_t separator_at(const char *s)
{
    static const char *const seps[] = {",",
                                       ";",
                                       "|",
                                       "/",
                                       "\xC2\xB7",
                                       "\xE2\x80\xA2",
                                       "\xE3\x80\x81",
                                       "\xEF\xBC\x8C",
                                       "\xEF\xBC\x8F",
                                       " and ",
                                       " & ",
                                       " und ",
                                       " et ",
                                       " y ",
                                       " e ",
                                       " og ",
                                       " en ",
                                       " och ",
                                       " und ",
                                       " ve ",
                                       " dan ",
                                       " и ",
                                       " with ",
                                       " mit ",
                                       " avec ",
                                       " con ",
                                       " \xE2\x80\x94 ",
                                       " - ",
                                       " \xE2\x80\x93 ",
                                       "\xEF\xBC\x88",
                                       "("};
    /* Every byte of a byline passes here: most cannot start a separator. */
    unsigned char c = (unsigned char)*s;
    if (c != ',' && c != ';' && c != '|' && c != '/' && c != ' ' && c != '(' && c < 0xC2)
        return 0;
    for (size_t i = 0; i < sizeof seps / sizeof *seps; i++) {
        size_t n = strlen(seps[i]);
        if (strncmp(s, seps[i], n) == 0)
            return n;
    }
    return c == ' ' ? cjk_role_at(s + 1) : 0;
}

static bool looks_like_contact(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '@' || (s[i] >= '0' && s[i] <= '9'))
            return true;
        if (i + 4 <= n && (strncmp(s + i, "http", 4) == 0 || strncmp(s + i, "www.", 4) == 0))
            return true;
        if (i + 4 <= n && (strncmp(s + i, ".com", 4) == 0))
            return true;
    }
    return false;
}

/* Trims leading role words ("Staff Writer Jane Doe") and punctuation off
 * the name s[0..n); trailing ones stay ("AOL Staff" is a credit);
 * returns the kept part's start in *start and its length. */
static size_t trim_roles(const char *s, size_t n, size_t *start)
{
    size_t b = 0, e = n;
    for (;;) {
        while (b < e && strchr(" .:-\"'[", s[b]))
            b++;
        while (e > b && strchr(" :-)\"]", s[e - 1]))
            e--;
        /* 《Name》, 【Name】 */
        if (e - b > 6 &&
            (strncmp(s + b, "\xE3\x80\x8A", 3) == 0 || strncmp(s + b, "\xE3\x80\x90", 3) == 0))
            b += 3;
        if (e - b > 3 && (strncmp(s + e - 3, "\xE3\x80\x8B", 3) == 0 ||
                          strncmp(s + e - 3, "\xE3\x80\x91", 3) == 0))
            e -= 3;
        size_t w = b;
        while (w < e && s[w] != ' ')
            w++;
        if (w < e && is_role_word(s + b, w - b)) {
            b = w;
            continue;
        }
        if (w == e && is_role_word(s + b, e - b))
            return *start = b, 0;
        break;
    }
    *start = b;
    return e - b;
}

static bool is_particle(const char *w, size_t n);

/* "Staff", "Desk", "Team" end a collective credit: "AOL Staff". */
static bool is_credit_word(const char *w, size_t n)
{
    static const char *const credits[] = {"staff", "desk", "team", "redaktion"};
    for (size_t i = 0; i < sizeof credits / sizeof *credits; i++)
        if (strlen(credits[i]) == n && istarts(w, credits[i]))
            return true;
    return false;
}

/* A name ends where the byline goes on: "Kathy Wise Published in ...",
 * "Michael Larabel in Valve on 1 June", "Sam Stein Senior Editor". A
 * one-word credit with a role ("AOL Staff", "News Desk") stays whole. */
/* The rest of a byline part is role words ending in a credit word:
 * "News Desk", "Staff". */
static bool credit_tail(const char *s, size_t n)
{
    size_t i = 0, last = 0, last_len = 0;
    while (i < n) {
        size_t e = i;
        while (e < n && s[e] != ' ')
            e++;
        if (!is_role_word(s + i, e - i))
            return false;
        last = i, last_len = e - i;
        i = e;
        while (i < n && s[i] == ' ')
            i++;
    }
    return last_len && is_credit_word(s + last, last_len);
}

/* A weekday after a name starts the byline's date: "Jane Doe Monday,
 * November 18". */
static bool is_weekday_word(const char *w, size_t n)
{
    static const char *const days[] = {
        "monday", "tuesday",  "wednesday", "thursday",   "friday",   "saturday", "sunday",
        "montag", "dienstag", "mittwoch",  "donnerstag", "freitag",  "samstag",  "sonntag",
        "lundi",  "mardi",    "mercredi",  "jeudi",      "vendredi", "samedi",   "dimanche",
        "lunes",  "martes",   "jueves",    "viernes",    "domingo"};
    while (n > 0 && (w[n - 1] == ',' || w[n - 1] == '.'))
        n--;
    for (size_t i = 0; i < sizeof days / sizeof *days; i++)
        if (strlen(days[i]) == n && istarts(w, days[i]))
            return true;
    return false;
}

static size_t word_total(const char *s, size_t n)
{
    size_t words = 0;
    for (size_t i = 0; i < n; i++)
        words += s[i] != ' ' && (i == 0 || s[i - 1] == ' ');
    return words;
}

/* A job title's last word: "AP Economics Writer", "Senior Editor". */
static bool is_job_word(const char *w, size_t n)
{
    static const char *const jobs[] = {
        "writer",       "writers",       "editor",         "editors",     "reporter",
        "reporters",    "correspondent", "correspondents", "columnist",   "contributor",
        "photographer", "producer",      "journalist",     "journaliste", "periodista",
        "giornalista",  "redakteur",     "redakteurin"};
    while (n > 0 && (w[n - 1] == '.' || w[n - 1] == ','))
        n--;
    /* "Editor-at-large", "Editor-in-chief" */
    for (size_t i = 1; i < n; i++)
        if (w[i] == '-') {
            n = i;
            break;
        }
    for (size_t i = 0; i < sizeof jobs / sizeof *jobs; i++)
        if (strlen(jobs[i]) == n && istarts(w, jobs[i]))
            return true;
    return false;
}

/* A part after a name that ends in a job title names no one: in "JANE
 * DOE, AP National Political Writer" it is Jane Doe's title. */
static bool is_job_title(const char *s, size_t n)
{
    while (n > 0 && s[n - 1] == ' ')
        n--;
    size_t w = n;
    while (w > 0 && s[w - 1] != ' ')
        w--;
    return w > 0 && is_job_word(s + w, n - w);
}

static size_t cut_name(const char *s, size_t n)
{
    size_t i = 0, words = 0;
    while (i < n) {
        size_t e = i;
        while (e < n && s[e] != ' ')
            e++;
        /* "王小明2019-05-06": markup glued a date to a name in a script
         * whose names never hold ASCII digits. */
        for (size_t k = i + 1; k < e; k++)
            if (s[k] >= '0' && s[k] <= '9' && (unsigned char)s[k - 1] >= 0x80)
                return k;
        /* "Howard BlumeStaff Writer": markup glued a role to the name. */
        for (size_t k = i + 1; k + 1 < e; k++)
            if (s[k - 1] >= 'a' && s[k - 1] <= 'z' && s[k] >= 'A' && s[k] <= 'Z' &&
                is_role_word(s + k, e - k))
                return k;
        if (words > 0) {
            bool digit = false;
            for (size_t k = i; k < e; k++)
                digit |= s[k] >= '0' && s[k] <= '9';
            /* A lowercase word ends the name, except as the last of two:
             * "Cindy mangomini" is a chosen name, as name_like allows. */
            bool last_of_two = words == 1 && e == n;
            bool lower = s[i] >= 'a' && s[i] <= 'z' && !is_particle(s + i, e - i) && !last_of_two;
            bool role = is_role_word(s + i, e - i) || meta_is_month_word(s + i, e - i) ||
                        is_weekday_word(s + i, e - i);
            if (digit || lower || role) {
                if (role && !digit && credit_tail(s + i, n - i))
                    return n;
                /* "Word lowercase words ...": a sentence (a biography's
                 * "We are a blog about ..."), no name. */
                if (lower && !role && words == 1 && word_total(s + i, n - i) >= 3)
                    return 0;
                size_t cut = i;
                while (cut > 0 && s[cut - 1] == ' ')
                    cut--;
                return cut;
            }
        }
        words++;
        i = e;
        while (i < n && s[i] == ' ')
            i++;
    }
    return n;
}

static bool is_particle(const char *w, size_t n)
{
    static const char *const particles[] = {
        "de", "da", "do",  "dos", "das", "del", "della", "di",  "du",  "des",
        "la", "le", "van", "von", "der", "den", "ter",   "ten", "bin", "ibn",
        "al", "el", "y",   "e",   "zu",  "af",  "av",    "mac", "st"};
    for (size_t i = 0; i < sizeof particles / sizeof *particles; i++)
        if (strlen(particles[i]) == n && strncmp(w, particles[i], n) == 0)
            return true;
    return false;
}

/* A name: 1-5 words; Latin-script names start with a capital. */
static bool name_like(const char *s, size_t n)
{
    if (n == 0 || n > MAX_NAME_BYTES)
        return false;
    size_t words = 1;
    for (size_t i = 0; i < n; i++)
        words += s[i] == ' ';
    if (words > MAX_NAME_WORDS || (words == 1 && meta_is_month_word(s, n)))
        return false;
    size_t adv;
    uint32_t cp = utf8_decode(s, n, &adv);
    if (!utf8_is_word(cp))
        return false;
    if (cp < 0x250 && !utf8_is_upper(cp) && !(cp >= '0' && cp <= '9'))
        return false;
    /* Lowercase Latin words in a longer name are particles; others make a
     * sentence ("Die Autorin ist ..."). Two words may be a chosen name. */
    for (size_t i = 0; words > 2 && i < n; i++) {
        if (i > 0 && s[i - 1] != ' ')
            continue;
        if (s[i] < 'a' || s[i] > 'z')
            continue;
        size_t e = i;
        while (e < n && s[e] != ' ')
            e++;
        if (!is_particle(s + i, e - i))
            return false;
    }
    return !looks_like_contact(s, n);
}

/* The credit names who made a picture or a video shown with the story
 * ("Photograph by ...", "Foto: ..."), not who wrote it. */
static bool credits_media(const char *s)
{
    static const char *const words[] = {"photo",
                                        "photos",
                                        "photograph",
                                        "photographs",
                                        "photography",
                                        "picture",
                                        "image",
                                        "images",
                                        "foto",
                                        "fotos",
                                        "fotograf\xC3\xAD"
                                        "a",
                                        "bild",
                                        "bilder",
                                        "illustration",
                                        "video",
                                        "graphic"};
    size_t n = 0;
    while (s[n] && s[n] != ' ' && s[n] != ':')
        n++;
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strlen(words[i]) == n && istarts(s, words[i]))
            return true;
    return false;
}

size_t meta_split_names(arena *a, const char *byline, const char **out, size_t max)
{
    if (!byline)
        return 0;
    while (*byline == ' ')
        byline++;
    if (credits_media(byline))
        return 0;
    size_t count = 0;
    const char *s = byline;
    while (*s == ' ')
        s++;
    s += prefix_len(s);
    /* "ByJane Doe": markup glued the marker to the name. */
    if (s[0] == 'B' && s[1] == 'y' && s[2] >= 'A' && s[2] <= 'Z')
        s += 2;
    else if (istarts(s, "byby "))
        s += 5; /* a label and the text both saying "By" */
    while (*s && count < max) {
        size_t n = 0, sep = 0;
        while (s[n] && !(sep = separator_at(s + n)))
            n++;
        size_t b;
        const char *part = s;
        /* "By" may follow a role: "Analysis by Jane Doe" */
        for (size_t i = 0; i + 4 < n; i++)
            if (part[i] == ' ' && istarts(part + i + 1, "by ")) {
                part += i + 4;
                n -= i + 4;
                break;
            }
        size_t keep = trim_roles(part, n, &b);
        if (count > 0 && is_job_title(part + b, keep))
            keep = 0;
        keep = cut_name(part + b, keep);
        if (keep && name_like(part + b, keep)) {
            bool dup = false;
            for (size_t i = 0; i < count && !dup; i++)
                dup = strlen(out[i]) == keep && strncmp(out[i], part + b, keep) == 0;
            const char *name = dup ? NULL : arena_strndup(a, part + b, keep);
            if (name)
                out[count++] = name;
        }
        s += (size_t)(part - s) + n;
        /* A parenthesis closes an aside: skip it whole. */
        if (sep && (*s == '(' || strncmp(s, "\xEF\xBC\x88", 3) == 0)) {
            const char *close = strpbrk(s, ")");
            const char *wide = strstr(s, "\xEF\xBC\x89");
            if (wide && (!close || wide < close))
                close = wide + 2;
            s = close ? close + 1 : s + strlen(s);
            continue;
        }
        s += sep;
    }
    return count;
}

/* Japanese and Chinese "editorial department": "Xyz編集部" credits a
 * newsroom as "Xyz Staff" does. */
static const char *const newsroom_suffixes[] = {"\xE7\xB7\xA8\xE9\x9B\x86\xE9\x83\xA8",
                                                "\xE7\xBC\x96\xE8\xBE\x91\xE9\x83\xA8",
                                                "\xE7\xB7\xA8\xE8\xBC\xAF\xE9\x83\xA8"};

size_t meta_credit_owner(const char *name)
{
    size_t n = strlen(name);
    for (size_t i = 0; i < sizeof newsroom_suffixes / sizeof *newsroom_suffixes; i++) {
        size_t k = strlen(newsroom_suffixes[i]);
        if (n > k && strcmp(name + n - k, newsroom_suffixes[i]) == 0)
            return n - k;
    }
    size_t w = n;
    while (w > 0 && name[w - 1] != ' ')
        w--;
    if (w == 0 || !is_credit_word(name + w, n - w))
        return 0;
    /* "Xyz Editorial Staff", "Xyz News Desk": the outlet is what the
     * role words leave. */
    for (;;) {
        size_t end = w;
        while (end > 0 && name[end - 1] == ' ')
            end--;
        size_t start = end;
        while (start > 0 && name[start - 1] != ' ')
            start--;
        if (start == 0 || !is_role_word(name + start, end - start))
            return end;
        w = start;
    }
}

bool meta_is_handle(const char *s)
{
    if (!s)
        return false;
    size_t n = strlen(s), start = 0;
    if (s[0] == '@')
        start = 1;
    else if (s[0] == 'u' && s[1] == '/')
        start = 2;
    if (n - start < 2 || n - start > 40 || is_role_word(s + start, n - start) ||
        meta_is_month_word(s + start, n - start))
        return false;
    bool letter = false;
    for (size_t i = start; i < n; i++) {
        char c = s[i];
        bool alpha = (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
        letter |= alpha;
        if (!alpha && !(c >= '0' && c <= '9') && c != '_' && c != '.' && c != '-')
            return false;
    }
    return letter && !looks_like_contact(s + start, n - start - (s[n - 1] == '.'));
}
