/* State shared by the quote stage's files: the document as one token array
 * (words, punctuation, quotation marks), the quote spans and the people. */
#ifndef LEDE_QUOTES_ANNOTATE_H
#define LEDE_QUOTES_ANNOTATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../doc.h"

#define NONE UINT32_MAX

typedef enum { TK_WORD, TK_PUNCT, TK_QUOTE } token_kind;

/* Quotation-mark shapes; which closes which is decided in quotes.c. */
typedef enum {
    MARK_STRAIGHT, /* " */
    MARK_LEFT,     /* “ ‘‘ `` */
    MARK_RIGHT,    /* ” ’’ '' */
    MARK_LOW,      /* „ */
    MARK_GUIL_L,   /* « */
    MARK_GUIL_R,   /* » */
    MARK_SGUIL_L,  /* ‹ */
    MARK_SGUIL_R,  /* › */
    MARK_CJK_L,    /* 「 『 */
    MARK_CJK_R     /* 」 』 */
} mark_kind;

enum { LEX_FUNCTION = 1, LEX_ROLE = 2, LEX_NON_PERSON = 4 };

typedef struct token {
    const char *s;
    uint32_t len;
    uint32_t para;
    uint32_t sent;   /* sentence number, document-wide */
    uint32_t quote;  /* quote span holding the token, NONE outside */
    uint32_t seq;    /* capitalised sequence holding the token, NONE else */
    uint32_t person; /* person mentioned from this token on, NONE else */
    uint8_t kind;
    uint8_t mark;
    uint8_t lex; /* LEX_* flags, for capitalised words */
    bool cap;    /* starts with an upper-case letter */
    bool upper;  /* every letter upper-case */
    bool space_before;
    uint8_t poss;   /* bytes of a possessive 's ending the word */
    uint8_t bucket; /* capitalised words: people bucket of the word less poss */
} token;

/* Every pass streams the whole token array: small tokens, fewer misses. */
_Static_assert(sizeof(token) <= 40, "token grew past 40 bytes");

/* Length without a possessive 's. */
static inline uint32_t tok_base_len(const token *t)
{
    return t->len - t->poss;
}

typedef struct qspan {
    uint32_t para;
    uint32_t open, close; /* mark tokens; close is NONE when unclosed */
    uint32_t first, end;  /* inner tokens [first, end) */
    const char *text;
    /* attribution */
    uint32_t speaker_person; /* NONE unless resolved to a person */
    const char *speaker;
    const char *mention;
    const char *cue;
    bool attributed; /* found by a pattern, not inherited */
    bool no_speaker; /* a title or term: nobody said it */
} qspan;

/* A capitalised run of words ("Secretary of State John Kerry"), split into
 * a role prefix and the name proper. */
typedef struct cap_seq {
    uint32_t first, end; /* tokens [first, end) after leading function words */
    uint32_t name_first; /* first token of the name after any role */
    uint32_t person;     /* NONE when not a person */
    uint8_t place;       /* place_kind of the whole run, looked up once */
    bool honorific;      /* Mr., Ms., Dr. before the name */
} cap_seq;

typedef struct person {
    const char *name;    /* the fullest form the article gives */
    const char *surname; /* in the article's text, not NUL-terminated */
    const char *given;   /* the same; NULL without a first name */
    size_t surname_len, given_len;
    size_t bare_off; /* surname without "al-" starts here */
    char sex;        /* 'm', 'f' or 'u' */
    bool weak;       /* no first name nor role: shown only when it speaks */
    bool spoke;
    const char **roles;
    size_t role_count, role_cap;
    size_t mentions;
    uint32_t first_tok;
    uint32_t last_tok;     /* latest mention so far */
    uint32_t next_surname; /* next person in the same surname bucket */
    uint32_t next_given;   /* next person in the same first-name bucket */
} person;

/* Buckets of people by the hash of their surname (without "al-") and of
 * their first name, so a word finds its person without a scan. */
#define PEOPLE_BUCKETS 128

typedef struct annotator {
    lede_doc *doc;
    arena *a;   /* working memory, freed once the stage has run */
    arena *out; /* the document's: what it outputs, strings and arrays */
    token *t;
    size_t n, cap;
    qspan *q;
    size_t nq, qcap;
    cap_seq *seqs;
    size_t nseq, seqcap;
    person *people;
    size_t npeople, peoplecap;
    uint32_t surname_bucket[PEOPLE_BUCKETS]; /* first person of each, NONE if empty */
    uint32_t given_bucket[PEOPLE_BUCKETS];
    uint32_t *para_first; /* first token of each paragraph; [count] = n */
    uint32_t *caps;       /* capitalised words in order, where names start */
    size_t ncaps, capscap;
    uint32_t *marks; /* quotation marks of the paragraph being read */
    size_t nmarks, markscap;
} annotator;

/* ASCII lower case of a byte, for case-blind hashes and compares. */
static inline unsigned char fold_byte(unsigned char c)
{
    return (unsigned)(c - 'A') < 26u ? (unsigned char)(c + 32) : c;
}

/* tokens.c-like helpers in quotes.c */
bool tok_is(const token *t, const char *word);
/* "spokesman", "governor": lower-case words for an office. */
bool is_office_noun(const token *t);
/* Membership in a word list sorted in byte order. The lists are arrays of
 * LIST_WORD bytes a word, all in a few cache lines, not pointers to strings
 * strewn over the binary: a look-up on a cold cache misses less. */
#define LIST_WORD 16
bool word_in_sorted(const token *t, const char (*words)[LIST_WORD], size_t count);
#define IN_LIST(t, list) word_in_sorted((t), (list), sizeof(list) / sizeof *(list))
/* The tokens' text as the article spells it, in the document's arena: such
 * texts are names, roles, speakers and cues, which the stage outputs. */
const char *tokens_text(annotator *an, uint32_t first, uint32_t end);
/* Whether text is what tokens_text would make of the tokens, without making
 * it. */
bool tokens_equal(const annotator *an, uint32_t first, uint32_t end, const char *text);
/* people.c */
void people_find(annotator *an);
uint32_t people_resolve_pronoun(const annotator *an, uint32_t at, char sex);
uint32_t people_by_word(const annotator *an, const token *t);
uint8_t people_word_flags(const token *t);
/* The same, given hash_short_folded of the word. */
uint8_t people_word_flags_hashed(const token *t, uint32_t folded_hash);
bool is_function_word(const token *t);
void people_output(annotator *an);
/* places.c */
void places_find(annotator *an);

#endif
