#include "api/convert_enrolment.h"

#include "domain/berlin_time.h"
#include "domain/enrolment/training_year.h"

namespace trainhub::api {

absl::StatusOr<domain::Participant> FromProto(const trainhub::v1::Participant& in) {
  domain::Participant out;
  out.id = in.id();
  out.display_name = in.display_name();
  out.email = in.email();
  out.organization_id = in.organization_id();
  for (int group : in.target_groups()) {
    out.target_groups.push_back(ConvertEnum<domain::TargetGroup>(group));
  }
  if (in.has_training_start()) {
    absl::StatusOr<absl::CivilDay> start =
        DayFromProto(true, in.training_start(), "participant.training_start");
    if (!start.ok()) return start.status();
    out.training_start = *start;
  }
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
  out.stated_training_year = in.training_year();  // the deprecated way
#pragma GCC diagnostic pop
  return out;
}

domain::Qualification FromProto(const trainhub::v1::Qualification& in) {
  domain::Qualification out;
  out.title = in.title();
  out.note = in.note();
  return out;
}

}  // namespace trainhub::api

namespace trainhub::v1 {
using api::ConvertEnum;
using api::TimeToProto;

void ToProto(const domain::Participant& in, Participant* out) {
  out->set_id(in.id);
  out->set_display_name(in.display_name);
  out->set_email(in.email);
  out->set_organization_id(in.organization_id);
  for (domain::TargetGroup g : in.target_groups) {
    out->add_target_groups(ConvertEnum<trainhub::v1::TargetGroup>(g));
  }
  if (in.training_start) {
    trainhub::v1::LocalDate* start = out->mutable_training_start();
    start->set_year(static_cast<int>(in.training_start->year()));
    start->set_month(in.training_start->month());
    start->set_day(in.training_start->day());
    // The deprecated field: the training year today.
    const int year = domain::TrainingYearOn(
        *in.training_start, absl::ToCivilDay(absl::Now(), domain::DisplayTimeZone()));
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
    out->set_training_year(year <= domain::kMaxTrainingYear ? year : 0);
#pragma GCC diagnostic pop
  }
  TimeToProto(in.create_time, out->mutable_create_time());
  TimeToProto(in.update_time, out->mutable_update_time());
  if (in.erasure) {
    trainhub::v1::ParticipantErasure* erasure = out->mutable_erasure();
    TimeToProto(in.erasure->time, erasure->mutable_erase_time());
    erasure->set_erased_by_account_id(in.erasure->erased_by);
    erasure->set_reason(in.erasure->reason);
    erasure->set_retention_overridden(in.erasure->retention_overridden);
  }
}

void ToProto(const domain::Enrolment& in, Enrolment* out) {
  out->set_id(in.id);
  out->set_series_id(in.series_id);
  out->set_participant_id(in.participant_id);
  out->set_state(ConvertEnum<trainhub::v1::EnrolmentState>(in.state));
  out->set_waitlist_position(in.waitlist_position);
  out->set_queue_number(in.queue_number);
  TimeToProto(in.request_time, out->mutable_request_time());
  if (in.seat_time) TimeToProto(*in.seat_time, out->mutable_seat_time());
  out->set_eligibility_overridden(in.eligibility_overridden);
  TimeToProto(in.update_time, out->mutable_update_time());
  out->set_participant_name(in.participant_name);
  out->set_participant_organization_id(in.participant_organization_id);
  out->set_series_title(in.series_title);
  out->set_note(in.note);
  out->set_requirement_unmet(in.requirement_unmet);
}

void ToProto(const domain::EnrolmentChange& in, EnrolmentChange* out) {
  out->set_id(in.id);
  TimeToProto(in.time, out->mutable_time());
  out->set_from_state(ConvertEnum<trainhub::v1::EnrolmentState>(in.from));
  out->set_to_state(ConvertEnum<trainhub::v1::EnrolmentState>(in.to));
  out->set_account_id(in.account_id);
  out->set_account_name(in.account_name);
  out->set_reason(in.reason);
}

void ToProto(const domain::Qualification& in, Qualification* out) {
  out->set_id(in.id);
  out->set_participant_id(in.participant_id);
  out->set_title(in.title);
  out->set_series_id(in.series_id);
  out->set_note(in.note);
  out->set_recorded_by_account_id(in.recorded_by);
  TimeToProto(in.record_time, out->mutable_record_time());
}

}  // namespace trainhub::v1
