/*
 * tests/unit/test-monitor.c: the human monitor (monitor/) on a file
 * chardev (output read back from the file, input pushed with
 * qemu_chr_be_write) and on a mon:pty mux: banner, prompt, line
 * editing, history, dispatch of built-in and registered commands, and
 * QEMU 7.2's output formats, against a fake CPU, fake guest memory and
 * the fake run state of chardev-stubs.h.
 */
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "chardev/chardev-int.h"
#include "exec/cpu.h"
#include "exec/memory.h"
#include "hw/qdev.h"
#include "monitor/monitor-int.h"
#include "qemu/log.h"
#include "sysemu/cpus.h"
#include "tap.h"
#include "chardev-stubs.h"

/* ---- TEST STUBS for the CPU, memory and device parts ----------------- */

CPUState **cpu_list;
int cpu_count;

static int fake_vm_stops, fake_vm_starts;

WEAK void vm_stop(RunState state)
{
    fake_vm_stops++;
    fake_runstate = state;
}

WEAK void vm_start(void)
{
    fake_vm_starts++;
    fake_runstate = RUN_STATE_RUNNING;
}

int qemu_cpu_thread_id(CPUState *cs);
int qemu_cpu_thread_id(CPUState *cs)
{
    return 4242 + cs->cpu_index;
}

/* Guest RAM: 64 bytes at 0x40000000, starting with a DTB magic. */
static uint8_t fake_ram[64] = {
    0xd0, 0x0d, 0xfe, 0xed, 0x00, 0x10, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x40, 0x00, 0x00, 0x1b, 0x4c,
    'H', 'i', '\n', 0x7f,
};
#define FAKE_RAM_BASE 0x40000000ull

WEAK MemTxResult address_space_read(AddressSpace *as, hwaddr addr, void *buf,
                                    size_t len)
{
    size_t i;

    (void)as;
    for (i = 0; i < len; i++) {
        uint64_t a = addr + i - FAKE_RAM_BASE;

        ((uint8_t *)buf)[i] = a < sizeof(fake_ram) ? fake_ram[a] : 0;
    }
    return MEMTX_OK;
}

WEAK void mtree_info(FILE *f, bool flatview)
{
    fprintf(f, flatview ? "FlatView for test:\n" : "address-space: test\n");
}

WEAK void qdev_print_tree(FILE *f)
{
    fprintf(f, "bus: main-system-bus\n  dev: pl011, id \"\"\n");
}

/* Virtual addresses: the fake RAM mapped at 0xffff000000000000. */
static int fake_rw_debug(CPUState *cs, uint64_t addr, void *buf, size_t len,
                         bool is_write)
{
    (void)cs;
    if (is_write || addr < 0xffff000000000000ull ||
        addr + len > 0xffff000000000000ull + sizeof(fake_ram)) {
        return -1;
    }
    memcpy(buf, fake_ram + (addr - 0xffff000000000000ull), len);
    return 0;
}

static void fake_dump_state(CPUState *cs, FILE *f)
{
    fprintf(f, "PC=%016x X00=0000000000000000\nPSTATE=400003c5\n",
            0x1000 + cs->cpu_index);
}

static const CPUClass fake_cc = {
    .name = "fake",
    .dump_state = fake_dump_state,
    .memory_rw_debug = fake_rw_debug,
};
static CPUState fake_cpus[2];
static CPUState *fake_cpu_list[2] = { &fake_cpus[0], &fake_cpus[1] };

/* ---- harness --------------------------------------------------------- */

static char out_path[] = "/tmp/test-monitor-XXXXXX";
static long out_pos;
static char out[65536];
static Chardev *mon_chr;

/* The output since the last call. */
static const char *new_output(void)
{
    FILE *f = fopen(out_path, "r");
    size_t n = 0;

    if (f) {
        fseek(f, out_pos, SEEK_SET);
        n = fread(out, 1, sizeof(out) - 1, f);
        fclose(f);
    }
    out[n] = 0;
    out_pos += n;
    return out;
}

static void type(const char *s)
{
    qemu_chr_be_write(mon_chr, (const uint8_t *)s, strlen(s));
}

/* Run a command line; returns what it printed after the echoed line. */
static const char *run(const char *line)
{
    const char *o;
    size_t n = strlen(line);

    new_output();
    type(line);
    type("\r");
    o = new_output();
    if (!strncmp(o, line, n) && !strncmp(o + n, "\r\n", 2)) {
        return o + n + 2;
    }
    return o;
}

