// ParticipantService: who may call what (the rows of the access matrix).

#include "absl/strings/str_format.h"
#include "api/access_matrix.h"
#include "api/api_fixture.h"
#include "domain/berlin_time.h"
#include "domain/enrolment/training_year.h"

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

// "2019-09-01" for 1 September 2019.
std::string DayOf(const v1::LocalDate& d) {
  return absl::StrFormat("%04d-%02d-%02d", d.year(), d.month(), d.day());
}

v1::LocalDate Day(int year, int month, int day) {
  v1::LocalDate out;
  out.set_year(year);
  out.set_month(month);
  out.set_day(day);
  return out;
}

// Apprentices are kept with the start of their training; the training
// year, deprecated, still works as the year today.
TEST_F(ApiTest, ApprenticesAreKeptWithTheStartOfTheirTraining) {
  const int64_t org = CreateOrganization("Stadt Dessau-Roßlau");
  v1::CreateParticipantRequest create;
  create.mutable_participant()->set_display_name("Lena Hoffmann");
  create.mutable_participant()->set_organization_id(org);
  create.mutable_participant()->add_target_groups(v1::TARGET_GROUP_APPRENTICES);
  *create.mutable_participant()->mutable_training_start() = Day(2019, 9, 1);
  v1::Participant lena;
  grpc::Status s = Call(*people_, &v1::ParticipantService::Stub::CreateParticipant, create, &lena);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(DayOf(lena.training_start()), "2019-09-01");
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
  EXPECT_EQ(lena.training_year(), 0) << "after the third year it is not stated";

  // An older client states the year as of today: stored as a start.
  const absl::CivilDay today = absl::ToCivilDay(absl::Now(), domain::DisplayTimeZone());
  v1::CreateParticipantRequest old_client = create;
  old_client.mutable_participant()->set_display_name("Mehmet Yılmaz");
  old_client.mutable_participant()->clear_training_start();
  old_client.mutable_participant()->set_training_year(2);
  v1::Participant mehmet;
  s = Call(*people_, &v1::ParticipantService::Stub::CreateParticipant, old_client, &mehmet);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(mehmet.training_year(), 2);
  const absl::CivilDay start = domain::TrainingStartForYear(2, today);
  EXPECT_EQ(DayOf(mehmet.training_start()), absl::StrCat(start.year(), "-08-01"));

  const std::string before = Snapshot();
  v1::Participant out;
  auto create_with = [&](std::function<void(v1::Participant*)> change) {
    return [&, change] {
      v1::CreateParticipantRequest r = create;
      change(r.mutable_participant());
      return Call(*people_, &v1::ParticipantService::Stub::CreateParticipant, r, &out);
    };
  };
  using grpc::StatusCode;
  ExpectRefused({
      {"no start", create_with([](auto* p) { p->clear_training_start(); }),
       StatusCode::INVALID_ARGUMENT, "participant.training_start"},
      {"a day that does not exist",
       create_with([](auto* p) { *p->mutable_training_start() = Day(2019, 2, 30); }),
       StatusCode::INVALID_ARGUMENT, "participant.training_start"},
      {"before 2000", create_with([](auto* p) { *p->mutable_training_start() = Day(1999, 8, 1); }),
       StatusCode::INVALID_ARGUMENT, "participant.training_start"},
      {"a year beyond the third", create_with([](auto* p) {
         p->clear_training_start();
         p->set_training_year(4);
       }),
       StatusCode::INVALID_ARGUMENT, "participant.training_year"},
      {"a year that disagrees with the start",
       create_with([](auto* p) { p->set_training_year(1); }), StatusCode::INVALID_ARGUMENT,
       "participant.training_year"},
      {"a volunteer with a start", create_with([](auto* p) {
         p->clear_target_groups();
         p->add_target_groups(v1::TARGET_GROUP_VOLUNTEERS);
       }),
       StatusCode::INVALID_ARGUMENT, "participant.training_start"},
  });
  EXPECT_EQ(Snapshot(), before);

  // The start is corrected by its own path; the year alone replaces it.
  v1::UpdateParticipantRequest update;
  update.mutable_participant()->set_id(mehmet.id());
  *update.mutable_participant()->mutable_training_start() = Day(2024, 9, 1);
  update.mutable_update_mask()->add_paths("training_start");
  s = Call(*people_, &v1::ParticipantService::Stub::UpdateParticipant, update, &out);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(out.training_start().year(), 2024);
  EXPECT_EQ(out.training_start().month(), 9);
  update.mutable_participant()->clear_training_start();
  update.mutable_participant()->set_training_year(1);
  update.mutable_update_mask()->set_paths(0, "training_year");
  s = Call(*people_, &v1::ParticipantService::Stub::UpdateParticipant, update, &out);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(out.training_year(), 1);
  EXPECT_EQ(out.training_start().year(), domain::TrainingStartForYear(1, today).year());
#pragma GCC diagnostic pop
}

}  // namespace
}  // namespace trainhub::api_test
