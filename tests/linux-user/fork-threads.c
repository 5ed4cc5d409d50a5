/*
 * fork-threads.c: fork() while three other threads keep running code;
 * every child must run normally (malloc, printf) and exit with 7.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile int stop;
static volatile unsigned long spins;

static void *spinner(void *arg)
{
    /* Keep translating and running code while the main thread forks. */
    while (!stop) {
        char buf[64];
        snprintf(buf, sizeof(buf), "%lu", spins++);
        if (strlen(buf) == 0) abort();
    }
    return arg;
}

int main(void)
{
    pthread_t th[3];
    int i, ok = 0;

    for (i = 0; i < 3; i++) pthread_create(&th[i], NULL, spinner, NULL);
    for (i = 0; i < 50; i++) {
        pid_t p = fork();
        if (p == 0) {
            char *m = malloc(1000);
            snprintf(m, 1000, "child %d", i);
            _exit(strlen(m) > 5 ? 7 : 1);
        }
        int st;
        waitpid(p, &st, 0);
        ok += WIFEXITED(st) && WEXITSTATUS(st) == 7;
    }
    stop = 1;
    for (i = 0; i < 3; i++) pthread_join(th[i], NULL);
    printf("%d/50 children ok\n", ok);
    return ok == 50 ? 0 : 1;
}