static int test_argc;
static char test_args[4][32];

static void test_cmd(Monitor *mon, int argc, char **argv)
{
    int i;

    test_argc = argc;
    for (i = 0; i < argc && i < 4; i++) {
        snprintf(test_args[i], sizeof(test_args[i]), "%s", argv[i]);
    }
    monitor_printf(mon, "test ran with %d\n", argc);
}

static void test_info_cmd(Monitor *mon, int argc, char **argv)
{
    (void)argc;
    monitor_printf(mon, "testinfo: %s\n", argv[0]);
}

/* ---- tests ----------------------------------------------------------- */

static void test_banner(void)
{
    const char *o = new_output();

    tap_report(!strcmp(o, "QEMU 7.2.0 monitor - type 'help' for more "
                       "information\r\n(qemu) "),
               "banner and prompt when the monitor starts");
}

static void test_status(void)
{
    tap_report(!strcmp(run("info status"), "VM status: running\r\n(qemu) "),
               "info status: running");
    tap_report(!strcmp(run("stop"), "(qemu) ") && fake_vm_stops == 1,
               "stop calls vm_stop");
    tap_report(!strcmp(run("info status"), "VM status: paused\r\n(qemu) "),
               "info status: paused");
    tap_report(!strcmp(run("c"), "(qemu) ") && fake_vm_starts == 1 &&
               fake_runstate == RUN_STATE_RUNNING, "c (cont) calls vm_start");
    fake_runstate = RUN_STATE_PRELAUNCH;
    tap_report(!strcmp(run("info status"),
                       "VM status: paused (prelaunch)\r\n(qemu) "),
               "info status: paused (prelaunch) with -S");
    run("cont");
    tap_report(fake_vm_starts == 2, "cont calls vm_start");
}

static void test_editing(void)
{
    const char *o;

    new_output();
    type("infx\177o version\r");
    o = new_output();
    tap_report(!strcmp(o, "infx\b \bo version\r\n7.2.0\r\n(qemu) "),
               "backspace erases on screen and in the line");
    type("garbage\025info version\r");
    o = new_output();
    tap_report(strstr(o, "\r\n7.2.0\r\n(qemu) ") != NULL &&
               !strstr(o, "unknown"), "Ctrl-U kills the line");
    new_output();
    type("info vrsion\033[D\033[D\033[D\033[D\033[De\r");
    o = new_output();
    tap_report(strstr(o, "\r\n7.2.0\r\n(qemu) ") != NULL,
               "left arrow, then insert in the middle");
    type("ab\033[DX");
    o = new_output();
    tap_report(!strcmp(o, "ab\033[1D\r(qemu) aXb\033[K\033[1D"),
               "insert mid-line redraws the line, cursor back after X");
    type("\025");
    new_output();
    type("nfo version\001i\r");
    o = new_output();
    tap_report(strstr(o, "\r\n7.2.0\r\n(qemu) ") != NULL,
               "Ctrl-A goes to the start of the line");
    run("info status");
    new_output();
    type("\033[A");
    o = new_output();
    tap_report(!strcmp(o, "\r(qemu) info status\033[K"),
               "up arrow recalls the last line");
    type("\033[A");
    o = new_output();
    tap_report(!strcmp(o, "\r(qemu) info version\033[K"),
               "up again: the line before (duplicates stored once)");
    type("\033[B\033[B");
    new_output();
    type("\033[A\r");
    o = new_output();
    tap_report(strstr(o, "VM status: running\r\n") != NULL,
               "down to an empty line, up and Enter runs it again");
    new_output();
    type("info version\r\n");
    o = new_output();
    tap_report(!strcmp(o, "info version\r\n7.2.0\r\n(qemu) "),
               "CR LF is one Enter");
}

