/*
 * chardev/char.h: host character backends (chardev/), the Chardev
 * half of hw/char/chr-be.h.
 *
 * Backends: null, stdio (raw terminal while attached; restored at exit
 * and on a fatal signal), file:PATH (output only), pty (prints "char
 * device redirected to /dev/pts/N (label LABEL)" on stderr), tcp
 * (tcp:HOST:PORT[,server=on|off][,wait=on|off] and the old
 * ",server,nowait" spelling; telnet:... with the telnet negotiation;
 * unix:PATH[,server][,wait=off] for a unix-domain socket),
 * and mux: "mon:stdio" puts the monitor and the first serial port on
 * one backend, switched with Ctrl-A c; in -nographic mode stdio is
 * always a mux (Ctrl-A x quits, Ctrl-A h lists the keys, Ctrl-A b
 * sends a break, Ctrl-A Ctrl-A sends Ctrl-A).
 *
 * Input is read in the main loop and pushed to the frontend as fast as
 * its can_receive allows; the rest waits (the fd is not read meanwhile).
 */
#ifndef CHARDEV_CHAR_H
#define CHARDEV_CHAR_H

#include <stdbool.h>

#include "hw/char/chr-be.h"
#include "qemu/option.h"

/*
 * From a -serial/-monitor style string ("stdio", "mon:stdio", "null",
 * "file:out.txt", "pty", "tcp:127.0.0.1:4444,server,nowait", "telnet:",
 * "unix:/tmp/s,server,nowait", "mon:" before any of them,
 * "chardev:ID" for an existing -chardev), labelled label.  NULL after
 * error_report().  "none" gives NULL with *none set.
 */
Chardev *qemu_chr_new(const char *label, const char *spec, bool *none);
/*
 * From -chardev BACKEND,id=ID,... options (the backend under "backend",
 * vl.c's implied key, or "type"): null, stdio [signal=], file path=,
 * pty, socket host= port= | path= [server=] [wait=] [telnet=];
 * mux=on makes ID a mux over "ID-base".  Unknown options are errors.
 */
Chardev *qemu_chr_new_from_opts(QemuOpts *opts);
Chardev *qemu_chr_find(const char *id);

/*
 * A mux backend (mon:stdio) lets several frontends share it: the
 * monitor attaches with qemu_chr_mux_add_fe() while the serial device
 * uses the plain qemu_chr_fe_init().  Returns false if chr is not a
 * mux (then the monitor needs its own backend).
 */
bool qemu_chr_is_mux(Chardev *chr);
/* Restore terminals (atexit and fatal-signal paths call this). */
void qemu_chr_cleanup(void);

/*
 * -nographic: "stdio" is always a mux, so that a later "-monitor stdio"
 * (or "mon:stdio") can join it; set before the first qemu_chr_new.
 */
extern bool display_nographic;

/*
 * Attach a further frontend to a mux (the first one attaches to the mux
 * itself with qemu_chr_fe_init): be gets a Chardev of its own that
 * writes to the shared backend.  false when chr is not a mux or is full
 * (4 frontends).  Input goes to the frontend with the focus (Ctrl-A c
 * cycles it; CHR_EVENT_MUX_OUT / CHR_EVENT_MUX_IN tell the two concerned).
 */
bool qemu_chr_mux_add_fe(Chardev *chr, CharBackend *be);
/* The frontend with the input focus now is be (false: not on this mux). */
bool qemu_chr_mux_has_focus(Chardev *chr, const CharBackend *be);
/* Give be the input focus. */
void qemu_chr_mux_set_focus(Chardev *chr, const CharBackend *be);

/*
 * Whether somebody is at the other end: always for stdio, file, pty,
 * null; for a socket while a client is connected.  The monitor prints
 * its banner when that becomes true (CHR_EVENT_OPENED for sockets).
 */
bool qemu_chr_is_connected(Chardev *chr);

/*
 * The monitor attached automatically to "mon:..." chardevs (a second
 * monitor_init_hmp on the same chardev returns that monitor): monitor/
 * sets this from a constructor, so binaries without the monitor get
 * plain muxes.
 */
extern void *(*qemu_chr_monitor_hook)(Chardev *chr);

/* info chardev: "label: filename=..." per chardev, in creation order. */
typedef void QemuChrPrintFunc(void *opaque, const char *line);
void qemu_chr_info(QemuChrPrintFunc *print, void *opaque);

#endif
