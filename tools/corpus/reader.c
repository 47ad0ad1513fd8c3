#include "reader.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

enum {
    RAW_CHUNK = 256 * 1024,
    WINDOW_CHUNK = 256 * 1024,
    PEEK_MAX = 64 * 1024,
    /* Member starts remembered for reader_member_offset(); enough for every
     * member that can still sit in the window plus the records in flight. */
    MEMBER_RING = 4096
};

static const unsigned char gzip_magic[] = {0x1f, 0x8b, 0x08};
static const unsigned char zstd_magic[] = {0x28, 0xb5, 0x2f, 0xfd};

typedef struct member_start {
    uint64_t stream;
    uint64_t raw;
} member_start;

struct reader {
    int fd;
    reader_codec codec;
    uint64_t file_size;

    unsigned char *raw; /* compressed bytes read from the file */
    size_t raw_pos, raw_len, raw_cap;
    uint64_t raw_base; /* file offset of raw[0] */
    bool raw_eof;
    const char *io_error;

    char *win; /* decompressed bytes; [pos, end) not yet consumed */
    size_t pos, end, cap;
    uint64_t win_base; /* stream offset of win[0] */

    z_stream z;
    ZSTD_DCtx *zstd;
    bool in_member;    /* the decoder is inside a member */
    bool resync;       /* skip to the next member magic before decoding */
    bool after_resync; /* the current member was found by resync */
    uint64_t resync_from;
    bool done; /* no more data will come */
    bool has_event;
    bool event_reached;
    reader_event ev;
    uint64_t member_stream, member_raw;
    member_start members[MEMBER_RING];
    size_t member_count;
};

static uint64_t produced(const reader *r)
{
    return r->win_base + r->end;
}

static uint64_t raw_file_pos(const reader *r)
{
    return r->raw_base + r->raw_pos;
}

/* Reads more compressed bytes, keeping the unconsumed ones. Returns false at
 * the end of the file or on an I/O error. */
static bool raw_refill(reader *r)
{
    if (r->raw_eof)
        return false;
    if (r->raw_pos > 0) {
        memmove(r->raw, r->raw + r->raw_pos, r->raw_len - r->raw_pos);
        r->raw_base += r->raw_pos;
        r->raw_len -= r->raw_pos;
        r->raw_pos = 0;
    }
    if (r->raw_len == r->raw_cap)
        return true;
    for (;;) {
        ssize_t n = read(r->fd, r->raw + r->raw_len, r->raw_cap - r->raw_len);
        if (n > 0) {
            r->raw_len += (size_t)n;
            return true;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            r->io_error = strerror(errno);
        r->raw_eof = true;
        return false;
    }
}

static void raise_event(reader *r, const char *reason)
{
    /* A magic found by resync that decodes to nothing was a chance match
     * inside damaged data, not a member: move on quietly. */
    bool chance_match = r->after_resync && produced(r) == r->member_stream;
    if (!chance_match) {
        r->has_event = true;
        r->ev.reason = reason;
        r->ev.offset = produced(r);
        r->ev.member_start = r->member_stream;
        r->ev.raw_offset = r->member_raw;
    }
    r->in_member = false;
    r->resync = true;
    /* Damaged deflate data can decode past its member's end, so look for
     * the next member from just after this one's start. */
    r->resync_from = r->member_raw + 1;
    if (r->raw_base > r->resync_from)
        r->resync_from = r->raw_base;
}

/* Moves the raw position to the next member magic at or after
 * resync_from. Returns false when the file ends first. */
static bool find_next_member(reader *r)
{
    const unsigned char *magic = r->codec == READER_GZIP ? gzip_magic : zstd_magic;
    size_t mlen = r->codec == READER_GZIP ? sizeof gzip_magic : sizeof zstd_magic;
    if (r->resync_from >= r->raw_base && r->resync_from < raw_file_pos(r))
        r->raw_pos = (size_t)(r->resync_from - r->raw_base);
    for (;;) {
        if (raw_file_pos(r) < r->resync_from) {
            uint64_t gap = r->resync_from - raw_file_pos(r);
            size_t avail = r->raw_len - r->raw_pos;
            r->raw_pos += gap < avail ? (size_t)gap : avail;
        }
        while (r->raw_len - r->raw_pos >= mlen) {
            const unsigned char *p =
                memchr(r->raw + r->raw_pos, magic[0], r->raw_len - r->raw_pos - mlen + 1);
            if (!p)
                break;
            r->raw_pos = (size_t)(p - r->raw);
            if (memcmp(p, magic, mlen) == 0)
                return true;
            r->raw_pos++;
        }
        /* Keep a possible partial magic at the end of the buffer. */
        if (r->raw_len - r->raw_pos >= mlen)
            r->raw_pos = r->raw_len - (mlen - 1);
        if (!raw_refill(r))
            return false;
    }
}

static void begin_member(reader *r)
{
    r->in_member = true;
    r->member_stream = produced(r);
    r->member_raw = raw_file_pos(r);
    member_start *m = &r->members[r->member_count++ % MEMBER_RING];
    m->stream = r->member_stream;
    m->raw = r->member_raw;
}

/* Decodes some compressed bytes into the window. */
static void produce_compressed(reader *r)
{
    if (r->resync) {
        if (!find_next_member(r)) {
            r->done = true;
            return;
        }
        r->resync = false;
        r->after_resync = true;
        if (r->codec == READER_GZIP)
            inflateReset(&r->z);
        else
            ZSTD_DCtx_reset(r->zstd, ZSTD_reset_session_only);
    }
    if (r->raw_pos == r->raw_len && !raw_refill(r)) {
        if (r->in_member)
            raise_event(r,
                        r->codec == READER_GZIP ? "truncated gzip member" : "truncated zstd frame");
        r->done = true;
        return;
    }
    if (!r->in_member) {
        /* NUL padding after the last member is common and harmless. */
        if (r->raw[r->raw_pos] == 0) {
            r->raw_pos++;
            return;
        }
        begin_member(r);
    }
    if (r->codec == READER_GZIP) {
        r->z.next_in = r->raw + r->raw_pos;
        r->z.avail_in = (uInt)(r->raw_len - r->raw_pos);
        r->z.next_out = (unsigned char *)r->win + r->end;
        r->z.avail_out = (uInt)(r->cap - r->end);
        int rc = inflate(&r->z, Z_NO_FLUSH);
        r->raw_pos = (size_t)(r->z.next_in - r->raw);
        r->end = (size_t)((char *)r->z.next_out - r->win);
        if (rc == Z_STREAM_END) {
            inflateReset(&r->z);
            r->in_member = false;
            r->after_resync = false;
        } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
            raise_event(r, "corrupt gzip member");
        }
    } else {
        ZSTD_inBuffer in = {r->raw, r->raw_len, r->raw_pos};
        ZSTD_outBuffer out = {r->win, r->cap, r->end};
        size_t rc = ZSTD_decompressStream(r->zstd, &out, &in);
        r->raw_pos = in.pos;
        r->end = out.pos;
        if (ZSTD_isError(rc))
            raise_event(r, "corrupt zstd frame");
        else if (rc == 0)
            r->in_member = r->after_resync = false;
    }
}

