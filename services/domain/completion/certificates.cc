#include "domain/completion/certificates.h"

#include <sodium.h>

#include <map>
#include <set>
#include <utility>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/civil_time.h"
#include "domain/access.h"
#include "domain/attendance/attendance_rules.h"
#include "domain/audit_trail.h"
#include "domain/berlin_time.h"
#include "domain/documents/canonical_json.h"
#include "domain/completion/certificate_badge.h"
#include "domain/completion/certificate_pdf.h"
#include "domain/completion/certificate_status.h"
#include "domain/completion/completion_read.h"
#include "domain/errors.h"
#include "domain/limits.h"
#include "domain/status_macros.h"
#include "domain/text.h"

namespace trainhub::domain {

namespace {

constexpr char kIssueMethod[] = "trainhub.v1.CertificateService/IssueCertificate";
constexpr char kIssueAllMethod[] = "trainhub.v1.CertificateService/IssueCertificates";
constexpr char kRevokeMethod[] = "trainhub.v1.CertificateService/RevokeCertificate";
constexpr char kReissueMethod[] = "trainhub.v1.CertificateService/ReissueCertificate";

std::string Sha256Hex(const std::string& bytes) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  return absl::BytesToHexString(std::string(reinterpret_cast<const char*>(digest), sizeof digest));
}

// German day ranges as printed (Europe/Berlin): "06.09.2019",
// "23.–24.11.2018", "31.01.–01.02.2020", "30.12.2019–02.01.2020".
std::string Dates(absl::Time first_start, absl::Time last_end) {
  const absl::TimeZone& zone = DisplayTimeZone();
  const absl::CivilDay first = absl::ToCivilDay(first_start, zone);
  const absl::CivilDay last = absl::ToCivilDay(last_end - absl::Seconds(1), zone);
  const std::string last_text = absl::FormatTime("%d.%m.%Y", last_end - absl::Seconds(1), zone);
  if (first >= last) return absl::FormatTime("%d.%m.%Y", first_start, zone);
  if (first.year() != last.year()) {
    return absl::StrCat(absl::FormatTime("%d.%m.%Y", first_start, zone), "–", last_text);
  }
  if (first.month() != last.month()) {
    return absl::StrCat(absl::FormatTime("%d.%m.", first_start, zone), "–", last_text);
  }
  return absl::StrCat(absl::FormatTime("%d.", first_start, zone), "–", last_text);
}

nlohmann::json RuleJson(const CompletionRule& rule) {
  return {{"all_modules", rule.all_modules},
          {"min_modules", rule.min_modules},
          {"mandatory_modules", rule.mandatory_modules},
          {"max_excused", rule.max_excused ? nlohmann::json(*rule.max_excused) : nlohmann::json()},
          {"min_teaching_unit_percent", rule.min_teaching_unit_percent},
          {"allowed_minutes_missed", rule.allowed_minutes_missed},
          {"confirmation_min_modules", rule.confirmation_min_modules}};
}

// The inputs `person`'s outcome was decided from: the rule, their records
// per session, the figures and a coordinator's decision.
nlohmann::json EvaluationJson(const CompletionRule& rule, const PersonCompletion& person,
                              const AttendanceMatrix& matrix, absl::Time now) {
  nlohmann::json sessions = nlohmann::json::array();
  for (const MatrixRow& row : matrix.rows) {
    if (row.participant_id != person.participant_id) continue;
    for (size_t i = 0; i < row.cells.size(); ++i) {
      const MatrixCell& cell = row.cells[i];
      const Session& s = matrix.columns[i].session;
      sessions.push_back({{"session_id", s.id},
                          {"module_id", s.module_id},
                          {"start", FormatUtcSeconds(s.start)},
                          {"expected", cell.expected},
                          {"status", ToString(cell.status)},
                          {"minutes_missed", cell.minutes_missed}});
    }
  }
  nlohmann::json unmet = nlohmann::json::array();
  for (const Message& requirement : person.unmet) unmet.push_back(requirement.English());
  nlohmann::json decision;
  if (person.decision) {
    decision = {{"outcome", ToString(person.decision->outcome)},
                {"reason", person.decision->reason},
                {"by", person.decision->account_name},
                {"recorded", FormatUtcSeconds(person.decision->record_time)}};
  }
  return {{"rule", RuleJson(rule)},
          {"rule_outcome", ToString(person.rule_outcome)},
          {"decision", decision},
          {"modules_attended", person.modules_attended},
          {"module_count", person.module_count},
          {"excused", person.excused},
          {"absent", person.absent},
          {"teaching_unit_percent", DecimalText(person.teaching_unit_percent)},
          {"unmet", std::move(unmet)},
          {"sessions", sessions},
          {"evaluated", FormatUtcSeconds(now)}};
}

// Loads the certificate `serial` names for `who` with at least `needed`
// (holders read their own). PERMISSION_DENIED for an unknown serial too
// (admins: NOT_FOUND "serial").
absl::StatusOr<std::pair<Certificate, CompletionRole>> AccessCertificate(ReadView& r,
                                                                         const Principal& who,
                                                                         const std::string& text,
                                                                         CompletionRole needed) {
  std::optional<std::string> serial = NormalizeSerial(text);
  if (!serial) {
    return InvalidField(
        "serial", Msg("is not a certificate number (16 characters, e.g. 7K3M-Q9ZD-X2RT-4HNB)"));
  }
  const Message what =
      Msg("your account may not {act, select, change {change} other {see}} certificate {serial}",
          {{"act", needed == CompletionRole::kPlanner ? "change" : "see"}, {"serial", *serial}});
  absl::StatusOr<Certificate> c = r.certificates().GetBySerial(*serial);
  if (!c.ok()) {
    if (!absl::IsNotFound(c.status())) return c.status();
    if (who.IsAdmin())
      return FieldError(absl::StatusCode::kNotFound, "serial",
                        Msg("no certificate has the number {serial}", {{"serial", *serial}}));
    return Denied(what);
  }
  if (needed <= CompletionRole::kParticipant && who.ParticipantId() != 0 &&
      who.ParticipantId() == c->participant_id) {
    return std::make_pair(*std::move(c), CompletionRole::kParticipant);
  }
  absl::StatusOr<std::pair<Series, CompletionRole>> access =
      AccessCompletion(r, who, c->content.series_id, std::max(needed, CompletionRole::kReader));
  if (!access.ok()) {
    return absl::IsPermissionDenied(access.status()) ? Denied(what) : access.status();
  }
  return std::make_pair(*std::move(c), access->second);
}

// A Zertifikat of a series that awards a qualification records it for the
// holder (with the series), which enrolment rules then accept; nothing when
// they hold it already (from another run, say).
absl::Status RecordQualification(UnitOfWork& w, AuditTrail& trail, const Series& series,
                                 const Certificate& c) {
  if (c.content.outcome != CompletionOutcome::kCertificate || series.awards_qualification.empty()) {
    return absl::OkStatus();
  }
  Qualification q;
  q.participant_id = c.participant_id;
  q.title = series.awards_qualification;
  q.series_id = series.id;
  q.note = absl::StrCat("Zertifikat ", c.content.serial);
  q.recorded_by = trail.context().who.account.id;
  q.record_time = trail.now();
  absl::StatusOr<Id> id = w.participants().InsertQualification(q);
  if (absl::IsAlreadyExists(id.status())) return absl::OkStatus();
  TH_RETURN_IF_ERROR(id.status());
  TH_ASSIGN_OR_RETURN(Participant holder, w.participants().Get(c.participant_id));
  return trail.Changed("participant", holder.id, holder.organization_id);
}

// Revoking a Zertifikat takes back the qualification it recorded.
absl::Status WithdrawQualification(UnitOfWork& w, AuditTrail& trail, const Certificate& c) {
  if (c.content.outcome != CompletionOutcome::kCertificate) return absl::OkStatus();
  TH_ASSIGN_OR_RETURN(std::vector<Qualification> held,
                      w.participants().ListQualifications(c.participant_id));
  for (const Qualification& q : held) {
    if (q.series_id != c.content.series_id) continue;
    TH_RETURN_IF_ERROR(w.participants().DeleteQualification(q.id));
    TH_ASSIGN_OR_RETURN(Participant holder, w.participants().Get(c.participant_id));
    TH_RETURN_IF_ERROR(trail.Changed("participant", holder.id, holder.organization_id));
  }
  return absl::OkStatus();
}

// Certificates say what a person completed: FAILED_PRECONDITION "series_id"
// naming the last session to end while one has not ended. The sessions of a
// cancelled series that had not ended will never be held.
absl::Status CheckAllSessionsEnded(const Series& series, const AttendanceMatrix& matrix,
                                   absl::Time now) {
  if (series.status == SeriesStatus::kCancelled) return absl::OkStatus();
  const Session* last = nullptr;
  int open = 0;
  for (const MatrixColumn& column : matrix.columns) {
    if (column.session.end <= now) continue;
    ++open;
    if (last == nullptr || column.session.end > last->end) last = &column.session;
  }
  if (last == nullptr) return absl::OkStatus();
  return FieldError(
      absl::StatusCode::kFailedPrecondition, "series_id",
      Msg("session {session} of series {series} ends only at {time} (Europe/Berlin){others, "
          "plural, =0 {} other {, and # other session(s) have not ended either}}; certificates "
          "are issued once every session of the series has ended",
          {{"session", last->id},
           {"series", series.id},
           {"time", FormatLocal(last->end)},
           MessageArg::Count("others", open - 1)}));
}

// Who signs what `who` issues for `owner`: the organisation's signatory
// when it named one, else the coordinator issuing it (with the partner
// organisation they coordinate for, when it is not the owner).
std::pair<std::string, std::string> Signatory(ReadView& r, const Principal& who,
                                              const Organization& owner, const Series& series) {
  if (!owner.signatory_name.empty()) return {owner.signatory_name, owner.signatory_role};
  std::string role;
  if (who.Coordinates(owner.id)) {
    role = "Koordination";
  } else {
    for (Id id : series.partner_organization_ids) {
      if (!who.Coordinates(id)) continue;
      absl::StatusOr<Organization> partner = r.organizations().Get(id);
      if (partner.ok()) role = absl::StrCat("Koordination, ", partner->name);
      break;
    }
  }
  return {who.account.display_name, role};
}

// The days (Europe/Berlin) of the sessions `participant_id` attended
// (present or late), in order.
std::vector<absl::CivilDay> AttendedDays(const AttendanceMatrix& matrix, Id participant_id) {
  std::set<absl::CivilDay> days;
  for (const MatrixRow& row : matrix.rows) {
    if (row.participant_id != participant_id) continue;
    for (size_t i = 0; i < row.cells.size() && i < matrix.columns.size(); ++i) {
      const AttendanceStatus status = row.cells[i].status;
      if (status != AttendanceStatus::kPresent && status != AttendanceStatus::kLate) continue;
      const Session& s = matrix.columns[i].session;
      const absl::CivilDay last = absl::ToCivilDay(s.end - absl::Seconds(1), DisplayTimeZone());
      for (absl::CivilDay d = absl::ToCivilDay(s.start, DisplayTimeZone()); d <= last; ++d) {
        days.insert(d);
      }
    }
  }
  return {days.begin(), days.end()};
}

absl::Status CheckReasonText(std::string& reason) {
  reason = Trimmed(reason);
  if (std::optional<Message> p = TextProblem(reason, 1, kMaxReasonChars, true)) {
    return InvalidField("reason", *std::move(p));
  }
  return absl::OkStatus();
}

// The replay of a request that issued a certificate: the certificate it
// recorded, read into `out`.
auto ReplayInto(ReadView& r, Certificate& out) {
  return [&r, &out](const RequestRecord& earlier) -> absl::Status {
    TH_ASSIGN_OR_RETURN(out, r.certificates().Get(earlier.resource_id));
    return absl::OkStatus();
  };
}

}  // namespace

