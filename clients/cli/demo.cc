// trainhub demo load: creates the demo data of clients/cli/demo_data.json
// (built into the binary) through the API, as a coordinator would. Every
// create uses a request_id made from the records' keys, so a repeated or
// interrupted load never creates anything twice; the steps that are not
// creates (accounts, completion rules, status changes) look first and
// change only what a load has not done yet, never what users changed since.
// trainhub demo logins: the demo's logins that the database holds.

#include <fmt/core.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "clients/cli/commands.h"
#include "clients/cli/format.h"
#include "clients/cli/messages.h"
#include "trainhub/v1/account.grpc.pb.h"
#include "trainhub/v1/attendance.grpc.pb.h"
#include "trainhub/v1/audit.grpc.pb.h"
#include "trainhub/v1/certificate.grpc.pb.h"
#include "trainhub/v1/enrolment.grpc.pb.h"
#include "trainhub/v1/organization.grpc.pb.h"
#include "trainhub/v1/participant.grpc.pb.h"
#include "trainhub/v1/series.grpc.pb.h"
#include "trainhub/v1/trainer.grpc.pb.h"

namespace trainhub::cli {

// The contents of demo_data.json (generated from it at build time).
extern const char kDemoJson[];

namespace {

namespace v1 = ::trainhub::v1;
using json = nlohmann::json;
using SeriesStub = v1::SeriesService::StubInterface;

// A proto enum value named in the data ("SERIES_KIND_OTHER"); a name that is
// not one is a defect of the data file, reported by the loader.
template <typename Enum>
Enum EnumNamed(const json& name, bool (*parse)(const std::string&, Enum*)) {
  Enum value{};
  if (!parse(name.get<std::string>(), &value)) {
    throw std::invalid_argument("unknown value " + name.dump());
  }
  return value;
}

// An optional text member of `j`, "" when absent.
std::string TextOr(const json& j, const char* key) { return j.value(key, std::string()); }

// A time of the data: Europe/Berlin ("2019-01-18 09:00"), or relative to
// `now` rounded down to a quarter hour ("now-60m", "now+120m").
void SetBerlinTime(const json& text, absl::Time now, google::protobuf::Timestamp* out) {
  const std::string value = text.get<std::string>();
  int minutes = 0;
  if (value.rfind("now", 0) == 0 && value.size() > 4 && value.back() == 'm' &&
      absl::SimpleAtoi(value.substr(3, value.size() - 4), &minutes)) {
    const absl::Time quarter = absl::FromUnixSeconds(absl::ToUnixSeconds(now) / 900 * 900);
    SetTimestamp(quarter + absl::Minutes(minutes), out);
    return;
  }
  std::string error;
  std::optional<absl::Time> t = ParseUserTime(value, "time", &error);
  if (!t) throw std::invalid_argument(error);
  SetTimestamp(*t, out);
}

// An e-mail address as logins compare it (the demo's are ASCII).
std::string Folded(const json& email) { return absl::AsciiStrToLower(email.get<std::string>()); }

// The logins (e-mail addresses, Folded) of every account; admins only.
grpc::Status ExistingLogins(Client& c, std::set<std::string>& logins) {
  v1::ListAccountsResponse all;
  grpc::Status status =
      ListAll(c, c.stub<v1::AccountService>(), &v1::AccountService::StubInterface::ListAccounts,
              v1::ListAccountsRequest(), Paging{}, &all);
  for (const v1::Account& a : all.accounts()) logins.insert(absl::AsciiStrToLower(a.email()));
  return status;
}

// What this account changed, as the audit log counts it: the newest event's
// id before a load, then the changes by the account after it.
class ChangeCount {
 public:
  explicit ChangeCount(Client& c) : c_(c) {
    v1::Account me;
    if (!c_.Call(c_.stub<v1::AccountService>(),
                 &v1::AccountService::StubInterface::GetCurrentAccount,
                 v1::GetCurrentAccountRequest(), &me)
             .ok()) {
      return;
    }
    v1::ListAuditEventsRequest request;
    request.set_page_size(1);
    v1::ListAuditEventsResponse newest;
    if (!c_.Call(c_.stub<v1::AuditService>(), &v1::AuditService::StubInterface::ListAuditEvents,
                 request, &newest)
             .ok()) {
      return;
    }
    account_ = me.id();
    since_ = newest.events().empty() ? 0 : newest.events(0).id();
    known_ = true;
  }

