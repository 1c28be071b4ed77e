// What participants hear of their enrolments: one notification per step
// that concerns them, appended in the step's own unit of work, so that a
// refused or rolled-back step leaves none; the texts come from the
// catalogue in German unless the person chose English.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "domain/notifications/enrolment_notices.h"
#include "domain/notifications/notice_templates.h"
#include "domain/notifications/outbox.h"
#include "domain/status_macros.h"
#include "unit/enrolments_fixture.h"

namespace trainhub::domain {
namespace {

using S = EnrolmentState;
using K = NotificationKind;

class EnrolmentNoticesTest : public EnrolmentsTest {
 protected:
  Id PersonWithMail(const std::string& name, const std::string& email) {
    Participant p;
    p.display_name = name;
    p.email = email;
    p.organization_id = agsa_;
    p.target_groups = {TargetGroup::kVolunteers};
    auto created = participants_->Create(admin_, p, {});
    EXPECT_TRUE(created.ok()) << created.status();
    return created.ok() ? created->id : 0;
  }

  // Every notification in the outbox, oldest first.
  std::vector<Notification> Outbox() {
    std::vector<Notification> out;
    EXPECT_TRUE(store_
                    ->Read([&](ReadView& r) -> absl::Status {
                      auto all = AllPages<Notification>([&](const PageRequest& page) {
                        return r.notifications().List({}, page);
                      });
                      if (!all.ok()) return all.status();
                      out.assign(all->rbegin(), all->rend());
                      return absl::OkStatus();
                    })
                    .ok());
    return out;
  }