struct Certificates::Prepared {
  Id participant_id = 0;
  CertificateContent content;
};

Certificates::Certificates(Store& store, const CertificateSigner& signer,
                           std::string verify_url_base, Clock clock)
    : store_(store),
      signer_(signer),
      verify_url_base_(std::move(verify_url_base)),
      clock_(std::move(clock)) {}

std::string Certificates::VerificationUrl(const std::string& serial) const {
  return verify_url_base_ + serial;
}

absl::Status Certificates::RegisterIssuerKey() {
  return store_.Write([&](UnitOfWork& w) -> absl::Status {
    IssuerKey key;
    key.key_id = signer_.key_id();
    key.public_key = signer_.public_key();
    key.create_time = clock_();
    key.active = true;
    return w.certificates().PutActiveIssuerKey(key);
  });
}

absl::StatusOr<StatusBaseline> Certificates::SignStatusBaseline() {
  StatusBaseline baseline;
  TH_RETURN_IF_ERROR(store_.Write([&](UnitOfWork& w) -> absl::Status {
    TH_ASSIGN_OR_RETURN(baseline, domain::SignStatusBaseline(w, clock_(), signer_));
    return absl::OkStatus();
  }));
  return baseline;
}

absl::StatusOr<std::vector<Certificates::Prepared>> Certificates::Prepare(
    const RequestContext& ctx, Id series_id, Id only_participant, IssueResult* plan,
    const std::string& supersedes) {
  const absl::Time now = clock_();
  std::vector<Prepared> prepared;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    TH_ASSIGN_OR_RETURN(auto access,
                        AccessCompletion(r, ctx.who, series_id, CompletionRole::kPlanner));
    const Series& series = access.first;
    TH_ASSIGN_OR_RETURN(CompletionRule rule, RuleOf(r, series_id));
    TH_ASSIGN_OR_RETURN(SeriesEvaluation evaluation,
                        EvaluateSeries(r, series, rule, only_participant, now));
    TH_ASSIGN_OR_RETURN(Organization owner, r.organizations().Get(series.organization_id));
    TH_ASSIGN_OR_RETURN(std::vector<Module> modules, ModulesOf(r, series_id));
    std::map<Id, std::vector<std::string>> topics;
    for (Module& m : modules) topics[m.id] = std::move(m.topics);
    const auto [signatory_name, signatory_role] = Signatory(r, ctx.who, owner, series);
    std::vector<std::string> partners;
    for (Id id : series.partner_organization_ids) {
      absl::StatusOr<Organization> p = r.organizations().Get(id);
      if (p.ok()) partners.push_back(p->name);
    }
    // Per module: the first and last day and the confirmed trainers.
    struct ModuleFacts {
      absl::Time first = absl::InfiniteFuture(), last = absl::InfinitePast();
      std::vector<std::string> trainers;
    };
    std::map<Id, ModuleFacts> facts;
    for (const MatrixColumn& column : evaluation.matrix.columns) {
      const Session& s = column.session;
      ModuleFacts& f = facts[s.module_id];
      f.first = std::min(f.first, s.start);
      f.last = std::max(f.last, s.end);
      for (const TrainerBooking& b : s.trainers) {
        if (b.status != BookingStatus::kConfirmed) continue;
        if (std::find(f.trainers.begin(), f.trainers.end(), b.trainer_name) == f.trainers.end()) {
          f.trainers.push_back(b.trainer_name);
        }
      }
    }
    if (only_participant != 0 && evaluation.people.empty()) {
      return FieldError(absl::StatusCode::kNotFound, "participant_id",
                        Msg("participant {participant} held no seat during a session of series "
                            "{series}",
                            {{"participant", only_participant}, {"series", series_id}}));
    }
    TH_RETURN_IF_ERROR(CheckAllSessionsEnded(series, evaluation.matrix, now));
    for (const PersonCompletion& person : evaluation.people) {
      if (person.outcome != CompletionOutcome::kCertificate &&
          person.outcome != CompletionOutcome::kConfirmation) {
        if (only_participant != 0) {
          return FieldError(absl::StatusCode::kFailedPrecondition, "participant_id",
                            Msg("{name} has not completed the series and attended too little "
                                "for a Teilnahmebestätigung ({unmet}); a coordinator may decide "
                                "otherwise with a reason",
                                {{"name", person.participant_name},
                                 MessageArg::List("unmet", person.unmet, "; ")}));
        }
        continue;
      }
      IssuePlanEntry entry;
      entry.participant_id = person.participant_id;
      entry.participant_name = person.participant_name;
      entry.outcome = person.outcome;
      entry.decided = person.decision.has_value();
      if (supersedes.empty()) {
        TH_ASSIGN_OR_RETURN(std::optional<Certificate> existing,
                            r.certificates().FindValid(series_id, person.participant_id));
        if (existing) entry.existing_serial = existing->content.serial;
      }
      if (plan != nullptr) plan->plan.push_back(entry);
      if (!entry.existing_serial.empty()) {
        if (only_participant != 0) {
          return FieldError(
              absl::StatusCode::kAlreadyExists, "participant_id",
              Msg("{name} holds certificate {serial} of this series already; reissue it to "
                  "replace it",
                  {{"name", person.participant_name}, {"serial", entry.existing_serial}}));
        }
        continue;
      }
      CertificateContent c;
      c.outcome = person.outcome;
      c.holder_name = person.participant_name;
      c.series_id = series.id;
      c.series_title = series.title;
      c.series_kind = series.kind;
      if (person.outcome == CompletionOutcome::kCertificate) {
        c.qualification = series.awards_qualification;
      }
      c.organization_name = owner.name;
      c.partner_names = partners;
      for (const ModuleCompletion& mc : person.modules) {
        const ModuleFacts& f = facts[mc.module.module_id];
        CertificateModuleLine line;
        line.position = mc.module.position;
        line.title = mc.module.title;
        line.dates = Dates(f.first, f.last);
        line.teaching_units = DecimalText(mc.teaching_units);
        line.teaching_units_attended = DecimalText(mc.teaching_units_attended);
        line.attended = mc.attended;
        line.trainers = f.trainers;
        line.topics = topics[mc.module.module_id];
        c.modules.push_back(std::move(line));
      }
      c.teaching_units_attended = DecimalText(person.teaching_units_attended);
      c.teaching_units_total = DecimalText(person.teaching_units);
      c.issued_documents = series.issued_documents;
      c.attended_days = AttendedDays(evaluation.matrix, person.participant_id);
      c.place = owner.city;
      c.signatory_name = signatory_name;
      c.signatory_role = signatory_role;
      c.issue_time = now;
      c.supersedes = supersedes;
      c.evaluation = EvaluationJson(rule, person, evaluation.matrix, now);
      prepared.push_back({person.participant_id, std::move(c)});
    }
    return absl::OkStatus();
  }));
  return prepared;
}

