/*
 * bss-only.c: a program whose writable segment has no file contents.
 * The linker gives that segment a file offset past the end of the file;
 * the loader must accept it.  Exits with status 42.
 */
static long counter;
void _start(void)
{
    counter += 42;
    register long x0 __asm__("x0") = counter;
    register long x8 __asm__("x8") = 94;
    __asm__ volatile("svc #0" : : "r"(x0), "r"(x8));
    for (;;) { }
}
