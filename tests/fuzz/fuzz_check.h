#ifndef TRAINHUB_TESTS_FUZZ_FUZZ_CHECK_H_
#define TRAINHUB_TESTS_FUZZ_FUZZ_CHECK_H_

// A property that must hold for every input of a fuzz target: when it does
// not, the input and the property are printed and the process aborts (so
// that libFuzzer saves the input, and a replay fails).

#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(condition)                                                               \
  do {                                                                                      \
    if (!(condition)) {                                                                     \
      std::fprintf(stderr, "%s:%d: property failed: %s\n", __FILE__, __LINE__, #condition); \
      std::abort();                                                                         \
    }                                                                                       \
  } while (0)

#endif  // TRAINHUB_TESTS_FUZZ_FUZZ_CHECK_H_
