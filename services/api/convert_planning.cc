#include "api/convert_planning.h"

namespace trainhub::api {

domain::Organization FromProto(const trainhub::v1::Organization& in) {
  domain::Organization out;
  out.id = in.id();
  out.name = in.name();
  out.kind = ConvertEnum<domain::OrganizationKind>(in.kind());
  out.city = in.city();
  out.website = in.website();
  out.record_retention_years = in.record_retention_years();
  out.signatory_name = in.signatory_name();
  out.signatory_role = in.signatory_role();
  return out;
}

domain::Trainer FromProto(const trainhub::v1::Trainer& in) {
  domain::Trainer out;
  out.id = in.id();
  out.display_name = in.display_name();
  out.email = in.email();
  out.affiliation = in.affiliation();
  return out;
}

absl::StatusOr<domain::Series> FromProto(const trainhub::v1::Series& in, absl::string_view prefix) {
  domain::Series out;
  absl::StatusOr<std::optional<absl::Time>> confirmation =
      OptionalTimeFromProto(in.has_confirmation_deadline(), in.confirmation_deadline(),
                            absl::StrCat(prefix, ".confirmation_deadline"));
  if (!confirmation.ok()) return confirmation.status();
  absl::StatusOr<std::optional<absl::Time>> enrolment =
      OptionalTimeFromProto(in.has_enrolment_deadline(), in.enrolment_deadline(),
                            absl::StrCat(prefix, ".enrolment_deadline"));
  if (!enrolment.ok()) return enrolment.status();
  out.confirmation_deadline = *confirmation;
  out.enrolment_deadline = *enrolment;
  out.requires_approval = in.requires_approval();
  out.requires_confirmation = in.requires_confirmation();
  out.awards_qualification = in.awards_qualification();
  out.required_qualification = in.required_qualification();
  out.issued_documents = ConvertEnum<domain::IssuedDocuments>(in.issued_documents());
  out.id = in.id();
  out.organization_id = in.organization_id();
  out.title = in.title();
  out.kind = ConvertEnum<domain::SeriesKind>(in.kind());
  out.description = in.description();
  out.partner_organization_ids.assign(in.partner_organization_ids().begin(),
                                      in.partner_organization_ids().end());
  for (int group : in.target_groups()) {
    out.target_groups.push_back(ConvertEnum<domain::TargetGroup>(group));
  }
  out.capacity = in.capacity();
  out.status = ConvertEnum<domain::SeriesStatus>(in.status());
  out.partners_may_plan = in.partners_may_plan();
  return out;
}

domain::Module FromProto(const trainhub::v1::Module& in) {
  domain::Module out;
  out.id = in.id();
  out.title = in.title();
  out.topics.assign(in.topics().begin(), in.topics().end());
  out.mandatory = in.mandatory();
  out.teaching_units = in.teaching_units();
  return out;
}

absl::StatusOr<domain::Session> FromProto(const trainhub::v1::Session& in,
                                          absl::string_view prefix) {
  domain::Session out;
  out.id = in.id();
  absl::StatusOr<absl::Time> start =
      TimeFromProto(in.start_time(), absl::StrCat(prefix, ".start_time"));
  if (!start.ok()) return start.status();
  absl::StatusOr<absl::Time> end = TimeFromProto(in.end_time(), absl::StrCat(prefix, ".end_time"));
  if (!end.ok()) return end.status();
  // Sessions are kept in whole seconds: refuse rather than cut.
  for (const auto& [t, field] :
       {std::pair{&in.start_time(), "start_time"}, std::pair{&in.end_time(), "end_time"}}) {
    if (t->nanos() != 0) {
      return domain::InvalidField(absl::StrCat(prefix, ".", field),
                                  domain::Msg("must be whole seconds (nanos must be 0)"));
    }
  }
  out.start = *start;
  out.end = *end;
  out.place.name = in.place().name();
  out.place.address = in.place().address();
  out.note = in.note();
  for (const auto& booking : in.trainers()) {
    domain::TrainerBooking b;
    b.trainer_id = booking.trainer_id();
    b.status = ConvertEnum<domain::BookingStatus>(booking.status());
    out.trainers.push_back(b);
  }
  return out;
}

}  // namespace trainhub::api

