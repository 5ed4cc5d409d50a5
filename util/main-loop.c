/*
 * util/main-loop.c: the I/O thread's main loop, the global lock, bottom
 * halves and fd handlers (qemu/main-loop.h).
 *
 * The loop is glib's default GMainContext, driven one iteration at a
 * time by main_loop_wait (vl.c calls it until a shutdown request):
 * prepare and query glib's sources, poll their fds with the global lock
 * released, then take the lock again and dispatch.  Chardevs, the
 * monitor and slirp attach their own sources to the default context;
 * ours are:
 *
 *   - one "timers and bottom halves" source: ready when a BH is
 *     scheduled or a timer (util/qemu-timer.c) is due; it also owns the
 *     notification eventfd.  The poll timeout is the earliest of glib's
 *     and the timers' deadline, in ns (ppoll), so guest timers are not
 *     rounded to glib's milliseconds;
 *   - one source per fd registered with qemu_set_fd_handler.
 *
 * qemu_notify_event writes the eventfd: it is safe from any thread and
 * from a signal handler (one write(2), errno preserved), which is how
 * shutdown requests from SIGINT and timers armed by vCPUs wake the loop.
 *
 * The global lock is a plain pthread mutex; a thread-local flag answers
 * bql_locked() and catches recursive locking (a bug: abort).
 */
#include <errno.h>
#include <glib.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

#include "qemu/main-loop.h"
#include "qemu/timer.h"

/* ------------------------------------------------------- global lock */

static pthread_mutex_t bql_mutex = PTHREAD_MUTEX_INITIALIZER;
static __thread bool bql_held;

void bql_lock(void)
{
    if (bql_held) {
        fprintf(stderr, "qemu: bql_lock: already held by this thread\n");
        abort();
    }
    pthread_mutex_lock(&bql_mutex);
    bql_held = true;
}

void bql_unlock(void)
{
    if (!bql_held) {
        fprintf(stderr, "qemu: bql_unlock: not held by this thread\n");
        abort();
    }
    bql_held = false;
    pthread_mutex_unlock(&bql_mutex);
}

bool bql_locked(void)
{
    return bql_held;
}

struct QemuCond {
    pthread_cond_t cond;
};

QemuCond *qemu_cond_new(void)
{
    QemuCond *c = calloc(1, sizeof(*c));
    pthread_condattr_t attr;

    if (!c) {
        abort();
    }
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&c->cond, &attr);
    pthread_condattr_destroy(&attr);
    return c;
}

void qemu_cond_wait_bql(QemuCond *c)
{
    if (!bql_held) {
        abort();
    }
    bql_held = false;
    pthread_cond_wait(&c->cond, &bql_mutex);
    bql_held = true;
}

bool qemu_cond_timedwait_bql(QemuCond *c, int64_t timeout_ns)
{
    struct timespec ts;
    int r;

    if (timeout_ns < 0) {
        qemu_cond_wait_bql(c);
        return true;
    }
    if (!bql_held) {
        abort();
    }
    clock_gettime(CLOCK_MONOTONIC, &ts);
    ts.tv_sec += timeout_ns / 1000000000;
    ts.tv_nsec += timeout_ns % 1000000000;
    if (ts.tv_nsec >= 1000000000) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000;
    }
    bql_held = false;
    r = pthread_cond_timedwait(&c->cond, &bql_mutex, &ts);
    bql_held = true;
    return r != ETIMEDOUT;
}

void qemu_cond_broadcast(QemuCond *c)
{
    pthread_cond_broadcast(&c->cond);
}

/* ------------------------------------------------------ notification */

static int notify_fd = -1;
static __thread bool main_loop_thread;

bool qemu_main_loop_is_current_thread(void)
{
    return main_loop_thread;
}

void qemu_notify_event(void)
{
    uint64_t one = 1;
    int saved_errno = errno;
    int fd = __atomic_load_n(&notify_fd, __ATOMIC_ACQUIRE);

    /* EAGAIN (counter full) still leaves the fd readable: fine. */
    if (fd >= 0 && write(fd, &one, sizeof(one)) < 0) {
        /* nothing to do */
    }
    errno = saved_errno;
}

static void notify_drain(void)
{
    uint64_t v;

    while (read(notify_fd, &v, sizeof(v)) == sizeof(v)) {
        /* an eventfd reads as one counter: once is enough normally */
    }
}

/* ---------------------------------------------------- bottom halves */

struct QEMUBH {
    QEMUBHFunc *cb;
    void *opaque;
    int scheduled;              /* atomic */
    bool deleted;
    QEMUBH *next;
};

static pthread_mutex_t bh_lock = PTHREAD_MUTEX_INITIALIZER;
static QEMUBH *bh_head, **bh_tail = &bh_head;
static bool bh_need_sweep;

QEMUBH *qemu_bh_new(QEMUBHFunc *cb, void *opaque)
{
    QEMUBH *bh = calloc(1, sizeof(*bh));

    if (!bh) {
        abort();
    }
    bh->cb = cb;
    bh->opaque = opaque;
    pthread_mutex_lock(&bh_lock);
    *bh_tail = bh;
    bh_tail = &bh->next;
    pthread_mutex_unlock(&bh_lock);
    return bh;
}

