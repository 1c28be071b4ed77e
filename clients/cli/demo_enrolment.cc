// trainhub demo load: participants, their qualifications, enrolments and cohorts (see
// demo_loader.h).

#include <fmt/core.h>

#include "clients/cli/demo_loader.h"
#include "trainhub/v1/enrolment.grpc.pb.h"
#include "trainhub/v1/participant.grpc.pb.h"

namespace trainhub::cli::demo {

// Request ids name people by their place in the file, not by their
// names: request ids stay in the audit log after a person's erasure.
std::string DemoLoader::PersonRef(const std::string& key) const {
  return std::to_string(person_numbers_.at(key));
}

grpc::Status DemoLoader::LoadParticipants() {
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
        Create(c_.stub<v1::ParticipantService>(),
               &v1::ParticipantService::StubInterface::CreateParticipant, request, &created);
    if (!status.ok()) return status;
    participants_[p.at("key")] = created.id();
    if (created.has_erasure()) erased_.insert(p.at("key").get<std::string>());
  }
  return grpc::Status::OK;
}

grpc::Status DemoLoader::LoadQualifications() {
  for (const json& q : data_.at("qualifications")) {
    v1::RecordQualificationRequest request;
    request.set_request_id("demo-qualification-" + PersonRef(q.at("participant")));
    request.set_participant_id(participants_.at(q.at("participant")));
    request.mutable_qualification()->set_title(q.at("title"));
    request.mutable_qualification()->set_note(TextOr(q, "note"));
    v1::Qualification qualification;
    grpc::Status status = Create(c_.stub<v1::ParticipantService>(),
                                 &v1::ParticipantService::StubInterface::RecordQualification,
                                 request, &qualification);
    if (!status.ok()) return status;
  }
  return grpc::Status::OK;
}

grpc::Status DemoLoader::LoadEnrolments(Counts& counts) {
  for (const json& e : data_.at("enrolments")) {
    const std::string series = e.at("series"), person = e.at("participant");
    v1::RequestEnrolmentRequest request;
    request.set_request_id(fmt::format("demo-enrol-{}-{}", series, PersonRef(person)));
    request.set_series_id(series_.at(series));
    request.set_participant_id(participants_.at(person));
    v1::Enrolment enrolment;
    grpc::Status status =
        Create(c_.stub<v1::EnrolmentService>(),
               &v1::EnrolmentService::StubInterface::RequestEnrolment, request, &enrolment);
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
    grpc::Status status =
        Create(c_.stub<v1::EnrolmentService>(), &v1::EnrolmentService::StubInterface::EnrolCohort,
               request, &enrolled);
    if (!status.ok()) return status;
    counts.enrolments += enrolled.enrolments_size();
  }
  return grpc::Status::OK;
}

grpc::Status DemoLoader::EnrolParticipants(const json& d, const v1::Series& series,
                                           Counts& counts) {
  if (!d.contains("participants")) return grpc::Status::OK;
  v1::EnrolCohortRequest request;
  request.set_request_id("demo-participants-" + d.at("key").get<std::string>());
  request.set_series_id(series.id());
  for (const json& p : d.at("participants")) request.add_participant_ids(participants_.at(p));
  v1::EnrolCohortResponse enrolled;
  grpc::Status status =
      Create(c_.stub<v1::EnrolmentService>(), &v1::EnrolmentService::StubInterface::EnrolCohort,
             request, &enrolled);
  if (status.ok()) counts.enrolments += enrolled.enrolments_size();
  return status;
}

}  // namespace trainhub::cli::demo
