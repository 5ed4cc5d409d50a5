/*
 * demo.c: the program `make demo` builds for AArch64 and runs under
 * qemu-aarch64: a little of everything a real program does.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>

static int cmp_int(const void *a, const void *b)
{
    return *(const int *)a - *(const int *)b;
}

int main(int argc, char **argv)
{
    struct utsname u;
    struct timespec t0, t1;
    static int v[200000];
    unsigned long sum = 0;
    double x = 1.0;
    int i, primes = 0;

    uname(&u);
    printf("Hello from an AArch64 program: uname says %s %s\n", u.sysname,
           u.machine);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (i = 2; i < 200000; i++) {
        int d, p = 1;
        for (d = 2; d * d <= i; d++) {
            if (i % d == 0) {
                p = 0;
                break;
            }
        }
        primes += p;
    }
    for (i = 0; i < 200000; i++) {
        v[i] = (i * 2654435761u) >> 7;
    }
    qsort(v, 200000, sizeof(v[0]), cmp_int);
    for (i = 0; i < 200000; i++) {
        sum += v[i] % 1000;
    }
    for (i = 1; i <= 1000000; i++) {
        x += 1.0 / ((double)i * i);
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    printf("primes below 200000: %d\n", primes);
    printf("sorted 200000 ints, checksum %lu, sorted: %s\n", sum,
           v[0] <= v[1] && v[100] <= v[101] ? "yes" : "no");
    printf("1 + sum 1/i^2 to 1e6 = %.12f (the limit is 1 + pi^2/6 = 2.644934066848)\n", x);
    printf("took %.3f s of guest time\n",
           (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) * 1e-9);
    return argc > 1 ? atoi(argv[1]) : 0;
}