namespace trainhub::v1 {
using api::ConvertEnum;
using api::TimeToProto;

void ToProto(const domain::Organization& in, Organization* out) {
  out->set_id(in.id);
  out->set_name(in.name);
  out->set_kind(ConvertEnum<trainhub::v1::OrganizationKind>(in.kind));
  out->set_city(in.city);
  out->set_website(in.website);
  out->set_record_retention_years(in.record_retention_years);
  out->set_signatory_name(in.signatory_name);
  out->set_signatory_role(in.signatory_role);
  TimeToProto(in.create_time, out->mutable_create_time());
  TimeToProto(in.update_time, out->mutable_update_time());
}

void ToProto(const domain::Trainer& in, Trainer* out) {
  out->set_id(in.id);
  out->set_display_name(in.display_name);
  out->set_email(in.email);
  out->set_affiliation(in.affiliation);
  TimeToProto(in.create_time, out->mutable_create_time());
  TimeToProto(in.update_time, out->mutable_update_time());
}

void ToProto(const domain::Series& in, Series* out) {
  out->set_id(in.id);
  out->set_organization_id(in.organization_id);
  out->set_title(in.title);
  out->set_kind(ConvertEnum<trainhub::v1::SeriesKind>(in.kind));
  out->set_description(in.description);
  for (domain::Id id : in.partner_organization_ids) {
    out->add_partner_organization_ids(id);
  }
  for (domain::TargetGroup g : in.target_groups) {
    out->add_target_groups(ConvertEnum<trainhub::v1::TargetGroup>(g));
  }
  out->set_capacity(in.capacity);
  out->set_status(ConvertEnum<trainhub::v1::SeriesStatus>(in.status));
  out->set_cancellation_reason(in.cancellation_reason);
  out->set_partners_may_plan(in.partners_may_plan);
  out->set_requires_approval(in.requires_approval);
  out->set_requires_confirmation(in.requires_confirmation);
  if (in.confirmation_deadline) {
    TimeToProto(*in.confirmation_deadline, out->mutable_confirmation_deadline());
  }
  if (in.enrolment_deadline) TimeToProto(*in.enrolment_deadline, out->mutable_enrolment_deadline());
  out->set_awards_qualification(in.awards_qualification);
  out->set_required_qualification(in.required_qualification);
  out->set_issued_documents(ConvertEnum<trainhub::v1::IssuedDocuments>(in.issued_documents));
  out->set_seats_taken(in.seats_taken);
  out->set_waitlist_length(in.waitlist_length);
  out->set_module_count(in.module_count);
  if (in.first_session_start) {
    TimeToProto(*in.first_session_start, out->mutable_first_session_start());
  }
  if (in.last_session_end) {
    TimeToProto(*in.last_session_end, out->mutable_last_session_end());
  }
  TimeToProto(in.create_time, out->mutable_create_time());
  TimeToProto(in.update_time, out->mutable_update_time());
}

void ToProto(const domain::Module& in, Module* out) {
  out->set_id(in.id);
  out->set_series_id(in.series_id);
  out->set_position(in.position);
  out->set_title(in.title);
  for (const std::string& topic : in.topics) out->add_topics(topic);
  out->set_mandatory(in.mandatory);
  out->set_teaching_units(in.teaching_units);
  out->set_session_count(in.session_count);
}

void ToProto(const domain::Session& in, Session* out) {
  out->set_id(in.id);
  out->set_series_id(in.series_id);
  out->set_module_id(in.module_id);
  TimeToProto(in.start, out->mutable_start_time());
  TimeToProto(in.end, out->mutable_end_time());
  out->mutable_place()->set_name(in.place.name);
  out->mutable_place()->set_address(in.place.address);
  for (const domain::TrainerBooking& b : in.trainers) {
    auto* booking = out->add_trainers();
    booking->set_trainer_id(b.trainer_id);
    booking->set_trainer_name(b.trainer_name);
    booking->set_status(ConvertEnum<trainhub::v1::BookingStatus>(b.status));
    TimeToProto(b.status_time, booking->mutable_status_time());
  }
  out->set_note(in.note);
  out->set_series_title(in.series_title);
  out->set_series_status(ConvertEnum<trainhub::v1::SeriesStatus>(in.series_status));
  out->set_module_title(in.module_title);
  out->set_module_position(in.module_position);
}

}  // namespace trainhub::v1
