/*
 * atomics-threads.c: guest atomics under real contention.  Four threads
 * add to shared counters through C11 atomics (LSE or LL/SC, depending on
 * -march), a pthread mutex (futexes) and a compare-and-swap loop; the
 * totals must be exact.  Prints "ok" lines and exits 0 on success.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

#define THREADS 4
#define ITERS 200000

static atomic_ulong fetch_add_counter;
static atomic_ulong cas_counter;
static unsigned long mutex_counter;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static atomic_int start;

static void *worker(void *arg)
{
    int i;

    while (!atomic_load(&start)) {
        /* spin until all threads exist */
    }
    for (i = 0; i < ITERS; i++) {
        unsigned long old;

        atomic_fetch_add(&fetch_add_counter, 1);
        old = atomic_load_explicit(&cas_counter, memory_order_relaxed);
        while (!atomic_compare_exchange_weak(&cas_counter, &old, old + 3)) {
            /* old was reloaded: retry */
        }
        if (i % 8 == 0) {
            pthread_mutex_lock(&lock);
            mutex_counter += 2;
            pthread_mutex_unlock(&lock);
        }
    }
    return arg;
}

int main(void)
{
    pthread_t th[THREADS];
    int i, fails = 0;

    for (i = 0; i < THREADS; i++) {
        pthread_create(&th[i], NULL, worker, NULL);
    }
    atomic_store(&start, 1);
    for (i = 0; i < THREADS; i++) {
        pthread_join(th[i], NULL);
    }
#define CHECK(name, got, want)                                              \
    do {                                                                    \
        unsigned long g = (got), w = (want);                                \
        printf("%s %s: %lu (want %lu)\n", g == w ? "ok" : "FAIL", name, g, w); \
        fails += g != w;                                                    \
    } while (0)
    CHECK("atomic fetch_add", atomic_load(&fetch_add_counter),
          (unsigned long)THREADS * ITERS);
    CHECK("compare-and-swap loop", atomic_load(&cas_counter),
          (unsigned long)THREADS * ITERS * 3);
    CHECK("mutex", mutex_counter, (unsigned long)THREADS * (ITERS / 8) * 2);
    return fails != 0;
}
