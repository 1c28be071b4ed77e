#ifndef TRAINHUB_TESTS_UNIT_CERTIFICATE_DOCUMENT_FIXTURE_H_
#define TRAINHUB_TESTS_UNIT_CERTIFICATE_DOCUMENT_FIXTURE_H_

// The certificate document tests' fixture and example contents
// (certificate_document_test.cc, certificate_pdf_test.cc).

#include <gtest/gtest.h>
#include <sodium.h>

#include "domain/completion/certificate_document.h"
#include "domain/completion/name_transliteration.h"
#include "domain/work_gate.h"

namespace trainhub::domain {

class CertificateDocumentTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { ASSERT_GE(sodium_init(), 0); }

  // CheckHolderName with a hashing slot of the test's own, as the
  // verification's name-check budget grants one.
  absl::StatusOr<HolderNameCheck> CheckHolderName(const CertificateContent& content,
                                                  absl::string_view name) {
    WorkGate::Pass slot = hashing_.Enter();
    if (!slot.ok()) return absl::ResourceExhaustedError("no hashing slot");
    return ::trainhub::domain::CheckHolderName(content, name, &slot);
  }

  WorkGate hashing_{1, 0, absl::ZeroDuration()};
};

inline CertificateContent Example() {
  CertificateContent c;
  c.serial = "7K3M-Q9ZD-X2RT-4HNB";
  c.outcome = CompletionOutcome::kCertificate;
  c.holder_name = "أمل حداد";
  c.series_id = 1;
  c.series_title = "Systemische Organisationsberatung im interkulturellen Kontext";
  c.series_kind = SeriesKind::kTrainerQualification;
  c.qualification = "Systemische Organisationsberater:in";
  c.organization_name = "Auslandsgesellschaft Sachsen-Anhalt e.V.";
  c.partner_names = {"Hochschule Anhalt"};
  c.modules = {{1,
                "Veränderungsprozesse I",
                "23.–24.11.2018",
                "16",
                "16",
                true,
                {"Nuran Şahin"},
                {"Systemisches Denken", "Auftragsklärung in Verwaltungen"}},
               {2,
                "Change Management",
                "01.–02.03.2019",
                "16",
                "8",
                false,
                {"Алина Петрова"},
                {"Widerstände im Wandel"}}};
  c.teaching_units_attended = "24";
  c.teaching_units_total = "32";
  c.issue_time = absl::FromUnixSeconds(1'800'000'000);  // 15.01.2027
  c.key_id = "k0123456789abcdef";
  c.evaluation = {{"rule", {{"min_modules", 1}}}, {"teaching_unit_percent", "75"}};
  c.attended_days = {absl::CivilDay(2018, 11, 23), absl::CivilDay(2018, 11, 24)};
  c.place = "Magdeburg";
  c.signatory_name = "Dr. Katrin Beispiel";
  c.signatory_role = "Projektleitung";
  return c;
}

// A Teilnahmebestätigung of a one-day Fachtag (a series that issues only
// those): one module of 6 UE on 12 March 2027.
inline CertificateContent FachtagConfirmation() {
  CertificateContent c = Example();
  c.outcome = CompletionOutcome::kConfirmation;
  c.qualification.clear();
  c.partner_names.clear();
  c.issued_documents = IssuedDocuments::kConfirmationOnly;
  c.series_title = "Fachtag Vielfalt in der Verwaltung";
  c.series_kind = SeriesKind::kOther;
  c.modules = {{1,
                "Fachtag",
                "12.03.2027",
                "6",
                "6",
                true,
                {"Мирослава Іваненко"},
                {"Impulsvortrag Antidiskriminierung", "Workshops zu Leichter Sprache"}}};
  c.teaching_units_attended = "6";
  c.teaching_units_total = "6";
  c.attended_days = {absl::CivilDay(2027, 3, 12)};
  c.issue_time = absl::FromCivil(absl::CivilSecond(2027, 3, 15, 10, 0, 0), absl::UTCTimeZone());
  return c;
}

}  // namespace trainhub::domain

#endif  // TRAINHUB_TESTS_UNIT_CERTIFICATE_DOCUMENT_FIXTURE_H_