static void test_dispatch(void)
{
    const char *o;

    monitor_register_cmd("testcmd", "a b", "a test command", test_cmd);
    monitor_register_info("testinfo", "a test info", test_info_cmd);
    o = run("testcmd  one   two");
    tap_report(!strcmp(o, "test ran with 3\r\n(qemu) ") && test_argc == 3 &&
               !strcmp(test_args[1], "one") && !strcmp(test_args[2], "two"),
               "registered command gets argv split at blanks");
    o = run("info testinfo");
    tap_report(!strcmp(o, "testinfo: testinfo\r\n(qemu) "),
               "registered info subcommand");
    o = run("foo");
    tap_report(!strcmp(o, "unknown command: 'foo'\r\n(qemu) "),
               "unknown command");
    o = run("info foo");
    tap_report(!strcmp(o, "unknown command: 'info foo'\r\n(qemu) "),
               "unknown info subcommand");
    o = run("help");
    tap_report(strstr(o, "cont|c  -- resume emulation\r\n") &&
               strstr(o, "testcmd a b -- a test command\r\n") &&
               strstr(o, "quit|q  -- quit the emulator\r\n"),
               "help lists commands as 'name args -- text'");
    o = run("help info");
    tap_report(strstr(o, "info status  -- show the current VM status "
                      "(running|paused)\r\n") &&
               strstr(o, "info testinfo  -- a test info\r\n") &&
               !strstr(o, "cont|c"), "help info lists info subcommands");
    o = run("help cont");
    tap_report(!strcmp(o, "cont|c  -- resume emulation\r\n(qemu) "),
               "help CMD shows one command");
    o = run("info version");
    tap_report(!strcmp(o, "7.2.0\r\n(qemu) "), "info version");
    o = run("info chardev");
    tap_report(strstr(o, "mon0: filename=") != NULL, "info chardev");
    o = run("info mtree -f");
    tap_report(!strcmp(o, "FlatView for test:\r\n(qemu) "),
               "info mtree -f: the flat view, \\n -> \\r\\n");
    o = run("info qtree");
    tap_report(!strncmp(o, "bus: main-system-bus\r\n", 22), "info qtree");
}

static void test_cpus(void)
{
    const char *o;

    o = run("info cpus");
    tap_report(!strcmp(o, "* CPU #0: thread_id=4242\r\n"
                       "  CPU #1: thread_id=4243\r\n(qemu) "),
               "info cpus: '* CPU #0: thread_id=N' lines");
    o = run("info registers");
    tap_report(!strcmp(o, "PC=0000000000001000 X00=0000000000000000\r\n"
                       "PSTATE=400003c5\r\n(qemu) "),
               "info registers: the CPU's dump_state");
    o = run("cpu 1");
    tap_report(!strcmp(o, "(qemu) "), "cpu 1");
    o = run("info cpus");
    tap_report(strstr(o, "  CPU #0") && strstr(o, "* CPU #1"),
               "cpu 1 moves the '*'");
    o = run("info registers");
    tap_report(!strncmp(o, "PC=0000000000001001", 19),
               "info registers follows cpu N");
    o = run("cpu 2");
    tap_report(!strcmp(o, "invalid CPU index\r\n(qemu) "), "cpu 2: invalid");
    run("cpu 0");
}