  std::vector<Notification> To(Id participant) {
    std::vector<Notification> out;
    for (Notification& n : Outbox()) {
      if (n.recipient.kind == RecipientKind::kParticipant && n.recipient.id == participant) {
        out.push_back(std::move(n));
      }
    }
    return out;
  }
};

TEST_F(EnrolmentNoticesTest, APromotionTellsThePromotedPersonOnceAndNobodyElse) {
  Series patch;
  patch.id = series_;
  patch.requires_confirmation = true;
  patch.confirmation_deadline =
      absl::FromCivil(absl::CivilMinute(2026, 4, 15, 18, 0), absl::UTCTimeZone());
  ASSERT_TRUE(planner_->series
                  .UpdateSeries(admin_, patch, {"requires_confirmation", "confirmation_deadline"})
                  .ok());
  const Id anna = PersonWithMail("Anna Schmidt", "anna@example.org");
  const Id buelent = PersonWithMail("Bülent Yılmaz", "buelent@example.org");
  const Id samir = PersonWithMail("سمير خليل", "samir@example.org");
  const Id dmytro = PersonWithMail("Дмитро Шевчук", "dmytro@example.org");
  Enrol(anna);
  const Enrolment b = Enrol(buelent);
  const Enrolment c = Enrol(samir);
  Enrol(dmytro);
  ASSERT_EQ(c.state, S::kWaitlisted);
  const size_t before = Outbox().size();
  ASSERT_EQ(before, 4u);  // one notice per request

  now_ += absl::Hours(1);
  ASSERT_TRUE(enrolments_->Withdraw(coordinator_, b.id, "Umzug nach Halle", {}).ok());

  const std::vector<Notification> after = Outbox();
  ASSERT_EQ(after.size(), before + 2);  // the withdrawn person and the promoted one
  std::vector<Notification> to_samir = To(samir);
  ASSERT_EQ(to_samir.size(), 2u);
  EXPECT_EQ(to_samir[0].kind, K::kWaitlisted);
  const Notification& promoted = to_samir[1];
  EXPECT_EQ(promoted.kind, K::kPromoted);
  EXPECT_EQ(promoted.status, NotificationStatus::kPending);
  EXPECT_EQ(promoted.recipient.address, "samir@example.org");
  EXPECT_EQ(promoted.recipient.name, "سمير خليل");
  EXPECT_EQ(promoted.series_id, series_);
  EXPECT_EQ(promoted.enrolment_id, c.id);
  EXPECT_EQ(promoted.create_time, now_);
  EXPECT_EQ(promoted.next_attempt_time, now_);
  EXPECT_EQ(promoted.subject, "Ein Platz ist frei geworden: Interkultur im Ehrenamt");
  EXPECT_NE(promoted.body.find("Guten Tag سمير خليل,"), std::string::npos) << promoted.body;
  // The deadline in German local time (CEST in April).
  EXPECT_NE(promoted.body.find("bis Mittwoch, 15. April 2026 um 20:00"), std::string::npos)
      << promoted.body;
  EXPECT_NE(promoted.body.find("Auslandsgesellschaft Sachsen-Anhalt e.V."), std::string::npos);

  std::vector<Notification> to_buelent = To(buelent);
  ASSERT_EQ(to_buelent.size(), 2u);
  EXPECT_EQ(to_buelent[1].kind, K::kWithdrawnByCoordinator);
  EXPECT_NE(to_buelent[1].body.find("Begründung: Umzug nach Halle"), std::string::npos);
  EXPECT_EQ(To(anna).size(), 1u);
  EXPECT_EQ(To(dmytro).size(), 1u);
  EXPECT_EQ(To(dmytro)[0].kind, K::kWaitlisted);
  EXPECT_NE(To(dmytro)[0].body.find("an Position 2"), std::string::npos) << To(dmytro)[0].body;
}

TEST_F(EnrolmentNoticesTest, RefusedAndRolledBackStepsLeaveNoNotification) {
  const Id jana = PersonWithMail("Jana Beispiel", "jana@example.org");
  Enrol(jana);
  ASSERT_EQ(Outbox().size(), 1u);
  // Refused: already enrolled.
  EXPECT_FALSE(enrolments_->Request(coordinator_, series_, jana, false, "", {}).ok());
  // Refused: a participant may not enrol someone else.
  const Id omar = PersonWithMail("Omar Haddad", "omar@example.org");
  EXPECT_FALSE(enrolments_->Request(As({Role::kParticipant, 0, 0, jana}), series_, omar, false,
                                    "", {})
                   .ok());
  EXPECT_EQ(Outbox().size(), 1u);

  // A unit of work that appends a notice and then fails keeps nothing.
  const absl::Status failed = store_->Write([&](UnitOfWork& w) -> absl::Status {
    TH_ASSIGN_OR_RETURN(Series series, w.series().Get(series_));
    TH_ASSIGN_OR_RETURN(std::optional<Enrolment> e, w.enrolments().Find(series_, jana));
    TH_RETURN_IF_ERROR(NoticeEnrolmentStep(w, series, *e, S::kWaitlisted, "", false, now_));
    return absl::AbortedError("lost a race");
  });
  EXPECT_EQ(failed.code(), absl::StatusCode::kAborted);
  EXPECT_EQ(Outbox().size(), 1u);
}

TEST_F(EnrolmentNoticesTest, StepsPeopleTakeThemselvesAndPeopleWithoutAddressGetNone) {
  const Id jana = PersonWithMail("Jana Beispiel", "jana@example.org");
  const Enrolment e = Enrol(jana);
  const Principal self = As({Role::kParticipant, 0, 0, jana});
  ASSERT_TRUE(enrolments_->Withdraw(self, e.id, "keine Zeit", {}).ok());
  EXPECT_EQ(To(jana).size(), 1u);  // only the seat

  const Id no_address = Person("Ohne Adresse");
  Enrol(no_address);
  EXPECT_TRUE(To(no_address).empty());
}

TEST_F(EnrolmentNoticesTest, ACancelledSeriesTellsEveryoneEnrolledWithItsReason) {
  const Id anna = PersonWithMail("Anna", "anna@example.org");
  const Id omar = PersonWithMail("Omar", "omar@example.org");
  const Id lena = PersonWithMail("Lena", "lena@example.org");
  for (Id p : {anna, omar, lena}) Enrol(p);
  ASSERT_TRUE(planner_->series.CancelSeries(admin_, series_, "Die Referentin ist erkrankt.")
                  .ok());
  for (Id p : {anna, omar, lena}) {
    std::vector<Notification> got = To(p);
    ASSERT_EQ(got.size(), 2u);
    EXPECT_EQ(got[1].kind, K::kSeriesCancelled);
    EXPECT_EQ(got[1].subject, "Abgesagt: Interkultur im Ehrenamt");
    EXPECT_NE(got[1].body.find("Begründung: Die Referentin ist erkrankt."), std::string::npos)
        << got[1].body;
  }
}

// Every kind of notice renders in every language with the placeholders the
// use cases give, with nothing left unformatted.
TEST(NoticeTemplatesTest, EveryKindSaysItsTextInEveryLanguage) {
  const std::vector<MessageArg> args = {
      {"name", "Amal Haddad"},        {"series", "Vielfalts-Montag"},
      {"organization", "Stadt Halle"}, {"reason", "zu viele Anmeldungen"},
      {"has_reason", "yes"},          {"confirm", "yes"},
      {"deadline", "Montag, 1. März 2027 um 10:00"},
      {"position", "3"}};
  for (int k = 1; IsKnown(static_cast<K>(k)); ++k) {
    for (const std::string& language : NoticeLanguages()) {
      SCOPED_TRACE(std::string(ToString(static_cast<K>(k))) + " " + language);
      auto text = RenderNotice(static_cast<K>(k), language, args);
      ASSERT_TRUE(text.ok()) << text.status();
      EXPECT_NE(text->subject.find("Vielfalts-Montag"), std::string::npos);
      EXPECT_EQ(text->subject.find('\n'), std::string::npos);
      EXPECT_EQ(text->body.find('{'), std::string::npos) << text->body;
      EXPECT_NE(text->body.find("Stadt Halle"), std::string::npos) << text->body;
      EXPECT_NE(text->body.find(language == "de" ? "Guten Tag Amal Haddad" : "Hello Amal Haddad"),
                std::string::npos);
    }
  }
  EXPECT_FALSE(RenderNotice(K::kUnspecified, "de", args).ok());
}

TEST(NoticeTemplatesTest, TimesAreSaidInGermanLocalTimeInEachLanguage) {
  const absl::Time t = absl::FromCivil(absl::CivilMinute(2027, 3, 1, 9, 0), absl::UTCTimeZone());
  EXPECT_EQ(FormatWhen(t, "de"), "Montag, 1. März 2027 um 10:00");
  EXPECT_EQ(FormatWhen(t, "en"), "Monday, 1 March 2027 at 10:00");
}

}  // namespace
}  // namespace trainhub::domain
