#include "domain/privacy.h"

#include <zip.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "domain/access.h"
#include "domain/attendance_ledger.h"
#include "domain/audit_trail.h"
#include "domain/berlin_time.h"
#include "domain/canonical_json.h"
#include "domain/certificate_document.h"
#include "domain/completion_rules.h"
#include "domain/errors.h"
#include "domain/limits.h"
#include "domain/status_macros.h"
#include "domain/text.h"
#include "domain/work_gate.h"

namespace trainhub::domain {
namespace {

using Json = nlohmann::ordered_json;

// Exports read a person's whole history and write a file: at most two at
// once, four waiting.
WorkGate& ExportGate() {
  static WorkGate* gate = new WorkGate(2, 4, absl::Seconds(20));
  return *gate;
}

std::string Time(absl::Time t) { return FormatUtcSeconds(t); }

template <typename T, typename List>
absl::StatusOr<std::vector<T>> AllPages(List list) {
  std::vector<T> out;
  PageRequest page;
  page.limit = 500;
  while (true) {
    TH_ASSIGN_OR_RETURN(Page<T> got, list(page));
    for (T& item : got.items) out.push_back(std::move(item));
    if (!got.next) return out;
    page.after = got.next;
  }
}

// What the export holds, read in one snapshot.
struct Gathered {
  Participant person;
  std::string organization_name;
  std::vector<Account> accounts;
  struct EnrolmentWithHistory {
    Enrolment enrolment;
    std::vector<EnrolmentChange> history;
  };
  std::vector<EnrolmentWithHistory> enrolments;
  std::vector<AttendanceEntry> attendance;
  std::map<Id, Session> sessions;
  std::vector<Qualification> qualifications;
  std::vector<CompletionDecision> decisions;
  std::vector<Certificate> certificates;
  std::vector<AuditEvent> audit;
  bool audit_cut = false;
};

absl::StatusOr<Gathered> Gather(ReadView& r, const Principal& who, Id participant_id,
                                bool* complete) {
  Gathered g;
  absl::StatusOr<Participant> person = r.participants().Get(participant_id);
  const bool self = who.ParticipantId() != 0 && who.ParticipantId() == participant_id;
  if (!who.IsAdmin() && !self && (!person.ok() || !who.Coordinates(person->organization_id))) {
    if (!person.ok() && !absl::IsNotFound(person.status())) return person.status();
    return Denied("export this person's data");
  }
  if (!person.ok()) {
    return NameField(person.status(), "participant_id", absl::StatusCode::kNotFound);
  }
  *complete = who.IsAdmin() || who.Coordinates(person->organization_id);
  g.person = *std::move(person);
  TH_ASSIGN_OR_RETURN(Organization org, r.organizations().Get(g.person.organization_id));
  g.organization_name = org.name;
  TH_ASSIGN_OR_RETURN(std::vector<Id> account_ids, r.privacy().AccountIdsOf(participant_id));
  for (Id id : account_ids) {
    TH_ASSIGN_OR_RETURN(Account a, r.accounts().Get(id));
    g.accounts.push_back(std::move(a));
  }
  EnrolmentFilter filter;
  filter.participant_id = participant_id;
  TH_ASSIGN_OR_RETURN(
      std::vector<Enrolment> enrolments,
      AllPages<Enrolment>([&](const PageRequest& p) { return r.enrolments().List(filter, p); }));
  std::set<Id> series;
  std::vector<std::string> objects = {absl::StrCat("participant/", participant_id)};
  for (Enrolment& e : enrolments) {
    series.insert(e.series_id);
    objects.push_back(absl::StrCat("enrolment/", e.id));
    TH_ASSIGN_OR_RETURN(std::vector<EnrolmentChange> history,
                        AllPages<EnrolmentChange>([&](const PageRequest& p) {
                          return r.enrolments().ListChanges(e.id, p);
                        }));
    g.enrolments.push_back({std::move(e), std::move(history)});
  }
  for (Id series_id : series) {
    TH_ASSIGN_OR_RETURN(std::vector<AttendanceEntry> ledger,
                        r.attendance().ListForSeries(series_id));
    for (AttendanceEntry& e : ledger) {
      if (e.kind != LedgerEntryKind::kRecord || e.participant_id != participant_id) continue;
      if (!g.sessions.count(e.session_id)) {
        TH_ASSIGN_OR_RETURN(Session s, r.sessions().Get(e.session_id));
        g.sessions[e.session_id] = std::move(s);
      }
      g.attendance.push_back(std::move(e));
    }
    TH_ASSIGN_OR_RETURN(std::vector<CompletionDecision> decisions,
                        AllPages<CompletionDecision>([&](const PageRequest& p) {
                          return r.completion().ListDecisions(series_id, participant_id, p);
                        }));
    for (CompletionDecision& d : decisions) g.decisions.push_back(std::move(d));
  }
  TH_ASSIGN_OR_RETURN(g.qualifications, r.participants().ListQualifications(participant_id));
  for (const Qualification& q : g.qualifications) {
    objects.push_back(absl::StrCat("qualification/", q.id));
  }
  CertificateFilter certificates;
  certificates.participant_id = participant_id;
  TH_ASSIGN_OR_RETURN(std::vector<Certificate> listed,
                      AllPages<Certificate>([&](const PageRequest& p) {
                        return r.certificates().List(certificates, p);
                      }));
  for (const Certificate& c : listed) {
    TH_ASSIGN_OR_RETURN(Certificate full, r.certificates().Get(c.id));
    objects.push_back(absl::StrCat("certificate/", c.id));
    g.certificates.push_back(std::move(full));
  }
  TH_ASSIGN_OR_RETURN(
      g.audit, r.privacy().AuditEventsAbout(objects, account_ids, kMaxExportedAuditEvents + 1));
  if (g.audit.size() > kMaxExportedAuditEvents) {
    g.audit.resize(kMaxExportedAuditEvents);
    g.audit_cut = true;
  }
  return g;
}

Json ToJson(const Gathered& g, bool complete, absl::Time now) {
  Json groups = Json::array();
  for (TargetGroup t : g.person.target_groups) groups.push_back(std::string(ToString(t)));
  Json out;
  out["export"] = {
      {"format", "trainhub personal data export 1"},
      {"created", Time(now)},
      {"participant_id", g.person.id},
      {"complete", complete},
      {"note", complete ? "Alles, was trainhub über die Person speichert."
                        : "Eigene Daten ohne die Notizen, die Koordination und Referent:innen "
                          "über die Person führen; die vollständige Auskunft gibt der Träger."}};
  out["person"] = {
      {"id", g.person.id},
      {"name", g.person.display_name},
      {"email", g.person.email},
      {"organization", {{"id", g.person.organization_id}, {"name", g.organization_name}}},
      {"target_groups", groups},
      {"training_year", g.person.training_year},
      {"created", Time(g.person.create_time)},
      {"updated", Time(g.person.update_time)}};
  if (g.person.erasure) {
    out["person"]["erased"] = {{"time", Time(g.person.erasure->time)},
                               {"reason", g.person.erasure->reason},
                               {"retention_overridden", g.person.erasure->retention_overridden}};
  }
  Json accounts = Json::array();
  for (const Account& a : g.accounts) {
    accounts.push_back({{"id", a.id},
                        {"email", a.email},
                        {"name", a.display_name},
                        {"created", Time(a.create_time)}});
  }
  out["accounts"] = accounts;
  Json enrolments = Json::array();
  for (const auto& [e, history] : g.enrolments) {
    Json steps = Json::array();
    for (const EnrolmentChange& c : history) {
      Json step = {{"time", Time(c.time)}};
      if (c.from != EnrolmentState::kUnspecified) step["from"] = std::string(ToString(c.from));
      step["to"] = std::string(ToString(c.to));
      step["by"] = c.account_id == 0 ? "trainhub" : c.account_name;
      step["reason"] = c.reason;
      steps.push_back(std::move(step));
    }
    Json j = {{"id", e.id},
              {"series", {{"id", e.series_id}, {"title", e.series_title}}},
              {"state", std::string(ToString(e.state))},
              {"requested", Time(e.request_time)}};
    if (e.seat_time) j["seat_since"] = Time(*e.seat_time);
    if (complete) j["note"] = e.note;
    j["history"] = steps;
    enrolments.push_back(std::move(j));
  }
  out["enrolments"] = enrolments;
  Json attendance = Json::array();
  for (const AttendanceEntry& e : g.attendance) {
    const Session& s = g.sessions.at(e.session_id);
    Json j = {{"series_id", e.series_id},
              {"session",
               {{"id", e.session_id},
                {"module", s.module_title},
                {"start", Time(s.start)},
                {"end", Time(s.end)}}},
              {"status", ToString(e.status)},
              {"minutes_missed", e.minutes_missed},
              {"source", e.source == AttendanceSource::kSelfCheckIn ? "self check-in" : "staff"},
              {"recorded", Time(e.record_time)},
              {"client_time", Time(e.client_time)}};
    if (complete) {
      j["note"] = e.note;
      j["reason"] = e.reason;
    }
    attendance.push_back(std::move(j));
  }
  out["attendance"] = attendance;
  Json qualifications = Json::array();
  for (const Qualification& q : g.qualifications) {
    Json j = {{"id", q.id}, {"title", q.title}, {"recorded", Time(q.record_time)}};
    if (q.series_id != 0) j["series_id"] = q.series_id;
    if (complete) j["note"] = q.note;
    qualifications.push_back(std::move(j));
  }
  out["qualifications"] = qualifications;
  Json decisions = Json::array();
  for (const CompletionDecision& d : g.decisions) {
    decisions.push_back(
        {{"series_id", d.series_id},
         {"outcome",
          d.outcome == CompletionOutcome::kUnspecified ? "withdrawn" : ToString(d.outcome)},
         {"reason", d.reason},
         {"by", d.account_name},
         {"time", Time(d.record_time)}});
  }
  out["completion_decisions"] = decisions;
  Json certificates = Json::array();
  for (const Certificate& c : g.certificates) {
    Json j = {{"serial", c.content.serial},
              {"outcome", ToString(c.content.outcome)},
              {"series", {{"id", c.content.series_id}, {"title", c.content.series_title}}},
              {"holder_name", c.content.holder_name},
              {"issued", Time(c.content.issue_time)},
              {"status", c.status == CertificateStatus::kValid        ? "valid"
                         : c.status == CertificateStatus::kRevoked    ? "revoked"
                         : c.status == CertificateStatus::kSuperseded ? "superseded"
                                                                      : "unknown"},
              {"pdf_sha256", c.pdf_sha256}};
    if (!c.pdf.empty()) j["pdf_file"] = absl::StrCat("certificates/", c.content.serial, ".pdf");
    if (c.revoke_time) {
      j["revoked"] = Time(*c.revoke_time);
      j["revoke_reason"] = c.revoke_reason;
    }
    if (!c.superseded_by.empty()) j["superseded_by"] = c.superseded_by;
    certificates.push_back(std::move(j));
  }
  out["certificates"] = certificates;
  Json audit = Json::array();
  std::set<Id> own_accounts;
  for (const Account& a : g.accounts) own_accounts.insert(a.id);
  for (const AuditEvent& e : g.audit) {
    Json j = {{"time", Time(e.time)},
              {"by", e.account_id == 0 ? "" : e.account_name},
              {"call", e.method},
              {"object", e.object},
              {"result", e.result}};
    // Where the person called from is theirs; where staff did is not.
    if (own_accounts.count(e.account_id)) j["address"] = e.peer;
    audit.push_back(std::move(j));
  }
  out["audit_events"] = audit;
  if (g.audit_cut) {
    out["audit_events_note"] = absl::StrCat("the first ", kMaxExportedAuditEvents, " events");
  }
  return out;
}

absl::Status WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
  out.close();
  if (!out) return absl::InternalError("cannot write the export file");
  return absl::OkStatus();
}

// A ZIP of the JSON and each certificate's PDF, written to `path`.
absl::Status WriteZip(const std::string& path, const std::string& json,
                      const std::vector<Certificate>& certificates) {
  int error = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  if (archive == nullptr) return absl::InternalError("cannot create the export archive");
  auto add = [&](const std::string& name, const std::string& bytes) {
    zip_source_t* source = zip_source_buffer(archive, bytes.data(), bytes.size(), 0);
    if (source == nullptr) return false;
    if (zip_file_add(archive, name.c_str(), source, ZIP_FL_ENC_UTF_8) < 0) {
      zip_source_free(source);
      return false;
    }
    return true;
  };
  bool ok = add("personal-data.json", json);
  for (const Certificate& c : certificates) {
    if (c.pdf.empty()) continue;  // erased holder: the PDF is not kept
    ok = ok && add(absl::StrCat("certificates/", c.content.serial, ".pdf"), c.pdf);
  }
  if (!ok) {
    zip_discard(archive);
    return absl::InternalError("cannot add to the export archive");
  }
  if (zip_close(archive) != 0) {
    zip_discard(archive);
    return absl::InternalError("cannot write the export archive");
  }
  return absl::OkStatus();
}

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
    return Denied("erase this person's data");
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
                      absl::StrCat("participant ", participant_id, " is still ", ToString(s.state),
                                   " in series ", s.series_id, " \"", s.series_title,
                                   "\", which has not ended; withdraw the enrolment first"));
  }
  if (retention.keep_until && Today(now) <= *retention.keep_until && !override_retention) {
    const SeriesRecordOf& s = *retention.kept_for;
    return FieldError(
        absl::StatusCode::kFailedPrecondition, "participant_id",
        absl::StrCat("participant ", participant_id, ": the records of series ", s.series_id, " \"",
                     s.series_title, "\" are kept until ", GermanDate(*retention.keep_until), " (",
                     s.organization_name, " keeps records ", s.retention_years,
                     " years after a series ended); erasure is possible from ",
                     GermanDate(*retention.keep_until + 1),
                     ", or an admin can override the retention"));
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

Privacy::Privacy(Store& store, const CertificateSigner& signer, Accounts& accounts, Clock clock)
    : store_(store), signer_(signer), accounts_(accounts), clock_(std::move(clock)) {}

absl::StatusOr<ErasureResult> Privacy::Erase(const RequestContext& ctx,
                                             const ErasureRequest& request) {
  TH_RETURN_IF_ERROR(CheckId(request.participant_id, "participant_id"));
  TH_RETURN_IF_ERROR(ValidateRequestId(request.key.request_id));
  std::string reason = request.reason;
  if (CountCodePoints(reason)) reason = Trimmed(reason);
  if (std::string problem = TextProblem(reason, 1, kMaxReasonChars, true); !problem.empty()) {
    return InvalidField("reason", problem);
  }
  if (request.override_retention && !ctx.who.IsAdmin()) {
    return Denied("override the retention of records (admins only)");
  }
  WorkGate::Pass pass = ErasureGate().Enter();
  if (!pass.ok()) {
    return absl::ResourceExhaustedError("other erasures are running; try again shortly");
  }
  const Id participant_id = request.participant_id;
  // Certificates are redacted before the write: hashing the name takes a
  // while, and the writer must not wait for it.
  std::map<Id, Certificate> redacted;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    TH_ASSIGN_OR_RETURN(Participant person, PersonToErase(r, ctx.who, participant_id));
    if (person.erasure) return absl::OkStatus();  // answered in the write
    TH_ASSIGN_OR_RETURN(std::vector<Certificate> certificates, CertificatesOf(r, participant_id));
    for (Certificate& c : certificates) {
      TH_ASSIGN_OR_RETURN(CertificateContent content, RedactedContent(c.content));
      content.key_id = signer_.key_id();
      TH_ASSIGN_OR_RETURN(c.document, CanonicalJson(DocumentOf(content)));
      c.signature = signer_.Sign(c.document);
      c.content = std::move(content);
      redacted[c.id] = std::move(c);
    }
    return absl::OkStatus();
  }));
  ErasureResult result;
  std::vector<Id> account_ids;
  TH_RETURN_IF_ERROR(store_.Write([&](UnitOfWork& w) -> absl::Status {
    const absl::Time now = clock_();
    TH_ASSIGN_OR_RETURN(Participant person, PersonToErase(w, ctx.who, participant_id));
    TH_ASSIGN_OR_RETURN(std::optional<RequestRecord> earlier,
                        AlreadyDone(w, kEraseMethod, request.key));
    if (earlier) {
      result.person = std::move(person);
      return absl::OkStatus();
    }
    if (person.erasure) {
      return FieldError(absl::StatusCode::kFailedPrecondition, "participant_id",
                        absl::StrCat("participant ", participant_id, " was already erased on ",
                                     FormatLocal(person.erasure->time)));
    }
    const std::string folded_reason = Folded(reason);
    const std::string folded_name = Folded(person.display_name);
    const std::string folded_email = Folded(person.email);
    if ((CountCodePoints(folded_name).value_or(0) >= 3 &&
         folded_reason.find(folded_name) != std::string::npos) ||
        (!folded_email.empty() && folded_reason.find(folded_email) != std::string::npos)) {
      return InvalidField("reason",
                          "must not name the person: it is kept after their data is erased");
    }
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
    TH_RETURN_IF_ERROR(w.privacy().MarkErased(participant_id, Pseudonym(participant_id), erasure));
    TH_ASSIGN_OR_RETURN(account_ids, w.privacy().AccountIdsOf(participant_id));
    TH_ASSIGN_OR_RETURN(result.erased, w.privacy().EraseTexts(participant_id, account_ids));
    for (Id account_id : account_ids) {
      TH_RETURN_IF_ERROR(trail.Changed("account", account_id, 0));
    }
    std::set<Id> series;
    EnrolmentFilter filter;
    filter.participant_id = participant_id;
    TH_ASSIGN_OR_RETURN(
        std::vector<Enrolment> enrolments,
        AllPages<Enrolment>([&](const PageRequest& p) { return w.enrolments().List(filter, p); }));
    for (const SeriesRecordOf& r : records) series.insert(r.series_id);
    for (Id series_id : series) {
      TH_ASSIGN_OR_RETURN(std::vector<AttendanceEntry> ledger,
                          w.attendance().ListForSeries(series_id));
      for (const AttendanceEntry& e : ledger) {
        if (e.kind != LedgerEntryKind::kRecord || e.participant_id != participant_id) continue;
        if (e.note.empty() && e.reason.empty()) continue;
        TH_RETURN_IF_ERROR(
            w.privacy().EraseAttendanceTexts(e.id, LedgerTextDigest(e.note, e.reason)));
        ++result.attendance_texts;
      }
    }
    TH_ASSIGN_OR_RETURN(std::vector<Certificate> certificates, CertificatesOf(w, participant_id));
    for (const Certificate& c : certificates) {
      auto it = redacted.find(c.id);
      if (it == redacted.end()) {
        return absl::AbortedError("a certificate was issued meanwhile; erase again");
      }
      TH_RETURN_IF_ERROR(w.privacy().RedactCertificate(c.id, it->second.document,
                                                       it->second.signature, signer_.key_id()));
      TH_RETURN_IF_ERROR(trail.Changed("certificate", c.id, person.organization_id));
      ++result.certificates;
    }
    for (const Enrolment& e : enrolments) {
      TH_ASSIGN_OR_RETURN(Series s, w.series().Get(e.series_id));
      TH_RETURN_IF_ERROR(trail.Changed("enrolment", e.id, s.organization_id));
    }
    TH_RETURN_IF_ERROR(trail.Changed("participant", participant_id, person.organization_id));
    TH_RETURN_IF_ERROR(MarkDone(w, kEraseMethod, request.key, participant_id));
    TH_ASSIGN_OR_RETURN(result.person, w.participants().Get(participant_id));
    return absl::OkStatus();
  }));
  for (Id account_id : account_ids) accounts_.ForgetTokensOf(account_id);
  // The erasure is durable; should readers keep the log busy now, the next
  // checkpoint empties it.
  (void)store_.DropOverwrittenData();
  return result;
}