void qemu_bh_schedule(QEMUBH *bh)
{
    if (__atomic_exchange_n(&bh->scheduled, 1, __ATOMIC_SEQ_CST) == 0 &&
        !main_loop_thread) {
        qemu_notify_event();
    }
}

void qemu_bh_cancel(QEMUBH *bh)
{
    __atomic_store_n(&bh->scheduled, 0, __ATOMIC_SEQ_CST);
}

void qemu_bh_delete(QEMUBH *bh)
{
    if (!bh) {
        return;
    }
    pthread_mutex_lock(&bh_lock);
    bh->deleted = true;
    bh->scheduled = 0;
    bh_need_sweep = true;
    pthread_mutex_unlock(&bh_lock);
}

static bool bh_any_scheduled(void)
{
    QEMUBH *bh;
    bool any = false;

    pthread_mutex_lock(&bh_lock);
    for (bh = bh_head; bh; bh = bh->next) {
        if (!bh->deleted && __atomic_load_n(&bh->scheduled, __ATOMIC_SEQ_CST)) {
            any = true;
            break;
        }
    }
    pthread_mutex_unlock(&bh_lock);
    return any;
}

static void bh_sweep(void)
{
    QEMUBH **p, *bh;

    pthread_mutex_lock(&bh_lock);
    if (bh_need_sweep) {
        bh_need_sweep = false;
        p = &bh_head;
        while ((bh = *p) != NULL) {
            if (bh->deleted) {
                *p = bh->next;
                free(bh);
            } else {
                p = &bh->next;
            }
        }
        bh_tail = p;
    }
    pthread_mutex_unlock(&bh_lock);
}

/*
 * Run every scheduled BH once.  Callbacks run without bh_lock (they may
 * schedule, create or delete BHs); deleted ones are freed afterwards,
 * when nobody walks the list.  BHs scheduled by a callback for one
 * already passed run at the next iteration (the source stays ready).
 */
static bool bh_poll(void)
{
    QEMUBH *bh, *next;
    bool ran = false;

    pthread_mutex_lock(&bh_lock);
    bh = bh_head;
    pthread_mutex_unlock(&bh_lock);
    while (bh) {
        if (!bh->deleted &&
            __atomic_exchange_n(&bh->scheduled, 0, __ATOMIC_SEQ_CST)) {
            bh->cb(bh->opaque);
            ran = true;
        }
        pthread_mutex_lock(&bh_lock);
        next = bh->next;
        pthread_mutex_unlock(&bh_lock);
        bh = next;
    }
    bh_sweep();
    return ran;
}

/* ------------------------------------------ the timers and BH source */

typedef struct LoopSource {
    GSource source;
    GPollFD notify;
} LoopSource;

static gint ns_to_ms_ceil(int64_t ns)
{
    int64_t ms;

    if (ns < 0) {
        return -1;
    }
    ms = (ns + SCALE_MS - 1) / SCALE_MS;
    return ms > G_MAXINT ? G_MAXINT : (gint)ms;
}

static gboolean loop_source_prepare(GSource *source, gint *timeout)
{
    int64_t dl;

    if (bh_any_scheduled()) {
        *timeout = 0;
        return TRUE;
    }
    dl = qemu_timers_deadline_ns();
    *timeout = ns_to_ms_ceil(dl);
    return dl == 0;
}

static gboolean loop_source_check(GSource *source)
{
    LoopSource *ls = (LoopSource *)source;

    if (ls->notify.revents & G_IO_IN) {
        notify_drain();
    }
    return bh_any_scheduled() || qemu_timers_deadline_ns() == 0;
}

static gboolean loop_source_dispatch(GSource *source, GSourceFunc cb,
                                     gpointer data)
{
    bh_poll();
    qemu_timers_run();
    return G_SOURCE_CONTINUE;
}

static GSourceFuncs loop_source_funcs = {
    .prepare = loop_source_prepare,
    .check = loop_source_check,
    .dispatch = loop_source_dispatch,
};

/* ------------------------------------------------------- fd handlers */

typedef struct IOHandlerSource {
    GSource source;
    GPollFD pfd;
    IOHandler *fd_read;
    IOHandler *fd_write;
    void *opaque;
} IOHandlerSource;

static GHashTable *io_handlers;     /* fd -> IOHandlerSource */

static gboolean io_source_prepare(GSource *source, gint *timeout)
{
    *timeout = -1;
    return FALSE;
}

static gboolean io_source_check(GSource *source)
{
    IOHandlerSource *s = (IOHandlerSource *)source;

    return (s->pfd.revents & (s->pfd.events | G_IO_HUP | G_IO_ERR |
                              G_IO_NVAL)) != 0;
}

