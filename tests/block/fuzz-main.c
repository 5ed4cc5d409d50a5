#include "tests/unit/tap.h"
int main(void) { tap_report(1, "placeholder"); return tap_exit_status(); }
