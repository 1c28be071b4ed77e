#include "api/convert.h"

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "domain/berlin_time.h"
#include "domain/errors.h"
#include "domain/status_macros.h"
#include "domain/enrolment/training_year.h"

namespace trainhub::api {
namespace {
// google.protobuf.Timestamp's documented range: 0001-01-01 to 9999-12-31.
constexpr int64_t kMinTimestampSeconds = -62135596800;
constexpr int64_t kMaxTimestampSeconds = 253402300799;
}  // namespace

absl::StatusOr<absl::Time> TimeFromProto(const google::protobuf::Timestamp& t,
                                         absl::string_view field) {
  if (t.nanos() < 0 || t.nanos() > 999999999 || t.seconds() < kMinTimestampSeconds ||
      t.seconds() > kMaxTimestampSeconds) {
    return domain::InvalidField(std::string(field), domain::Msg("is not a valid timestamp"));
  }
  return absl::FromUnixSeconds(t.seconds()) + absl::Nanoseconds(t.nanos());
}

absl::StatusOr<std::optional<absl::Time>> OptionalTimeFromProto(
    bool has, const google::protobuf::Timestamp& t, absl::string_view field) {
  if (!has) return std::optional<absl::Time>();
  absl::StatusOr<absl::Time> time = TimeFromProto(t, field);
  if (!time.ok()) return time.status();
  return std::optional<absl::Time>(*time);
}

void TimeToProto(absl::Time t, google::protobuf::Timestamp* out) {
  const int64_t nanos = absl::ToUnixNanos(t);
  out->set_seconds(absl::ToUnixSeconds(t));
  out->set_nanos(static_cast<int32_t>(nanos - out->seconds() * 1000000000));
}

domain::UpdateMask MaskFromProto(const google::protobuf::FieldMask& mask) {
  return domain::UpdateMask(mask.paths().begin(), mask.paths().end());
}

void ToProto(const domain::AuditEvent& in, trainhub::v1::AuditEvent* out) {
  out->set_id(in.id);
  TimeToProto(in.time, out->mutable_time());
  out->set_account_id(in.account_id);
  out->set_method(in.method);
  out->set_object(in.object);
  out->set_organization_id(in.organization_id);
  out->set_result(in.result);
  out->set_request_id(in.request_id);
  out->set_peer(in.peer);
  out->set_repeat_count(in.repeat_count);
  out->set_account_name(in.account_name);
}

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

void ToProto(const domain::Participant& in, trainhub::v1::Participant* out) {
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

domain::Account FromProto(const trainhub::v1::Account& in) {
  domain::Account out;
  out.id = in.id();
  out.email = in.email();
  out.display_name = in.display_name();
  for (const auto& g : in.roles()) {
    out.roles.push_back({ConvertEnum<domain::Role>(g.role()), g.organization_id(), g.trainer_id(),
                         g.participant_id()});
  }
  return out;
}

void ToProto(const domain::Account& in, trainhub::v1::Account* out) {
  out->set_id(in.id);
  out->set_email(in.email);
  out->set_display_name(in.display_name);
  for (const domain::RoleGrant& g : in.roles) {
    auto* grant = out->add_roles();
    grant->set_role(ConvertEnum<trainhub::v1::Role>(g.role));
    grant->set_organization_id(g.organization_id);
    grant->set_trainer_id(g.trainer_id);
    grant->set_participant_id(g.participant_id);
  }
  TimeToProto(in.create_time, out->mutable_create_time());
}

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

void ToProto(const domain::Organization& in, trainhub::v1::Organization* out) {
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

domain::Trainer FromProto(const trainhub::v1::Trainer& in) {
  domain::Trainer out;
  out.id = in.id();
  out.display_name = in.display_name();
  out.email = in.email();
  out.affiliation = in.affiliation();
  return out;
}

void ToProto(const domain::Trainer& in, trainhub::v1::Trainer* out) {
  out->set_id(in.id);
  out->set_display_name(in.display_name);
  out->set_email(in.email);
  out->set_affiliation(in.affiliation);
  TimeToProto(in.create_time, out->mutable_create_time());
  TimeToProto(in.update_time, out->mutable_update_time());
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

void ToProto(const domain::Series& in, trainhub::v1::Series* out) {
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

domain::Module FromProto(const trainhub::v1::Module& in) {
  domain::Module out;
  out.id = in.id();
  out.title = in.title();
  out.topics.assign(in.topics().begin(), in.topics().end());
  out.mandatory = in.mandatory();
  out.teaching_units = in.teaching_units();
  return out;
}

void ToProto(const domain::Module& in, trainhub::v1::Module* out) {
  out->set_id(in.id);
  out->set_series_id(in.series_id);
  out->set_position(in.position);
  out->set_title(in.title);
  for (const std::string& topic : in.topics) out->add_topics(topic);
  out->set_mandatory(in.mandatory);
  out->set_teaching_units(in.teaching_units);
  out->set_session_count(in.session_count);
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

void ToProto(const domain::Session& in, trainhub::v1::Session* out) {
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

void ToProto(const domain::Enrolment& in, trainhub::v1::Enrolment* out) {
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

void ToProto(const domain::EnrolmentChange& in, trainhub::v1::EnrolmentChange* out) {
  out->set_id(in.id);
  TimeToProto(in.time, out->mutable_time());
  out->set_from_state(ConvertEnum<trainhub::v1::EnrolmentState>(in.from));
  out->set_to_state(ConvertEnum<trainhub::v1::EnrolmentState>(in.to));
  out->set_account_id(in.account_id);
  out->set_account_name(in.account_name);
  out->set_reason(in.reason);
}

domain::Qualification FromProto(const trainhub::v1::Qualification& in) {
  domain::Qualification out;
  out.title = in.title();
  out.note = in.note();
  return out;
}

void ToProto(const domain::Qualification& in, trainhub::v1::Qualification* out) {
  out->set_id(in.id);
  out->set_participant_id(in.participant_id);
  out->set_title(in.title);
  out->set_series_id(in.series_id);
  out->set_note(in.note);
  out->set_recorded_by_account_id(in.recorded_by);
  TimeToProto(in.record_time, out->mutable_record_time());
}

absl::StatusOr<absl::CivilDay> DayFromProto(bool has, const trainhub::v1::LocalDate& day,
                                            absl::string_view field) {
  if (!has) return domain::InvalidField(std::string(field), domain::Msg("is required"));
  const absl::CivilDay civil(day.year(), day.month(), day.day());
  if (day.year() < 2000 || day.year() > 2100 || civil.year() != day.year() ||
      civil.month() != day.month() || civil.day() != day.day()) {
    return domain::InvalidField(
        std::string(field),
        domain::Msg("{day} is not a day of the years 2000 to 2100",
                    {{"day", absl::StrCat(day.year(), "-", day.month(), "-", day.day())}}));
  }
  return civil;
}

absl::StatusOr<absl::Duration> TimeOfDayFromProto(bool has, const trainhub::v1::LocalTime& time,
                                                  absl::string_view field) {
  if (!has) return domain::InvalidField(std::string(field), domain::Msg("is required"));
  if (time.hours() < 0 || time.hours() > 23 || time.minutes() < 0 || time.minutes() > 59) {
    return domain::InvalidField(std::string(field),
                                domain::Msg("hours must be 0 to 23, minutes 0 to 59"));
  }
  return absl::Hours(time.hours()) + absl::Minutes(time.minutes());
}

absl::StatusOr<domain::AttendanceMark> MarkFromProto(const v1::AttendanceMark& in,
                                                     absl::string_view field) {
  domain::AttendanceMark out;
  out.participant_id = in.participant_id();
  out.status = ConvertEnum<domain::AttendanceStatus>(in.status());
  out.minutes_missed = in.minutes_missed();
  out.note = in.note();
  TH_ASSIGN_OR_RETURN(out.client_time, OptionalTimeFromProto(in.has_client_time(), in.client_time(),
                                                             absl::StrCat(field, ".client_time")));
  out.client_nonce = in.client_nonce();
  out.device_id = in.device_id();
  return out;
}

void ToProto(const domain::AttendanceEntry& in, v1::AttendanceRecord* out) {
  out->set_id(in.id);
  out->set_session_id(in.session_id);
  out->set_participant_id(in.participant_id);
  out->set_status(ConvertEnum<v1::AttendanceStatus>(in.status));
  out->set_minutes_missed(in.minutes_missed);
  out->set_note(in.note);
  out->set_source(ConvertEnum<v1::AttendanceSource>(in.source));
  TimeToProto(in.client_time, out->mutable_client_time());
  TimeToProto(in.record_time, out->mutable_record_time());
  out->set_account_id(in.account_id);
  out->set_account_name(in.account_name);
  out->set_reason(in.reason);
  out->set_conflicting_record_id(in.conflicting_record_id);
  out->set_device_id(in.device_id);
  out->set_client_nonce(in.client_nonce);
  out->set_previous_status(ConvertEnum<v1::AttendanceStatus>(in.previous_status));
}

void ToProto(const domain::AttendanceSheet& in, v1::AttendanceSheet* out) {
  out->set_session_id(in.session.id);
  out->set_series_id(in.session.series_id);
  out->set_module_id(in.session.module_id);
  out->set_series_title(in.session.series_title);
  out->set_module_title(in.session.module_title);
  TimeToProto(in.session.start, out->mutable_start_time());
  TimeToProto(in.session.end, out->mutable_end_time());
  for (const domain::SheetEntry& e : in.entries) {
    v1::AttendanceSheet::Entry* entry = out->add_entries();
    entry->set_participant_id(e.participant_id);
    entry->set_participant_name(e.participant_name);
    entry->set_organization_name(e.organization_name);
    entry->set_needs_review(e.needs_review);
    if (!e.record) continue;
    entry->set_status(ConvertEnum<v1::AttendanceStatus>(e.record->status));
    entry->set_minutes_missed(e.record->minutes_missed);
    entry->set_note(e.record->note);
    entry->set_source(ConvertEnum<v1::AttendanceSource>(e.record->source));
    entry->set_record_id(e.record->id);
    TimeToProto(e.record->record_time, entry->mutable_record_time());
  }
  out->set_recorded_count(in.recorded_count);
  out->set_unrecorded_count(in.unrecorded_count);
  out->set_signed_off(in.sign_off.has_value());
  if (in.sign_off) TimeToProto(in.sign_off->record_time, out->mutable_sign_off_time());
  out->set_signed_off_by(in.signed_off_by);
  out->set_check_in_open(in.check_in_open);
}

void ToProto(const domain::PersonAttendance& p, v1::PersonAttendance* person) {
  person->set_participant_id(p.participant_id);
  person->set_participant_name(p.participant_name);
  person->set_sessions_expected(p.sessions_expected);
  person->set_sessions_held(p.sessions_held);
  person->set_present(p.present);
  person->set_present_only(p.present_only);
  person->set_late(p.late);
  person->set_excused(p.excused);
  person->set_absent(p.absent);
  person->set_unrecorded(p.unrecorded);
  person->set_upcoming(p.upcoming);
  person->set_minutes_missed(p.minutes_missed);
  person->set_teaching_units_attended(p.teaching_units_attended);
  person->set_teaching_units_held(p.teaching_units_held);
  person->set_attendance_rate(p.attendance_rate);
}

void ToProto(const domain::AttendanceSummary& in, v1::AttendanceSummary* out) {
  out->set_series_id(in.series.id);
  out->set_series_title(in.series.title);
  out->set_session_count(in.session_count);
  out->set_teaching_units(in.teaching_units);
  for (const domain::PersonAttendance& p : in.people) ToProto(p, out->add_people());
}

void ToProto(const domain::AttendanceMatrix& in, v1::AttendanceMatrix* out) {
  out->set_series_id(in.series.id);
  out->set_series_title(in.series.title);
  for (const domain::MatrixColumn& c : in.columns) {
    v1::AttendanceMatrix::Column* column = out->add_sessions();
    column->set_session_id(c.session.id);
    column->set_module_position(c.session.module_position);
    column->set_module_title(c.session.module_title);
    TimeToProto(c.session.start, column->mutable_start_time());
    TimeToProto(c.session.end, column->mutable_end_time());
    column->set_teaching_units(c.teaching_units);
    column->set_signed_off(c.signed_off);
    column->set_held(c.held);
  }
  for (const domain::MatrixRow& r : in.rows) {
    v1::AttendanceMatrix::Row* row = out->add_rows();
    row->set_participant_id(r.participant_id);
    row->set_participant_name(r.participant_name);
    for (const domain::MatrixCell& c : r.cells) {
      v1::AttendanceMatrix::Cell* cell = row->add_cells();
      cell->set_expected(c.expected);
      cell->set_status(ConvertEnum<v1::AttendanceStatus>(c.status));
      cell->set_minutes_missed(c.minutes_missed);
      cell->set_needs_review(c.needs_review);
    }
    ToProto(r.totals, row->mutable_totals());
  }
}

void ToProto(const domain::CheckInCode& in, v1::CheckInWindow* out) {
  out->set_session_id(in.session_id);
  out->set_open(in.open);
  out->set_code(in.code);
  if (in.open) {
    TimeToProto(in.code_expire_time, out->mutable_code_expire_time());
    out->set_qr_payload(absl::StrCat("trainhub-checkin:", in.session_id, ":", in.code));
  }
  if (in.close_time != absl::Time()) TimeToProto(in.close_time, out->mutable_close_time());
}

void ToProto(const domain::LedgerCheck& in, v1::LedgerVerification* out) {
  out->set_intact(in.intact);
  out->set_entry_count(in.entry_count);
  out->set_head_hash(in.head_hash);
  out->set_first_bad_entry_id(in.first_bad_entry_id);
  out->set_problem(in.problem);
  out->set_content_unchecked_count(in.content_unchecked_count);
  for (const std::string& m : in.current_status_mismatches) out->add_current_status_mismatches(m);
  out->set_current_status_mismatch_count(in.current_status_mismatch_count);
}

void ToProto(const domain::AuditChainCheck& in, v1::AuditLogVerification* out) {
  out->set_intact(in.intact);
  out->set_event_count(in.event_count);
  out->set_head_hash(in.head_hash);
  out->set_first_bad_event_id(in.first_bad_event_id);
  out->set_problem(in.problem);
  out->set_open_count(in.open_count);
}

}  // namespace trainhub::api