  // Changes (not refusals) by this account since construction; nullopt
  // when the audit log cannot tell.
  std::optional<int> Changes() {
    if (!known_) return std::nullopt;
    int changes = 0;
    std::string token;
    do {
      v1::ListAuditEventsRequest request;
      request.set_page_size(500);
      request.set_page_token(token);
      v1::ListAuditEventsResponse page;
      if (!c_.Call(c_.stub<v1::AuditService>(), &v1::AuditService::StubInterface::ListAuditEvents,
                   request, &page)
               .ok()) {
        return std::nullopt;
      }
      for (const v1::AuditEvent& e : page.events()) {
        if (e.id() <= since_) return changes;  // newest first: the rest is older
        if (e.account_id() == account_ && e.result() == "OK" && !e.object().empty()) ++changes;
      }
      token = page.next_page_token();
    } while (!token.empty());
    return changes;
  }

 private:
  Client& c_;
  bool known_ = false;
  int64_t account_ = 0, since_ = 0;
};

// Prints a line per login of the demo data (of those in `only`, when given).
void PrintLogins(Context& ctx, const json& data, const std::set<std::string>* only) {
  for (const json& a : data.at("accounts")) {
    if (only != nullptr && only->count(Folded(a.at("email"))) == 0) continue;
    ctx.out() << fmt::format(msg::kDemoAccountLine, a.at("email").get<std::string>(),
                             data.at("password").get<std::string>(),
                             a.at("shown_as").get<std::string>())
              << "\n";
  }
}

// Creates the records of the data one kind after the other, remembering
// each record's id under its key for the records that refer to it.
class DemoLoader {
 public:
  DemoLoader(Client& c, const json& data)
      : c_(c),
        data_(data),
        participants_stub_(c.stub<v1::ParticipantService>()),
        enrolments_stub_(c.stub<v1::EnrolmentService>()) {}

  // Organisations, trainers, series, modules, sessions, enrolments created
  // or found (as counted by `demo load`'s summary).
  struct Counts {
    int organizations = 0, trainers = 0, series = 0, modules = 0, sessions = 0, enrolments = 0,
        sheets = 0, certificates = 0;
  };

  grpc::Status Load(Counts& counts) {
    grpc::Status status = LoadOrganizations(counts);
    if (status.ok()) status = LoadTrainers(counts);
    if (status.ok()) status = LoadParticipants();
    if (status.ok()) status = LoadAccounts();
    if (status.ok()) status = LoadQualifications();
    for (const json& series : data_.at("series")) {
      if (status.ok()) status = LoadSeries(series, counts);
    }
    if (status.ok()) status = LoadEnrolments(counts);
    return status;
  }

 private:
  template <typename Stub, typename Request, typename Response>
  grpc::Status Create(Stub& stub,
                      grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&, Response*),
                      const Request& request, Response* response) {
    return c_.Call(stub, method, request, response);
  }

  grpc::Status LoadOrganizations(Counts& counts) {
    for (const json& o : data_.at("organizations")) {
      v1::CreateOrganizationRequest request;
      request.set_request_id("demo-org-" + o.at("key").get<std::string>());
      request.mutable_organization()->set_name(o.at("name"));
      request.mutable_organization()->set_kind(EnumNamed(o.at("kind"), v1::OrganizationKind_Parse));
      request.mutable_organization()->set_city(TextOr(o, "city"));
      request.mutable_organization()->set_record_retention_years(o.value("retention_years", 0));
      request.mutable_organization()->set_signatory_name(TextOr(o, "signatory_name"));
      request.mutable_organization()->set_signatory_role(TextOr(o, "signatory_role"));
      v1::Organization org;
      grpc::Status status =
          Create(c_.stub<v1::OrganizationService>(),
                 &v1::OrganizationService::StubInterface::CreateOrganization, request, &org);
      // Request ids are each account's own: an organisation of the demo
      // that this account did not create means another account loaded it.
      // The organisations come first, so nothing has changed yet.
      if (status.error_code() == grpc::StatusCode::ALREADY_EXISTS && organizations_.empty()) {
        return grpc::Status(grpc::StatusCode::FAILED_PRECONDITION, msg::kDemoLoadedByOther);
      }
      if (!status.ok()) return status;
      organizations_[o.at("key")] = org.id();
      ++counts.organizations;
    }
    return grpc::Status::OK;
  }

