// services/mail's SmtpTransport against a real SMTP server on loopback
// (tests/testing/smtp_server.py: aiosmtpd with STARTTLS and AUTH), the mail
// read back with Python's email package (tests/testing/read_mail.py).

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "mail/mime_message.h"
#include "mail/smtp_transport.h"
#include "testing/sample_mails.h"
#include "testing/smtp_server.h"

namespace trainhub::mail {
namespace {

namespace fs = std::filesystem;
using ::trainhub::testing::FileText;
using ::trainhub::testing::ReadMail;
using ::trainhub::testing::SampleMail;
using ::trainhub::testing::SampleMailWithAttachments;
using ::trainhub::testing::SmtpServerProcess;
using Outcome = domain::MailResult::Outcome;

constexpr char kUser[] = "trainhub-mailer";
constexpr char kPassword[] = "s3cret-Pässwort";

class SmtpTransportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           absl::StrCat("trainhub-mail-", ::getpid(), "-",
                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    server_.reset();
    fs::remove_all(dir_);
  }

  // The server with AUTH (kUser, kPassword) and STARTTLS, plus `args`.
  SmtpServerProcess& StartServer(std::vector<std::string> args = {}) {
    args.insert(args.end(), {"--user", kUser, "--password", kPassword});
    server_ = std::make_unique<SmtpServerProcess>(dir_ / "received", args);
    return *server_;
  }

  SmtpOptions Options(const std::string& password = kPassword) const {
    SmtpOptions options;
    options.url = absl::StrCat("smtp://127.0.0.1:", server_->port());
    options.username = kUser;
    options.password = password;
    options.ca_file = server_->certificate();
    options.connect_timeout = absl::Seconds(5);
    options.mail_timeout = absl::Seconds(20);
    return options;
  }

  static std::unique_ptr<SmtpTransport> Transport(SmtpOptions options) {
    absl::StatusOr<std::unique_ptr<SmtpTransport>> transport = SmtpTransport::Create(options);
    EXPECT_TRUE(transport.ok()) << transport.status();
    return transport.ok() ? *std::move(transport) : nullptr;
  }

  // A display name as Python 3.11's address parser gives it, white space
  // runs made one: it keeps the white space between two adjacent encoded
  // words, which RFC 2047 (6.2) says to drop (CPython gh-128110; the unit
  // test's reader checks the names exactly).
  static std::string DisplayName(const nlohmann::json& name) {
    std::string text = name.get<std::string>();
    while (absl::StrContains(text, "  ")) text = absl::StrReplaceAll(text, {{"  ", " "}});
    return text;
  }

  // `eml` carries `mail` intact, as read_mail.py (Python's email package) sees it.
  void ExpectArrivedIntact(const fs::path& eml, const domain::Mail& mail) {
    EXPECT_EQ(FileText(eml), *BuildMimeMessage(mail)) << "the bytes built, unchanged";
    const nlohmann::json read = ReadMail(eml);
    EXPECT_EQ(DisplayName(read["from_name"]), mail.from_name);
    EXPECT_EQ(read["from_address"], mail.from_address);
    EXPECT_EQ(DisplayName(read["to_name"]), mail.to_name);
    EXPECT_EQ(read["to_address"], mail.to_address);
    EXPECT_EQ(read["subject"], mail.subject);
    EXPECT_EQ(read["message_id"], "<" + mail.message_id + ">");
    EXPECT_EQ(read["body"], mail.text_body);
    EXPECT_EQ(read["body_charset"], "utf-8");
    EXPECT_EQ(read["headers"]["Auto-Submitted"], "auto-generated");
    EXPECT_EQ(read["headers"]["List-Unsubscribe"], "<" + mail.unsubscribe + ">");
    EXPECT_EQ(read["defects"].size(), 0u) << read["defects"].dump();
    EXPECT_FALSE(read["bare_lf"].get<bool>());
    ASSERT_EQ(read["attachments"].size(), mail.attachments.size());
    for (size_t i = 0; i < mail.attachments.size(); ++i) {
      const nlohmann::json& got = read["attachments"][i];
      EXPECT_EQ(got["filename"], mail.attachments[i].filename);
      EXPECT_TRUE(absl::StartsWith(mail.attachments[i].content_type,
                                   got["content_type"].get<std::string>()));
      EXPECT_EQ(got["disposition"], "attachment");
      EXPECT_EQ(got["encoding"], "base64");
      EXPECT_EQ(got["base64"], absl::Base64Escape(mail.attachments[i].data));
    }
  }

