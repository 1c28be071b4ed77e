// Fuzz target: how the CLI reads a time the user typed (--start, --from ...).
// The input is the text.
// Properties: nothing crashes or leaks; a refusal names the option; an
// accepted time, written back as the CLI shows times (Europe/Berlin,
// minutes), reads again as the same minute, or is refused as the hour that
// happens twice when summer time ends.

#include <cstdint>
#include <string>

#include "absl/time/time.h"
#include "clients/cli/format.h"
#include "fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 256) return 0;  // the CLI's options are short; longer adds nothing
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::string error;
  const std::optional<absl::Time> t = trainhub::cli::ParseUserTime(text, "--start", &error);
  if (!t) {
    FUZZ_CHECK(error.find("--start") != std::string::npos);
    return 0;
  }
  google::protobuf::Timestamp shown;
  trainhub::cli::SetTimestamp(*t, &shown);
  const std::string written = trainhub::cli::FormatLocal(shown);
  std::string again_error;
  const std::optional<absl::Time> again =
      trainhub::cli::ParseUserTime(written, "--start", &again_error);
  if (!again) {
    // Written in the hour that happens twice (the input had an offset):
    // the CLI asks which one is meant.
    FUZZ_CHECK(again_error.find("happens twice") != std::string::npos);
    return 0;
  }
  const absl::Time minute =
      absl::UnixEpoch() + absl::Floor(*t - absl::UnixEpoch(), absl::Minutes(1));
  FUZZ_CHECK(*again == minute);
  return 0;
}