  grpc::Status LoadTrainers(Counts& counts) {
    for (const json& t : data_.at("trainers")) {
      v1::CreateTrainerRequest request;
      request.set_request_id("demo-trainer-" + t.at("key").get<std::string>());
      request.mutable_trainer()->set_display_name(t.at("name"));
      request.mutable_trainer()->set_email(t.at("email"));
      request.mutable_trainer()->set_affiliation(TextOr(t, "affiliation"));
      v1::Trainer trainer;
      grpc::Status status =
          Create(c_.stub<v1::TrainerService>(), &v1::TrainerService::StubInterface::CreateTrainer,
                 request, &trainer);
      if (!status.ok()) return status;
      trainers_[t.at("key")] = trainer.id();
      ++counts.trainers;
    }
    return grpc::Status::OK;
  }

  // Request ids name people by their place in the file, not by their
  // names: request ids stay in the audit log after a person's erasure.
  std::string PersonRef(const std::string& key) const {
    return std::to_string(person_numbers_.at(key));
  }

  grpc::Status LoadParticipants() {
    for (const json& p : data_.at("participants")) {
      person_numbers_.emplace(p.at("key").get<std::string>(), person_numbers_.size() + 1);
      v1::CreateParticipantRequest request;
      request.set_request_id("demo-participant-" + PersonRef(p.at("key")));
      v1::Participant* person = request.mutable_participant();
      person->set_display_name(p.at("name"));
      person->set_email(TextOr(p, "email"));
      person->set_organization_id(organizations_.at(p.at("organization")));
      for (const json& g : p.at("target_groups")) {
        person->add_target_groups(EnumNamed(g, v1::TargetGroup_Parse));
      }
      if (p.contains("training_start") &&
          !ReadDay(p.at("training_start").get<std::string>(), person->mutable_training_start())) {
        return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                            "demo data: bad training_start of " + p.at("key").get<std::string>());
      }
      v1::Participant created;
      grpc::Status status =
          Create(participants_stub_, &v1::ParticipantService::StubInterface::CreateParticipant,
                 request, &created);
      if (!status.ok()) return status;
      participants_[p.at("key")] = created.id();
      if (created.has_erasure()) erased_.insert(p.at("key").get<std::string>());
    }
    return grpc::Status::OK;
  }

  // The demo's accounts not in the database yet; none of a person whose
  // data was erased since (erasure ends their accounts for good).
  grpc::Status LoadAccounts() {
    std::set<std::string> existing;
    grpc::Status listed = ExistingLogins(c_, existing);
    if (!listed.ok()) return listed;
    for (const json& a : data_.at("accounts")) {
      if (existing.count(Folded(a.at("email"))) > 0) continue;
      if (erased_.count(a.at("record").get<std::string>()) > 0) continue;
      v1::CreateAccountRequest request;
      request.mutable_account()->set_email(a.at("email"));
      request.mutable_account()->set_display_name(a.at("name"));
      auto* grant = request.mutable_account()->add_roles();
      grant->set_role(EnumNamed(a.at("role"), v1::Role_Parse));
      const std::string record = a.at("record");
      if (grant->role() == v1::ROLE_COORDINATOR)
        grant->set_organization_id(organizations_.at(record));
      if (grant->role() == v1::ROLE_TRAINER) grant->set_trainer_id(trainers_.at(record));
      if (grant->role() == v1::ROLE_PARTICIPANT)
        grant->set_participant_id(participants_.at(record));
      request.set_password(data_.at("password"));
      v1::Account account;
      grpc::Status status =
          c_.Call(c_.stub<v1::AccountService>(), &v1::AccountService::StubInterface::CreateAccount,
                  request, &account);
      if (status.error_code() == grpc::StatusCode::ALREADY_EXISTS) continue;  // loaded before
      if (!status.ok()) return status;
    }
    return grpc::Status::OK;
  }

  // The modules of `series`: its own, or those of the series named by
  // modules_from (without their sessions) with module_sessions.
  json ModulesOf(const json& series) const {
    if (!series.contains("modules_from")) return series.at("modules");
    const auto& all = data_.at("series");
    auto from = std::find_if(all.begin(), all.end(), [&](const json& s) {
      return s.at("key") == series.at("modules_from");
    });
    if (from == all.end()) throw std::invalid_argument("modules_from names no series");
    json modules = from->at("modules");
    const json sessions = series.value("module_sessions", json::array());
    for (size_t i = 0; i < modules.size(); ++i) {
      modules[i]["sessions"] = i < sessions.size() ? sessions[i] : json::array();
    }
    return modules;
  }