absl::StatusOr<Certificate> Certificates::Frozen(CertificateContent content, Id participant_id,
                                                 Id issued_by) {
  content.serial = NewSerial();
  content.key_id = signer_.key_id();
  Certificate c;
  TH_ASSIGN_OR_RETURN(c.document, CanonicalJson(DocumentOf(content)));
  c.signature = signer_.Sign(c.document);
  TH_ASSIGN_OR_RETURN(c.pdf, RenderCertificatePdf(content, VerificationUrl(content.serial)));
  c.pdf_sha256 = Sha256Hex(c.pdf);
  c.participant_id = participant_id;
  c.issued_by = issued_by;
  c.status = CertificateStatus::kValid;
  c.content = std::move(content);
  return c;
}

absl::StatusOr<Certificate> Certificates::Issue(const RequestContext& ctx, Id series_id,
                                                Id participant_id, const RequestKey& key) {
  TH_RETURN_IF_ERROR(CheckId(series_id, "series_id"));
  TH_RETURN_IF_ERROR(CheckId(participant_id, "participant_id"));
  TH_RETURN_IF_ERROR(ValidateRequestId(key.request_id));
  TH_ASSIGN_OR_RETURN(std::optional<Certificate> answered,
                      AnsweredBefore(kIssueMethod, key, [&](ReadView& r) {
                        return AccessCompletion(r, ctx.who, series_id, CompletionRole::kPlanner)
                            .status();
                      }));
  if (answered) return *std::move(answered);
  TH_ASSIGN_OR_RETURN(std::vector<Prepared> prepared,
                      Prepare(ctx, series_id, participant_id, nullptr, ""));
  if (prepared.size() != 1) return absl::InternalError("no certificate was prepared");
  TH_ASSIGN_OR_RETURN(Certificate c, Frozen(std::move(prepared.front().content), participant_id,
                                            ctx.who.account.id));
  TH_RETURN_IF_ERROR(store_.Write([&](UnitOfWork& w) -> absl::Status {
    TH_ASSIGN_OR_RETURN(auto access,
                        AccessCompletion(w, ctx.who, series_id, CompletionRole::kPlanner));
    return OncePerRequest(w, kIssueMethod, key, ReplayInto(w, c), [&]() -> absl::StatusOr<Id> {
      TH_ASSIGN_OR_RETURN(std::optional<Certificate> existing,
                          w.certificates().FindValid(series_id, participant_id));
      if (existing) {
        return FieldError(
            absl::StatusCode::kAlreadyExists, "participant_id",
            Msg("participant {participant} holds certificate {serial} of this "
                "series already",
                {{"participant", participant_id}, {"serial", existing->content.serial}}));
      }
      TH_ASSIGN_OR_RETURN(c.id, w.certificates().Insert(c));
      TH_RETURN_IF_ERROR(SignIssuedStatus(w, c, signer_));
      AuditTrail trail(w, ctx, c.content.issue_time);
      TH_RETURN_IF_ERROR(trail.Changed("certificate", c.id, access.first.organization_id));
      TH_RETURN_IF_ERROR(RecordQualification(w, trail, access.first, c));
      return c.id;
    });
  }));
  RememberChecked(c);
  return c;
}

