/*
 * chardev/char-mux.c: one host backend shared by several frontends
 * ("mon:stdio", stdio under -nographic, -chardev ...,mux=on).
 *
 * The mux is the only frontend of its backend, and a Chardev to each of
 * its frontends: the first attaches to the mux itself
 * (qemu_chr_fe_init), the others through qemu_chr_mux_add_fe, each
 * getting a Chardev of its own.  Output of every frontend goes to the
 * backend.  Input goes to the frontend with the focus, after the
 * escape keys are taken out:
 *
 *   Ctrl-A h    print the key list      Ctrl-A x    quit ("QEMU: Terminated")
 *   Ctrl-A s    flush disks (no-op)     Ctrl-A t    toggle output timestamps
 *   Ctrl-A b    send a break            Ctrl-A c    next frontend
 *   Ctrl-A Ctrl-A  one Ctrl-A to the frontend
 *
 * Each frontend has a small buffer (32 bytes, as a terminal line
 * discipline would): the backend is read while the focused frontend's
 * buffer has room, so the escape keys still work while the guest is
 * not reading its UART; bytes leave the buffer as the frontend's
 * can_receive allows, and its accept_input drains it.
 *
 * At start the first frontend has the focus; if it has none attached
 * when the main loop first runs (e.g. no serial port on the mux), the
 * focus moves to the first frontend attached.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "chardev/chardev-int.h"
#include "qemu/main-loop.h"
#include "sysemu/runstate.h"

#define MUX_MAX_FE 4
#define MUX_BUF_SIZE 32
#define MUX_ESCAPE 0x01         /* Ctrl-A */

typedef struct ChrMux {
    ChrBase base;               /* frontend 0's Chardev */
    CharBackend be;             /* our handle on the shared backend */
    ChrBase subs[MUX_MAX_FE];   /* frontends 1..: their Chardevs */
    Chardev *fe_chr[MUX_MAX_FE];
    uint8_t buf[MUX_MAX_FE][MUX_BUF_SIZE];
    int buf_len[MUX_MAX_FE];
    int count;
    int focus;
    bool escape;                /* Ctrl-A seen */
    bool timestamps;
    bool line_start;            /* output is at the start of a line */
    int64_t ts_base_ms;
    QEMUBH *start_bh;
} ChrMux;

static ChrMux *chr_mux_of(Chardev *chr)
{
    if (!chr || !chr_is_ours(chr) || !chr_base(chr)->is_mux) {
        return NULL;
    }
    return (ChrMux *)chr->opaque;
}

bool chr_mux_owns(ChrBase *b, Chardev *chr)
{
    ChrMux *m = (ChrMux *)b;
    int i;

    for (i = 0; i < m->count; i++) {
        if (m->fe_chr[i] == chr) {
            return true;
        }
    }
    return false;
}

bool qemu_chr_is_mux(Chardev *chr)
{
    return chr_mux_of(chr) != NULL;
}

static void chr_mux_print(ChrMux *m, const char *s)
{
    qemu_chr_fe_write_all(&m->be, (const uint8_t *)s, strlen(s));
}

/* Hand over what frontend i has buffered, as far as it takes it. */
static void chr_mux_flush(ChrMux *m, int i)
{
    Chardev *chr = m->fe_chr[i];
    int room, n;

    while (m->buf_len[i] > 0 && (room = qemu_chr_be_can_write(chr)) > 0) {
        n = room < m->buf_len[i] ? room : m->buf_len[i];
        qemu_chr_be_write(chr, m->buf[i], n);
        memmove(m->buf[i], m->buf[i] + n, m->buf_len[i] - n);
        m->buf_len[i] -= n;
    }
}

static void chr_mux_set_focus_idx(ChrMux *m, int i)
{
    if (i == m->focus) {
        return;
    }
    qemu_chr_be_event(m->fe_chr[m->focus], CHR_EVENT_MUX_OUT);
    m->focus = i;
    qemu_chr_be_event(m->fe_chr[i], CHR_EVENT_MUX_IN);
    chr_mux_flush(m, i);
    qemu_chr_fe_accept_input(&m->be);
}

static int64_t chr_mux_now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static const char *const chr_mux_help[] = {
    "C-a h    print this help",
    "C-a x    exit emulator",
    "C-a s    save disk data back to file (if -snapshot)",
    "C-a t    toggle console timestamps",
    "C-a b    send break (magic sysrq)",
    "C-a c    switch between console and monitor",
    "C-a C-a  sends C-a",
};

/* One input byte: true when it is data for the focused frontend. */
static bool chr_mux_escape(ChrMux *m, uint8_t c)
{
    size_t i;

    if (!m->escape) {
        if (c == MUX_ESCAPE) {
            m->escape = true;
            return false;
        }
        return true;
    }
    m->escape = false;
    switch (c) {
    case MUX_ESCAPE:
        return true;
    case 'h':
    case '?':
        for (i = 0; i < sizeof(chr_mux_help) / sizeof(chr_mux_help[0]);
             i++) {
            chr_mux_print(m, "\n\r");
            chr_mux_print(m, chr_mux_help[i]);
        }
        chr_mux_print(m, "\n\r");
        break;
    case 'x':
        chr_mux_print(m, "QEMU: Terminated\n\r");
        qemu_system_shutdown_request(SHUTDOWN_CAUSE_HOST_UI);
        break;
    case 's':
        break;                  /* drives are written through */
    case 't':
        m->timestamps = !m->timestamps;
        m->ts_base_ms = chr_mux_now_ms();
        m->line_start = true;
        break;
    case 'b':
        qemu_chr_be_event(m->fe_chr[m->focus], CHR_EVENT_BREAK);
        break;
    case 'c':
        chr_mux_set_focus_idx(m, (m->focus + 1) % m->count);
        break;
    default:
        break;
    }
    return false;
}