  grpc::Status LoadSeries(const json& d, Counts& counts) {
    const std::string key = d.at("key");
    v1::CreateSeriesRequest request;
    request.set_request_id("demo-series-" + key);
    v1::Series* s = request.mutable_series();
    s->set_title(d.at("title"));
    s->set_kind(EnumNamed(d.at("kind"), v1::SeriesKind_Parse));
    s->set_organization_id(organizations_.at(d.at("owner")));
    for (const json& p : d.value("partners", json::array())) {
      s->add_partner_organization_ids(organizations_.at(p));
    }
    for (const json& g : d.at("target_groups"))
      s->add_target_groups(EnumNamed(g, v1::TargetGroup_Parse));
    s->set_capacity(d.at("capacity"));
    s->set_description(TextOr(d, "description"));
    s->set_awards_qualification(TextOr(d, "awards_qualification"));
    s->set_required_qualification(TextOr(d, "required_qualification"));
    if (d.contains("issued_documents")) {
      s->set_issued_documents(EnumNamed(d.at("issued_documents"), v1::IssuedDocuments_Parse));
    }
    if (d.contains("confirmation_deadline")) {
      s->set_requires_confirmation(true);
      SetBerlinTime(d.at("confirmation_deadline"), now_, s->mutable_confirmation_deadline());
    }
    v1::Series series;
    grpc::Status status =
        Create(c_.stub<v1::SeriesService>(), &SeriesStub::CreateSeries, request, &series);
    if (!status.ok()) return status;
    series_[key] = series.id();
    ++counts.series;
    int module_number = 0;
    for (const json& m : ModulesOf(d)) {
      status = LoadModule(key, series.id(), ++module_number, m, counts);
      if (!status.ok()) return status;
    }
    // People take part while the series runs; it completes afterwards.
    v1::Series running;
    status = FollowStatusPath(d, series, /*before=*/v1::SERIES_STATUS_COMPLETED, &running);
    if (status.ok()) status = EnrolParticipants(d, running, counts);
    if (status.ok()) status = SetCompletionRule(d, series.id());
    if (status.ok()) status = TransferAttendance(d, counts);
    if (status.ok()) status = FollowStatusPath(d, running, v1::SERIES_STATUS_UNSPECIFIED, nullptr);
    if (status.ok()) status = IssueCertificates(d, series.id(), counts);
    return status;
  }

  grpc::Status EnrolParticipants(const json& d, const v1::Series& series, Counts& counts) {
    if (!d.contains("participants")) return grpc::Status::OK;
    v1::EnrolCohortRequest request;
    request.set_request_id("demo-participants-" + d.at("key").get<std::string>());
    request.set_series_id(series.id());
    for (const json& p : d.at("participants")) request.add_participant_ids(participants_.at(p));
    v1::EnrolCohortResponse enrolled;
    grpc::Status status = Create(
        enrolments_stub_, &v1::EnrolmentService::StubInterface::EnrolCohort, request, &enrolled);
    if (status.ok()) counts.enrolments += enrolled.enrolments_size();
    return status;
  }

  // The series' completion rule, as the coordinator sets it.
  grpc::Status SetCompletionRule(const json& d, int64_t series_id) {
    if (!d.contains("completion_rule")) return grpc::Status::OK;
    // A rule set before (by a load or a coordinator since) stays.
    v1::GetCompletionRuleRequest get;
    get.set_series_id(series_id);
    v1::CompletionRule current;
    grpc::Status read =
        c_.Call(c_.stub<v1::CertificateService>(),
                &v1::CertificateService::StubInterface::GetCompletionRule, get, &current);
    if (!read.ok()) return read;
    if (!current.is_default()) return grpc::Status::OK;
    const json& r = d.at("completion_rule");
    v1::SetCompletionRuleRequest request;
    v1::CompletionRule* rule = request.mutable_rule();
    rule->set_series_id(series_id);
    rule->set_all_modules(r.value("all_modules", false));
    rule->set_min_modules(r.value("min_modules", 0));
    rule->set_mandatory_modules(r.value("mandatory_modules", false));
    if (r.contains("max_excused")) rule->set_max_excused(r.at("max_excused"));
    rule->set_min_teaching_unit_percent(r.value("min_teaching_unit_percent", 0));
    rule->set_allowed_minutes_missed(r.value("allowed_minutes_missed", 0));
    rule->set_confirmation_min_modules(r.value("confirmation_min_modules", 0));
    v1::CompletionRule stored;
    return c_.Call(c_.stub<v1::CertificateService>(),
                   &v1::CertificateService::StubInterface::SetCompletionRule, request, &stored);
  }

