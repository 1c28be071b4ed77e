// Notifications end to end: trainhubd and the trainhub CLI as users run
// them, mail going to a real SMTP server on loopback (Debian's aiosmtpd,
// with STARTTLS and AUTH) or, without one, into the maildir beside the
// database; what arrived read back with Python's email package.

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "e2e/e2e_fixture.h"
#include "testing/smtp_server.h"

namespace trainhub::e2e {
namespace {

using trainhub::testing::ReadMail;
using trainhub::testing::SmtpServerProcess;

class NotificationsE2eTest : public E2eTest {
 protected:
  // The demo, signed in as its coordinator, with series 2 ("Interkultur im
  // Ehrenamt", open) full: its two seat holders keep their seats.
  void DemoWithFullSeries() {
    MustCli({"demo", "load"});
    MustCli({"login", "--email", "koordination@agsa.example.org", "--password-stdin"},
            "trainhub-demo\n");
    MustCli({"series", "update", "2", "--capacity", "2"});
  }

  // The "id" of the JSON object `printed` (the CLI writes 64-bit ids as
  // strings, as protobuf's JSON does).
  static std::string IdIn(const std::string& printed) {
    const nlohmann::json object = nlohmann::json::parse(printed, nullptr, false);
    return object.is_object() ? object.value("id", std::string()) : std::string();
  }

  // A new volunteer of organisation 1 with `email`; their id.
  std::string Volunteer(const std::string& name, const std::string& email) {
    Result r = MustCli({"--output", "json", "participant", "create", "--name", name, "--org", "1",
                        "--target-group", "volunteers", "--email", email});
    return IdIn(r.out);
  }

  // The enrolment id of `participant`'s request for series 2.
  std::string Enrol(const std::string& participant) {
    Result r = MustCli({"--output", "json", "enrolment", "request", "2", participant});
    return IdIn(r.out);
  }

