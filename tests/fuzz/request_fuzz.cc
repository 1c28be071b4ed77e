// Fuzz target: what the API's handlers do with a request before the domain
// sees it. The first byte picks a request type, the rest is its wire
// encoding; a request that parses is converted as its handler converts it
// (FromProto, MarkFromProto, days and times, page tokens, update masks, the
// request fingerprint), its entities are checked by the domain's
// validators, and every refusal is mapped to a gRPC status.
// Properties: nothing crashes or leaks; a refusal names each bad field with
// a description, fits in a gRPC trailer, and is valid UTF-8.

#include <cstdint>
#include <string>

#include "api/convert_attendance.h"
#include "api/convert_enrolment.h"
#include "api/convert_planning.h"
#include "api/errors.h"
#include "api/page_token.h"
#include "domain/errors.h"
#include "domain/text.h"
#include "domain/validation.h"
#include "fuzz/fuzz_check.h"
#include "fuzz/quiet_protobuf.h"
#include "trainhub/v1/attendance.pb.h"
#include "trainhub/v1/certificate.pb.h"
#include "trainhub/v1/enrolment.pb.h"
#include "trainhub/v1/organization.pb.h"
#include "trainhub/v1/participant.pb.h"
#include "trainhub/v1/series.pb.h"
#include "trainhub/v1/trainer.pb.h"

