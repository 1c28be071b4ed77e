// The GDPR erasure and the retention of records (domain/privacy/privacy.h).

#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "domain/access.h"
#include "domain/attendance/attendance_ledger.h"
#include "domain/attendance/attendance_rules.h"
#include "domain/audit_trail.h"
#include "domain/berlin_time.h"
#include "domain/documents/canonical_json.h"
#include "domain/completion/certificate_status.h"
#include "domain/errors.h"
#include "domain/limits.h"
#include "domain/privacy/privacy.h"
#include "domain/status_macros.h"
#include "domain/text.h"
#include "domain/work_gate.h"

namespace trainhub::domain {
namespace {

constexpr char kEraseMethod[] = "ErasePersonalData";

// Erasures hash names (argon2id) and rewrite a person's history: one at a
// time, four waiting.
WorkGate& ErasureGate() {
  static WorkGate* gate = new WorkGate(1, 4, absl::Seconds(30));
  return *gate;
}

bool TakesPart(EnrolmentState s) {
  return s == EnrolmentState::kPendingApproval || s == EnrolmentState::kWaitlisted ||
         s == EnrolmentState::kEnrolled || s == EnrolmentState::kConfirmed;
}

bool Ended(const SeriesRecordOf& r, absl::Time now) {
  if (r.series_status == SeriesStatus::kCompleted || r.series_status == SeriesStatus::kCancelled) {
    return true;
  }
  return r.last_session_end && *r.last_session_end <= now;
}

std::string GermanDate(absl::CivilDay day) {
  return absl::StrFormat("%02d.%02d.%04d", day.day(), day.month(), day.year());
}

absl::CivilDay Today(absl::Time now) { return absl::ToCivilDay(now, DisplayTimeZone()); }

// The pseudonym an erased person's record shows.
std::string Pseudonym(Id participant_id) { return absl::StrCat("Person #", participant_id); }

// PERMISSION_DENIED unless `who` may erase `person` (NOT_FOUND for admins
// when there is no such person).
absl::StatusOr<Participant> PersonToErase(ReadView& r, const Principal& who, Id participant_id) {
  absl::StatusOr<Participant> person = r.participants().Get(participant_id);
  if (!who.IsAdmin() && (!person.ok() || !who.Coordinates(person->organization_id))) {
    if (!person.ok() && !absl::IsNotFound(person.status())) return person.status();
    return Denied(Msg("your account may not erase this person's data"));
  }
  if (!person.ok()) {
    return NameField(person.status(), "participant_id", absl::StatusCode::kNotFound);
  }
  return person;
}

// The certificates of a person, complete.
absl::StatusOr<std::vector<Certificate>> CertificatesOf(ReadView& r, Id participant_id) {
  CertificateFilter filter;
  filter.participant_id = participant_id;
  TH_ASSIGN_OR_RETURN(std::vector<Certificate> listed,
                      AllPages<Certificate>(
                          [&](const PageRequest& p) { return r.certificates().List(filter, p); }));
  std::vector<Certificate> out;
  for (const Certificate& c : listed) {
    TH_ASSIGN_OR_RETURN(Certificate full, r.certificates().Get(c.id));
    out.push_back(std::move(full));
  }
  return out;
}

// Why the person's data cannot be erased now, or OK.
absl::Status CheckErasable(Id participant_id, const Retention& retention, absl::Time now,
                           bool override_retention) {
  if (retention.still_enrolled) {
    const SeriesRecordOf& s = *retention.still_enrolled;
    return FieldError(absl::StatusCode::kFailedPrecondition, "participant_id",
                      Msg("participant {participant} is still {state, select, pending_approval {pending approval} waitlisted {waitlisted} enrolled {enrolled} confirmed {confirmed} withdrawn {withdrawn} rejected {rejected} released {released} other {unspecified}} in series {series} \"{title}\", "
                          "which has not ended; withdraw the enrolment first",
                          {{"participant", participant_id},
                           {"state", SelectKey(ToString(s.state))},
                           {"series", s.series_id},
                           {"title", s.series_title}}));
  }
  if (retention.keep_until && Today(now) <= *retention.keep_until && !override_retention) {
    const SeriesRecordOf& s = *retention.kept_for;
    return FieldError(
        absl::StatusCode::kFailedPrecondition, "participant_id",
        Msg("participant {participant}: the records of series {series} \"{title}\" are kept "
            "until {until} ({organization} keeps records {years} years after a series ended); "
            "erasure is possible from {from}, or an admin can override the retention",
            {{"participant", participant_id},
             {"series", s.series_id},
             {"title", s.series_title},
             {"until", GermanDate(*retention.keep_until)},
             {"organization", s.organization_name},
             MessageArg::Count("years", s.retention_years),
             {"from", GermanDate(*retention.keep_until + 1)}}));
  }
  return absl::OkStatus();
}

// The person's certificates with their documents redacted
// (RedactedContent) and signed anew by `signer`, by id.
absl::StatusOr<std::map<Id, Certificate>> RedactedCertificatesOf(ReadView& r, Id participant_id,
                                                                 const CertificateSigner& signer) {
  std::map<Id, Certificate> redacted;
  TH_ASSIGN_OR_RETURN(std::vector<Certificate> certificates, CertificatesOf(r, participant_id));
  for (Certificate& c : certificates) {
    TH_ASSIGN_OR_RETURN(CertificateContent content, RedactedContent(c.content));
    content.key_id = signer.key_id();
    TH_ASSIGN_OR_RETURN(c.document, CanonicalJson(DocumentOf(content)));
    c.signature = signer.Sign(c.document);
    c.content = std::move(content);
    redacted[c.id] = std::move(c);
  }
  return redacted;
}

// Why `person` cannot be erased with `reason` (trimmed), or OK: erased
// already, or a reason that names them (it is kept after the erasure).
absl::Status CheckErasableBy(const Participant& person, const std::string& reason) {
  if (person.erasure) {
    return FieldError(
        absl::StatusCode::kFailedPrecondition, "participant_id",
        Msg("participant {participant} was already erased on {time}",
            {{"participant", person.id}, {"time", FormatLocal(person.erasure->time)}}));
  }
  const std::string folded_reason = Folded(reason);
  const std::string folded_name = Folded(person.display_name);
  const std::string folded_email = Folded(person.email);
  if ((CountCodePoints(folded_name).value_or(0) >= 3 &&
       folded_reason.find(folded_name) != std::string::npos) ||
      (!folded_email.empty() && folded_reason.find(folded_email) != std::string::npos)) {
    return InvalidField("reason",
                        Msg("must not name the person: it is kept after their data is erased"));
  }
  return absl::OkStatus();
}

// Blanks the note and reason of the person's attendance records in
// `series_id`'s ledger (keeping their digest) and appends an erasure entry
// per session that commits to them; answers how many records it blanked.
absl::StatusOr<int64_t> EraseLedgerTexts(UnitOfWork& w, const RequestContext& ctx, Id series_id,
                                         Id participant_id, absl::Time now) {
  TH_ASSIGN_OR_RETURN(std::vector<AttendanceEntry> ledger, w.attendance().ListForSeries(series_id));
  // The person's records per session as they are after the erasure, for the
  // erasure entries that record it in the chain.
  std::map<Id, std::vector<AttendanceEntry>> erased_by_session;
  std::set<Id> sessions_erased;
  int64_t blanked = 0;
  for (AttendanceEntry& e : ledger) {
    if (e.kind != LedgerEntryKind::kRecord || e.participant_id != participant_id) continue;
    if (!e.note.empty() || !e.reason.empty()) {
      e.text_digest = LedgerTextDigest(e.note, e.reason);
      e.note.clear();
      e.reason.clear();
      TH_RETURN_IF_ERROR(w.privacy().EraseAttendanceTexts(e.id, e.text_digest));
      sessions_erased.insert(e.session_id);
      ++blanked;
    }
    if (!e.text_digest.empty()) erased_by_session[e.session_id].push_back(e);
  }
  if (sessions_erased.empty()) return blanked;
  TH_ASSIGN_OR_RETURN(LedgerAppender appender, LedgerAppender::For(w, series_id));
  for (Id session_id : sessions_erased) {
    AttendanceEntry erasure;
    erasure.session_id = session_id;
    erasure.kind = LedgerEntryKind::kErasure;
    erasure.participant_id = participant_id;
    erasure.client_time = erasure.record_time = now;
    erasure.account_id = ctx.who.account.id;
    erasure.text_digest = LedgerErasedDigest(erased_by_session[session_id]);
    TH_RETURN_IF_ERROR(appender.Add(std::move(erasure)).status());
  }
  TH_RETURN_IF_ERROR(appender.Finish());
  return blanked;
}

// EraseLedgerTexts in each series of `records`; answers how many records
// it blanked.
absl::StatusOr<int64_t> EraseAttendanceTexts(UnitOfWork& w, const RequestContext& ctx,
                                             Id participant_id,
                                             const std::vector<SeriesRecordOf>& records,
                                             absl::Time now) {
  std::set<Id> series;
  for (const SeriesRecordOf& r : records) series.insert(r.series_id);
  int64_t blanked = 0;
  for (Id series_id : series) {
    TH_ASSIGN_OR_RETURN(int64_t n, EraseLedgerTexts(w, ctx, series_id, participant_id, now));
    blanked += n;
  }
  return blanked;
}

// Stores the redacted documents (`redacted`, by id) of the person's
// certificates and signs their statuses anew; ABORTED when one was issued
// since they were redacted. Answers how many.
absl::StatusOr<int64_t> StoreRedactedCertificates(UnitOfWork& w, AuditTrail& trail,
                                                  const Participant& person,
                                                  const std::map<Id, Certificate>& redacted,
                                                  const CertificateSigner& signer) {
  TH_ASSIGN_OR_RETURN(std::vector<Certificate> certificates, CertificatesOf(w, person.id));
  for (const Certificate& c : certificates) {
    auto it = redacted.find(c.id);
    if (it == redacted.end()) {
      return Refusal(absl::StatusCode::kAborted,
                     Msg("a certificate was issued meanwhile; erase again"));
    }
    TH_RETURN_IF_ERROR(w.privacy().RedactCertificate(c.id, it->second.document,
                                                     it->second.signature, signer.key_id()));
    Certificate redacted_status = c;
    redacted_status.revoke_reason.clear();  // as RedactCertificate stores it
    TH_RETURN_IF_ERROR(ResignRedactedStatus(w, c, redacted_status, signer));
    TH_RETURN_IF_ERROR(trail.Changed("certificate", c.id, person.organization_id));
  }
  return static_cast<int64_t>(certificates.size());
}

// Reports the erased person's `enrolments` and record as changed.
absl::Status ReportErasedEnrolments(UnitOfWork& w, AuditTrail& trail, const Participant& person,
                                    const std::vector<Enrolment>& enrolments) {
  for (const Enrolment& e : enrolments) {
    TH_ASSIGN_OR_RETURN(Series s, w.series().Get(e.series_id));
    TH_RETURN_IF_ERROR(trail.Changed("enrolment", e.id, s.organization_id));
  }
  return trail.Changed("participant", person.id, person.organization_id);
}

// Removes what the outbox holds of the person's mail (to their record and
// to their accounts), keeping the counts; pending mail is never sent.
absl::Status EraseMailOf(UnitOfWork& w, Id participant_id, const std::vector<Id>& account_ids,
                         absl::Time now) {
  TH_RETURN_IF_ERROR(
      w.notifications().EraseMailTo(RecipientKind::kParticipant, participant_id, now).status());
  for (Id account_id : account_ids) {
    TH_RETURN_IF_ERROR(
        w.notifications().EraseMailTo(RecipientKind::kAccount, account_id, now).status());
  }
  return absl::OkStatus();
}

}  // namespace

Retention RetentionOf(const std::vector<SeriesRecordOf>& records, absl::Time now) {
  Retention out;
  for (const SeriesRecordOf& r : records) {
    if (TakesPart(r.state) && !Ended(r, now)) {
      if (!out.still_enrolled) out.still_enrolled = r;
      continue;
    }
    if (!r.has_records || r.retention_years <= 0 || !r.last_session_end) continue;
    const absl::CivilDay last_day =
        absl::ToCivilDay(*r.last_session_end - absl::Seconds(1), DisplayTimeZone());
    const absl::CivilDay until(last_day.year() + r.retention_years, last_day.month(),
                               last_day.day());
    if (!out.keep_until || until > *out.keep_until) {
      out.keep_until = until;
      out.kept_for = r;
    }
  }
  return out;
}

absl::StatusOr<ErasureResult> Privacy::Erase(const RequestContext& ctx,
                                             const ErasureRequest& request) {
  TH_RETURN_IF_ERROR(CheckId(request.participant_id, "participant_id"));
  TH_RETURN_IF_ERROR(ValidateRequestId(request.key.request_id));
  std::string reason = request.reason;
  if (CountCodePoints(reason)) reason = Trimmed(reason);
  if (std::optional<Message> problem = TextProblem(reason, 1, kMaxReasonChars, true)) {
    return InvalidField("reason", *std::move(problem));
  }
  if (request.override_retention && !ctx.who.IsAdmin()) {
    return Denied(Msg("your account may not override the retention of records (admins only)"));
  }
  WorkGate::Pass pass = ErasureGate().Enter();
  if (!pass.ok()) {
    return Refusal(absl::StatusCode::kResourceExhausted,
                   Msg("other erasures are running; try again shortly"));
  }
  const Id participant_id = request.participant_id;
  // Certificates are redacted before the write: hashing the name takes a
  // while, and the writer must not wait for it.
  std::map<Id, Certificate> redacted;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    TH_ASSIGN_OR_RETURN(Participant person, PersonToErase(r, ctx.who, participant_id));
    if (person.erasure) return absl::OkStatus();  // answered in the write
    TH_ASSIGN_OR_RETURN(redacted, RedactedCertificatesOf(r, participant_id, signer_));
    return absl::OkStatus();
  }));
  ErasureResult result;
  std::vector<Id> account_ids;
  TH_RETURN_IF_ERROR(store_.Write([&](UnitOfWork& w) -> absl::Status {
    const absl::Time now = clock_();
    TH_ASSIGN_OR_RETURN(Participant person, PersonToErase(w, ctx.who, participant_id));
    auto replay = [&](const RequestRecord&) {
      result.person = std::move(person);
      return absl::OkStatus();
    };
    return OncePerRequest(w, kEraseMethod, request.key, replay, [&]() -> absl::StatusOr<Id> {
      TH_RETURN_IF_ERROR(CheckErasableBy(person, reason));
      TH_ASSIGN_OR_RETURN(std::vector<SeriesRecordOf> records,
                          w.privacy().SeriesRecordsOf(participant_id));
      const Retention retention = RetentionOf(records, now);
      TH_RETURN_IF_ERROR(CheckErasable(participant_id, retention, now, request.override_retention));
      AuditTrail trail(w, ctx, now);
      Participant::Erasure erasure;
      erasure.time = now;
      erasure.erased_by = ctx.who.account.id;
      erasure.reason = reason;
      erasure.retention_overridden =
          request.override_retention && retention.keep_until && Today(now) <= *retention.keep_until;
      TH_RETURN_IF_ERROR(
          w.privacy().MarkErased(participant_id, Pseudonym(participant_id), erasure));
      TH_ASSIGN_OR_RETURN(account_ids, w.privacy().AccountIdsOf(participant_id));
      TH_ASSIGN_OR_RETURN(result.erased, w.privacy().EraseTexts(participant_id, account_ids));
      TH_RETURN_IF_ERROR(EraseMailOf(w, participant_id, account_ids, now));
      for (Id account_id : account_ids) {
        TH_RETURN_IF_ERROR(trail.Changed("account", account_id, 0));
      }
      EnrolmentFilter filter;
      filter.participant_id = participant_id;
      TH_ASSIGN_OR_RETURN(std::vector<Enrolment> enrolments,
                          AllPages<Enrolment>([&](const PageRequest& p) {
                            return w.enrolments().List(filter, p);
                          }));
      TH_ASSIGN_OR_RETURN(result.attendance_texts,
                          EraseAttendanceTexts(w, ctx, participant_id, records, now));
      TH_ASSIGN_OR_RETURN(result.certificates,
                          StoreRedactedCertificates(w, trail, person, redacted, signer_));
      TH_RETURN_IF_ERROR(ReportErasedEnrolments(w, trail, person, enrolments));
      TH_ASSIGN_OR_RETURN(result.person, w.participants().Get(participant_id));
      return participant_id;
    });
  }));
  for (Id account_id : account_ids) accounts_.ForgetTokensOf(account_id);
  // The erasure is durable; should another process's reader keep the log,
  // the store finishes the purge once it is gone (purge_pending says so).
  (void)store_.DropOverwrittenData();
  result.purge_pending = store_.PurgePending();
  return result;
}