static int chr_mux_can_read(void *opaque)
{
    ChrMux *m = opaque;

    return MUX_BUF_SIZE - m->buf_len[m->focus];
}

static void chr_mux_read(void *opaque, const uint8_t *buf, int size)
{
    ChrMux *m = opaque;
    int i;

    for (i = 0; i < size; i++) {
        /*
         * Keep the order: what was typed before an escape command
         * reaches its frontend (as far as it takes it) before the
         * command acts.  The focus may change here (Ctrl-A c).
         */
        if (m->escape) {
            chr_mux_flush(m, m->focus);
        }
        if (chr_mux_escape(m, buf[i])) {
            int f = m->focus;

            if (m->buf_len[f] < MUX_BUF_SIZE) {
                m->buf[f][m->buf_len[f]++] = buf[i];
            }
            if (m->buf_len[f] == MUX_BUF_SIZE) {
                chr_mux_flush(m, f);
            }
        }
    }
    chr_mux_flush(m, m->focus);
}

static void chr_mux_event(void *opaque, QEMUChrEvent event)
{
    ChrMux *m = opaque;
    int i;

    for (i = 0; i < m->count; i++) {
        qemu_chr_be_event(m->fe_chr[i], event);
    }
}

static int chr_mux_write(Chardev *chr, const uint8_t *buf, size_t len)
{
    ChrMux *m = chr->opaque;
    size_t i, start = 0;

    if (!m->timestamps) {
        qemu_chr_fe_write_all(&m->be, buf, len);
        return (int)len;
    }
    /* "[hh:mm:ss.mmm] " since Ctrl-A t before every line. */
    for (i = 0; i < len; i++) {
        if (m->line_start) {
            int64_t t = chr_mux_now_ms() - m->ts_base_ms;
            char stamp[40];

            qemu_chr_fe_write_all(&m->be, buf + start, i - start);
            start = i;
            snprintf(stamp, sizeof(stamp), "[%02d:%02d:%02d.%03d] ",
                     (int)(t / 3600000), (int)(t / 60000 % 60),
                     (int)(t / 1000 % 60), (int)(t % 1000));
            qemu_chr_fe_write_all(&m->be, (const uint8_t *)stamp,
                                  strlen(stamp));
            m->line_start = false;
        }
        if (buf[i] == '\n') {
            m->line_start = true;
        }
    }
    qemu_chr_fe_write_all(&m->be, buf + start, len - start);
    return (int)len;
}

static void chr_mux_accept_input(Chardev *chr)
{
    ChrMux *m = chr->opaque;
    int i;

    for (i = 0; i < m->count; i++) {
        if (m->fe_chr[i] == chr) {
            chr_mux_flush(m, i);
        }
    }
    qemu_chr_fe_accept_input(&m->be);
}

static const ChardevOps chr_mux_ops = {
    .write = chr_mux_write,
    .accept_input = chr_mux_accept_input,
};

/* First main-loop run: give the focus to a frontend that exists. */
static void chr_mux_start(void *opaque)
{
    ChrMux *m = opaque;
    int i;

    if (!m->fe_chr[m->focus]->fe) {
        for (i = 0; i < m->count; i++) {
            if (m->fe_chr[i]->fe) {
                chr_mux_set_focus_idx(m, i);
                break;
            }
        }
    }
    qemu_chr_fe_accept_input(&m->be);
}

Chardev *chr_mux_new(const char *label, Chardev *base)
{
    ChrMux *m = calloc(1, sizeof(*m));

    if (!qemu_chr_fe_init(&m->be, base)) {
        free(m);
        return NULL;
    }
    chr_base_init(&m->base, &chr_mux_ops, label, "mux");
    m->base.is_mux = true;
    m->base.under = base;
    m->fe_chr[0] = &m->base.chr;
    m->count = 1;
    qemu_chr_fe_set_handlers(&m->be, chr_mux_can_read, chr_mux_read,
                             chr_mux_event, m);
    m->start_bh = qemu_bh_new(chr_mux_start, m);
    qemu_bh_schedule(m->start_bh);
    return &m->base.chr;
}

bool qemu_chr_mux_add_fe(Chardev *chr, CharBackend *be)
{
    ChrMux *m = chr_mux_of(chr);
    ChrBase *sub;

    if (!m || m->count >= MUX_MAX_FE) {
        return false;
    }
    sub = &m->subs[m->count];
    qemu_chr_init(&sub->chr, &chr_mux_ops, m->base.label, m);
    sub->is_mux = true;
    sub->under = m->base.under;
    sub->in_fd = -1;
    sub->out_fd = -1;
    sub->connected = true;
    m->fe_chr[m->count++] = &sub->chr;
    return qemu_chr_fe_init(be, &sub->chr);
}

bool qemu_chr_mux_has_focus(Chardev *chr, const CharBackend *be)
{
    ChrMux *m = chr_mux_of(chr);

    return m && m->fe_chr[m->focus]->fe == be;
}

void qemu_chr_mux_set_focus(Chardev *chr, const CharBackend *be)
{
    ChrMux *m = chr_mux_of(chr);
    int i;

    for (i = 0; m && i < m->count; i++) {
        if (m->fe_chr[i]->fe == be) {
            chr_mux_set_focus_idx(m, i);
            return;
        }
    }
}