  // Everyone's Zertifikat or Teilnahmebestätigung, issued once.
  grpc::Status IssueCertificates(const json& d, int64_t series_id, Counts& counts) {
    if (!d.value("issue_certificates", false)) return grpc::Status::OK;
    v1::IssueCertificatesRequest request;
    request.set_series_id(series_id);
    request.set_request_id("demo-certificates-" + d.at("key").get<std::string>());
    v1::IssueCertificatesResponse issued;
    grpc::Status status =
        c_.Call(c_.stub<v1::CertificateService>(),
                &v1::CertificateService::StubInterface::IssueCertificates, request, &issued);
    if (status.ok()) counts.certificates += issued.issued_size();
    return status;
  }

  // Records every session of the series as the coordinator transfers paper
  // lists: the default status for everyone, the exceptions per module and
  // day, then the sign-off.
  grpc::Status TransferAttendance(const json& d, Counts& counts) {
    if (!d.contains("attendance")) return grpc::Status::OK;
    const std::string key = d.at("key");
    const json& a = d.at("attendance");
    const auto status_of = [](const json& name) {
      return EnumNamed(name, v1::AttendanceStatus_Parse);
    };
    auto& stub = c_.stub<v1::AttendanceService>();
    const auto& modules = sessions_.at(key);
    for (size_t m = 0; m < modules.size(); ++m) {
      for (size_t day = 0; day < modules[m].size(); ++day) {
        v1::RecordAttendanceSheetRequest request;
        request.set_request_id(fmt::format("demo-attendance-{}-{}-{}", key, m + 1, day + 1));
        request.set_session_id(modules[m][day]);
        request.set_reason(a.at("reason"));
        for (const json& person : d.at("participants")) {
          v1::AttendanceMark* mark = request.add_marks();
          mark->set_participant_id(participants_.at(person));
          mark->set_status(status_of(a.at("default")));
          for (const json& e : a.at("exceptions")) {
            if (e.at("module") != m + 1 || e.at("day") != day + 1 ||
                e.at("participant") != person) {
              continue;
            }
            mark->set_status(status_of(e.at("status")));
            mark->set_minutes_missed(e.value("minutes_missed", 0));
            mark->set_note(TextOr(e, "note"));
          }
        }
        v1::AttendanceSheet sheet;
        grpc::Status status = Create(
            stub, &v1::AttendanceService::StubInterface::RecordAttendanceSheet, request, &sheet);
        if (!status.ok()) return status;
        ++counts.sheets;
        if (!a.value("sign_off", false)) continue;
        v1::SignOffAttendanceSheetRequest sign_off;
        sign_off.set_request_id(fmt::format("demo-signoff-{}-{}-{}", key, m + 1, day + 1));
        sign_off.set_session_id(modules[m][day]);
        status = Create(stub, &v1::AttendanceService::StubInterface::SignOffAttendanceSheet,
                        sign_off, &sheet);
        if (!status.ok()) return status;
      }
    }
    return grpc::Status::OK;
  }

