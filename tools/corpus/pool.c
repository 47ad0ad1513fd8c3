#include "pool.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "dedup.h"
#include "process.h"

enum {
    /* Records in flight per thread: enough that one slow page does not
     * starve the others while the window waits for it. */
    WINDOW_PER_THREAD = 16,
    BYTE_BUDGET = 64 * 1024 * 1024
};

struct pool {
    const corpus_options *o;
    pthread_mutex_t lock;
    pthread_cond_t work;  /* a record was queued, or closing */
    pthread_cond_t space; /* a slot was freed */
    record **slots;       /* ring indexed by seq % window */
    size_t window;
    uint64_t issued;  /* records submitted */
    uint64_t taken;   /* records handed to workers */
    uint64_t written; /* ordered mode: records written */
    size_t in_flight;
    size_t bytes_in_flight;
    size_t byte_budget;
    bool closing;
    pool_counts counts;
    dedup_table *dedup;
    pthread_t *threads;
    int nthreads;
};

static void count_reason(reason_count *table, const char *reason)
{
    for (int i = 0; i < POOL_MAX_REASONS; i++) {
        if (!table[i].reason)
            table[i].reason = reason;
        if (strcmp(table[i].reason, reason) == 0 || i == POOL_MAX_REASONS - 1) {
            table[i].count++;
            return;
        }
    }
}

/* Marks the article as a copy of an earlier one, naming it. */
static void mark_duplicate(sbuf *line, const char *source, uint64_t offset)
{
    if (line->len < 2)
        return;
    line->len -= 2; /* "}\n" */
    sbuf_puts(line, ",\"duplicate_of\":{\"source\":");
    sbuf_put_json_string(line, source, strlen(source));
    sbuf_puts(line, ",\"offset\":");
    sbuf_put_u64(line, offset);
    sbuf_puts(line, "}}\n");
}

/* Writes one finished record and frees it. Called with the lock held, so
 * lines never interleave and dedup sees records one at a time. */
static void write_record(pool *p, record *rec)
{
    pool_counts *c = &p->counts;
    if (rec->outcome == OUTCOME_ARTICLE && p->dedup) {
        const char *first_source;
        uint64_t first_offset;
        if (dedup_check(p->dedup, &rec->sig, rec->source, rec->offset, &first_source,
                        &first_offset)) {
            mark_duplicate(&rec->line, first_source, first_offset);
            c->duplicates++;
        }
    }
    if (rec->line.failed) {
        /* Out of memory building the line: still one line for the record. */
        static const char fallback[] = "{\"error\":\"out of memory\"}\n";
        rec->line.len = 0;
        rec->line.failed = false;
        sbuf_puts(&rec->line, fallback);
        rec->outcome = OUTCOME_ERROR;
        rec->outcome_reason = "out of memory";
    }
    if (!c->output_failed && fwrite(rec->line.data, 1, rec->line.len, p->o->out) != rec->line.len)
        c->output_failed = true;
    c->bytes_written += rec->line.len;
    c->records_out++;
    if (rec->outcome == OUTCOME_ARTICLE) {
        c->articles++;
    } else if (rec->outcome == OUTCOME_SKIP) {
        c->skipped++;
        count_reason(c->skip_reasons, rec->outcome_reason);
    } else {
        c->errors++;
        count_reason(c->error_reasons, rec->outcome_reason);
    }
    p->in_flight--;
    record_free(rec);
}

static void *worker(void *arg)
{
    pool *p = arg;
    pthread_mutex_lock(&p->lock);
    for (;;) {
        while (p->taken == p->issued && !p->closing)
            pthread_cond_wait(&p->work, &p->lock);
        if (p->taken == p->issued)
            break;
        size_t slot = p->taken++ % p->window;
        record *rec = p->slots[slot];
        size_t bytes = rec->len;
        pthread_mutex_unlock(&p->lock);

        process_record(p->o, rec);

        pthread_mutex_lock(&p->lock);
        rec->processed = true;
        p->bytes_in_flight -= bytes;
        if (p->o->unordered) {
            write_record(p, rec);
            p->slots[slot] = NULL;
        } else {
            record *next;
            while ((next = p->slots[p->written % p->window]) && next->processed) {
                p->slots[p->written++ % p->window] = NULL;
                write_record(p, next);
            }
        }
        pthread_cond_broadcast(&p->space);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

pool *pool_start(const corpus_options *o, int threads)
{
    pool *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->o = o;
    p->window = (size_t)threads * WINDOW_PER_THREAD;
    p->byte_budget = BYTE_BUDGET > o->max_record_bytes ? BYTE_BUDGET : o->max_record_bytes;
    p->slots = calloc(p->window, sizeof *p->slots);
    p->threads = calloc((size_t)threads, sizeof *p->threads);
    if (o->dedup != CORPUS_DEDUP_NONE)
        p->dedup = dedup_new((int)o->dedup, o->near_threshold);
    if (!p->slots || !p->threads || (o->dedup != CORPUS_DEDUP_NONE && !p->dedup)) {
        dedup_free(p->dedup);
        free(p->slots);
        free(p->threads);
        free(p);
        return NULL;
    }
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->work, NULL);
    pthread_cond_init(&p->space, NULL);
    /* One thread means one: the reading thread extracts too, so -j1 is
     * the plain serial run that more threads are measured against. */
    if (threads == 1)
        return p;
    for (int i = 0; i < threads; i++) {
        if (pthread_create(&p->threads[i], NULL, worker, p) != 0)
            break;
        p->nthreads++;
    }
    if (p->nthreads == 0) {
        pool_counts ignored;
        pool_finish(p, &ignored);
        return NULL;
    }
    return p;
}

bool pool_submit(pool *p, record *rec)
{
    pthread_mutex_lock(&p->lock);
    if (p->nthreads == 0) {
        p->counts.records_in++;
        p->in_flight++;
        process_record(p->o, rec);
        write_record(p, rec);
        bool ok = !p->counts.output_failed;
        pthread_mutex_unlock(&p->lock);
        return ok;
    }
    /* A record bigger than the budget still goes through, alone. */
    while (p->slots[p->issued % p->window] ||
           (p->in_flight > 0 && p->bytes_in_flight + rec->len > p->byte_budget))
        pthread_cond_wait(&p->space, &p->lock);
    rec->seq = p->issued;
    p->slots[p->issued++ % p->window] = rec;
    p->in_flight++;
    p->bytes_in_flight += rec->len;
    p->counts.records_in++;
    bool ok = !p->counts.output_failed;
    pthread_cond_signal(&p->work);
    pthread_mutex_unlock(&p->lock);
    return ok;
}

void pool_snapshot(pool *p, pool_counts *c)
{
    pthread_mutex_lock(&p->lock);
    *c = p->counts;
    pthread_mutex_unlock(&p->lock);
}

void pool_finish(pool *p, pool_counts *c)
{
    pthread_mutex_lock(&p->lock);
    p->closing = true;
    pthread_cond_broadcast(&p->work);
    pthread_mutex_unlock(&p->lock);
    for (int i = 0; i < p->nthreads; i++)
        pthread_join(p->threads[i], NULL);
    *c = p->counts;
    pthread_mutex_destroy(&p->lock);
    pthread_cond_destroy(&p->work);
    pthread_cond_destroy(&p->space);
    dedup_free(p->dedup);
    free(p->slots);
    free(p->threads);
    free(p);
}