absl::StatusOr<std::optional<Certificate>> Certificates::AnsweredBefore(
    absl::string_view method, const RequestKey& key,
    const std::function<absl::Status(ReadView&)>& check_access) {
  std::optional<Certificate> answered;
  if (key.request_id.empty()) return answered;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    TH_RETURN_IF_ERROR(check_access(r));
    TH_ASSIGN_OR_RETURN(std::optional<RequestRecord> earlier, AlreadyDone(r, method, key));
    if (!earlier) return absl::OkStatus();
    TH_ASSIGN_OR_RETURN(answered, r.certificates().Get(earlier->resource_id));
    return absl::OkStatus();
  }));
  return answered;
}

void Certificates::RememberChecked(const Certificate& c) {
  if (c.document.empty() || c.signature.empty()) return;
  checked_documents_.Check(signer_.public_key(), c.document, c.signature);
}

absl::StatusOr<IssueResult> Certificates::IssueAll(const RequestContext& ctx, Id series_id,
                                                   bool preview, const RequestKey& key) {
  TH_RETURN_IF_ERROR(CheckId(series_id, "series_id"));
  TH_RETURN_IF_ERROR(ValidateRequestId(key.request_id));
  IssueResult result;
  TH_ASSIGN_OR_RETURN(std::vector<Prepared> prepared, Prepare(ctx, series_id, 0, &result, ""));
  if (preview) return result;
  std::vector<Certificate> frozen;
  for (Prepared& p : prepared) {
    TH_ASSIGN_OR_RETURN(Certificate c,
                        Frozen(std::move(p.content), p.participant_id, ctx.who.account.id));
    frozen.push_back(std::move(c));
  }
  TH_RETURN_IF_ERROR(store_.Write([&](UnitOfWork& w) -> absl::Status {
    TH_ASSIGN_OR_RETURN(auto access,
                        AccessCompletion(w, ctx.who, series_id, CompletionRole::kPlanner));
    auto replay = [&](const RequestRecord&) -> absl::Status {
      // A retry: what the series holds now stands for what was issued.
      frozen.clear();
      TH_ASSIGN_OR_RETURN(std::vector<Certificate> all, CertificatesOfSeries(w, series_id));
      for (Certificate& c : all) {
        if (c.status == CertificateStatus::kValid) result.issued.push_back(std::move(c));
      }
      return absl::OkStatus();
    };
    return OncePerRequest(w, kIssueAllMethod, key, replay, [&]() -> absl::StatusOr<Id> {
      AuditTrail trail(w, ctx, clock_());
      for (Certificate& c : frozen) {
        TH_ASSIGN_OR_RETURN(std::optional<Certificate> existing,
                            w.certificates().FindValid(series_id, c.participant_id));
        if (existing) continue;  // issued meanwhile
        TH_ASSIGN_OR_RETURN(c.id, w.certificates().Insert(c));
        TH_RETURN_IF_ERROR(SignIssuedStatus(w, c, signer_));
        TH_RETURN_IF_ERROR(trail.Changed("certificate", c.id, access.first.organization_id));
        TH_RETURN_IF_ERROR(RecordQualification(w, trail, access.first, c));
        c.pdf.clear();
        result.issued.push_back(std::move(c));
      }
      return series_id;
    });
  }));
  for (const Certificate& c : result.issued) RememberChecked(c);
  return result;
}