  grpc::Status LoadModule(const std::string& series_key, int64_t series_id, int number,
                          const json& m, Counts& counts) {
    v1::CreateModuleRequest request;
    request.set_request_id(fmt::format("demo-module-{}-{}", series_key, number));
    request.set_series_id(series_id);
    request.mutable_module()->set_title(m.at("title"));
    for (const json& topic : m.at("topics")) request.mutable_module()->add_topics(topic);
    request.mutable_module()->set_mandatory(true);
    request.mutable_module()->set_teaching_units(m.at("teaching_units"));
    v1::Module module;
    grpc::Status status =
        Create(c_.stub<v1::SeriesService>(), &SeriesStub::CreateModule, request, &module);
    if (!status.ok()) return status;
    ++counts.modules;
    int session_number = 0;
    for (const json& ds : m.at("sessions")) {
      v1::CreateSessionRequest session_request;
      session_request.set_request_id(
          fmt::format("demo-session-{}-{}-{}", series_key, number, ++session_number));
      session_request.set_series_id(series_id);
      session_request.set_module_id(module.id());
      v1::Session* session = session_request.mutable_session();
      SetBerlinTime(ds.at("start"), now_, session->mutable_start_time());
      SetBerlinTime(ds.at("end"), now_, session->mutable_end_time());
      session->mutable_place()->set_name(TextOr(ds, "place"));
      session->mutable_place()->set_address(TextOr(ds, "address"));
      for (const json& booking : ds.at("trainers")) {
        auto* b = session->add_trainers();
        b->set_trainer_id(trainers_.at(booking.at("trainer")));
        b->set_status(EnumNamed(booking.at("booking"), v1::BookingStatus_Parse));
      }
      v1::Session created;
      // A repeated load computes relative times anew, so its request would
      // differ from the first: the session made then is the module's one at
      // this place.
      const bool relative = ds.at("start").get<std::string>().rfind("now", 0) == 0;
      status = relative ? NthSession(series_id, module.id(), session_number, &created)
                        : grpc::Status(grpc::StatusCode::NOT_FOUND, "");
      if (status.error_code() == grpc::StatusCode::NOT_FOUND) {
        status = Create(c_.stub<v1::SeriesService>(), &SeriesStub::CreateSession, session_request,
                        &created);
      }
      if (!status.ok()) return status;
      auto& modules = sessions_[series_key];
      modules.resize(number);
      modules[number - 1].push_back(created.id());
      ++counts.sessions;
    }
    return grpc::Status::OK;
  }

  // The `n`-th (1-based, by start) session of a module.
  grpc::Status NthSession(int64_t series_id, int64_t module_id, int n, v1::Session* out) {
    v1::ListSessionsRequest request;
    request.set_series_id(series_id);
    request.set_module_id(module_id);
    v1::ListSessionsResponse sessions;
    grpc::Status status =
        Create(c_.stub<v1::SeriesService>(), &SeriesStub::ListSessions, request, &sessions);
    if (!status.ok()) return status;
    if (sessions.sessions_size() < n) {
      return grpc::Status(grpc::StatusCode::NOT_FOUND, "a demo session is missing");
    }
    *out = sessions.sessions(n - 1);
    return grpc::Status::OK;
  }

  // Moves the series along its status_path up to the step `before` (all
  // of it for UNSPECIFIED); a repeated load resumes where the series stands,
  // and leaves a series alone whose status is not on the path.
  // `reached`, when set, gets the series as it ends up.
  grpc::Status FollowStatusPath(const json& d, const v1::Series& series, v1::SeriesStatus before,
                                v1::Series* reached) {
    std::vector<v1::SeriesStatus> path;
    for (const json& name : d.at("status_path")) {
      path.push_back(EnumNamed(name, v1::SeriesStatus_Parse));
    }
    if (reached != nullptr) *reached = series;
    const auto end = std::find(path.begin(), path.end(), before);
    auto from = std::find(path.begin(), path.end(), series.status());
    // A status off the path was set by someone since (completed, cancelled,
    // running early): it stays.
    if (from == path.end() && series.status() != v1::SERIES_STATUS_DRAFT) {
      return grpc::Status::OK;
    }
    for (auto it = from == path.end() ? path.begin() : from + 1; it < end; ++it) {
      v1::UpdateSeriesRequest update;
      update.mutable_series()->set_id(series.id());
      update.mutable_series()->set_status(*it);
      update.mutable_update_mask()->add_paths("status");
      v1::Series updated;
      grpc::Status status =
          Create(c_.stub<v1::SeriesService>(), &SeriesStub::UpdateSeries, update, &updated);
      if (!status.ok()) return status;
      if (reached != nullptr) *reached = updated;
    }
    return grpc::Status::OK;
  }

  grpc::Status LoadQualifications() {
    for (const json& q : data_.at("qualifications")) {
      v1::RecordQualificationRequest request;
      request.set_request_id("demo-qualification-" + PersonRef(q.at("participant")));
      request.set_participant_id(participants_.at(q.at("participant")));
      request.mutable_qualification()->set_title(q.at("title"));
      request.mutable_qualification()->set_note(TextOr(q, "note"));
      v1::Qualification qualification;
      grpc::Status status =
          Create(participants_stub_, &v1::ParticipantService::StubInterface::RecordQualification,
                 request, &qualification);
      if (!status.ok()) return status;
    }
    return grpc::Status::OK;
  }