static gboolean io_source_dispatch(GSource *source, GSourceFunc cb,
                                   gpointer data)
{
    IOHandlerSource *s = (IOHandlerSource *)source;
    gushort rev = s->pfd.revents;

    if (s->fd_read && (rev & (G_IO_IN | G_IO_HUP | G_IO_ERR))) {
        s->fd_read(s->opaque);
    }
    /* The read handler may have removed or changed this fd's handlers. */
    if (!g_source_is_destroyed(source) && s->fd_write &&
        (rev & (G_IO_OUT | G_IO_ERR))) {
        s->fd_write(s->opaque);
    }
    if (!g_source_is_destroyed(source) && (rev & G_IO_NVAL)) {
        /* A closed fd left registered would make every poll return. */
        fprintf(stderr, "qemu: fd %d closed with handlers set; removed\n",
                s->pfd.fd);
        qemu_set_fd_handler(s->pfd.fd, NULL, NULL, NULL);
    }
    return G_SOURCE_CONTINUE;
}

static GSourceFuncs io_source_funcs = {
    .prepare = io_source_prepare,
    .check = io_source_check,
    .dispatch = io_source_dispatch,
};

static void io_handler_remove(gpointer p)
{
    GSource *source = p;

    g_source_destroy(source);
    g_source_unref(source);
}

void qemu_set_fd_handler(int fd, IOHandler *fd_read, IOHandler *fd_write,
                         void *opaque)
{
    IOHandlerSource *s;

    if (!io_handlers) {
        io_handlers = g_hash_table_new_full(g_direct_hash, g_direct_equal,
                                            NULL, io_handler_remove);
    }
    if (!fd_read && !fd_write) {
        g_hash_table_remove(io_handlers, GINT_TO_POINTER(fd));
        return;
    }
    s = g_hash_table_lookup(io_handlers, GINT_TO_POINTER(fd));
    if (!s) {
        s = (IOHandlerSource *)g_source_new(&io_source_funcs, sizeof(*s));
        g_source_set_name(&s->source, "qemu-fd-handler");
        s->pfd.fd = fd;
        g_source_add_poll(&s->source, &s->pfd);
        g_source_attach(&s->source, NULL);
        g_hash_table_insert(io_handlers, GINT_TO_POINTER(fd), s);
    }
    s->fd_read = fd_read;
    s->fd_write = fd_write;
    s->opaque = opaque;
    s->pfd.events = (fd_read ? G_IO_IN | G_IO_HUP | G_IO_ERR : 0) |
                    (fd_write ? G_IO_OUT | G_IO_ERR : 0);
    if (!main_loop_thread) {
        qemu_notify_event();
    }
}

/* --------------------------------------------------------- the loop */

static bool main_loop_ready;
static GPollFD *poll_fds;
static gint poll_cap;

void qemu_init_main_loop(void)
{
    LoopSource *ls;
    int fd;

    main_loop_thread = true;
    if (!bql_held) {
        bql_lock();
    }
    if (main_loop_ready) {
        return;
    }
    main_loop_ready = true;
    fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (fd < 0) {
        fprintf(stderr, "qemu: cannot create the main loop's eventfd: %s\n",
                strerror(errno));
        exit(1);
    }
    ls = (LoopSource *)g_source_new(&loop_source_funcs, sizeof(*ls));
    g_source_set_name(&ls->source, "qemu-timers-bh");
    ls->notify.fd = fd;
    ls->notify.events = G_IO_IN;
    g_source_add_poll(&ls->source, &ls->notify);
    g_source_attach(&ls->source, NULL);
    __atomic_store_n(&notify_fd, fd, __ATOMIC_RELEASE);
}

void main_loop_wait(bool nonblocking)
{
    GMainContext *ctx = g_main_context_default();
    gint max_prio, timeout_ms, n;
    int64_t timeout_ns, timers_ns;
    struct timespec ts;

    if (!g_main_context_acquire(ctx)) {
        fprintf(stderr, "qemu: main_loop_wait: context owned elsewhere\n");
        abort();
    }
    g_main_context_prepare(ctx, &max_prio);
    for (;;) {
        n = g_main_context_query(ctx, max_prio, &timeout_ms, poll_fds,
                                 poll_cap);
        if (n <= poll_cap) {
            break;
        }
        poll_cap = n;
        poll_fds = g_renew(GPollFD, poll_fds, poll_cap);
    }
    timeout_ns = timeout_ms < 0 ? -1 : (int64_t)timeout_ms * SCALE_MS;
    timers_ns = qemu_timers_deadline_ns();
    if (timers_ns >= 0 && (timeout_ns < 0 || timers_ns < timeout_ns)) {
        timeout_ns = timers_ns;
    }
    if (nonblocking) {
        timeout_ns = 0;
    }
    ts.tv_sec = timeout_ns / NANOSECONDS_PER_SECOND;
    ts.tv_nsec = timeout_ns % NANOSECONDS_PER_SECOND;

    /* GPollFD is struct pollfd's layout on every Unix glib supports. */
    G_STATIC_ASSERT(sizeof(GPollFD) == sizeof(struct pollfd));
    bql_unlock();
    ppoll((struct pollfd *)poll_fds, n, timeout_ns < 0 ? NULL : &ts, NULL);
    bql_lock();

    if (g_main_context_check(ctx, max_prio, poll_fds, n)) {
        g_main_context_dispatch(ctx);
    }
    g_main_context_release(ctx);
}
