// Fuzz target: the domain's validators and the text rules under them. The
// first byte picks an entity, the rest is its wire encoding (as a request
// carries it) or, for the text rules, raw bytes.
// Properties: nothing crashes or leaks; a validator's refusal names each
// bad field with a description; what a validator accepts it accepts again
// unchanged (normalising is idempotent); Normalized, Folded and SearchKey
// are idempotent on well-formed UTF-8, keep it well-formed, and text that
// TextProblem accepts stays acceptable once normalised.

#include <cstdint>
#include <string>

#include "api/convert_enrolment.h"
#include "api/convert_planning.h"
#include "domain/errors.h"
#include "domain/text.h"
#include "domain/validation.h"
#include "fuzz/fuzz_check.h"
#include "fuzz/quiet_protobuf.h"
#include "trainhub/v1/organization.pb.h"
#include "trainhub/v1/participant.pb.h"
#include "trainhub/v1/series.pb.h"
#include "trainhub/v1/trainer.pb.h"

namespace {

namespace v1 = ::trainhub::v1;

namespace api = ::trainhub::api;
namespace domain = ::trainhub::domain;

std::string Wire(const google::protobuf::Message& m) {
  std::string out;
  google::protobuf::io::StringOutputStream stream(&out);
  google::protobuf::io::CodedOutputStream coded(&stream);
  coded.SetSerializationDeterministic(true);
  m.SerializeToCodedStream(&coded);
  coded.Trim();
  return out;
}

// Validates `entity`; when accepted, validates the result again and finds
// it accepted and unchanged (compared through its API form `Proto`).
template <typename Proto, typename Entity, typename Validator>
void CheckValidator(Entity entity, Validator validate, const char* prefix) {
  domain::Violations first;
  validate(entity, prefix, first);
  const absl::Status status = first.ToStatus();
  for (const domain::FieldViolation& v : domain::GetFieldViolations(status)) {
    FUZZ_CHECK(v.field.rfind(prefix, 0) == 0);
    FUZZ_CHECK(!v.description.empty());
  }
  if (!first.empty()) return;
  Proto once;
  ToProto(entity, &once);
  domain::Violations second;
  validate(entity, prefix, second);
  FUZZ_CHECK(second.empty());
  Proto twice;
  ToProto(entity, &twice);
  FUZZ_CHECK(Wire(once) == Wire(twice));
}

void CheckText(const std::string& text) {
  const bool well_formed = domain::CountCodePoints(text).has_value();
  const std::string normalized = domain::Normalized(text);
  const std::string folded = domain::Folded(text);
  const std::string key = domain::SearchKey(text);
  domain::LooksLikeEmail(text);
  if (!well_formed) return;
  FUZZ_CHECK(domain::CountCodePoints(normalized).has_value());
  FUZZ_CHECK(domain::CountCodePoints(folded).has_value());
  FUZZ_CHECK(domain::CountCodePoints(key).has_value());
  FUZZ_CHECK(domain::Normalized(normalized) == normalized);
  FUZZ_CHECK(domain::Folded(folded) == folded);
  FUZZ_CHECK(domain::SearchKey(key) == key);
  if (!domain::TextProblem(text, 1, 200, false)) {
    // Normal form C may compose or (for a few letters) decompose: the length
    // may change, the kinds of characters not.
    FUZZ_CHECK(!domain::TextProblem(normalized, 0, 4 * 200, false));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const uint8_t kind = data[0];
  const auto* bytes = data + 1;
  const int length = static_cast<int>(size - 1);
  switch (kind % 7) {
    case 0: {
      v1::Organization o;
      if (o.ParseFromArray(bytes, length)) {
        CheckValidator<v1::Organization>(api::FromProto(o), domain::ValidateOrganization,
                                         "organization");
      }
      break;
    }
    case 1: {
      v1::Trainer t;
      if (t.ParseFromArray(bytes, length)) {
        CheckValidator<v1::Trainer>(api::FromProto(t), domain::ValidateTrainer, "trainer");
      }
      break;
    }
    case 2: {
      v1::Participant p;
      if (p.ParseFromArray(bytes, length)) {
        // A start of training that is no day is refused by the conversion.
        absl::StatusOr<domain::Participant> converted = api::FromProto(p);
        FUZZ_CHECK(converted.ok() || converted.status().code() == absl::StatusCode::kInvalidArgument);
        if (converted.ok()) {
          CheckValidator<v1::Participant>(*converted, domain::ValidateParticipant, "participant");
        }
      }
      break;
    }
    case 3: {
      v1::Series s;
      if (s.ParseFromArray(bytes, length)) {
        auto series = api::FromProto(s, "series");
        if (series.ok()) {
          CheckValidator<v1::Series>(*series, domain::ValidateSeries, "series");
        }
      }
      break;
    }
    case 4: {
      v1::Module m;
      if (m.ParseFromArray(bytes, length)) {
        CheckValidator<v1::Module>(api::FromProto(m), domain::ValidateModule, "module");
      }
      break;
    }
    case 5: {
      v1::Session s;
      if (s.ParseFromArray(bytes, length)) {
        auto session = api::FromProto(s, "session");
        if (session.ok()) {
          CheckValidator<v1::Session>(*session, domain::ValidateSession, "session");
        }
      }
      break;
    }
    case 6:
      CheckText(std::string(reinterpret_cast<const char*>(bytes), size - 1));
      break;
  }
  return 0;
}