static void test_memory(void)
{
    const char *o;

    o = run("xp /4bx 0x40000000");
    tap_report(!strcmp(o, "0000000040000000: 0xd0 0x0d 0xfe 0xed\r\n"
                       "(qemu) "), "xp /4bx");
    o = run("xp /20bx 0x40000000");
    tap_report(!strcmp(o, "0000000040000000: 0xd0 0x0d 0xfe 0xed 0x00 0x10 "
                       "0x00 0x00\r\n0000000040000008: 0x00 0x00 0x00 0x40 "
                       "0x00 0x00 0x1b 0x4c\r\n0000000040000010: 0x48 0x69 "
                       "0x0a 0x7f\r\n(qemu) "),
               "xp /20bx: 8 bytes a line");
    o = run("xp /6wx 0x40000000");
    tap_report(!strcmp(o, "0000000040000000: 0xedfe0dd0 0x00001000 "
                       "0x40000000 0x4c1b0000\r\n0000000040000010: "
                       "0x7f0a6948 0x00000000\r\n(qemu) "),
               "xp /6wx: little-endian words, 4 a line");
    o = run("xp /3gx 0x40000000");
    tap_report(!strcmp(o, "0000000040000000: 0x00001000edfe0dd0 "
                       "0x4c1b000040000000\r\n0000000040000010: "
                       "0x000000007f0a6948\r\n(qemu) "), "xp /3gx");
    o = run("xp /2d 0x40000000");
    tap_report(!strcmp(o, "0000000040000000:       17596178894288  "
                       "5483976972327452672\r\n(qemu) "),
               "xp /2d keeps the last size (g), width 20");
    o = run("xp /2bd 0x40000000");
    tap_report(!strcmp(o, "0000000040000000: 208  13\r\n(qemu) "),
               "xp /2bd: bytes read unsigned (as QEMU 7.2), width 3");
    o = run("xp /2bu 0x40000000");
    tap_report(!strcmp(o, "0000000040000000: 208  13\r\n(qemu) "),
               "xp /2bu");
    o = run("xp /1go 0x40000000");
    tap_report(!strcmp(o, "0000000040000000:       0400035577406720\r\n"
                       "(qemu) "), "xp /1go: octal, width 22");
    o = run("xp /4bc 0x40000010");
    tap_report(!strcmp(o, "0000000040000010: 'H' 'i' '\\n' '\\x7f'\r\n"
                       "(qemu) "), "xp /4bc: quoted characters");
    o = run("xp /2wc 0x40000010");
    tap_report(!strcmp(o, "0000000040000010: 'H' 'i' '\\n' '\\x7f' '\\x00' "
                       "'\\x00' '\\x00' '\\x00'\r\n(qemu) "),
               "xp /2wc: count * size bytes as characters");
    o = run("x /2wx 0xffff000000000000");
    tap_report(!strcmp(o, "ffff000000000000: 0xedfe0dd0 0x00001000\r\n"
                       "(qemu) "),
               "x /2wx: virtual, through memory_rw_debug");
    o = run("x/2x 0x1000");
    tap_report(!strcmp(o, "0000000000001000: Cannot access memory\r\n"
                       "(qemu) "), "x/2x (glued) of an unmapped address");
    o = run("xp /2q 0");
    tap_report(!strcmp(o, "invalid char in format: 'q'\r\n(qemu) "),
               "bad format letter");
}

static void test_print(void)
{
    tap_report(!strcmp(run("p 0x10+2"), "0x12\r\n(qemu) "),
               "p 0x10+2 (format x from before)");
    tap_report(!strcmp(run("p/d 6 * (3 + 4)"), "42\r\n(qemu) "),
               "p/d with spaces and parentheses");
    tap_report(!strcmp(run("print 10"), "10\r\n(qemu) "),
               "print remembers the format");
    tap_report(!strcmp(run("p /u -1"), "18446744073709551615\r\n(qemu) "),
               "p /u -1");
    tap_report(!strcmp(run("p /x 1 << 4 | 3"), "0x13\r\n(qemu) "),
               "shifts and or");
    tap_report(!strcmp(run("p 1 +"), "invalid expression: '1 +'\r\n(qemu) "),
               "bad expression");
}

static void test_log(void)
{
    tap_report(!strcmp(run("log in_asm,int"), "(qemu) ") &&
               qemu_loglevel == (CPU_LOG_TB_IN_ASM | CPU_LOG_INT),
               "log in_asm,int sets the -d mask");
    run("log none");
    tap_report(qemu_loglevel == 0, "log none clears it");
}

static void test_run_control(void)
{
    run("system_reset");
    tap_report(fake_reset_requests == 1, "system_reset requests a reset");
    run("system_powerdown");
    tap_report(fake_powerdown_requests == 1,
               "system_powerdown requests a power-down");
    run("q");
    tap_report(fake_shutdown_requests == 1 &&
               fake_shutdown_cause == SHUTDOWN_CAUSE_HOST_QMP_QUIT,
               "q requests shutdown (HOST_QMP_QUIT)");
}

static int slave_read(int fd, char *buf, int max)
{
    int got = 0, idle = 0;

    while (got < max - 1 && idle < 20) {
        ssize_t r = read(fd, buf + got, max - 1 - got);

        if (r > 0) {
            got += r;
            idle = 0;
        } else {
            struct timespec ts = { 0, 2000000 };

            nanosleep(&ts, NULL);
            idle++;
        }
    }
    buf[got] = 0;
    return got;
}

static int serial_room = 1 << 20;
static char serial_in[256];
static int serial_len;

static int serial_can(void *o)
{
    (void)o;
    return serial_room;
}

static void serial_rx(void *o, const uint8_t *b, int n)
{
    (void)o;
    memcpy(serial_in + serial_len, b, n);
    serial_len += n;
}

