/*
 * hw/char/chr-be.h: the character-device interface between a serial
 * device model (the frontend: PL011, virtio-console) and a host
 * character backend (stdio, pty, tcp socket, file, null, mux; these
 * come with the main loop).
 *
 * Two halves:
 *
 *   Chardev      the backend.  Its ops take bytes the guest sends
 *                (write) and learn when the frontend can take input
 *                again (accept_input).  A backend pushes host input
 *                with qemu_chr_be_write, never more than
 *                qemu_chr_be_can_write allows; what it cannot push yet
 *                it keeps (or stops reading its fd) until accept_input.
 *
 *   CharBackend  the frontend's handle on one Chardev, embedded in the
 *                device state.  The device registers can_receive /
 *                receive / event callbacks and sends with
 *                qemu_chr_fe_write_all.  With no Chardev attached
 *                (chr == NULL) output is dropped and no input arrives.
 *
 * Flow control is the frontend's: can_receive returns how many bytes it
 * takes now (0 when its FIFO is full or the receiver is off); once that
 * changes for the better the device calls qemu_chr_fe_accept_input.
 *
 * Everything runs under the global device lock; a frontend's output
 * goes straight to the backend (no queue here).  A Chardev has at most
 * one frontend; the mux backend ("mon:stdio", Ctrl-A c) will multiplex
 * several by being a Chardev to each of them.
 */
#ifndef HW_CHAR_CHR_BE_H
#define HW_CHAR_CHR_BE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Events a backend reports to its frontend. */
typedef enum QEMUChrEvent {
    CHR_EVENT_OPENED,           /* a client connected (tcp, pty opened) */
    CHR_EVENT_CLOSED,           /* it went away */
    CHR_EVENT_BREAK,            /* a serial break (telnet BRK, Ctrl-A b) */
    CHR_EVENT_MUX_IN,           /* a mux gave this frontend the input focus */
    CHR_EVENT_MUX_OUT,          /* ... and took it away (Ctrl-A c) */
} QEMUChrEvent;

typedef struct Chardev Chardev;
typedef struct CharBackend CharBackend;

typedef struct ChardevOps {
    /*
     * Guest output: returns the number of bytes taken (possibly fewer
     * than len) or a negative errno.  Must not block for long: a slow
     * backend drops or buffers.
     */
    int (*write)(Chardev *chr, const uint8_t *buf, size_t len);
    /* The frontend can take input again; may be NULL. */
    void (*accept_input)(Chardev *chr);
} ChardevOps;

struct Chardev {
    const ChardevOps *ops;
    const char *label;          /* the -chardev id, for messages */
    void *opaque;               /* the backend's own state */
    CharBackend *fe;            /* attached frontend, or NULL */
};

typedef int IOCanReadHandler(void *opaque);
typedef void IOReadHandler(void *opaque, const uint8_t *buf, int size);
typedef void IOEventHandler(void *opaque, QEMUChrEvent event);

struct CharBackend {
    Chardev *chr;
    IOCanReadHandler *can_receive;
    IOReadHandler *receive;
    IOEventHandler *event;
    void *opaque;
};

/* ---- backend side ----------------------------------------------------- */

static inline void qemu_chr_init(Chardev *chr, const ChardevOps *ops,
                                 const char *label, void *opaque)
{
    chr->ops = ops;
    chr->label = label;
    chr->opaque = opaque;
    chr->fe = NULL;
}

/* How many bytes the frontend takes now (0 without a frontend). */
static inline int qemu_chr_be_can_write(Chardev *chr)
{
    CharBackend *be = chr->fe;

    if (!be || !be->can_receive || !be->receive) {
        return 0;
    }
    return be->can_receive(be->opaque);
}

/*
 * Delivers host input; len must not exceed qemu_chr_be_can_write (the
 * frontend may drop the excess, as a UART overruns).  Without a
 * frontend the bytes are dropped.
 */
static inline void qemu_chr_be_write(Chardev *chr, const uint8_t *buf,
                                     size_t len)
{
    CharBackend *be = chr->fe;

    if (be && be->receive && len) {
        be->receive(be->opaque, buf, (int)len);
    }
}

static inline void qemu_chr_be_event(Chardev *chr, QEMUChrEvent event)
{
    CharBackend *be = chr->fe;

    if (be && be->event) {
        be->event(be->opaque, event);
    }
}

/* ---- frontend side ---------------------------------------------------- */

/*
 * Attaches the frontend handle to chr (NULL: no backend).  false when
 * chr already has a frontend (a configuration error for the caller to
 * report); be is then left unattached.
 */
static inline bool qemu_chr_fe_init(CharBackend *be, Chardev *chr)
{
    be->chr = NULL;
    be->can_receive = NULL;
    be->receive = NULL;
    be->event = NULL;
    be->opaque = NULL;
    if (chr) {
        if (chr->fe) {
            return false;
        }
        chr->fe = be;
        be->chr = chr;
    }
    return true;
}

static inline void qemu_chr_fe_deinit(CharBackend *be)
{
    if (be->chr && be->chr->fe == be) {
        be->chr->fe = NULL;
    }
    be->chr = NULL;
}

static inline void qemu_chr_fe_set_handlers(CharBackend *be,
                                            IOCanReadHandler *can_receive,
                                            IOReadHandler *receive,
                                            IOEventHandler *event,
                                            void *opaque)
{
    be->can_receive = can_receive;
    be->receive = receive;
    be->event = event;
    be->opaque = opaque;
}

static inline bool qemu_chr_fe_backend_connected(const CharBackend *be)
{
    return be->chr != NULL;
}

/*
 * Sends len bytes, retrying short writes; returns len, or the negative
 * errno of a failing write (the rest is dropped).  Without a backend
 * the bytes are dropped and len returned.
 */
static inline int qemu_chr_fe_write_all(CharBackend *be, const uint8_t *buf,
                                        size_t len)
{
    size_t done = 0;

    if (!be->chr || !be->chr->ops->write) {
        return (int)len;
    }
    while (done < len) {
        int n = be->chr->ops->write(be->chr, buf + done, len - done);

        if (n < 0) {
            return n;
        }
        if (n == 0) {
            break;              /* the backend cannot take more: dropped */
        }
        done += n;
    }
    return (int)len;
}

/* The frontend can take input again: lets the backend push more. */
static inline void qemu_chr_fe_accept_input(CharBackend *be)
{
    if (be->chr && be->chr->ops->accept_input) {
        be->chr->ops->accept_input(be->chr);
    }
}

#endif