  // Waits up to 20 s until `count()` reaches `at_least`; its last value.
  template <typename Count>
  size_t WaitFor(size_t at_least, Count count) {
    size_t n = 0;
    for (int i = 0; i < 400; ++i) {
      n = count();
      if (n >= at_least) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return n;
  }

  // The messages that arrived for `address`, read back.
  static std::vector<nlohmann::json> MailsTo(const SmtpServerProcess& smtp,
                                             const std::string& address) {
    std::vector<nlohmann::json> out;
    for (const auto& eml : smtp.Messages()) {
      const nlohmann::json envelope = SmtpServerProcess::Envelope(eml);
      const auto& to = envelope["rcpt_tos"];
      if (std::find(to.begin(), to.end(), address) != to.end()) out.push_back(ReadMail(eml));
    }
    return out;
  }
};

TEST_F(NotificationsE2eTest, APromotionMailsThePromotedPersonOnceThroughStartTlsAndAuth) {
  const fs::path received = dir_ / "received";
  fs::create_directories(dir_ / "smtp-tls");
  SmtpServerProcess smtp(received, {"--tls", "starttls", "--tls-dir", (dir_ / "smtp-tls").string(),
                                    "--user", "trainhub", "--password", "s3cret-Passwort"});
  ASSERT_NE(smtp.port(), 0);
  const fs::path password = dir_ / "smtp-password";
  std::ofstream(password) << "s3cret-Passwort\n";
  ::chmod(password.c_str(), 0600);
  CreateAdmin();
  StartServer(false, {"--smtp-url", "smtp://127.0.0.1:" + std::to_string(smtp.port()),
                      "--smtp-user", "trainhub", "--smtp-password-file", password.string(),
                      "--smtp-ca-file", smtp.certificate(), "--mail-from",
                      "kurse@agsa.example.org", "--mail-from-name", "AGSA Kurse"});
  MustCli({"login", "--email", kAdminEmail, "--password-stdin"},
          std::string(kAdminPassword) + "\n");
  DemoWithFullSeries();
  const size_t demo_mails = WaitFor(1, [&] { return smtp.Messages().size(); });
  ASSERT_GE(demo_mails, 1u) << ReadFile(server_log_) << smtp.log();
  std::this_thread::sleep_for(std::chrono::seconds(2));  // the demo's mail has all gone
  const size_t before = smtp.Messages().size();

  const std::string dmytro = Volunteer("Дмитро Шевчук", "dmytro@example.org");
  const std::string samir = Volunteer("سمير خليل", "samir@example.org");
  Enrol(dmytro);
  const std::string samirs = Enrol(samir);
  ASSERT_EQ(WaitFor(before + 2, [&] { return smtp.Messages().size(); }), before + 2);
  // A refused request (already on the list) mails nobody.
  EXPECT_NE(Cli({"enrolment", "request", "2", samir}).exit_code, 0);

  // Make room: a seat holder is withdrawn, Дмитро (first waiting) moves up.
  Result list = MustCli({"--output", "json", "enrolment", "list", "--series", "2", "--state",
                         "enrolled"});
  const nlohmann::json seated = nlohmann::json::parse(list.out, nullptr, false);
  ASSERT_FALSE(seated["enrolments"].empty()) << list.out;
  const std::string first_seat = seated["enrolments"][0].value("id", std::string());
  MustCli({"enrolment", "withdraw", first_seat, "--reason", "zieht nach Halle"});
  const size_t after = WaitFor(before + 4, [&] { return smtp.Messages().size(); });
  std::this_thread::sleep_for(std::chrono::seconds(2));
  EXPECT_EQ(smtp.Messages().size(), after) << "no mail beyond the four";

  const std::vector<nlohmann::json> to_dmytro = MailsTo(smtp, "dmytro@example.org");
  ASSERT_EQ(to_dmytro.size(), 2u);
  EXPECT_EQ(to_dmytro[0]["subject"], "Warteliste: Interkultur im Ehrenamt");
  const nlohmann::json& promoted = to_dmytro[1];
  EXPECT_EQ(promoted["subject"], "Ein Platz ist frei geworden: Interkultur im Ehrenamt");
  EXPECT_EQ(promoted["to_name"], "Дмитро Шевчук");
  EXPECT_EQ(promoted["to_address"], "dmytro@example.org");
  EXPECT_EQ(promoted["from_name"], "AGSA Kurse");
  EXPECT_EQ(promoted["from_address"], "kurse@agsa.example.org");
  EXPECT_TRUE(promoted["defects"].empty()) << promoted["defects"];
  EXPECT_EQ(promoted["headers"]["Auto-Submitted"], "auto-generated");
  const std::string body = promoted["body"];
  EXPECT_NE(body.find("Guten Tag Дмитро Шевчук,"), std::string::npos) << body;
  EXPECT_NE(body.find("von der Warteliste nachgerückt"), std::string::npos) << body;
  const std::string message_id = promoted["message_id"];
  EXPECT_NE(message_id.find('@'), std::string::npos);

  const std::vector<nlohmann::json> to_samir = MailsTo(smtp, "samir@example.org");
  ASSERT_EQ(to_samir.size(), 1u) << "Samir still waits: only the waiting-list mail";
  EXPECT_NE(std::string(to_samir[0]["body"]).find("an Position 2"), std::string::npos)
      << to_samir[0]["body"];
  EXPECT_EQ(to_samir[0]["to_name"], "سمير خليل");
  for (const auto& eml : smtp.Messages()) {
    const nlohmann::json envelope = SmtpServerProcess::Envelope(eml);
    EXPECT_EQ(envelope["tls"], true) << eml;
    EXPECT_EQ(envelope["auth_user"], "trainhub") << eml;
    EXPECT_EQ(envelope["mail_from"], "kurse@agsa.example.org");
  }
  const std::string log = ReadFile(server_log_);
  EXPECT_EQ(log.find("s3cret-Passwort"), std::string::npos);
  EXPECT_NE(log.find("notifications go to smtp://127.0.0.1:"), std::string::npos) << log;
}

TEST_F(NotificationsE2eTest, WithoutSmtpTheMailsAreFilesInTheMaildirBesideTheDatabase) {
  StartAsAdmin();
  DemoWithFullSeries();
  const std::string jana = Volunteer("Jana Beispiel", "jana.beispiel@example.org");
  Enrol(jana);
  const fs::path inbox = dir_ / "mail" / "new";
  auto files_to_jana = [&] {
    std::vector<fs::path> found;
    if (!fs::exists(inbox)) return found;
    for (const auto& entry : fs::directory_iterator(inbox)) {
      if (ReadFile(entry.path()).find("jana.beispiel@example.org") != std::string::npos) {
        found.push_back(entry.path());
      }
    }
    return found;
  };
  ASSERT_EQ(WaitFor(1, [&] { return files_to_jana().size(); }), 1u) << ReadFile(server_log_);
  const fs::path eml = files_to_jana()[0];
  EXPECT_EQ(eml.extension(), ".eml");
  struct stat info;
  ASSERT_EQ(::stat(eml.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600);
  const nlohmann::json mail = ReadMail(eml);
  EXPECT_EQ(mail["subject"], "Warteliste: Interkultur im Ehrenamt");
  EXPECT_NE(std::string(mail["body"]).find("an Position 1"), std::string::npos) << mail["body"];
  EXPECT_NE(ReadFile(server_log_).find("written as .eml files to maildir"), std::string::npos);
}


// Mail settings that cannot work stop trainhubd at the start with words
// that name the flag, instead of mail failing later.
TEST_F(NotificationsE2eTest, MailSettingsThatCannotWorkAreRefusedAtTheStart) {
  CreateAdmin();
  const fs::path readable = dir_ / "readable-password";
  std::ofstream(readable) << "geheim\n";
  ::chmod(readable.c_str(), 0644);
  struct Case {
    std::vector<std::string> flags;
    std::string says;
  };
  const std::vector<Case> cases = {
      {{"--smtp-url", "smtp://127.0.0.1:2525"}, "--smtp-url needs --mail-from"},
      {{"--smtp-url", "smtp://127.0.0.1:2525", "--mail-from", "kein-at-zeichen"},
       "--mail-from \"kein-at-zeichen\" is not an e-mail address"},
      {{"--smtp-url", "http://mail.example.org", "--mail-from", "kurse@example.org"}, "smtp"},
      {{"--smtp-url", "smtp://127.0.0.1:2525", "--mail-from", "kurse@example.org",
        "--smtp-password-file", readable.string()},
       "may be read by others (mode 644); chmod 600 it"},
  };
  for (const Case& c : cases) {
    std::vector<std::string> argv = {TRAINHUBD_PATH, "--listen", "127.0.0.1:0", "--db", db_};
    argv.insert(argv.end(), c.flags.begin(), c.flags.end());
    const fs::path log = dir_ / "refused.log";
    const int code = WaitExit(Spawn(argv, log));
    EXPECT_EQ(code, 1) << c.says;
    EXPECT_NE(ReadFile(log).find(c.says), std::string::npos) << ReadFile(log);
  }
}

}  // namespace
}  // namespace trainhub::e2e
