// The delivery rules of the outbox, on an SQLite database in memory with a
// transport that answers as a mail server would: sent once taken, temporary
// failures retried with a backoff from one minute to twelve hours for three
// days, permanent ones given up at once, oldest first, the same Message-ID
// on every attempt.

#include <gtest/gtest.h>

#include <deque>
#include <string>
#include <vector>

#include "domain/notifications/mail_delivery.h"
#include "domain/notifications/outbox.h"
#include "domain/status_macros.h"
#include "store/sqlite_store.h"

namespace trainhub::domain {
namespace {

using Outcome = MailResult::Outcome;

// Answers each mail with the next scripted result (delivered when the
// script is empty) and keeps what it was given.
class ScriptedTransport : public MailTransport {
 public:
  std::vector<MailResult> Send(const std::vector<Mail>& batch) override {
    batches.push_back(batch);
    std::vector<MailResult> out;
    for (size_t i = 0; i < batch.size(); ++i) {
      if (script.empty()) {
        out.push_back({Outcome::kDelivered, 250, "2.0.0 Ok: queued"});
      } else {
        out.push_back(script.front());
        script.pop_front();
      }
    }
    return out;
  }
  std::string Describe() const override { return "scripted"; }

  std::deque<MailResult> script;
  std::vector<std::vector<Mail>> batches;
};

class MailDeliveryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = store::SqliteStore::Open(":memory:");
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = *std::move(store);
    MailDeliveryOptions options;
    options.from_address = "kurse@agsa.example.org";
    options.batch_size = 3;
    delivery_ = std::make_unique<MailDelivery>(*store_, transport_, options,
                                               [this] { return now_; });
  }

  // Appends a notification to `address`, made at the current time.
  Id Queue(const std::string& address) {
    Id id = 0;
    EXPECT_TRUE(store_
                    ->Write([&](UnitOfWork& w) -> absl::Status {
                      Notification n;
                      n.kind = NotificationKind::kSeatConfirmed;
                      n.recipient = {RecipientKind::kParticipant, 1, "Amal Haddad", address, "de"};
                      n.subject = "Ihr Platz ist sicher";
                      n.body = "Guten Tag Amal Haddad,\n";
                      n.create_time = now_;
                      n.next_attempt_time = now_;
                      TH_ASSIGN_OR_RETURN(id, w.notifications().Append(n));
                      return absl::OkStatus();
                    })
                    .ok());
    return id;
  }

  Notification Stored(Id id) {
    Notification n;
    EXPECT_TRUE(store_
                    ->Read([&](ReadView& r) -> absl::Status {
                      TH_ASSIGN_OR_RETURN(n, r.notifications().Get(id));
                      return absl::OkStatus();
                    })
                    .ok());
    return n;
  }

  std::vector<DeliveryAttempt> AttemptsOf(Id id) {
    std::vector<DeliveryAttempt> out;
    EXPECT_TRUE(store_
                    ->Read([&](ReadView& r) -> absl::Status {
                      TH_ASSIGN_OR_RETURN(out, r.notifications().Attempts(id));
                      return absl::OkStatus();
                    })
                    .ok());
    return out;
  }

  DeliveryPass Deliver() {
    auto pass = delivery_->DeliverDue();
    EXPECT_TRUE(pass.ok()) << pass.status();
    return pass.ok() ? *pass : DeliveryPass{};
  }

  absl::Time now_ = absl::FromCivil(absl::CivilSecond(2027, 3, 1, 8, 0, 0), absl::UTCTimeZone());
  std::unique_ptr<store::SqliteStore> store_;
  ScriptedTransport transport_;
  std::unique_ptr<MailDelivery> delivery_;
};

