#ifndef TRAINHUB_SERVICES_API_CONVERT_ENROLMENT_H_
#define TRAINHUB_SERVICES_API_CONVERT_ENROLMENT_H_

// proto <-> domain for participants, enrolments and qualifications (see api/convert.h).
// ToProto lives beside the messages it fills, in trainhub::v1, so that
// Reply and ReplyPage (api/handler_util.h) find it by argument-dependent lookup.

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "api/convert.h"
#include "domain/model.h"
#include "trainhub/v1/enrolment.pb.h"
#include "trainhub/v1/participant.pb.h"

namespace trainhub::api {

// INVALID_ARGUMENT "participant.training_start" for a day that does not exist.
absl::StatusOr<domain::Participant> FromProto(const trainhub::v1::Participant& in);
// Title and note; the participant comes from the request.
domain::Qualification FromProto(const trainhub::v1::Qualification& in);

}  // namespace trainhub::api

namespace trainhub::v1 {

void ToProto(const domain::Participant& in, Participant* out);
void ToProto(const domain::Enrolment& in, Enrolment* out);
void ToProto(const domain::EnrolmentChange& in, EnrolmentChange* out);
void ToProto(const domain::Qualification& in, Qualification* out);

}  // namespace trainhub::v1

#endif  // TRAINHUB_SERVICES_API_CONVERT_ENROLMENT_H_