absl::StatusOr<Certificate> Certificates::Get(const Principal& who, const std::string& serial) {
  Certificate c;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    TH_ASSIGN_OR_RETURN(auto access,
                        AccessCertificate(r, who, serial, CompletionRole::kParticipant));
    c = std::move(access.first);
    return absl::OkStatus();
  }));
  return c;
}

absl::StatusOr<Certificate> Certificates::GetWithPdf(const Principal& who,
                                                     const std::string& serial) {
  TH_ASSIGN_OR_RETURN(Certificate c, Get(who, serial));
  if (!c.content.holder_name_hash.empty()) {
    return FieldError(absl::StatusCode::kFailedPrecondition, "serial",
                      Msg("the holder's data was erased; certificate {serial} can be verified, but "
                          "its PDF is no longer kept",
                          {{"serial", c.content.serial}}));
  }
  return c;
}

absl::StatusOr<std::string> Certificates::Badge(const Principal& who, const std::string& serial) {
  TH_ASSIGN_OR_RETURN(Certificate c, GetWithPdf(who, serial));
  std::optional<CertificateStatusRecord> record;
  StatusCheck status;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    TH_ASSIGN_OR_RETURN(status, CheckStatus(r, c));
    TH_ASSIGN_OR_RETURN(record, r.certificates().GetStatusRecord(c.id));
    return absl::OkStatus();
  }));
  if (!status.confirmed) {
    return FieldError(absl::StatusCode::kFailedPrecondition, "serial",
                      Msg("the status of certificate {serial} cannot be confirmed: {problem}",
                          {{"serial", c.content.serial}, {"problem", status.problem}}));
  }
  if (c.status != CertificateStatus::kValid) {
    return FieldError(absl::StatusCode::kFailedPrecondition, "serial",
                      c.status == CertificateStatus::kRevoked
                          ? Msg("certificate {serial} is revoked", {{"serial", c.content.serial}})
                          : Msg("certificate {serial} is superseded by {successor}",
                                {{"serial", c.content.serial}, {"successor", c.superseded_by}}));
  }
  const std::string did = DidKeyOf(signer_.public_key());
  const std::string method = absl::StrCat(did, "#", did.substr(did.rfind(':') + 1));
  nlohmann::json credential =
      OpenBadgeCredentialOf(c.content, VerificationUrl(c.content.serial), did);
  // Offline checks learn a later revocation from the published list.
  credential["credentialStatus"] =
      BitstringStatusListEntryOf(record->status_index, StatusListUrl());
  TH_ASSIGN_OR_RETURN(
      nlohmann::json badge,
      AddEddsaJcsProof(std::move(credential), method,
                       absl::FromUnixSeconds(absl::ToUnixSeconds(clock_())),
                       [this](const std::string& message) { return signer_.Sign(message); }));
  return badge.dump(2);
}

