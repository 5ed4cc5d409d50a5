#include "fpu/softfloat.h"
#include "../unit/tap.h"
int main(void)
{
    tap_report(true, "placeholder");
    return tap_exit_status();
}
