# util/: small target-independent utilities.
UTIL_OBJS =
