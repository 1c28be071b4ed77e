// ParticipantService: who may call what (the rows of the access matrix).

#include "api/access_matrix.h"
#include "api/api_fixture.h"

namespace trainhub::api_test {
namespace {

// ParticipantService's rows of the access matrix (access_matrix.h).
TH_ACCESS_ROWS(kParticipantServiceRows,
               {
                   {"ParticipantService/CreateParticipant",
                    [](const AccessObjects& o) {
                      v1::CreateParticipantRequest r;
                      r.mutable_participant()->set_display_name("Neu");
                      r.mutable_participant()->set_organization_id(o.org);
                      r.mutable_participant()->add_target_groups(v1::TARGET_GROUP_OTHER);
                      return Bytes(r);
                    },
                    kPlannerOwn},
                   {"ParticipantService/GetParticipant",
                    [](const AccessObjects& o) {
                      v1::GetParticipantRequest r;
                      r.set_id(o.participant);
                      return Bytes(r);
                    },
                    kPlannerOrSelf},
                   {"ParticipantService/ListParticipants",
                    [](const AccessObjects&) { return std::string(); }, kAll},
                   {"ParticipantService/UpdateParticipant",
                    [](const AccessObjects& o) {
                      v1::UpdateParticipantRequest r;
                      r.mutable_participant()->set_id(o.participant);
                      r.mutable_participant()->set_display_name("Umbenannt");
                      r.mutable_update_mask()->add_paths("display_name");
                      return Bytes(r);
                    },
                    kPlannerOwn},
                   {"ParticipantService/ImportParticipants",
                    [](const AccessObjects& o) {
                      v1::ImportParticipantsRequest r;
                      r.set_organization_id(o.org);
                      r.set_csv("Name;Zielgruppe\nNeue Person;Ehrenamt\n");
                      r.set_dry_run(true);
                      return Bytes(r);
                    },
                    kPlannerOwn},
                   {"ParticipantService/RecordQualification",
                    [](const AccessObjects& o) {
                      v1::RecordQualificationRequest r;
                      r.set_participant_id(o.participant);
                      r.mutable_qualification()->set_title("Moderation");
                      return Bytes(r);
                    },
                    kPlannerOwn},
                   {"ParticipantService/ListQualifications",
                    [](const AccessObjects& o) {
                      v1::ListQualificationsRequest r;
                      r.set_participant_id(o.participant);
                      return Bytes(r);
                    },
                    kPlannerOrSelf},
                   {"ParticipantService/DeleteQualification",
                    [](const AccessObjects& o) {
                      v1::DeleteQualificationRequest r;
                      r.set_participant_id(o.participant);
                      r.set_qualification_id(o.qualification);
                      return Bytes(r);
                    },
                    kPlannerOwn, /*order=*/2},
               });
}  // namespace
}  // namespace trainhub::api_test
