#ifndef TRAINHUB_TESTS_UNIT_PLANNING_FIXTURE_H_
#define TRAINHUB_TESTS_UNIT_PLANNING_FIXTURE_H_

// The planning use cases on an in-memory store with an organisation, two
// trainers and the trainer qualification series (PlanningTest), and with a
// second and a partner organisation and accounts of each role
// (PlanningAccessTest).

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "domain/errors.h"
#include "store/sqlite_store.h"
#include "testing/planning.h"

namespace trainhub::domain {

inline absl::Time Berlin(int y, int m, int d, int hh, int mm) {
  absl::TimeZone tz;
  EXPECT_TRUE(absl::LoadTimeZone("Europe/Berlin", &tz));
  return absl::FromCivil(absl::CivilMinute(y, m, d, hh, mm), tz);
}

inline std::string FirstField(const absl::Status& status) {
  auto v = GetFieldViolations(status);
  return v.empty() ? "" : v[0].field;
}

class PlanningTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = store::SqliteStore::Open(":memory:");
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = *std::move(store);
    planner_ = std::make_unique<trainhub::testing::Planning>(
        *store_, [] { return Berlin(2026, 11, 22, 12, 0); });
    org_ = MustCreateOrganization("Auslandsgesellschaft Sachsen-Anhalt e.V.");
    sahin_ = MustCreateTrainer("Nuran Şahin", "nuran.sahin@example.org");
    petrova_ = MustCreateTrainer("Алина Петрова", "alina.petrova@example.org");
    series_ = MustCreateSeries("Systemische Organisationsberatung im interkulturellen Kontext");
  }

  Id MustCreateOrganization(const std::string& name) {
    Organization org;
    org.name = name;
    org.kind = OrganizationKind::kNgo;
    auto created = planner_->organizations.Create(admin_, org, {});
    EXPECT_TRUE(created.ok()) << created.status();
    return created.ok() ? created->id : 0;
  }

  Id MustCreateTrainer(const std::string& name, const std::string& email) {
    Trainer t;
    t.display_name = name;
    t.email = email;
    auto created = planner_->trainers.Create(admin_, t, {});
    EXPECT_TRUE(created.ok()) << created.status();
    return created.ok() ? created->id : 0;
  }

  Id MustCreateSeries(const std::string& title) {
    Series s;
    s.organization_id = org_;
    s.title = title;
    s.kind = SeriesKind::kTrainerQualification;
    s.capacity = 16;
    auto created = planner_->series.CreateSeries(admin_, s, {});
    EXPECT_TRUE(created.ok()) << created.status();
    return created.ok() ? created->id : 0;
  }

  Id MustCreateModule(Id series, const std::string& title, int position = 0) {
    Module m;
    m.title = title;
    auto created = planner_->series.CreateModule(admin_, series, m, position, {});
    EXPECT_TRUE(created.ok()) << created.status();
    return created.ok() ? created->id : 0;
  }

  Session MakeSession(absl::Time start, absl::Time end, std::vector<Id> trainers,
                      Place place = {}) {
    Session s;
    s.start = start;
    s.end = end;
    s.place = place;
    for (Id t : trainers) s.trainers.push_back({.trainer_id = t});
    return s;
  }

  absl::StatusOr<Session> AddSession(Id series, Id module, Session s, bool allow = false) {
    return planner_->sessions.CreateSession(admin_, series, module, std::move(s), allow, {});
  }

  std::vector<std::string> ModuleTitles(Id series) {
    auto page = planner_->series.ListModules(admin_, series, {});
    EXPECT_TRUE(page.ok());
    std::vector<std::string> titles;
    for (const Module& m : page->items) {
      titles.push_back(std::to_string(m.position) + " " + m.title);
    }
    return titles;
  }

  std::unique_ptr<store::SqliteStore> store_;
  std::unique_ptr<trainhub::testing::Planning> planner_;
  const Principal admin_ = Principal::System();
  Id org_ = 0, sahin_ = 0, petrova_ = 0, series_ = 0;
};

// Object rules: who sees and changes which series and sessions.
class PlanningAccessTest : public PlanningTest {
 protected:
  void SetUp() override {
    PlanningTest::SetUp();
    other_org_ = MustCreateOrganization("Stadt Dessau-Roßlau");
    partner_org_ = MustCreateOrganization("Hochschule Anhalt");
    own_ = series_;  // owned by org_
    Series foreign;
    foreign.organization_id = other_org_;
    foreign.partner_organization_ids = {partner_org_};
    foreign.title = "Vielfalts-Montag";
    foreign.kind = SeriesKind::kVielfaltsMontag;
    foreign.capacity = 24;
    foreign_ = planner_->series.CreateSeries(admin_, foreign, {})->id;
    own_module_ = MustCreateModule(own_, "Modul 1");
    foreign_module_ = MustCreateModule(foreign_, "Einführung");
    foreign_session_ =
        AddSession(foreign_, foreign_module_,
                   MakeSession(Berlin(2027, 3, 1, 13, 0), Berlin(2027, 3, 1, 16, 30), {sahin_}))
            ->id;
    foreign_other_session_ =
        AddSession(foreign_, foreign_module_,
                   MakeSession(Berlin(2027, 4, 5, 13, 0), Berlin(2027, 4, 5, 16, 30), {petrova_}))
            ->id;
  }

  static Principal As(std::vector<RoleGrant> roles) {
    Principal p;
    p.account.roles = std::move(roles);
    return p;
  }

  Id other_org_ = 0, partner_org_ = 0, own_ = 0, foreign_ = 0, own_module_ = 0, foreign_module_ = 0,
     foreign_session_ = 0, foreign_other_session_ = 0;
};

}  // namespace trainhub::domain

#endif  // TRAINHUB_TESTS_UNIT_PLANNING_FIXTURE_H_
