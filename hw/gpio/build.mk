# hw/gpio/build.mk: the PL061 GPIO controller and the power button on
# it (libhw-gpio.a, target-independent).  Unit tests: tests/unit/gpio.mk.

HW_GPIO_OBJS = hw/gpio/pl061.o
libhw-gpio.a: $(HW_GPIO_OBJS)
SYSTEM_LIBS += libhw-gpio.a
