/*
 * chardev/chardev-int.h: what the backends of chardev/ share.
 *
 * Every backend's state begins with a ChrBase, whose Chardev is what
 * frontends see.  ChrBase carries the registry entry (label, the
 * "filename" `info chardev` shows) and the fd plumbing: the input fd is
 * watched only while the frontend can take bytes (chr_update_read),
 * output goes through chr_fd_write, which never waits long.
 */
#ifndef CHARDEV_INT_H
#define CHARDEV_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "chardev/char.h"

typedef struct ChrBase ChrBase;

struct ChrBase {
    Chardev chr;
    char *label;
    char *filename;             /* info chardev */
    bool connected;             /* see qemu_chr_is_connected */
    bool is_mux;                /* a mux or one of its frontend Chardevs */
    Chardev *under;             /* a mux's shared backend */

    int in_fd;                  /* -1: no input */
    bool in_watched;            /* read handler installed */
    bool in_eof;                /* stdin at EOF: never read again */
    /* read() returned 0 or an error (a socket closed): NULL = stop. */
    void (*in_closed)(ChrBase *b);
    /* Rewrite the bytes read in place (telnet); returns the new length. */
    size_t (*in_filter)(ChrBase *b, uint8_t *buf, size_t len);

    int out_fd;                 /* -1: output dropped */
    bool out_is_socket;         /* send(MSG_NOSIGNAL) */
    bool out_stalled;           /* the last write timed out: don't wait */
    int out_wait_ms;            /* how long a blocked write may wait */

    void (*cleanup)(ChrBase *b);  /* qemu_chr_cleanup: restore the host */
    ChrBase *next;
};

static inline ChrBase *chr_base(Chardev *chr)
{
    return (ChrBase *)chr;
}

/* Register b (allocated by the caller, zeroed) under label. */
void chr_base_init(ChrBase *b, const ChardevOps *ops, const char *label,
                   const char *filename);
/* chr was made here (not a Chardev of some test or device harness). */
bool chr_is_ours(Chardev *chr);
/* chr is one of the frontend Chardevs of mux b. */
bool chr_mux_owns(ChrBase *b, Chardev *chr);
/* (Re)install or remove the read handler as the frontend allows. */
void chr_update_read(ChrBase *b);
/* Start watching in_fd (a new backend or client). */
void chr_start_read(ChrBase *b);
/* Stop watching b->in_fd for good (EOF, disconnect). */
void chr_stop_read(ChrBase *b);
/* Generic ops for fd backends: write to out_fd, accept_input. */
int chr_fd_write(Chardev *chr, const uint8_t *buf, size_t len);
void chr_fd_accept_input(Chardev *chr);
/* The write grace for fd: short for a terminal, longer for a pipe. */
int chr_wait_ms_for_fd(int fd);
/* Write with a bounded wait; returns len (the rest dropped) or -errno. */
int chr_write_fd(ChrBase *b, int fd, const uint8_t *buf, size_t len);

/* Backend constructors (NULL after error_report). */
Chardev *chr_null_new(const char *label);
Chardev *chr_stdio_new(const char *label, bool signals);
Chardev *chr_file_new(const char *label, const char *path);
Chardev *chr_pty_new(const char *label);
Chardev *chr_socket_new(const char *label, const char *host,
                        const char *port, bool server, bool wait,
                        bool telnet);
Chardev *chr_unix_new(const char *label, const char *path, bool server,
                      bool wait);
Chardev *chr_mux_new(const char *label, Chardev *base);

/* The stdio backend if one exists (stdio is opened once). */
extern Chardev *chr_stdio;
/* Terminal restore of stdio (also from signal handlers). */
void chr_stdio_restore(void);

#endif