static void test_mux_monitor(void)
{
    Chardev *mux = qemu_chr_new("serial0", "mon:pty", NULL);
    Chardev *base = qemu_chr_find("serial0-base");
    CharBackend serial;
    char buf[4096];
    int slave;
    Monitor *mon;

    if (!tap_report(mux && base, "mon:pty created")) {
        return;
    }
    slave = open(chr_base(base)->filename + 4, O_RDWR | O_NOCTTY |
                 O_NONBLOCK);
    qemu_chr_fe_init(&serial, mux);
    qemu_chr_fe_set_handlers(&serial, serial_can, serial_rx, NULL, NULL);
    mon = monitor_init_hmp(mux);
    tap_report(mon != NULL, "monitor_init_hmp on the mux again: the same "
               "monitor (mon: attached one already)");
    fake_loop(3);
    slave_read(slave, buf, sizeof(buf));
    tap_report(buf[0] == 0, "no banner while the serial port has the focus");
    if (write(slave, "ls\r", 3) == 3) {
        fake_loop(5);
    }
    tap_report(serial_len == 3 && !memcmp(serial_in, "ls\r", 3),
               "input goes to the serial port");
    if (write(slave, "\001c", 2) == 2) {
        fake_loop(5);
    }
    slave_read(slave, buf, sizeof(buf));
    tap_report(!strcmp(buf, "QEMU 7.2.0 monitor - type 'help' for more "
                       "information\r\n(qemu) "),
               "Ctrl-A c: banner and prompt");
    if (write(slave, "info status\r", 12) == 12) {
        fake_loop(5);
    }
    slave_read(slave, buf, sizeof(buf));
    tap_report(!strcmp(buf, "info status\r\nVM status: running\r\n(qemu) ") &&
               serial_len == 3, "the monitor runs commands from the mux");
    if (write(slave, "\001c", 2) == 2) {
        fake_loop(5);
    }
    slave_read(slave, buf, sizeof(buf));
    monitor_printf(mon, "hidden\n");
    qemu_chr_fe_write_all(&serial, (const uint8_t *)"guest", 5);
    slave_read(slave, buf + strlen(buf), sizeof(buf) - strlen(buf));
    tap_report(!strcmp(buf, "\r\nguest"),
               "back on the serial port: the monitor is silent");
    if (write(slave, "\001c", 2) == 2) {
        fake_loop(5);
    }
    slave_read(slave, buf, sizeof(buf));
    tap_report(!strcmp(buf, "(qemu) "),
               "second visit: prompt only, no banner");
    close(slave);
}

static int tcp_connect_local(int port)
{
    struct sockaddr_in sa;
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    memset(&sa, 0, sizeof(sa));
    sa.sin_family = AF_INET;
    sa.sin_port = htons(port);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
        close(fd);
        return -1;
    }
    fcntl(fd, F_SETFL, O_NONBLOCK);
    return fd;
}

/* -monitor telnet:127.0.0.1:PORT,server,nowait */
static void test_telnet_monitor(void)
{
    static const char nego[] = "\377\373\001\377\373\003";
    static const char banner[] = "QEMU 7.2.0 monitor - type 'help' for "
                                 "more information\r\n(qemu) ";
    char spec[80], buf[1024];
    Chardev *chr = NULL;
    int port = 0, c, tries;

    for (tries = 0; tries < 20 && !chr; tries++) {
        port = 20000 + (getpid() * 13 + tries) % 30000;
        snprintf(spec, sizeof(spec), "telnet:127.0.0.1:%d,server,nowait",
                 port);
        chr = qemu_chr_new("compat_monitor1", spec, NULL);
    }
    if (!tap_report(chr && monitor_init_hmp(chr), "monitor on telnet")) {
        return;
    }
    c = tcp_connect_local(port);
    fake_loop(5);
    slave_read(c, buf, sizeof(buf));
    tap_report(!strncmp(buf, nego, 6) && !strcmp(buf + 6, banner),
               "telnet client: negotiation, then banner and prompt");
    if (write(c, "info version\r\0", 14) == 14) {
        fake_loop(5);
    }
    slave_read(c, buf, sizeof(buf));
    tap_report(!strcmp(buf, "info version\r\n7.2.0\r\n(qemu) "),
               "telnet client: a command (CR NUL ends the line)");
    if (write(c, "info vers", 9) == 9) {
        fake_loop(5);
    }
    close(c);
    fake_loop(5);
    c = tcp_connect_local(port);
    fake_loop(5);
    slave_read(c, buf, sizeof(buf));
    tap_report(!strcmp(buf + 6, banner),
               "next client: banner again, half-typed line forgotten");
    close(c);
    fake_loop(3);
}