static void produce_plain(reader *r)
{
    if (r->raw_pos == r->raw_len && !raw_refill(r)) {
        r->done = true;
        return;
    }
    size_t n = r->raw_len - r->raw_pos;
    if (n > r->cap - r->end)
        n = r->cap - r->end;
    memcpy(r->win + r->end, r->raw + r->raw_pos, n);
    r->raw_pos += n;
    r->end += n;
}

/* Makes at least want bytes visible unless the input ends or is damaged. */
static void fill(reader *r, size_t want)
{
    while (r->end - r->pos < want && !r->done && !r->has_event) {
        if (r->cap - r->end < WINDOW_CHUNK / 4) {
            if (r->pos > 0) {
                memmove(r->win, r->win + r->pos, r->end - r->pos);
                r->win_base += r->pos;
                r->end -= r->pos;
                r->pos = 0;
            }
            if (r->cap - r->end < WINDOW_CHUNK / 4) {
                char *w = realloc(r->win, r->end + WINDOW_CHUNK);
                if (!w) {
                    r->io_error = "out of memory";
                    r->done = true;
                    return;
                }
                r->win = w;
                r->cap = r->end + WINDOW_CHUNK;
            }
        }
        if (r->codec == READER_PLAIN)
            produce_plain(r);
        else
            produce_compressed(r);
    }
    /* The consumer has reached the damage only when it wants bytes past it;
     * a look-ahead that merely decoded up to it has not. */
    if (r->has_event && r->end - r->pos < want)
        r->event_reached = true;
}

/* Picks the codec by the first bytes and starts its decoder. */
static bool start_decoder(reader *r, char *err, size_t errlen)
{
    if (r->raw_len >= 2 && memcmp(r->raw, gzip_magic, 2) == 0) {
        r->codec = READER_GZIP;
        if (inflateInit2(&r->z, 16 + MAX_WBITS) != Z_OK) {
            r->codec = READER_PLAIN;
            snprintf(err, errlen, "cannot start the gzip decoder");
            return false;
        }
    } else if (r->raw_len >= 4 && memcmp(r->raw, zstd_magic, 4) == 0) {
        r->codec = READER_ZSTD;
        if (!(r->zstd = ZSTD_createDCtx())) {
            snprintf(err, errlen, "cannot start the zstd decoder");
            return false;
        }
    }
    return true;
}

static reader *reader_new(size_t raw_cap)
{
    reader *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->fd = -1;
    r->raw_cap = raw_cap;
    r->cap = WINDOW_CHUNK;
    if (!(r->raw = malloc(raw_cap ? raw_cap : 1)) || !(r->win = malloc(WINDOW_CHUNK))) {
        reader_close(r);
        return NULL;
    }
    return r;
}

