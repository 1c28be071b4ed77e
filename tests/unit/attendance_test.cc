// The attendance use cases (recording, self check-in, reports) on an
// in-memory store with a clock the test sets: when a session takes records
// and sign-off, the rotating check-in code with its grace slot, throttled
// guessing, and the ledger's head.

#include <gtest/gtest.h>

#include "domain/attendance/attendance_recording.h"
#include "domain/attendance/attendance_reports.h"
#include "domain/attendance/self_check_in.h"
#include "domain/enrolment/enrolments.h"
#include "domain/enrolment/participants.h"
#include "domain/errors.h"
#include "store/sqlite_store.h"
#include "testing/planning.h"

namespace trainhub::domain {
namespace {

absl::Time Berlin(int y, int m, int d, int hh, int mm, int ss = 0) {
  absl::TimeZone tz;
  EXPECT_TRUE(absl::LoadTimeZone("Europe/Berlin", &tz));
  return absl::FromCivil(absl::CivilSecond(y, m, d, hh, mm, ss), tz);
}

std::string Field(const absl::Status& status) {
  auto v = GetFieldViolations(status);
  return v.empty() ? "" : v[0].field;
}

class AttendanceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = store::SqliteStore::Open(":memory:");
    ASSERT_TRUE(store.ok());
    store_ = *std::move(store);
    auto clock = [this] { return now_; };
    planner_ = std::make_unique<trainhub::testing::Planning>(*store_, clock);
    Participants participants(*store_, clock);
    Enrolments enrolments(*store_, clock);
    recording_ = std::make_unique<AttendanceRecording>(*store_, clock);
    check_in_ = std::make_unique<SelfCheckIn>(*store_, clock);
    reports_ = std::make_unique<AttendanceReports>(*store_, clock);

    Organization org;
    org.name = "Auslandsgesellschaft Sachsen-Anhalt e.V.";
    org.kind = OrganizationKind::kNgo;
    const Id org_id = planner_->organizations.Create(admin_, org, {})->id;
    Trainer trainer;
    trainer.display_name = "Nuran Şahin";
    trainer.email = "nuran.sahin@example.org";
    trainer_id_ = planner_->trainers.Create(admin_, trainer, {})->id;
    Series s;
    s.organization_id = org_id;
    s.title = "Interkulturelle Kommunikation kompakt";
    s.kind = SeriesKind::kVolunteerCourse;
    s.capacity = 10;
    s.target_groups = {TargetGroup::kVolunteers};
    series_id_ = planner_->series.CreateSeries(admin_, s, {})->id;
    Module m;
    m.title = "Praxistag";
    const Id module_id = planner_->series.CreateModule(admin_, series_id_, m, 0, {})->id;
    Session session;
    session.series_id = series_id_;
    session.module_id = module_id;
    session.start = Berlin(2027, 3, 6, 9, 0);
    session.end = Berlin(2027, 3, 6, 16, 0);
    session.trainers = {{trainer_id_, BookingStatus::kConfirmed}};
    auto created =
        planner_->sessions.CreateSession(admin_, series_id_, module_id, session, false, {});
    ASSERT_TRUE(created.ok()) << created.status();
    session_id_ = created->id;
    for (const char* name : {"Jana Beispiel", "Олена Коваль"}) {
      Participant p;
      p.display_name = name;
      p.organization_id = org_id;
      p.target_groups = {TargetGroup::kVolunteers};
      const Id id = participants.Create(admin_, p, {})->id;
      ASSERT_TRUE(enrolments.Request(admin_, series_id_, id, false, "", {}).ok());
      people_.push_back(id);
    }
    trainer_.account.id = 50;
    trainer_.account.roles = {{Role::kTrainer, 0, trainer_id_}};
    for (size_t i = 0; i < people_.size(); ++i) {
      Principal p;
      p.account.id = 60 + static_cast<Id>(i);
      p.account.roles = {{Role::kParticipant, 0, 0, people_[i]}};
      participant_.push_back(p);
    }
  }

  AttendanceMark Mark(Id person, AttendanceStatus status) {
    AttendanceMark m;
    m.participant_id = person;
    m.status = status;
    return m;
  }

  absl::StatusOr<AttendanceEntry> Record(AttendanceStatus status, Id person = 0) {
    return recording_->Record(trainer_, session_id_, Mark(person ? person : people_[0], status), "",
                              {});
  }

