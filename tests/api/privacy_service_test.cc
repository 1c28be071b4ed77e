// PrivacyService, the export of a person's data (GDPR Art. 15 and 20): what
// the coordinators and the person get, as JSON or ZIP, who is refused, and
// the audit log. The erasure is in privacy_erasure_test.cc and
// privacy_erasure_load_test.cc.

#include <zip.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "api/access_matrix.h"
#include "api/privacy_fixture.h"
#include "trainhub/v1/audit.grpc.pb.h"

namespace trainhub::api_test {
namespace {

// PrivacyService's rows of the access matrix (access_matrix.h): the
// coordinators of the person's organisation and the person themselves.
TH_ACCESS_ROWS(kPrivacyServiceRows, {
                                        {"PrivacyService/ExportPersonalData",
                                         [](const AccessObjects& o) {
                                           v1::ExportPersonalDataRequest r;
                                           r.set_participant_id(o.participant);
                                           return Bytes(r);
                                         },
                                         kPlannerOrSelf},
                                        // The own participant takes part in a series
                                        // that has not ended: refused with a reason.
                                        {"PrivacyService/ErasePersonalData",
                                         [](const AccessObjects& o) {
                                           v1::ErasePersonalDataRequest r;
                                           r.set_participant_id(o.participant);
                                           r.set_reason("Antrag auf Löschung");
                                           return Bytes(r);
                                         },
                                         kPlannerOwn},
                                        {"PrivacyService/ListErasureDue",
                                         [](const AccessObjects& o) {
                                           v1::ListErasureDueRequest r;
                                           r.set_organization_id(o.org);
                                           return Bytes(r);
                                         },
                                         kPlannerOwn},
                                    });

// The names of the files in a ZIP archive.
std::map<std::string, std::string> ZipFiles(const std::string& bytes) {
  std::map<std::string, std::string> files;
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* archive = source ? zip_open_from_source(source, ZIP_RDONLY, &error) : nullptr;
  if (archive == nullptr) {
    if (source) zip_source_free(source);
    return files;
  }
  for (zip_int64_t i = 0; i < zip_get_num_entries(archive, 0); ++i) {
    zip_stat_t stat;
    if (zip_stat_index(archive, i, 0, &stat) != 0) continue;
    zip_file_t* f = zip_fopen_index(archive, i, 0);
    std::string content(stat.size, '\0');
    if (f && zip_fread(f, content.data(), stat.size) == static_cast<zip_int64_t>(stat.size)) {
      files[stat.name] = content;
    }
    if (f) zip_fclose(f);
  }
  zip_close(archive);
  return files;
}

class PrivacyServiceTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    if (HasFatalFailure()) return;
    privacy_ = v1::PrivacyService::NewStub(channel_);
    org_ = CreateOrganization("Netzwerk Vielfalt e. V.");
    other_org_ = CreateOrganization("Stadt Köthen");
    series_ = CreateSeries(org_, "Interkultur im Ehrenamt").id();
    person_ = EnrolNewVolunteer(org_, series_, "Amina Haddad");
    stranger_ = EnrolNewVolunteer(other_org_, series_, "Jonas Berg");
    // A coordinator's note on the enrolment: staff's, not shown to her.
    v1::ListEnrolmentsRequest list;
    list.set_participant_id(person_);
    v1::ListEnrolmentsResponse enrolments;
    ASSERT_TRUE(
        Call(*enrolments_, &v1::EnrolmentService::Stub::ListEnrolments, list, &enrolments).ok());
    ASSERT_EQ(enrolments.enrolments_size(), 1);
    enrolment_ = enrolments.enrolments(0).id();
    v1::WithdrawEnrolmentRequest withdraw;
    withdraw.set_id(enrolment_);
    withdraw.set_reason("zieht nach Halle");
    v1::Enrolment e;
    ASSERT_TRUE(
        Call(*enrolments_, &v1::EnrolmentService::Stub::WithdrawEnrolment, withdraw, &e).ok());
    v1::RequestEnrolmentRequest again;
    again.set_series_id(series_);
    again.set_participant_id(person_);
    again.set_note("braucht einen barrierefreien Raum");
    ASSERT_TRUE(Call(*enrolments_, &v1::EnrolmentService::Stub::RequestEnrolment, again, &e).ok());
    coordinator_token_ = Account("koordination@example.org", {domain::Role::kCoordinator, org_});
    other_coordinator_token_ =
        Account("koordination@koethen.example.org", {domain::Role::kCoordinator, other_org_});
    self_token_ = Account("amina@example.org", {domain::Role::kParticipant, 0, 0, person_});
  }

  grpc::Status Export(const std::string& token, int64_t participant, v1::PersonalDataFormat format,
                      std::string* bytes, std::string* name = nullptr) {
    v1::ExportPersonalDataRequest r;
    r.set_participant_id(participant);
    r.set_format(format);
    return ReadExport(*privacy_, token, r, bytes, name);
  }

  nlohmann::json ExportJson(const std::string& token, int64_t participant) {
    std::string bytes;
    grpc::Status s = Export(token, participant, v1::PERSONAL_DATA_FORMAT_JSON, &bytes);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return s.ok() ? nlohmann::json::parse(bytes) : nlohmann::json();
  }

