/* A minimal test harness: each test is a function; a test fails when any of
 * its checks fails. The last line printed is "N passed, N failed". */
#ifndef LEDE_TEST_HARNESS_H
#define LEDE_TEST_HARNESS_H

#include <stdio.h>
#include <string.h>

typedef struct test_run {
    int passed, failed;
    int current_failures;
} test_run;

#define CHECK(t, cond) check_at((t), (cond) != 0, #cond, __FILE__, __LINE__)
#define CHECK_STR(t, got, want) check_str_at((t), (got), (want), #got, __FILE__, __LINE__)
#define RUN(t, fn) run_test((t), #fn, fn)
#define RUN_WITH(t, fn, arg) run_test_with((t), #fn, fn, (arg))

static inline int check_at(test_run *t, int ok, const char *expr, const char *file, int line)
{
    if (!ok) {
        printf("  %s:%d: check failed: %s\n", file, line, expr);
        t->current_failures++;
    }
    return ok;
}

static inline int check_str_at(test_run *t, const char *got, const char *want, const char *expr,
                               const char *file, int line)
{
    if (got && want && strcmp(got, want) == 0)
        return 1;
    printf("  %s:%d: %s is \"%.200s\", want \"%.200s\"\n", file, line, expr, got ? got : "(null)",
           want ? want : "(null)");
    t->current_failures++;
    return 0;
}

static inline void finish_test(test_run *t, const char *name)
{
    if (t->current_failures) {
        printf("FAIL %s\n", name);
        t->failed++;
    } else {
        printf("ok   %s\n", name);
        t->passed++;
    }
    fflush(stdout);
}

static inline void run_test(test_run *t, const char *name, void (*fn)(test_run *))
{
    t->current_failures = 0;
    fn(t);
    finish_test(t, name);
}

/* For tests that need data their program prepared. */
static inline void run_test_with(test_run *t, const char *name, void (*fn)(test_run *, void *),
                                 void *arg)
{
    t->current_failures = 0;
    fn(t, arg);
    finish_test(t, name);
}

/* Prints the summary line; returns the process exit status. */
static inline int test_report(const test_run *t)
{
    printf("%d passed, %d failed\n", t->passed, t->failed);
    return t->failed ? 1 : 0;
}

#endif
