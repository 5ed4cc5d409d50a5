/*
 * mprotect-exec.c: code that faulted while its page was not executable
 * runs again once mprotect makes the page executable (the translated
 * code of the fault must not be reused), and stops when EXEC is taken
 * away.  Prints "42 fault 42" (the function returns 42).
 */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

static sigjmp_buf jb;

static void on_segv(int sig)
{
    siglongjmp(jb, sig);
}

/* mov w0, #42; ret */
static const unsigned code[] = { 0x52800540, 0xd65f03c0 };

static void call(int (*f)(void))
{
    if (sigsetjmp(jb, 1) == 0) {
        printf("%d", f());
    } else {
        printf("fault");
    }
}

int main(void)
{
    unsigned *p = mmap(0, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    int (*f)(void) = (int (*)(void))p;

    memcpy(p, code, sizeof(code));
    __builtin___clear_cache((char *)p, (char *)(p + 2));
    signal(SIGSEGV, on_segv);
    call(f);
    mprotect(p, 4096, PROT_READ);
    printf(" ");
    call(f);
    mprotect(p, 4096, PROT_READ | PROT_EXEC);
    printf(" ");
    call(f);
    printf("\n");
    return 0;
}