absl::StatusOr<Page<Certificate>> Certificates::List(const Principal& who, Id series_id,
                                                     Id participant_id, const PageRequest& page) {
  if (series_id < 0) return InvalidField("series_id", Msg("must be a positive id"));
  if (participant_id < 0) return InvalidField("participant_id", Msg("must be a positive id"));
  Page<Certificate> out;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    CertificateFilter filter;
    filter.series_id = series_id;
    filter.participant_id = participant_id;
    if (series_id != 0) {
      TH_ASSIGN_OR_RETURN(auto access,
                          AccessCompletion(r, who, series_id, CompletionRole::kParticipant));
      if (access.second == CompletionRole::kParticipant) {
        if (participant_id != 0 && participant_id != who.ParticipantId()) {
          return Denied(Msg("your account may not see the certificates of participant {participant}",
                              {{"participant", participant_id}}));
        }
        filter.participant_id = who.ParticipantId();
      }
    } else if (!who.IsAdmin()) {
      for (const RoleGrant& g : who.account.roles) {
        if (g.role == Role::kCoordinator) filter.organization_ids.push_back(g.organization_id);
      }
      if (filter.organization_ids.empty()) {
        if (participant_id != 0 && participant_id != who.ParticipantId()) {
          return Denied(Msg("your account may not see the certificates of participant {participant}",
                              {{"participant", participant_id}}));
        }
        // Trainers, and accounts without a participant record: none to see.
        if (who.ParticipantId() == 0) return absl::OkStatus();
        filter.participant_id = who.ParticipantId();
      }
    }
    TH_ASSIGN_OR_RETURN(out, r.certificates().List(filter, page));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<Certificate> Certificates::Revoke(const RequestContext& ctx,
                                                 const std::string& serial, std::string reason,
                                                 const RequestKey& key) {
  TH_RETURN_IF_ERROR(CheckReasonText(reason));
  TH_RETURN_IF_ERROR(ValidateRequestId(key.request_id));
  const absl::Time now = clock_();
  Certificate c;
  TH_RETURN_IF_ERROR(store_.Write([&](UnitOfWork& w) -> absl::Status {
    TH_ASSIGN_OR_RETURN(auto access,
                        AccessCertificate(w, ctx.who, serial, CompletionRole::kPlanner));
    c = std::move(access.first);
    return OncePerRequest(w, kRevokeMethod, key, NothingToReplay, [&]() -> absl::StatusOr<Id> {
      if (c.status == CertificateStatus::kRevoked) {
        return FieldError(
            absl::StatusCode::kFailedPrecondition, "serial",
            Msg("certificate {serial} was revoked on {time} already",
                {{"serial", c.content.serial}, {"time", FormatLocal(*c.revoke_time)}}));
      }
      if (c.status == CertificateStatus::kSuperseded) {
        return FieldError(absl::StatusCode::kFailedPrecondition, "serial",
                          Msg("certificate {serial} was replaced by {successor}; revoke that one",
                              {{"serial", c.content.serial}, {"successor", c.superseded_by}}));
      }
      c.status = CertificateStatus::kRevoked;
      c.revoke_reason = reason;
      c.revoke_time = now;
      TH_RETURN_IF_ERROR(w.certificates().UpdateStatus(c));
      TH_RETURN_IF_ERROR(SignChangedStatus(w, c, now, signer_));
      TH_ASSIGN_OR_RETURN(Series series, w.series().GetStored(c.content.series_id));
      AuditTrail trail(w, ctx, now);
      TH_RETURN_IF_ERROR(trail.Changed("certificate", c.id, series.organization_id));
      TH_RETURN_IF_ERROR(WithdrawQualification(w, trail, c));
      return c.id;
    });
  }));
  return c;
}

absl::StatusOr<Certificate> Certificates::Reissue(const RequestContext& ctx,
                                                  const std::string& serial, std::string reason,
                                                  const RequestKey& key) {
  TH_RETURN_IF_ERROR(CheckReasonText(reason));
  TH_RETURN_IF_ERROR(ValidateRequestId(key.request_id));
  TH_ASSIGN_OR_RETURN(std::optional<Certificate> answered,
                      AnsweredBefore(kReissueMethod, key, [&](ReadView& r) {
                        return AccessCertificate(r, ctx.who, serial, CompletionRole::kPlanner)
                            .status();
                      }));
  if (answered) return *std::move(answered);
  Certificate old;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    TH_ASSIGN_OR_RETURN(auto access,
                        AccessCertificate(r, ctx.who, serial, CompletionRole::kPlanner));
    old = std::move(access.first);
    return absl::OkStatus();
  }));
  auto check_valid = [](const Certificate& c) -> absl::Status {
    if (c.status == CertificateStatus::kRevoked) {
      return FieldError(
          absl::StatusCode::kFailedPrecondition, "serial",
          Msg("certificate {serial} is revoked; issue a new one instead",
              {{"serial", c.content.serial}}));
    }
    if (c.status == CertificateStatus::kSuperseded) {
      return FieldError(absl::StatusCode::kFailedPrecondition, "serial",
                        Msg("certificate {serial} was replaced by {successor} already",
                            {{"serial", c.content.serial}, {"successor", c.superseded_by}}));
    }
    return absl::OkStatus();
  };
  TH_RETURN_IF_ERROR(check_valid(old));
  TH_ASSIGN_OR_RETURN(
      std::vector<Prepared> prepared,
      Prepare(ctx, old.content.series_id, old.participant_id, nullptr, old.content.serial));
  if (prepared.size() != 1) return absl::InternalError("no certificate was prepared");
  TH_ASSIGN_OR_RETURN(Certificate fresh, Frozen(std::move(prepared.front().content),
                                                old.participant_id, ctx.who.account.id));
  TH_RETURN_IF_ERROR(store_.Write([&](UnitOfWork& w) -> absl::Status {
    TH_ASSIGN_OR_RETURN(auto access,
                        AccessCertificate(w, ctx.who, serial, CompletionRole::kPlanner));
    return OncePerRequest(
        w, kReissueMethod, key, ReplayInto(w, fresh), [&]() -> absl::StatusOr<Id> {
          Certificate current = std::move(access.first);
          TH_RETURN_IF_ERROR(check_valid(current));
          TH_ASSIGN_OR_RETURN(fresh.id, w.certificates().Insert(fresh));
          TH_RETURN_IF_ERROR(SignIssuedStatus(w, fresh, signer_));
          current.status = CertificateStatus::kSuperseded;
          current.superseded_by = fresh.content.serial;
          current.revoke_reason = reason;
          TH_RETURN_IF_ERROR(w.certificates().UpdateStatus(current));
          TH_RETURN_IF_ERROR(SignChangedStatus(w, current, fresh.content.issue_time, signer_));
          TH_ASSIGN_OR_RETURN(Series series, w.series().GetStored(current.content.series_id));
          AuditTrail trail(w, ctx, fresh.content.issue_time);
          TH_RETURN_IF_ERROR(trail.Changed("certificate", current.id, series.organization_id));
          TH_RETURN_IF_ERROR(trail.Changed("certificate", fresh.id, series.organization_id));
          if (fresh.content.outcome != CompletionOutcome::kCertificate) {
            TH_RETURN_IF_ERROR(WithdrawQualification(w, trail, current));
          }
          TH_RETURN_IF_ERROR(RecordQualification(w, trail, series, fresh));
          return fresh.id;
        });
  }));
  RememberChecked(fresh);
  return fresh;
}

}  // namespace trainhub::domain