namespace {

namespace v1 = ::trainhub::v1;

namespace api = ::trainhub::api;
namespace domain = ::trainhub::domain;

// gRPC clients refuse trailers above 8 KiB by default; a refusal must fit.
constexpr size_t kMaxRefusalBytes = 8 * 1024;

void CheckRefusal(const absl::Status& status) {
  const grpc::Status mapped = api::ToGrpcStatus(status);
  FUZZ_CHECK(mapped.ok() == status.ok());
  if (status.ok()) return;
  FUZZ_CHECK(!mapped.error_message().empty());
  FUZZ_CHECK(mapped.error_message().size() + mapped.error_details().size() <= kMaxRefusalBytes);
  FUZZ_CHECK(domain::CountCodePoints(mapped.error_message()).has_value());
  for (const domain::FieldViolation& v : domain::GetFieldViolations(status)) {
    FUZZ_CHECK(!v.field.empty());
    FUZZ_CHECK(!v.description.empty());
  }
}

template <typename T>
void Check(const absl::StatusOr<T>& converted) {
  CheckRefusal(converted.status());
}

template <typename Entity, typename Validator>
void Validate(Entity entity, Validator validate, const char* prefix) {
  domain::Violations v;
  validate(entity, prefix, v);
  CheckRefusal(v.ToStatus());
}

template <typename Request>
bool Parse(Request& request, const uint8_t* data, size_t size) {
  return request.ParseFromArray(data, static_cast<int>(size));
}

template <typename Request>
void CheckPage(const Request& request) {
  auto page = api::ReadPage(request, request.page_size(), request.page_token());
  Check(page);
  if (page.ok()) {
    FUZZ_CHECK(page->limit > 0);
    // A token this server writes for the request is read back as the same cursor.
    const domain::Cursor next{page->limit, 7};
    Request again = request;
    again.set_page_token(api::NextPageToken(request, next));
    auto reread = api::ReadPage(again, again.page_size(), again.page_token());
    FUZZ_CHECK(reread.ok() && reread->after && reread->after->key == next.key &&
               reread->after->id == next.id);
  }
}

// Kinds 0-4: series, sessions, days of a block and attendance marks, as
// their handlers convert them.
void CheckPlanRequest(int kind, const uint8_t* data, size_t size) {
  switch (kind) {
    case 0: {
      v1::CreateSeriesRequest r;
      if (!Parse(r, data, size)) return;
      auto series = api::FromProto(r.series(), "series");
      Check(series);
      if (series.ok()) Validate(*series, domain::ValidateSeries, "series");
      api::RequestFingerprint(r, {"request_id"});
      CheckRefusal(domain::ValidateRequestId(r.request_id()));
      break;
    }
    case 1: {
      v1::UpdateSeriesRequest r;
      if (!Parse(r, data, size)) return;
      auto series = api::FromProto(r.series(), "series");
      Check(series);
      api::MaskFromProto(r.update_mask());
      if (series.ok()) CheckRefusal(domain::CheckStatusTransition(series->status, series->status));
      break;
    }
    case 2: {
      v1::CreateSessionRequest r;
      if (!Parse(r, data, size)) return;
      auto session = api::FromProto(r.session(), "session");
      Check(session);
      if (session.ok()) {
        Validate(*session, domain::ValidateSession, "session");
        domain::PlaceKey(session->place);
      }
      break;
    }
    case 3: {
      v1::CreateSessionDaysRequest r;
      if (!Parse(r, data, size)) return;
      Check(api::DayFromProto(r.has_first_day(), r.first_day(), "first_day"));
      Check(api::DayFromProto(r.has_last_day(), r.last_day(), "last_day"));
      Check(api::TimeOfDayFromProto(r.has_daily_start(), r.daily_start(), "daily_start"));
      Check(api::TimeOfDayFromProto(r.has_daily_end(), r.daily_end(), "daily_end"));
      break;
    }
    case 4: {
      v1::RecordAttendanceSheetRequest r;
      if (!Parse(r, data, size)) return;
      for (int i = 0; i < r.marks_size() && i < 100; ++i) {
        Check(api::MarkFromProto(r.marks(i), "marks[" + std::to_string(i) + "]"));
      }
      break;
    }
  }
}

// Kinds 5-9: modules, people, organisations, trainers and qualifications,
// converted and checked by the domain's validators.
void CheckEntityRequest(int kind, const uint8_t* data, size_t size) {
  switch (kind) {
    case 5: {
      v1::CreateModuleRequest r;
      if (!Parse(r, data, size)) return;
      Validate(api::FromProto(r.module()), domain::ValidateModule, "module");
      break;
    }
    case 6: {
      v1::CreateParticipantRequest r;
      if (!Parse(r, data, size)) return;
      // A start of training that is no day is refused by the conversion.
      absl::StatusOr<domain::Participant> participant = api::FromProto(r.participant());
      Check(participant);
      if (participant.ok()) Validate(*participant, domain::ValidateParticipant, "participant");
      break;
    }
    case 7: {
      v1::CreateOrganizationRequest r;
      if (!Parse(r, data, size)) return;
      Validate(api::FromProto(r.organization()), domain::ValidateOrganization, "organization");
      break;
    }
    case 8: {
      v1::CreateTrainerRequest r;
      if (!Parse(r, data, size)) return;
      Validate(api::FromProto(r.trainer()), domain::ValidateTrainer, "trainer");
      break;
    }
    case 9: {
      v1::RecordQualificationRequest r;
      if (!Parse(r, data, size)) return;
      Validate(api::FromProto(r.qualification()), domain::ValidateQualification, "qualification");
      break;
    }
  }
}

// Kinds 10-11: lists read page by page.
void CheckPageRequest(int kind, const uint8_t* data, size_t size) {
  switch (kind) {
    case 10: {
      v1::ListSessionsRequest r;
      if (!Parse(r, data, size)) return;
      CheckPage(r);
      break;
    }
    case 11: {
      v1::ListEnrolmentsRequest r;
      if (!Parse(r, data, size)) return;
      CheckPage(r);
      break;
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const int kind = data[0] % 12;
  ++data;
  --size;
  if (kind <= 4) {
    CheckPlanRequest(kind, data, size);
  } else if (kind <= 9) {
    CheckEntityRequest(kind, data, size);
  } else {
    CheckPageRequest(kind, data, size);
  }
  return 0;
}
