/*
 * aio-pool.c: asynchronous block requests on a worker thread pool.
 *
 * bdrv_aio_submit() queues a request; a worker runs the synchronous call
 * under the node's lock (format drivers are not reentrant), moves the
 * request to the completion list and bumps an eventfd.  The owner of the
 * main loop polls bdrv_aio_pool_fd() for readability (a GSource wrapping
 * the fd works the same way) and calls bdrv_aio_pool_complete(), which
 * runs the callbacks in its own thread.
 */
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/eventfd.h>

#include "block/block.h"

typedef struct AioReq {
    BlockDriverState *bs;
    BdrvAioOp op;
    uint64_t off;
    void *buf;
    size_t len;
    BdrvAioCompletionFunc *cb;
    void *opaque;
    int ret;
    struct AioReq *next;
} AioReq;

struct BdrvAioPool {
    pthread_mutex_t lock;
    pthread_cond_t cond;
    pthread_t *threads;
    int nthreads;
    bool stop;
    int efd;
    AioReq *queue, *queue_tail;
    AioReq *done;
    int inflight;
};

static int aio_run(AioReq *r)
{
    int ret;

    pthread_mutex_lock(&r->bs->lock);
    switch (r->op) {
    case BDRV_AIO_READ:
        ret = bdrv_pread(r->bs, r->off, r->buf, r->len);
        break;
    case BDRV_AIO_WRITE:
        ret = bdrv_pwrite(r->bs, r->off, r->buf, r->len);
        break;
    case BDRV_AIO_FLUSH:
        ret = bdrv_flush(r->bs);
        break;
    case BDRV_AIO_DISCARD:
        ret = bdrv_discard(r->bs, r->off, r->len);
        break;
    case BDRV_AIO_WRITE_ZEROES:
        ret = bdrv_write_zeroes(r->bs, r->off, r->len);
        break;
    default:
        ret = -EINVAL;
    }
    pthread_mutex_unlock(&r->bs->lock);
    return ret;
}

static void *aio_worker(void *opaque)
{
    BdrvAioPool *p = opaque;
    uint64_t one = 1;

    pthread_mutex_lock(&p->lock);
    for (;;) {
        AioReq *r;

        while (!p->queue && !p->stop) {
            pthread_cond_wait(&p->cond, &p->lock);
        }
        if (!p->queue) {
            break;
        }
        r = p->queue;
        p->queue = r->next;
        if (!p->queue) {
            p->queue_tail = NULL;
        }
        pthread_mutex_unlock(&p->lock);
        r->ret = aio_run(r);
        pthread_mutex_lock(&p->lock);
        r->next = p->done;
        p->done = r;
        if (write(p->efd, &one, sizeof(one)) < 0) {
            /* the counter can't overflow in practice; nothing to do */
        }
        pthread_cond_broadcast(&p->cond);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

BdrvAioPool *bdrv_aio_pool_new(int nthreads)
{
    BdrvAioPool *p = calloc(1, sizeof(*p));
    int i;

    if (!p) {
        return NULL;
    }
    p->efd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (p->efd < 0) {
        free(p);
        return NULL;
    }
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->cond, NULL);
    p->threads = calloc(nthreads, sizeof(pthread_t));
    for (i = 0; i < nthreads; i++) {
        if (pthread_create(&p->threads[i], NULL, aio_worker, p) != 0) {
            break;
        }
    }
    p->nthreads = i;
    return p;
}

int bdrv_aio_pool_fd(BdrvAioPool *p)
{
    return p->efd;
}

int bdrv_aio_submit(BdrvAioPool *p, BlockDriverState *bs, BdrvAioOp op,
                    uint64_t off, void *buf, size_t len,
                    BdrvAioCompletionFunc *cb, void *opaque)
{
    AioReq *r = calloc(1, sizeof(*r));

    if (!r) {
        return -ENOMEM;
    }
    r->bs = bs;
    r->op = op;
    r->off = off;
    r->buf = buf;
    r->len = len;
    r->cb = cb;
    r->opaque = opaque;
    pthread_mutex_lock(&p->lock);
    if (p->queue_tail) {
        p->queue_tail->next = r;
    } else {
        p->queue = r;
    }
    p->queue_tail = r;
    p->inflight++;
    pthread_cond_signal(&p->cond);
    pthread_mutex_unlock(&p->lock);
    return 0;
}

int bdrv_aio_pool_complete(BdrvAioPool *p)
{
    uint64_t cnt;
    AioReq *list, *r;
    int n = 0;

    if (read(p->efd, &cnt, sizeof(cnt)) < 0) {
        /* EAGAIN: nothing signalled; still look at the list */
    }
    pthread_mutex_lock(&p->lock);
    list = p->done;
    p->done = NULL;
    pthread_mutex_unlock(&p->lock);
    while (list) {
        r = list;
        list = r->next;
        if (r->cb) {
            r->cb(r->opaque, r->ret);
        }
        free(r);
        n++;
        pthread_mutex_lock(&p->lock);
        p->inflight--;
        pthread_mutex_unlock(&p->lock);
    }
    return n;
}

void bdrv_aio_pool_drain(BdrvAioPool *p)
{
    for (;;) {
        pthread_mutex_lock(&p->lock);
        if (p->inflight == 0) {
            pthread_mutex_unlock(&p->lock);
            return;
        }
        while (!p->done) {
            pthread_cond_wait(&p->cond, &p->lock);
        }
        pthread_mutex_unlock(&p->lock);
        bdrv_aio_pool_complete(p);
    }
}

void bdrv_aio_pool_free(BdrvAioPool *p)
{
    int i;

    bdrv_aio_pool_drain(p);
    pthread_mutex_lock(&p->lock);
    p->stop = true;
    pthread_cond_broadcast(&p->cond);
    pthread_mutex_unlock(&p->lock);
    for (i = 0; i < p->nthreads; i++) {
        pthread_join(p->threads[i], NULL);
    }
    close(p->efd);
    pthread_mutex_destroy(&p->lock);
    pthread_cond_destroy(&p->cond);
    free(p->threads);
    free(p);
}