/*
 * What vl.c does for "-nographic -serial stdio" plus the default
 * monitor, with pipes as stdin/stdout, in a child process.
 */
static void test_nographic_stdio(void)
{
    static const char expect[] =
        "guest\r\nQEMU 7.2.0 monitor - type 'help' for more information"
        "\r\n(qemu) info status\r\nVM status: running\r\n(qemu) "
        "QEMU: Terminated\n\r";
    int in[2], outp[2], status;
    char buf[1024];
    pid_t pid;

    if (pipe(in) < 0 || pipe(outp) < 0) {
        return;
    }
    pid = fork();
    if (pid == 0) {
        Chardev *serial_chr, *mon_chr2;
        CharBackend serial;
        int i;

        dup2(in[0], 0);
        dup2(outp[1], 1);
        close(in[1]);
        close(outp[0]);
        display_nographic = true;
        serial_chr = qemu_chr_new("serial0", "stdio", NULL);
        mon_chr2 = qemu_chr_new("compat_monitor0", "stdio", NULL);
        if (!serial_chr || mon_chr2 != serial_chr ||
            !monitor_init_hmp(mon_chr2)) {
            _exit(2);
        }
        qemu_chr_fe_init(&serial, serial_chr);
        qemu_chr_fe_set_handlers(&serial, serial_can, serial_rx, NULL, NULL);
        qemu_chr_fe_write_all(&serial, (const uint8_t *)"guest\r\n", 7);
        fake_shutdown_requests = 0;
        for (i = 0; i < 500 && !fake_shutdown_requests; i++) {
            main_loop_wait(false);
        }
        qemu_chr_cleanup();
        _exit(fake_shutdown_requests == 1 &&
              fake_shutdown_cause == SHUTDOWN_CAUSE_HOST_UI ? 0 : 3);
    }
    close(in[0]);
    close(outp[1]);
    if (write(in[1], "\001cinfo status\n\001x", 16) != 16) {
        tap_report(false, "write to the child");
    }
    waitpid(pid, &status, 0);
    fcntl(outp[0], F_SETFL, O_NONBLOCK);
    buf[0] = 0;
    slave_read(outp[0], buf, sizeof(buf));
    tap_report(WIFEXITED(status) && WEXITSTATUS(status) == 0,
               "-nographic stdio: Ctrl-A x requests shutdown (status %d)",
               status);
    tap_report(!strcmp(buf, expect),
               "-nographic stdio + monitor: serial output, Ctrl-A c, "
               "banner, command, Ctrl-A x: the exact bytes");
    if (strcmp(buf, expect)) {
        printf("# got: %s\n", buf);
    }
    close(in[1]);
    close(outp[0]);
}

int main(void)
{
    int fd = mkstemp(out_path);
    Monitor *mon;

    close(fd);
    qemu_init_main_loop();
    fake_cpus[0].cc = &fake_cc;
    fake_cpus[0].cpu_index = 0;
    fake_cpus[0].as = (AddressSpace *)&fake_ram;
    fake_cpus[1].cc = &fake_cc;
    fake_cpus[1].cpu_index = 1;
    fake_cpus[1].as = (AddressSpace *)&fake_ram;
    cpu_list = fake_cpu_list;
    cpu_count = 2;

    {
        char spec[64];

        snprintf(spec, sizeof(spec), "file:%s", out_path);
        mon_chr = qemu_chr_new("mon0", spec, NULL);
    }
    mon = monitor_init_hmp(mon_chr);
    tap_report(mon != NULL && monitor_cpu_index(mon) == 0,
               "monitor_init_hmp on a file chardev");
    test_banner();
    test_status();
    test_editing();
    test_dispatch();
    test_cpus();
    test_memory();
    test_print();
    test_log();
    test_run_control();
    test_mux_monitor();
    test_telnet_monitor();
    test_nographic_stdio();
    unlink(out_path);
    return tap_failed ? 1 : 0;
}