TEST_F(MailDeliveryTest, WhatTheServerTakesIsSentOnceOldestFirstInBatches) {
  std::vector<Id> ids;
  for (int i = 0; i < 5; ++i) {
    ids.push_back(Queue("person" + std::to_string(i) + "@example.org"));
    now_ += absl::Seconds(1);
  }
  DeliveryPass first = Deliver();
  EXPECT_EQ(first.sent, 3);
  EXPECT_TRUE(first.batch_full);
  ASSERT_EQ(transport_.batches.size(), 1u);
  EXPECT_EQ(transport_.batches[0][0].to_address, "person0@example.org");
  EXPECT_EQ(transport_.batches[0][2].to_address, "person2@example.org");
  const Mail& mail = transport_.batches[0][0];
  EXPECT_EQ(mail.from_address, "kurse@agsa.example.org");
  EXPECT_EQ(mail.to_name, "Amal Haddad");
  EXPECT_EQ(mail.subject, "Ihr Platz ist sicher");
  EXPECT_EQ(mail.language, "de");
  EXPECT_TRUE(mail.message_id.rfind("n" + std::to_string(ids[0]) + ".", 0) == 0)
      << mail.message_id;
  EXPECT_NE(mail.message_id.find('@'), std::string::npos);

  DeliveryPass second = Deliver();
  EXPECT_EQ(second.sent, 2);
  EXPECT_FALSE(second.batch_full);
  EXPECT_EQ(Deliver().sent, 0);  // nothing is sent twice
  EXPECT_EQ(transport_.batches.size(), 2u);
  const Notification sent = Stored(ids[0]);
  EXPECT_EQ(sent.status, NotificationStatus::kSent);
  EXPECT_EQ(sent.attempts, 1);
  EXPECT_EQ(sent.sent_time, now_);
  EXPECT_EQ(sent.last_answer, "2.0.0 Ok: queued");
}

TEST_F(MailDeliveryTest, TemporaryFailuresBackOffFromAMinuteToTwelveHoursThenGiveUpAfterThreeDays) {
  const Id id = Queue("amal@example.org");
  const absl::Time made = now_;
  std::string first_message_id;
  std::vector<absl::Duration> waits;
  for (int attempt = 1; attempt < 100; ++attempt) {
    transport_.script.push_back({Outcome::kTemporary, 451, "4.3.0 try again later"});
    DeliveryPass pass = Deliver();
    ASSERT_EQ(pass.sent, 0);
    if (first_message_id.empty()) first_message_id = transport_.batches.back()[0].message_id;
    EXPECT_EQ(transport_.batches.back()[0].message_id, first_message_id);
    const Notification n = Stored(id);
    if (n.status == NotificationStatus::kGivenUp) {
      EXPECT_EQ(pass.given_up, 1);
      break;
    }
    ASSERT_EQ(n.status, NotificationStatus::kPending);
    waits.push_back(n.next_attempt_time - now_);
    // Not due before its time.
    now_ = n.next_attempt_time - absl::Seconds(1);
    EXPECT_EQ(Deliver().sent + Deliver().retrying, 0);
    now_ = n.next_attempt_time;
  }
  ASSERT_GE(waits.size(), 10u);
  EXPECT_EQ(waits[0], absl::Minutes(1));
  EXPECT_EQ(waits[1], absl::Minutes(2));
  EXPECT_EQ(waits[2], absl::Minutes(4));
  EXPECT_EQ(waits.back(), absl::Hours(12));
  EXPECT_LE(now_ - made, absl::Hours(72));
  EXPECT_GE(now_ - made, absl::Hours(72) - absl::Hours(12));
  const Notification given_up = Stored(id);
  EXPECT_EQ(given_up.last_answer, "4.3.0 try again later");
  EXPECT_EQ(AttemptsOf(id).size(), static_cast<size_t>(given_up.attempts));
  EXPECT_EQ(AttemptsOf(id).back().reply_code, 451);
}

TEST_F(MailDeliveryTest, APermanentRefusalGivesUpAtOnceAndKeepsTheServersWords) {
  const Id refused = Queue("nobody@example.org");
  const Id fine = Queue("amal@example.org");
  transport_.script.push_back({Outcome::kPermanent, 550, "5.1.1 <nobody@example.org>: no such user"});
  DeliveryPass pass = Deliver();
  EXPECT_EQ(pass.given_up, 1);
  EXPECT_EQ(pass.sent, 1);
  const Notification n = Stored(refused);
  EXPECT_EQ(n.status, NotificationStatus::kGivenUp);
  EXPECT_EQ(n.last_answer, "5.1.1 <nobody@example.org>: no such user");
  ASSERT_EQ(AttemptsOf(refused).size(), 1u);
  EXPECT_EQ(AttemptsOf(refused)[0].reply_code, 550);
  EXPECT_EQ(Stored(fine).status, NotificationStatus::kSent);
  now_ += absl::Hours(1);
  Deliver();
  EXPECT_EQ(transport_.batches.size(), 1u);  // never tried again
}

TEST_F(MailDeliveryTest, AServerAnswerIsKeptToItsLimit) {
  const Id id = Queue("amal@example.org");
  transport_.script.push_back({Outcome::kPermanent, 554, std::string(100000, 'x')});
  Deliver();
  EXPECT_EQ(Stored(id).last_answer.size(), 1000u);
}

}  // namespace
}  // namespace trainhub::domain
