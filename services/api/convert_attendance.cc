#include "api/convert_attendance.h"

namespace trainhub::api {

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

}  // namespace trainhub::api

namespace trainhub::v1 {
using api::ConvertEnum;
using api::TimeToProto;

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

}  // namespace trainhub::v1