  grpc::Status LoadEnrolments(Counts& counts) {
    for (const json& e : data_.at("enrolments")) {
      const std::string series = e.at("series"), person = e.at("participant");
      v1::RequestEnrolmentRequest request;
      request.set_request_id(fmt::format("demo-enrol-{}-{}", series, PersonRef(person)));
      request.set_series_id(series_.at(series));
      request.set_participant_id(participants_.at(person));
      v1::Enrolment enrolment;
      grpc::Status status =
          Create(enrolments_stub_, &v1::EnrolmentService::StubInterface::RequestEnrolment, request,
                 &enrolment);
      if (!status.ok()) return status;
      ++counts.enrolments;
    }
    for (const json& cohort : data_.at("cohorts")) {
      const std::string series = cohort.at("series");
      v1::EnrolCohortRequest request;
      request.set_request_id("demo-cohort-" + series);
      request.set_series_id(series_.at(series));
      for (const json& p : cohort.at("participants")) {
        request.add_participant_ids(participants_.at(p));
      }
      v1::EnrolCohortResponse enrolled;
      grpc::Status status = Create(
          enrolments_stub_, &v1::EnrolmentService::StubInterface::EnrolCohort, request, &enrolled);
      if (!status.ok()) return status;
      counts.enrolments += enrolled.enrolments_size();
    }
    return grpc::Status::OK;
  }

  Client& c_;
  const json& data_;
  v1::ParticipantService::StubInterface& participants_stub_;
  v1::EnrolmentService::StubInterface& enrolments_stub_;
  std::map<std::string, int64_t> organizations_, trainers_, participants_, series_;
  std::map<std::string, size_t> person_numbers_;  // key -> place in the file, from 1
  std::set<std::string> erased_;                  // keys of people erased since a load
  // Per series key: the sessions of each module (index module number - 1), in day order.
  std::map<std::string, std::vector<std::vector<int64_t>>> sessions_;
  absl::Time now_ = absl::Now();
};

}  // namespace

void AddDemoCommands(CLI::App& app, Context& ctx) {
  CLI::App* demo = app.add_subcommand("demo", msg::kDemoCommand)->require_subcommand(1);
  auto* load = demo->add_subcommand("load", msg::kDemoLoad);
  load->callback([&ctx] {
    auto& c = ctx.client();
    DemoLoader::Counts counts;
    json data;
    grpc::Status status;
    ChangeCount changes(c);
    try {
      data = json::parse(kDemoJson);
      status = DemoLoader(c, data).Load(counts);
    } catch (const std::exception& e) {
      // A defect of the built-in data file, never of the user's input.
      status =
          grpc::Status(grpc::StatusCode::INTERNAL, fmt::format(msg::kDemoDataBroken, e.what()));
    }
    // A record a load made is gone (deleted since): a repeat cannot tell
    // what to do about it, and has changed nothing before it.
    if (status.error_code() == grpc::StatusCode::NOT_FOUND) {
      status = grpc::Status(grpc::StatusCode::FAILED_PRECONDITION,
                            fmt::format(msg::kDemoRecordGone, status.error_message()));
    }
    if (!Check(ctx, status)) return;
    if (changes.Changes() == 0) {
      PrintWrapped(ctx.out(), msg::kDemoUnchanged);
    } else {
      PrintWrapped(ctx.out(), fmt::format(msg::kDemoLoaded, counts.organizations, counts.trainers,
                                          counts.series, counts.modules, counts.sessions,
                                          counts.enrolments, counts.sheets, counts.certificates));
    }
    // The logins as they are now (a person's erasure ended theirs).
    std::set<std::string> existing;
    const bool listed = ExistingLogins(c, existing).ok();
    PrintLogins(ctx, data, listed ? &existing : nullptr);
  });
  auto* logins = demo->add_subcommand("logins", msg::kDemoLogins);
  logins->callback([&ctx] {
    std::set<std::string> existing;
    if (!Check(ctx, ExistingLogins(ctx.client(), existing))) return;
    const json data = json::parse(kDemoJson);
    bool any = false;
    for (const json& a : data.at("accounts")) any = any || existing.count(Folded(a.at("email")));
    if (!any) {
      ctx.err() << msg::kErrorPrefix << msg::kNoDemoHere << "\n";
      ctx.exit_code = kExitNotFound;
      return;
    }
    PrintLogins(ctx, data, &existing);
  });
}

}  // namespace trainhub::cli
