// Default options of AddressSanitizer, LeakSanitizer and UndefinedBehaviorSanitizer, linked into every
// binary of a LANDAUDIT_SANITIZE build (landaudit, the test suites, the fuzz targets). The runtimes
// call these hooks at start-up; ASAN_OPTIONS, LSAN_OPTIONS and UBSAN_OPTIONS in the environment still
// override them. Built in rather than left to the environment so that a run by hand, by ctest, by
// gtest_discover_tests at build time or by a test that starts the real binary all report the same way.

#ifndef LANDAUDIT_LSAN_SUPPRESSIONS
#error "LANDAUDIT_LSAN_SUPPRESSIONS must name tests/fuzz/lsan.supp"
#endif

extern "C" {

// Leaks are errors (the default on Linux, stated so it is not lost); a report ends the process
// with a non-zero status, which fails the test that ran it.
__attribute__((used, visibility("default"))) const char* __asan_default_options() {
    return "detect_leaks=1:abort_on_error=0:strict_string_checks=1:detect_stack_use_after_return=1:"
           "check_initialization_order=1:strict_init_order=1";
}

// Only leaks inside third-party libraries are suppressed, each line with its reason (lsan.supp).
__attribute__((used, visibility("default"))) const char* __lsan_default_options() {
    return "suppressions=" LANDAUDIT_LSAN_SUPPRESSIONS ":print_suppressions=0";
}

__attribute__((used, visibility("default"))) const char* __ubsan_default_options() {
    return "print_stacktrace=1:halt_on_error=1";
}

}  // extern "C"
