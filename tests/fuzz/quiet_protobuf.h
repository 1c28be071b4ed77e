#ifndef TRAINHUB_TESTS_FUZZ_QUIET_PROTOBUF_H_
#define TRAINHUB_TESTS_FUZZ_QUIET_PROTOBUF_H_

// Included by the fuzz targets that parse wire bytes: malformed UTF-8 in a
// string field is an expected input, protobuf refuses it, and its log line
// for each would only slow the fuzzer.

#include <google/protobuf/stubs/logging.h>

namespace trainhub::fuzz {

inline const bool kProtobufQuiet = [] {
  google::protobuf::SetLogHandler(nullptr);
  return true;
}();

}  // namespace trainhub::fuzz

#endif  // TRAINHUB_TESTS_FUZZ_QUIET_PROTOBUF_H_