  std::unique_ptr<v1::PrivacyService::Stub> privacy_;
  int64_t org_ = 0, other_org_ = 0, series_ = 0, person_ = 0, stranger_ = 0, enrolment_ = 0;
  std::string coordinator_token_, other_coordinator_token_, self_token_;
};

TEST_F(PrivacyServiceTest, TheCoordinatorsExportHoldsEverythingAboutThePerson) {
  const nlohmann::json j = ExportJson(coordinator_token_, person_);
  EXPECT_TRUE(j["export"]["complete"]);
  EXPECT_EQ(j["person"]["name"], "Amina Haddad");
  EXPECT_EQ(j["person"]["organization"]["name"], "Netzwerk Vielfalt e. V.");
  ASSERT_EQ(j["accounts"].size(), 1u);
  EXPECT_EQ(j["accounts"][0]["email"], "amina@example.org");
  ASSERT_EQ(j["enrolments"].size(), 1u);
  const nlohmann::json& e = j["enrolments"][0];
  EXPECT_EQ(e["note"], "braucht einen barrierefreien Raum");
  ASSERT_GE(e["history"].size(), 3u);  // requested, withdrawn, requested again
  bool withdrawal = false;
  for (const auto& step : e["history"]) withdrawal |= step["reason"] == "zieht nach Halle";
  EXPECT_TRUE(withdrawal);
  // The audit events about her: created, enrolled, withdrawn, enrolled.
  std::set<std::string> objects;
  for (const auto& a : j["audit_events"]) objects.insert(a["object"]);
  EXPECT_TRUE(objects.count("participant/" + std::to_string(person_)));
  EXPECT_TRUE(objects.count("enrolment/" + std::to_string(enrolment_)));
  // Nothing about the other person.
  EXPECT_EQ(j.dump().find("Jonas Berg"), std::string::npos);
}

TEST_F(PrivacyServiceTest, ThePersonGetsTheirOwnWithoutStaffNotes) {
  const nlohmann::json j = ExportJson(self_token_, 0);  // 0: myself
  EXPECT_FALSE(j["export"]["complete"]);
  EXPECT_EQ(j["person"]["id"], person_);
  EXPECT_FALSE(j["enrolments"][0].contains("note"));
  EXPECT_EQ(j.dump().find("barrierefreien"), std::string::npos);
  // Where staff worked from is not hers to see.
  for (const auto& a : j["audit_events"]) {
    if (a["by"] != "amina") {
      EXPECT_FALSE(a.contains("address")) << a.dump();
    }
  }
}

TEST_F(PrivacyServiceTest, AZipHoldsTheJsonAndIsNamedForThePerson) {
  std::string bytes, name;
  ASSERT_TRUE(Export(token_, person_, v1::PERSONAL_DATA_FORMAT_ZIP, &bytes, &name).ok());
  EXPECT_EQ(name, "personendaten-" + std::to_string(person_) + ".zip");
  const auto files = ZipFiles(bytes);
  ASSERT_TRUE(files.count("personal-data.json"));
  EXPECT_EQ(nlohmann::json::parse(files.at("personal-data.json"))["person"]["name"],
            "Amina Haddad");
}

TEST_F(PrivacyServiceTest, OthersAreRefusedAndEveryExportIsInTheAuditLog) {
  std::string bytes;
  EXPECT_EQ(
      Export(other_coordinator_token_, person_, v1::PERSONAL_DATA_FORMAT_JSON, &bytes).error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Export(self_token_, stranger_, v1::PERSONAL_DATA_FORMAT_JSON, &bytes).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Export(coordinator_token_, 9999, v1::PERSONAL_DATA_FORMAT_JSON, &bytes).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  grpc::Status missing = Export(token_, 9999, v1::PERSONAL_DATA_FORMAT_JSON, &bytes);
  EXPECT_EQ(missing.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(FieldOf(missing), "participant_id");
  grpc::Status nobody = Export(coordinator_token_, 0, v1::PERSONAL_DATA_FORMAT_JSON, &bytes);
  EXPECT_EQ(nobody.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(FieldOf(nobody), "participant_id");
  EXPECT_EQ(Export(token_, person_, static_cast<v1::PersonalDataFormat>(7), &bytes).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);

  ExportJson(coordinator_token_, person_);
  auto audit = v1::AuditService::NewStub(channel_);
  v1::ListAuditEventsResponse events;
  ASSERT_TRUE(Call(*audit, &v1::AuditService::Stub::ListAuditEvents, {}, &events).ok());
  int exports = 0;
  for (const auto& e : events.events()) {
    if (e.method() != "trainhub.v1.PrivacyService/ExportPersonalData" || e.result() != "OK") {
      continue;
    }
    ++exports;
    EXPECT_EQ(e.object(),
              "personal_data_export participant/" + std::to_string(person_) + " complete");
    EXPECT_EQ(e.organization_id(), org_);
  }
  EXPECT_EQ(exports, 1);
}

}  // namespace
}  // namespace trainhub::api_test
