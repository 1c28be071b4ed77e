#include "domain/privacy/privacy.h"

#include <zip.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "absl/strings/str_cat.h"
#include "domain/access.h"
#include "domain/attendance/attendance_ledger.h"
#include "domain/audit_trail.h"
#include "domain/berlin_time.h"
#include "domain/completion/certificate_document.h"
#include "domain/completion/completion_rules.h"
#include "domain/errors.h"
#include "domain/limits.h"
#include "domain/status_macros.h"
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
    return Denied(Msg("your account may not export this person's data"));
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

// What the export is and how complete.
Json ExportHeader(const Gathered& g, bool complete, absl::Time now) {
  return {{"format", "trainhub personal data export 1"},
          {"created", Time(now)},
          {"participant_id", g.person.id},
          {"complete", complete},
          {"note", complete ? "Alles, was trainhub über die Person speichert."
                            : "Eigene Daten ohne die Notizen, die Koordination und Referent:innen "
                              "über die Person führen; die vollständige Auskunft gibt der Träger."}};
}

Json PersonJson(const Gathered& g) {
  Json groups = Json::array();
  for (TargetGroup t : g.person.target_groups) groups.push_back(std::string(ToString(t)));
  Json person = {
      {"id", g.person.id},
      {"name", g.person.display_name},
      {"email", g.person.email},
      {"organization", {{"id", g.person.organization_id}, {"name", g.organization_name}}},
      {"target_groups", groups},
      {"training_start",
       g.person.training_start ? Json(absl::FormatCivilTime(*g.person.training_start)) : Json()},
      {"created", Time(g.person.create_time)},
      {"updated", Time(g.person.update_time)}};
  if (g.person.erasure) {
    person["erased"] = {{"time", Time(g.person.erasure->time)},
                        {"reason", g.person.erasure->reason},
                        {"retention_overridden", g.person.erasure->retention_overridden}};
  }
  return person;
}

Json AccountsJson(const Gathered& g) {
  Json accounts = Json::array();
  for (const Account& a : g.accounts) {
    accounts.push_back({{"id", a.id},
                        {"email", a.email},
                        {"name", a.display_name},
                        {"created", Time(a.create_time)}});
  }
  return accounts;
}

// Each enrolment with its history; the coordinators' note when `complete`.
Json EnrolmentsJson(const Gathered& g, bool complete) {
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
  return enrolments;
}

// Each attendance record; note and reason when `complete`.
Json AttendanceJson(const Gathered& g, bool complete) {
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
  return attendance;
}

Json QualificationsJson(const Gathered& g, bool complete) {
  Json qualifications = Json::array();
  for (const Qualification& q : g.qualifications) {
    Json j = {{"id", q.id}, {"title", q.title}, {"recorded", Time(q.record_time)}};
    if (q.series_id != 0) j["series_id"] = q.series_id;
    if (complete) j["note"] = q.note;
    qualifications.push_back(std::move(j));
  }
  return qualifications;
}

Json DecisionsJson(const Gathered& g) {
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
  return decisions;
}

Json CertificatesJson(const Gathered& g) {
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
  return certificates;
}

// The audit events about the person; the address only of their own calls.
Json AuditJson(const Gathered& g) {
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
  return audit;
}

Json ToJson(const Gathered& g, bool complete, absl::Time now) {
  Json out;
  out["export"] = ExportHeader(g, complete, now);
  out["person"] = PersonJson(g);
  out["accounts"] = AccountsJson(g);
  out["enrolments"] = EnrolmentsJson(g, complete);
  out["attendance"] = AttendanceJson(g, complete);
  out["qualifications"] = QualificationsJson(g, complete);
  out["completion_decisions"] = DecisionsJson(g);
  out["certificates"] = CertificatesJson(g);
  out["audit_events"] = AuditJson(g);
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

}  // namespace

Privacy::Privacy(Store& store, const CertificateSigner& signer, Accounts& accounts, Clock clock)
    : store_(store), signer_(signer), accounts_(accounts), clock_(std::move(clock)) {}

absl::StatusOr<PersonalDataFile> Privacy::Export(const RequestContext& ctx, Id participant_id,
                                                 PersonalDataFormat format,
                                                 const std::string& path) {
  if (participant_id == 0) participant_id = ctx.who.ParticipantId();
  if (participant_id == 0) {
    return InvalidField("participant_id", Msg("give the person whose data to export"));
  }
  TH_RETURN_IF_ERROR(CheckId(participant_id, "participant_id"));
  WorkGate::Pass pass = ExportGate().Enter();
  if (!pass.ok()) {
    return Refusal(absl::StatusCode::kResourceExhausted,
                   Msg("too many exports are being made; try again shortly"));
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
