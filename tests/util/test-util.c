/*
 * test-util.c: option parsing shared by the binaries (-accel, -d).
 */
#include <string.h>

#include "qemu/accel-opts.h"
#include "qemu/log.h"
#include "tests/unit/tap.h"

int main(void)
{
    AccelOpts o;

    tap_report(accel_parse_opts("tcg", &o) && o.tb_size == 0 && !o.one_insn_per_tb,
               "-accel tcg: defaults");
    tap_report(accel_parse_opts("tcg,tb-size=64", &o) && o.tb_size == 64u << 20,
               "-accel tcg,tb-size=64 gives 64 MB");
    tap_report(accel_parse_opts("accel=tcg,one-insn-per-tb=on", &o) &&
               o.one_insn_per_tb, "-accel accel=tcg,one-insn-per-tb=on");
    tap_report(!accel_parse_opts("kvm", &o), "-accel kvm is refused");
    tap_report(!accel_parse_opts("tcg,tb-size=0", &o) &&
               !accel_parse_opts("tcg,tb-size=12x", &o) &&
               !accel_parse_opts("tcg,tb-size=99999", &o) &&
               !accel_parse_opts("tcg,tb-size", &o),
               "bad tb-size values are refused");
    tap_report(!accel_parse_opts("tcg,bogus=1", &o), "unknown properties are refused");

    tap_report(qemu_str_to_log_mask("in_asm,op,out_asm") ==
               (CPU_LOG_TB_IN_ASM | CPU_LOG_TB_OP | CPU_LOG_TB_OUT_ASM),
               "-d in_asm,op,out_asm");
    tap_report(qemu_str_to_log_mask("op_opt,nochain,guest_errors,unimp") ==
               (CPU_LOG_TB_OP_OPT | CPU_LOG_TB_NOCHAIN | LOG_GUEST_ERROR | LOG_UNIMP),
               "-d op_opt,nochain,guest_errors,unimp");
    tap_report(qemu_str_to_log_mask("op,nonsense") == -1, "-d with an unknown item fails");
    tap_report(!qemu_set_log_filename("/nonexistent-dir/log"),
               "-D into a missing directory fails cleanly");
    return tap_exit_status();
}