absl::StatusOr<Page<ErasureDue>> Privacy::ListErasureDue(const Principal& who, Id organization_id,
                                                         const PageRequest& page) {
  if (organization_id < 0) return InvalidField("organization_id", Msg("must be a positive id"));
  if (!who.IsAdmin()) {
    if (organization_id == 0) {
      std::set<Id> coordinated;
      for (const RoleGrant& g : who.account.roles) {
        if (g.role == Role::kCoordinator && g.organization_id != 0) {
          coordinated.insert(g.organization_id);
        }
      }
      if (coordinated.size() != 1) {
        return InvalidField("organization_id",
                            Msg("name the organisation whose records to review"));
      }
      organization_id = *coordinated.begin();
    }
    if (!who.Coordinates(organization_id)) return Denied(Msg("your account may not review this organisation's records"));
  }
  const int scan = std::max(1, page.limit) * 20;
  const Id after = page.after ? page.after->id : 0;
  Page<ErasureDue> out;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    if (organization_id != 0) {
      absl::StatusOr<Organization> org = r.organizations().Get(organization_id);
      if (!org.ok()) return NameField(org.status(), "organization_id");
    }
    TH_ASSIGN_OR_RETURN(std::vector<Id> ids,
                        r.privacy().PeopleNotErased(organization_id, after, scan));
    const absl::Time now = clock_();
    for (Id id : ids) {
      TH_ASSIGN_OR_RETURN(std::vector<SeriesRecordOf> records, r.privacy().SeriesRecordsOf(id));
      const Retention retention = RetentionOf(records, now);
      if (!retention.still_enrolled && retention.keep_until && Today(now) > *retention.keep_until) {
        TH_ASSIGN_OR_RETURN(Participant person, r.participants().Get(id));
        out.items.push_back({id, person.display_name, person.organization_id, *retention.keep_until,
                             *retention.kept_for});
      }
      if (static_cast<int>(out.items.size()) == page.limit) {
        out.next = Cursor{id, id};
        return absl::OkStatus();
      }
    }
    if (static_cast<int>(ids.size()) == scan) out.next = Cursor{ids.back(), ids.back()};
    return absl::OkStatus();
  }));
  return out;
}

}  // namespace trainhub::domain