  absl::Time now_ = Berlin(2027, 2, 20, 10, 0);  // enrolled a fortnight before
  std::unique_ptr<store::SqliteStore> store_;
  std::unique_ptr<trainhub::testing::Planning> planner_;
  std::unique_ptr<AttendanceRecording> recording_;
  std::unique_ptr<SelfCheckIn> check_in_;
  std::unique_ptr<AttendanceReports> reports_;
  const Principal admin_ = Principal::System();
  Principal trainer_;
  std::vector<Principal> participant_;
  std::vector<Id> people_;
  Id trainer_id_ = 0, series_id_ = 0, session_id_ = 0;
};

// Nobody can have been at a session that has not begun: until its start
// only an excused absence can be recorded (in advance, also days before).
TEST_F(AttendanceTest, BeforeTheSessionBeginsOnlyExcusedIsRecorded) {
  for (absl::Time before : {Berlin(2027, 3, 5, 23, 59), Berlin(2027, 3, 6, 0, 0),
                            Berlin(2027, 3, 6, 8, 59, 59)}) {
    now_ = before;
    for (AttendanceStatus status :
         {AttendanceStatus::kPresent, AttendanceStatus::kLate, AttendanceStatus::kAbsent}) {
      absl::StatusOr<AttendanceEntry> early = Record(status);
      EXPECT_EQ(early.status().code(), absl::StatusCode::kFailedPrecondition) << before;
      EXPECT_EQ(Field(early.status()), "mark.status");
    }
  }
  EXPECT_TRUE(Record(AttendanceStatus::kExcused).ok());
  // Sign-off waits for the session to begin.
  absl::StatusOr<AttendanceSheet> too_soon = recording_->SignOff(trainer_, session_id_, {});
  EXPECT_EQ(too_soon.status().code(), absl::StatusCode::kFailedPrecondition);
  now_ = Berlin(2027, 3, 6, 9, 0);  // the session begins
  EXPECT_TRUE(Record(AttendanceStatus::kPresent).ok());
  EXPECT_TRUE(Record(AttendanceStatus::kAbsent, people_[1]).ok());
  now_ = Berlin(2027, 3, 6, 16, 5);
  absl::StatusOr<AttendanceSheet> signed_off = recording_->SignOff(trainer_, session_id_, {});
  ASSERT_TRUE(signed_off.ok()) << signed_off.status();
  EXPECT_TRUE(signed_off->sign_off.has_value());
  EXPECT_EQ(recording_->SignOff(trainer_, session_id_, {}).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST_F(AttendanceTest, SignOffNamesWhoHasNoStatusYet) {
  now_ = Berlin(2027, 3, 6, 16, 5);
  ASSERT_TRUE(Record(AttendanceStatus::kPresent).ok());
  absl::StatusOr<AttendanceSheet> refused = recording_->SignOff(trainer_, session_id_, {});
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(refused.status().message().find("Олена Коваль"), std::string::npos) << refused.status();
}

TEST_F(AttendanceTest, TheCheckInCodeRotatesEvery30SecondsAndThePreviousOneIsTaken) {
  now_ = Berlin(2027, 3, 6, 9, 0, 5);
  absl::StatusOr<CheckInCode> opened = check_in_->OpenCheckIn(trainer_, session_id_, 10, {});
  ASSERT_TRUE(opened.ok()) << opened.status();
  ASSERT_TRUE(opened->open);
  EXPECT_EQ(opened->code.size(), 6u);
  EXPECT_EQ(opened->code_expire_time, Berlin(2027, 3, 6, 9, 0, 30));
  const std::string first = opened->code;

  now_ += absl::Seconds(30);  // the next slot: a new code, the old one still taken
  const std::string second = check_in_->CurrentCheckInCode(trainer_, session_id_)->code;
  EXPECT_NE(second, first);
  absl::StatusOr<AttendanceEntry> in = check_in_->CheckIn(participant_[0], first, 0, {});
  ASSERT_TRUE(in.ok()) << in.status();
  EXPECT_EQ(in->status, AttendanceStatus::kPresent);
  EXPECT_EQ(in->source, AttendanceSource::kSelfCheckIn);
  EXPECT_EQ(in->account_id, 0) << "participants do not see who recorded";

  now_ += absl::Seconds(30);  // two slots on: the first code has expired
  absl::StatusOr<AttendanceEntry> late = check_in_->CheckIn(participant_[1], first, 0, {});
  EXPECT_EQ(late.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(Field(late.status()), "code");
  EXPECT_TRUE(check_in_->CheckIn(participant_[1], second, session_id_, {}).ok());

  now_ = Berlin(2027, 3, 6, 9, 10, 6);  // the window of 10 minutes has closed
  EXPECT_FALSE(check_in_->CurrentCheckInCode(trainer_, session_id_)->open);
  EXPECT_EQ(check_in_->CheckIn(participant_[0], second, 0, {}).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST_F(AttendanceTest, TheCodeIsTakenAsTheTrainersScreenShowsIt) {
  now_ = Berlin(2027, 3, 6, 9, 0, 5);
  ASSERT_TRUE(check_in_->OpenCheckIn(trainer_, session_id_, 10, {}).ok());
  const std::string code = check_in_->CurrentCheckInCode(trainer_, session_id_)->code;
  const std::string left = code.substr(0, 3), right = code.substr(3);
  // With a space, a no-break or thin space, a hyphen or an en dash between
  // the groups, as people copy or type it.
  const std::vector<std::string> typed = {left + " " + right, left + "-" + right,
                                          left + "\u2013" + right, left + "\u00a0" + right,
                                          " " + left + "\u202f" + right + " "};
  for (size_t i = 0; i < typed.size(); ++i) {
    absl::StatusOr<AttendanceEntry> in = check_in_->CheckIn(participant_[i % 2], typed[i], 0, {});
    EXPECT_TRUE(in.ok()) << "\"" << typed[i] << "\": " << in.status();
  }
  for (const std::string& bad : {left, code + "1", left + "-" + "abc", std::string("48a 915")}) {
    absl::StatusOr<AttendanceEntry> refused = check_in_->CheckIn(participant_[0], bad, 0, {});
    EXPECT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_EQ(Field(refused.status()), "code");
    EXPECT_NE(refused.status().message().find("must be six digits"), std::string::npos)
        << refused.status();
  }
}

TEST_F(AttendanceTest, GuessingCodesIsThrottledPerAccount) {
  now_ = Berlin(2027, 3, 6, 9, 0, 5);
  ASSERT_TRUE(check_in_->OpenCheckIn(trainer_, session_id_, 10, {}).ok());
  const std::string right = check_in_->CurrentCheckInCode(trainer_, session_id_)->code;
  const std::string wrong = right == "000000" ? "000001" : "000000";
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(check_in_->CheckIn(participant_[0], wrong, 0, {}).status().code(),
              absl::StatusCode::kFailedPrecondition);
  }
  EXPECT_EQ(check_in_->CheckIn(participant_[0], right, 0, {}).status().code(),
            absl::StatusCode::kResourceExhausted);
  EXPECT_TRUE(check_in_->CheckIn(participant_[1], right, 0, {}).ok()) << "others are not held";
  now_ += absl::Seconds(6);
  const std::string later = check_in_->CurrentCheckInCode(trainer_, session_id_)->code;
  EXPECT_TRUE(check_in_->CheckIn(participant_[0], later, 0, {}).ok());
}

// A replay of a check-in (its request id again) and a check-in of someone
// already checked in are answered as before, but they are no successes that
// would let a participant guess codes of other sessions without waiting.
TEST_F(AttendanceTest, RepeatingASuccessfulCheckInDoesNotResetTheGuessingThrottle) {
  now_ = Berlin(2027, 3, 6, 9, 0, 5);
  ASSERT_TRUE(check_in_->OpenCheckIn(trainer_, session_id_, 10, {}).ok());
  const std::string right = check_in_->CurrentCheckInCode(trainer_, session_id_)->code;
  const std::string wrong = right == "000000" ? "000001" : "000000";
  const RequestKey first{"check-in-1", "same request", participant_[0].account.id};
  absl::StatusOr<AttendanceEntry> in = check_in_->CheckIn(participant_[0], right, 0, first);
  ASSERT_TRUE(in.ok()) << in.status();
  for (int round = 0; round < 2; ++round) {
    EXPECT_EQ(check_in_->CheckIn(participant_[0], wrong, 0, {}).status().code(),
              absl::StatusCode::kFailedPrecondition);
    absl::StatusOr<AttendanceEntry> replay = check_in_->CheckIn(participant_[0], right, 0, first);
    ASSERT_TRUE(replay.ok()) << replay.status();
    EXPECT_EQ(replay->id, in->id);
    absl::StatusOr<AttendanceEntry> again = check_in_->CheckIn(participant_[0], right, 0, {});
    ASSERT_TRUE(again.ok()) << again.status();
    EXPECT_EQ(again->id, in->id);
  }
  // The third wrong code in a row: the account waits, replays included.
  EXPECT_EQ(check_in_->CheckIn(participant_[0], wrong, 0, {}).status().code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(check_in_->CheckIn(participant_[0], wrong, 0, {}).status().code(),
            absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(check_in_->CheckIn(participant_[0], right, 0, first).status().code(),
            absl::StatusCode::kResourceExhausted);
}

TEST_F(AttendanceTest, TheLedgerHeadFollowsEveryAppendAndVerifies) {
  now_ = Berlin(2027, 3, 6, 16, 5);
  std::vector<AttendanceMark> marks = {Mark(people_[0], AttendanceStatus::kPresent),
                                       Mark(people_[1], AttendanceStatus::kLate)};
  marks[1].minutes_missed = 30;
  ASSERT_TRUE(recording_->RecordSheet(trainer_, session_id_, marks, "", {}).ok());
  ASSERT_TRUE(recording_->SignOff(trainer_, session_id_, {}).ok());
  absl::StatusOr<LedgerCheck> check = reports_->VerifyLedger(admin_, series_id_);
  ASSERT_TRUE(check.ok()) << check.status();
  EXPECT_TRUE(check->intact) << check->problem;
  EXPECT_EQ(check->entry_count, 3);
  absl::StatusOr<AttendanceFile> exported = reports_->LedgerExport(admin_, series_id_);
  ASSERT_TRUE(exported.ok());
  absl::StatusOr<std::vector<AttendanceEntry>> parsed = LedgerFromJson(exported->content);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(CheckLedger(*parsed).head_hash, check->head_hash);

  // An entry naming its status twice: a reader keeping the first and one
  // keeping the last would check different ledgers, so it is refused.
  std::string doubled = exported->content;
  const size_t status = doubled.find("\"status\"");
  ASSERT_NE(status, std::string::npos);
  doubled.insert(status, "\"status\": 4, ");
  absl::StatusOr<std::vector<AttendanceEntry>> refused = LedgerFromJson(doubled);
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(refused.status().message().find("the file is not JSON as exported"),
            std::string::npos)
      << refused.status();
}

}  // namespace
}  // namespace trainhub::domain

namespace trainhub::domain {
namespace {

AttendanceEntry ChainedEntry(const std::string& prev, int version, const std::string& note) {
  AttendanceEntry e;
  e.id = 1;
  e.series_id = 3;
  e.session_id = 7;
  e.participant_id = 10;
  e.status = AttendanceStatus::kExcused;
  e.note = note;
  e.reason = "Liste";
  e.client_time = e.record_time = absl::FromUnixSeconds(1700000000);
  e.prev_hash = prev;
  e.hash_version = version;
  e.hash = LedgerHash(e);
  return e;
}

// The erasure entry that records the erasure of `erased` (one person and
// session), chained after `prev`.
AttendanceEntry ErasureAfter(const std::string& prev, LedgerId id,
                             const std::vector<AttendanceEntry>& erased) {
  AttendanceEntry e;
  e.id = id;
  e.series_id = 3;
  e.session_id = erased.front().session_id;
  e.kind = LedgerEntryKind::kErasure;
  e.participant_id = erased.front().participant_id;
  e.client_time = e.record_time = absl::FromUnixSeconds(1700000100);
  e.text_digest = LedgerErasedDigest(erased);
  e.prev_hash = prev;
  e.hash_version = kLedgerHashVersion;
  e.hash = LedgerHash(e);
  return e;
}

void EraseTexts(AttendanceEntry& e) {
  e.text_digest = LedgerTextDigest(e.note, e.reason);
  e.note.clear();
  e.reason.clear();
}

// Erasing note and reason under the GDPR keeps an entry checkable through
// their digest, once an erasure entry of the chain records it; a version-1
// entry keeps its place in the chain and its content is held by the erasure
// entry; any other change still shows.
TEST(AttendanceLedgerTest, ErasedTextsKeepTheChainCheckable) {
  AttendanceEntry v1 = ChainedEntry(LedgerGenesis(), 1, "krank, Attest liegt vor");
  AttendanceEntry v2 = ChainedEntry(v1.hash, 2, "Zugausfall");
  v2.id = 2;
  v2.hash = LedgerHash(v2);
  AttendanceEntry v3 = ChainedEntry(v2.hash, 3, "Arzttermin");
  v3.id = 3;
  v3.hash = LedgerHash(v3);
  ASSERT_TRUE(CheckLedger({v1, v2, v3}).intact);
  for (AttendanceEntry* e : {&v1, &v2, &v3}) EraseTexts(*e);
  // Texts gone without a recorded erasure: found.
  LedgerCheck check = CheckLedger({v1, v2, v3});
  EXPECT_FALSE(check.intact);
  EXPECT_EQ(check.first_bad_entry_id, 1);
  EXPECT_NE(check.problem.find("no erasure of them is recorded"), std::string::npos)
      << check.problem;

  const AttendanceEntry erasure = ErasureAfter(v3.hash, 4, {v1, v2, v3});
  check = CheckLedger({v1, v2, v3, erasure});
  EXPECT_TRUE(check.intact) << check.problem;
  EXPECT_EQ(check.entry_count, 4);
  EXPECT_EQ(check.content_unchecked_count, 1);
  // The round trip through the export keeps versions, digests and kinds.
  auto parsed = LedgerFromJson(LedgerToJson(3, {v1, v2, v3, erasure}));
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(CheckLedger(*parsed).head_hash, check.head_hash);
  EXPECT_TRUE(CheckLedger(*parsed).intact) << CheckLedger(*parsed).problem;
  // A status changed behind the erasure is still found, also of the
  // version-1 entry whose own hash cannot be checked any more.
  for (AttendanceEntry* e : {&v1, &v2, &v3}) {
    const AttendanceStatus kept = e->status;
    e->status = AttendanceStatus::kPresent;
    check = CheckLedger({v1, v2, v3, erasure});
    EXPECT_FALSE(check.intact) << e->id;
    e->status = kept;
  }
  // So is a digest that is not the texts', and a text written back.
  v2.text_digest = LedgerTextDigest("anders", "");
  EXPECT_FALSE(CheckLedger({v1, v2, v3, erasure}).intact);
  v2.text_digest = LedgerTextDigest("Zugausfall", "Liste");
  ASSERT_TRUE(CheckLedger({v1, v2, v3, erasure}).intact);
  v3.note = "Arzttermin";
  EXPECT_FALSE(CheckLedger({v1, v2, v3, erasure}).intact);
}

// The attack of issue 28: a version-2 (or 3) entry set to version 1 with
// any digest, its status changed; the stored hash is left as it was.
TEST(AttendanceLedgerTest, AnEntrySetBackToVersionOneWithADigestIsFound) {
  AttendanceEntry first = ChainedEntry(LedgerGenesis(), 2, "");
  AttendanceEntry second = ChainedEntry(first.hash, 2, "");
  second.id = 2;
  second.hash = LedgerHash(second);
  AttendanceEntry third = ChainedEntry(second.hash, 3, "");
  third.id = 3;
  third.hash = LedgerHash(third);
  ASSERT_TRUE(CheckLedger({first, second, third}).intact);
  const std::string head = CheckLedger({first, second, third}).head_hash;
  for (AttendanceEntry* target : {&first, &second, &third}) {
    const AttendanceEntry kept = *target;
    target->hash_version = 1;
    target->text_digest = std::string(kLedgerHashBytes, '\x5a');
    target->status = AttendanceStatus::kPresent;
    const LedgerCheck check = CheckLedger({first, second, third});
    EXPECT_FALSE(check.intact) << "entry " << kept.id;
    EXPECT_EQ(check.first_bad_entry_id, kept.id) << check.problem;
    // In an export too.
    auto parsed = LedgerFromJson(LedgerToJson(3, {first, second, third}));
    ASSERT_TRUE(parsed.ok());
    EXPECT_FALSE(CheckLedger(*parsed).intact);
    *target = kept;
  }
  EXPECT_EQ(CheckLedger({first, second, third}).head_hash, head);
  // Version 3 set back to 2: its hash no longer fits, and versions never go down.
  third.hash_version = 2;
  EXPECT_FALSE(CheckLedger({first, second, third}).intact);
  third.hash = LedgerHash(third);  // even with a hash made for version 2
  AttendanceEntry fourth = ChainedEntry(third.hash, 3, "");
  fourth.id = 4;
  fourth.hash = LedgerHash(fourth);
  second.hash_version = 3;
  second.hash = LedgerHash(second);
  third.prev_hash = second.hash;
  third.hash = LedgerHash(third);
  fourth.prev_hash = third.hash;
  fourth.hash = LedgerHash(fourth);
  const LedgerCheck downgraded = CheckLedger({first, second, third, fourth});
  EXPECT_FALSE(downgraded.intact);
  EXPECT_EQ(downgraded.first_bad_entry_id, 3);
  EXPECT_NE(downgraded.problem.find("never go down"), std::string::npos) << downgraded.problem;
  // An export that drops the version key reads as version 1 and is found.
  third.hash_version = 3;
  third.hash = LedgerHash(third);
  fourth.prev_hash = third.hash;
  fourth.hash = LedgerHash(fourth);
  ASSERT_TRUE(CheckLedger({first, second, third, fourth}).intact);
  std::string json = LedgerToJson(3, {first, second, third, fourth});
  json.insert(json.rfind("\"hash_version\"") + 13, "_dropped");
  auto parsed = LedgerFromJson(json);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_FALSE(CheckLedger(*parsed).intact);
}

// A note rewritten while the old digest is set as if erased, or beside
// the texts: found.
TEST(AttendanceLedgerTest, ANoteRewrittenWithItsOldDigestIsFound) {
  AttendanceEntry e = ChainedEntry(LedgerGenesis(), 3, "krank, Attest liegt vor");
  AttendanceEntry next = ChainedEntry(e.hash, 3, "");
  next.id = 2;
  next.hash = LedgerHash(next);
  ASSERT_TRUE(CheckLedger({e, next}).intact);
  const std::string old_digest = LedgerTextDigest(e.note, e.reason);
  e.note = "war anwesend";
  e.text_digest = old_digest;
  LedgerCheck check = CheckLedger({e, next});
  EXPECT_FALSE(check.intact);
  EXPECT_EQ(check.first_bad_entry_id, 1);
  e.note.clear();
  e.reason.clear();
  check = CheckLedger({e, next});
  EXPECT_FALSE(check.intact);
  EXPECT_EQ(check.first_bad_entry_id, 1);
}

// Ledgers in the field were hashed by earlier builds: the encoding of every
// version (and of what an erasure entry commits to) stays byte for byte, or
// their exports stop verifying.
TEST(AttendanceLedgerTest, TheEncodingOfBothVersionsStaysAsStored) {
  AttendanceEntry v1 = ChainedEntry(LedgerGenesis(), 1, "krank, Attest liegt vor");
  AttendanceEntry v2 = ChainedEntry(v1.hash, 2, "Zugausfall \xc3\xbc");
  v2.minutes_missed = 15;
  v2.client_nonce = "n-1";
  v2.device_id = "tablet";
  v2.account_id = 4;
  v2.conflicting_record_id = 1;
  v2.hash = LedgerHash(v2);
  EXPECT_EQ(HexOf(v1.hash), "eb03e84d2e1a656d9fe4fe977550fe3ae6d42ea9e78ca82181ac1c2b8d369c65");
  EXPECT_EQ(HexOf(v2.hash), "8bf0c2322d34fa9c0c6c0f2a09881e1887d8ef64669de99d7cc3e24a8721de96");
  AttendanceEntry v3 = v2;
  v3.id = 2;
  v3.prev_hash = v2.hash;
  v3.hash_version = 3;
  v3.hash = LedgerHash(v3);
  EXPECT_EQ(HexOf(v3.hash), "9680548cd1f657ef3d925036a689d619d23e96563d247b13e93e4476bf5ff0ff");
  AttendanceEntry erasure = v3;
  erasure.id = 3;
  erasure.kind = LedgerEntryKind::kErasure;
  erasure.status = AttendanceStatus::kUnspecified;
  erasure.note.clear();
  erasure.reason.clear();
  erasure.prev_hash = v3.hash;
  erasure.text_digest = LedgerErasedDigest({v1, v3});
  erasure.hash = LedgerHash(erasure);
  EXPECT_EQ(HexOf(erasure.hash),
            "3980cd758bdaf42fa588424e0deabda3e52746b24f01cdc26fb871ba027f4c47");
}

}  // namespace
}  // namespace trainhub::domain
