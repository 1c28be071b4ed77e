// trainhub demo load: organisations, trainers, series with their modules and sessions, and the
// series' status path (see demo_loader.h).

#include <fmt/core.h>

#include <algorithm>
#include <stdexcept>

#include "clients/cli/demo_loader.h"
#include "clients/cli/messages.h"
#include "trainhub/v1/organization.grpc.pb.h"
#include "trainhub/v1/series.grpc.pb.h"
#include "trainhub/v1/trainer.grpc.pb.h"

namespace trainhub::cli::demo {

using SeriesStub = v1::SeriesService::StubInterface;

grpc::Status DemoLoader::LoadOrganizations(Counts& counts) {
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

grpc::Status DemoLoader::LoadTrainers(Counts& counts) {
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

// The modules of `series`: its own, or those of the series named by
// modules_from (without their sessions) with module_sessions.
json DemoLoader::ModulesOf(const json& series) const {
  if (!series.contains("modules_from")) return series.at("modules");
  const auto& all = data_.at("series");
  auto from = std::find_if(all.begin(), all.end(),
                           [&](const json& s) { return s.at("key") == series.at("modules_from"); });
  if (from == all.end()) throw std::invalid_argument("modules_from names no series");
  json modules = from->at("modules");
  const json sessions = series.value("module_sessions", json::array());
  for (size_t i = 0; i < modules.size(); ++i) {
    modules[i]["sessions"] = i < sessions.size() ? sessions[i] : json::array();
  }
  return modules;
}

grpc::Status DemoLoader::LoadSeries(const json& d, Counts& counts) {
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

grpc::Status DemoLoader::LoadModule(const std::string& series_key, int64_t series_id, int number,
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
grpc::Status DemoLoader::NthSession(int64_t series_id, int64_t module_id, int n, v1::Session* out) {
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
grpc::Status DemoLoader::FollowStatusPath(const json& d, const v1::Series& series,
                                          v1::SeriesStatus before, v1::Series* reached) {
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

}  // namespace trainhub::cli::demo