  fs::path dir_;
  std::unique_ptr<SmtpServerProcess> server_;
};

TEST_F(SmtpTransportTest, BatchOfThreeGoesOverOneStartTlsConnectionAndArrivesIntact) {
  StartServer();
  const std::vector<domain::Mail> batch = {SampleMailWithAttachments(0), SampleMail(1),
                                           SampleMailWithAttachments(2)};
  const std::vector<domain::MailResult> results = Transport(Options())->Send(batch);
  ASSERT_EQ(results.size(), 3u);
  for (const domain::MailResult& result : results) {
    EXPECT_EQ(result.outcome, Outcome::kDelivered) << result.answer;
    EXPECT_EQ(result.reply_code, 250);
    EXPECT_TRUE(absl::StartsWith(result.answer, "250 2.0.0 OK: queued as ")) << result.answer;
  }
  const std::vector<fs::path> received = server_->Messages();
  ASSERT_EQ(received.size(), 3u) << server_->log();
  EXPECT_EQ(server_->ConnectionsOpened(), 1) << "one connection carries the batch";
  for (size_t i = 0; i < 3; ++i) {
    const nlohmann::json envelope = SmtpServerProcess::Envelope(received[i]);
    EXPECT_TRUE(envelope["tls"].get<bool>()) << "STARTTLS on loopback when offered";
    EXPECT_EQ(envelope["auth_user"], kUser);
    EXPECT_EQ(envelope["mail_from"], batch[i].from_address);
    EXPECT_EQ(envelope["rcpt_tos"], nlohmann::json::array({batch[i].to_address}));
    ExpectArrivedIntact(received[i], batch[i]);
  }
}

TEST_F(SmtpTransportTest, RefusedRecipientIsPermanentWithTheServersWords) {
  StartServer({"--reply", "person1@example.org=550 5.1.1 <person1@example.org>: no such user"});
  const std::vector<domain::MailResult> results =
      Transport(Options())->Send({SampleMail(0), SampleMail(1), SampleMail(2)});
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(results[0].outcome, Outcome::kDelivered) << results[0].answer;
  EXPECT_EQ(results[1].outcome, Outcome::kPermanent);
  EXPECT_EQ(results[1].reply_code, 550);
  EXPECT_EQ(results[1].answer, "550 5.1.1 <person1@example.org>: no such user");
  EXPECT_EQ(results[2].outcome, Outcome::kDelivered) << "the batch goes on: " << results[2].answer;
  ASSERT_EQ(server_->Messages().size(), 2u);
  EXPECT_EQ(SmtpServerProcess::Envelope(server_->Messages()[1])["rcpt_tos"][0],
            "person2@example.org");
}

TEST_F(SmtpTransportTest, BusyRecipientIsTemporaryAndRefusedDataIsClassifiedToo) {
  StartServer({"--reply", "person0@example.org=451 4.7.1 greylisted, come back later",
               "--data-reply", "person1@example.org=554 5.7.1 message refused as spam",
               "--data-reply", "person2@example.org=452 4.3.1 mailbox full for now"});
  const std::vector<domain::MailResult> results =
      Transport(Options())->Send({SampleMail(0), SampleMail(1), SampleMail(2), SampleMail(3)});
  ASSERT_EQ(results.size(), 4u);
  EXPECT_EQ(results[0].outcome, Outcome::kTemporary);
  EXPECT_EQ(results[0].reply_code, 451);
  EXPECT_EQ(results[0].answer, "451 4.7.1 greylisted, come back later");
  EXPECT_EQ(results[1].outcome, Outcome::kPermanent);
  EXPECT_EQ(results[1].reply_code, 554);
  EXPECT_EQ(results[1].answer, "554 5.7.1 message refused as spam");
  EXPECT_EQ(results[2].outcome, Outcome::kTemporary);
  EXPECT_EQ(results[2].reply_code, 452);
  EXPECT_EQ(results[3].outcome, Outcome::kDelivered) << results[3].answer;
  EXPECT_EQ(server_->Messages().size(), 1u);
}

TEST_F(SmtpTransportTest, ServerDownIsTemporaryForTheBatchAndDeliveredOnceItIsBack) {
  StartServer();
  const SmtpOptions options = Options();
  const int port = server_->port();
  server_->Stop();
  const std::vector<domain::Mail> batch = {SampleMail(0), SampleMail(1), SampleMail(2)};
  const std::vector<domain::MailResult> down = Transport(options)->Send(batch);
  ASSERT_EQ(down.size(), 3u);
  for (const domain::MailResult& result : down) {
    EXPECT_EQ(result.outcome, Outcome::kTemporary);
    EXPECT_EQ(result.reply_code, 0);
    EXPECT_TRUE(
        absl::StartsWith(result.answer, "No connection to the SMTP server (smtp://127.0.0.1:"))
        << result.answer;
  }
  server_.reset();
  server_ = std::make_unique<SmtpServerProcess>(
      dir_ / "received", std::vector<std::string>{"--port", std::to_string(port), "--user", kUser,
                                                  "--password", kPassword});
  SmtpOptions again = options;
  again.ca_file = server_->certificate();  // the restarted server made a new certificate
  for (const domain::MailResult& result : Transport(again)->Send(batch)) {
    EXPECT_EQ(result.outcome, Outcome::kDelivered) << result.answer;
  }
  EXPECT_EQ(server_->Messages().size(), 3u);
}

TEST_F(SmtpTransportTest, WrongPasswordKeepsTheBatchWaitingAndSaysWhy) {
  StartServer();
  const std::string wrong = "wrong-Pässwort-123";
  const std::vector<domain::MailResult> results =
      Transport(Options(wrong))->Send({SampleMail(0), SampleMail(1), SampleMail(2)});
  ASSERT_EQ(results.size(), 3u);
  for (const domain::MailResult& result : results) {
    EXPECT_EQ(result.outcome, Outcome::kTemporary) << "the installation's fault, not the mail's";
    EXPECT_EQ(result.reply_code, 535);
    EXPECT_TRUE(absl::StartsWith(result.answer, "The SMTP server refused the sign-in"))
        << result.answer;
    EXPECT_TRUE(absl::StrContains(result.answer, "535 5.7.8 Authentication credentials invalid"))
        << result.answer;
    EXPECT_FALSE(absl::StrContains(result.answer, wrong));
    EXPECT_FALSE(absl::StrContains(result.answer, absl::Base64Escape(wrong)));
  }
  EXPECT_EQ(server_->Messages().size(), 0u);
  EXPECT_EQ(server_->ConnectionsOpened(), 1) << "no new sign-in per mail";
}

TEST_F(SmtpTransportTest, PlainSmtpBeyondLoopbackWithoutStartTlsIsRefused) {
  StartServer({"--tls", "none", "--allow-plain-auth"});
  SmtpOptions remote = Options();
  remote.url = absl::StrCat("smtp://mail.example.org:", server_->port());
  remote.resolve = {absl::StrCat("mail.example.org:", server_->port(), ":127.0.0.1")};
  const std::vector<domain::MailResult> refused =
      Transport(remote)->Send({SampleMail(0), SampleMail(1)});
  for (const domain::MailResult& result : refused) {
    EXPECT_EQ(result.outcome, Outcome::kTemporary);
    EXPECT_TRUE(
        absl::StartsWith(result.answer, "The SMTP server offers no STARTTLS, and TLS is required"))
        << result.answer;
  }
  SmtpOptions required = Options();
  required.require_tls = true;
  EXPECT_EQ(Transport(required)->Send({SampleMail(2)})[0].outcome, Outcome::kTemporary);
  EXPECT_EQ(server_->Messages().size(), 0u) << "nothing, not even AUTH, went out in plain text";
  // The same server on loopback without require_tls: plain SMTP is allowed there.
  EXPECT_EQ(Transport(Options())->Send({SampleMail(3)})[0].outcome, Outcome::kDelivered);
  ASSERT_EQ(server_->Messages().size(), 1u);
  EXPECT_FALSE(SmtpServerProcess::Envelope(server_->Messages()[0])["tls"].get<bool>());
}

TEST_F(SmtpTransportTest, SmtpsSpeaksTlsFromTheFirstByte) {
  StartServer({"--tls", "smtps"});
  SmtpOptions options = Options();
  options.url = absl::StrCat("smtps://localhost:", server_->port());
  const std::unique_ptr<SmtpTransport> transport = Transport(options);
  EXPECT_EQ(transport->Describe(), absl::StrCat("smtps://localhost:", server_->port()));
  EXPECT_EQ(transport->Send({SampleMail(0)})[0].outcome, Outcome::kDelivered);
  ASSERT_EQ(server_->Messages().size(), 1u);
  EXPECT_TRUE(SmtpServerProcess::Envelope(server_->Messages()[0])["tls"].get<bool>());
}

TEST_F(SmtpTransportTest, UntrustedCertificateIsNotTalkedTo) {
  StartServer();
  SmtpOptions options = Options();
  options.ca_file.clear();  // the system's CAs, which do not know the test certificate
  const std::vector<domain::MailResult> results = Transport(options)->Send({SampleMail(0)});
  EXPECT_EQ(results[0].outcome, Outcome::kTemporary);
  EXPECT_TRUE(absl::StrContains(results[0].answer, "TLS")) << results[0].answer;
  EXPECT_EQ(server_->Messages().size(), 0u);
}

TEST_F(SmtpTransportTest, ConnectionBrokenMidBatchIsRetriedOnceOnAFreshConnection) {
  StartServer({"--hangup-once", "person1@example.org", "--hangup", "person3@example.org"});
  const std::vector<domain::MailResult> results = Transport(Options())->Send(
      {SampleMail(0), SampleMail(1), SampleMail(2), SampleMail(3), SampleMail(4)});
  ASSERT_EQ(results.size(), 5u);
  EXPECT_EQ(results[0].outcome, Outcome::kDelivered) << results[0].answer;
  EXPECT_EQ(results[1].outcome, Outcome::kDelivered) << "retried anew: " << results[1].answer;
  EXPECT_EQ(results[2].outcome, Outcome::kDelivered) << results[2].answer;
  EXPECT_EQ(results[3].outcome, Outcome::kTemporary) << "broke twice: " << results[3].answer;
  EXPECT_EQ(results[4].outcome, Outcome::kDelivered) << "the batch goes on: " << results[4].answer;
  EXPECT_EQ(server_->Messages().size(), 4u);
  // 0,1 | 1 (again),2,3 | 3 (again) | 4
  EXPECT_EQ(server_->ConnectionsOpened(), 4);
}

TEST_F(SmtpTransportTest, MailThatCannotBeSentIsPermanentAndNeverSent) {
  StartServer();
  domain::Mail injected = SampleMail(1);
  injected.subject = "Hallo\r\nBcc: everyone@example.org";
  const std::vector<domain::MailResult> results =
      Transport(Options())->Send({SampleMail(0), injected, SampleMail(2)});
  EXPECT_EQ(results[1].outcome, Outcome::kPermanent);
  EXPECT_EQ(results[1].reply_code, 0);
  EXPECT_TRUE(absl::StrContains(results[1].answer, "subject")) << results[1].answer;
  EXPECT_EQ(results[2].outcome, Outcome::kDelivered);
  EXPECT_EQ(server_->Messages().size(), 2u);
  EXPECT_EQ(server_->ConnectionsOpened(), 1);
}

TEST_F(SmtpTransportTest, OptionsThatCannotWorkAreRefusedAtCreation) {
  for (const char* url : {"http://mail.example.org", "smtp://user:pw@mail.example.org:587",
                          "mail.example.org", "smtp://"}) {
    SmtpOptions options;
    options.url = url;
    EXPECT_EQ(SmtpTransport::Create(options).status().code(), absl::StatusCode::kInvalidArgument)
        << url;
  }
  SmtpOptions options;
  options.url = "smtp://mail.example.org";
  EXPECT_EQ(Transport(options)->Describe(), "smtp://mail.example.org:25");
  options.resolve = {"mail.example.org:587"};
  EXPECT_FALSE(SmtpTransport::Create(options).ok());
  options.resolve.clear();
  options.username = "only-a-user";
  EXPECT_FALSE(SmtpTransport::Create(options).ok());
  for (const char* host : {"localhost", "127.0.0.1", "127.3.4.5", "[::1]", "::1"}) {
    EXPECT_TRUE(SmtpTransport::IsLoopbackHost(host)) << host;
  }
  for (const char* host : {"mail.example.org", "10.0.0.1", "128.0.0.1", "[::2]", "localhost.org"}) {
    EXPECT_FALSE(SmtpTransport::IsLoopbackHost(host)) << host;
  }
}

// Not a benchmark (no timing is asserted): a long batch stays on one
// connection, and the rate is printed for the record.
TEST_F(SmtpTransportTest, TwoHundredMailsGoOverOneConnection) {
  StartServer();
  std::vector<domain::Mail> batch;
  for (int n = 0; n < 200; ++n) batch.push_back(SampleMail(n));
  const std::unique_ptr<SmtpTransport> transport = Transport(Options());
  const auto start = std::chrono::steady_clock::now();
  const std::vector<domain::MailResult> results = transport->Send(batch);
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  for (const domain::MailResult& result : results) {
    ASSERT_EQ(result.outcome, Outcome::kDelivered) << result.answer;
  }
  EXPECT_EQ(server_->Messages().size(), 200u);
  EXPECT_EQ(server_->ConnectionsOpened(), 1);
  std::cout << "200 mails in " << took.count() << " s: " << 200 / took.count() << " mails/s\n";
}

}  // namespace
}  // namespace trainhub::mail