reader *reader_open_memory(const void *data, size_t len, char *err, size_t errlen)
{
    reader *r = reader_new(len);
    if (!r) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    if (len)
        memcpy(r->raw, data, len);
    r->raw_len = len;
    r->raw_eof = true;
    r->file_size = len;
    if (!start_decoder(r, err, errlen)) {
        reader_close(r);
        return NULL;
    }
    return r;
}

reader *reader_open(const char *path, char *err, size_t errlen)
{
    reader *r = reader_new(RAW_CHUNK);
    if (!r) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    if (strcmp(path, "-") == 0) {
        r->fd = STDIN_FILENO;
    } else if ((r->fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
        snprintf(err, errlen, "%s", strerror(errno));
        reader_close(r);
        return NULL;
    }
    struct stat st;
    if (fstat(r->fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        snprintf(err, errlen, "is a directory");
        reader_close(r);
        return NULL;
    }
    if (S_ISREG(st.st_mode))
        r->file_size = (uint64_t)st.st_size;
    while (r->raw_len < sizeof zstd_magic && raw_refill(r))
        ;
    if (r->io_error) {
        snprintf(err, errlen, "%s", r->io_error);
        reader_close(r);
        return NULL;
    }
    if (!start_decoder(r, err, errlen)) {
        reader_close(r);
        return NULL;
    }
    return r;
}

void reader_close(reader *r)
{
    if (!r)
        return;
    if (r->codec == READER_GZIP)
        inflateEnd(&r->z);
    ZSTD_freeDCtx(r->zstd);
    if (r->fd > STDIN_FILENO)
        close(r->fd);
    free(r->raw);
    free(r->win);
    free(r);
}

reader_codec reader_codec_of(const reader *r)
{
    return r->codec;
}

uint64_t reader_offset(const reader *r)
{
    return r->win_base + r->pos;
}

uint64_t reader_member_offset(const reader *r, uint64_t pos)
{
    if (r->codec == READER_PLAIN)
        return UINT64_MAX;
    size_t n = r->member_count < MEMBER_RING ? r->member_count : MEMBER_RING;
    for (size_t i = 0; i < n; i++) {
        const member_start *m = &r->members[(r->member_count - 1 - i) % MEMBER_RING];
        if (m->stream <= pos)
            return m->raw;
    }
    return UINT64_MAX;
}

uint64_t reader_raw_bytes(const reader *r)
{
    return raw_file_pos(r);
}

uint64_t reader_file_size(const reader *r)
{
    return r->file_size;
}

/* Moves n bytes past the read position, copying them to dst unless it is
 * NULL; returns how many there were. */
static size_t consume(reader *r, char *dst, size_t n)
{
    size_t got = 0;
    while (got < n) {
        fill(r, 1);
        size_t avail = r->end - r->pos;
        if (avail == 0)
            break;
        size_t take = avail < n - got ? avail : n - got;
        if (dst)
            memcpy(dst + got, r->win + r->pos, take);
        r->pos += take;
        got += take;
    }
    return got;
}

size_t reader_read(reader *r, void *dst, size_t n)
{
    return consume(r, dst, n);
}

size_t reader_skip(reader *r, size_t n)
{
    return consume(r, NULL, n);
}

size_t reader_peek(reader *r, const char **data, size_t n)
{
    if (n > PEEK_MAX)
        n = PEEK_MAX;
    fill(r, n);
    *data = r->win + r->pos;
    size_t avail = r->end - r->pos;
    /* A look-ahead reaches damage only when nothing comes before it. */
    if (avail > 0 && r->has_event)
        r->event_reached = false;
    return avail < n ? avail : n;
}

size_t reader_getline(reader *r, sbuf *line, size_t max, bool *too_long)
{
    size_t consumed = 0;
    for (;;) {
        fill(r, 1);
        size_t avail = r->end - r->pos;
        if (avail == 0)
            return consumed;
        const char *start = r->win + r->pos;
        const char *nl = memchr(start, '\n', avail);
        size_t take = nl ? (size_t)(nl - start) + 1 : avail;
        size_t room = line->len < max ? max - line->len : 0;
        if (take > room)
            *too_long = true;
        sbuf_put(line, start, take < room ? take : room);
        r->pos += take;
        consumed += take;
        if (nl)
            return consumed;
    }
}

bool reader_unread(reader *r, const char *data, size_t n)
{
    if (r->pos >= n) {
        r->pos -= n;
        memmove(r->win + r->pos, data, n);
        return true;
    }
    size_t avail = r->end - r->pos;
    size_t cap = n + avail + WINDOW_CHUNK;
    char *w = malloc(cap);
    if (!w)
        return false;
    memcpy(w, data, n);
    memcpy(w + n, r->win + r->pos, avail);
    free(r->win);
    r->win_base = r->win_base + r->pos - n;
    r->win = w;
    r->cap = cap;
    r->pos = 0;
    r->end = n + avail;
    return true;
}

bool reader_take_event(reader *r, reader_event *ev)
{
    if (!r->has_event || !r->event_reached || r->pos != r->end)
        return false;
    *ev = r->ev;
    r->has_event = r->event_reached = false;
    return true;
}

const char *reader_io_error(const reader *r)
{
    return r->io_error;
}