absl::StatusOr<Page<ErasureDue>> Privacy::ListErasureDue(const Principal& who, Id organization_id,
                                                         const PageRequest& page) {
  if (organization_id < 0) return InvalidField("organization_id", "must be a positive id");
  if (!who.IsAdmin()) {
    if (organization_id == 0) {
      std::set<Id> coordinated;
      for (const RoleGrant& g : who.account.roles) {
        if (g.role == Role::kCoordinator && g.organization_id != 0) {
          coordinated.insert(g.organization_id);
        }
      }
      if (coordinated.size() != 1) {
        return InvalidField("organization_id", "name the organisation whose records to review");
      }
      organization_id = *coordinated.begin();
    }
    if (!who.Coordinates(organization_id)) return Denied("review this organisation's records");
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

absl::StatusOr<PersonalDataFile> Privacy::Export(const RequestContext& ctx, Id participant_id,
                                                 PersonalDataFormat format,
                                                 const std::string& path) {
  if (participant_id == 0) participant_id = ctx.who.ParticipantId();
  if (participant_id == 0) {
    return InvalidField("participant_id", "give the person whose data to export");
  }
  TH_RETURN_IF_ERROR(CheckId(participant_id, "participant_id"));
  WorkGate::Pass pass = ExportGate().Enter();
  if (!pass.ok()) {
    return absl::ResourceExhaustedError("too many exports are being made; try again shortly");
  }
  Gathered gathered;
  bool complete = false;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    TH_ASSIGN_OR_RETURN(gathered, Gather(r, ctx.who, participant_id, &complete));
    return absl::OkStatus();
  }));
  const absl::Time now = clock_();
  const std::string json = ToJson(gathered, complete, now).dump(2) + "\n";
  PersonalDataFile file;
  const std::string base = absl::StrCat("personendaten-", participant_id);
  if (format == PersonalDataFormat::kZip) {
    TH_RETURN_IF_ERROR(WriteZip(path, json, gathered.certificates));
    file = {base + ".zip", "application/zip"};
  } else {
    TH_RETURN_IF_ERROR(WriteFile(path, json));
    file = {base + ".json", "application/json"};
  }
  TH_RETURN_IF_ERROR(store_.Write([&](UnitOfWork& w) -> absl::Status {
    AuditTrail trail(w, ctx, now);
    return trail.Disclosed(absl::StrCat("personal_data_export participant/", participant_id,
                                        complete ? " complete" : " own"),
                           gathered.person.organization_id);
  }));
  return file;
}

}  // namespace trainhub::domain
