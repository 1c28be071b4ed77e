// trainhubd: the trainhub gRPC server.

#include <google/protobuf/stubs/logging.h>
#include <signal.h>
#include <sys/stat.h>
#include <spdlog/spdlog.h>
#include <termios.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>

#include "absl/strings/match.h"
#include "absl/time/time.h"
#include "domain/accounts/accounts.h"
#include "domain/berlin_time.h"
#include "domain/accounts/passwords.h"
#include "server/issuer_key_file.h"
#include "server/trainhub_server.h"
#include "store/connection.h"
#include "store/database_copy.h"
#include "store/sqlite_store.h"

namespace {

// Exit codes: 0 clean shutdown, 1 cannot start, 2 bad usage.
constexpr int kExitCannotStart = 1;
constexpr int kExitUsage = 2;

// One line from standard input; with a terminal, prompts and hides typing.
std::string ReadPasswordLine(const char* prompt) {
  const bool tty = isatty(STDIN_FILENO);
  termios saved{};
  if (tty) {
    std::cerr << prompt << std::flush;
    tcgetattr(STDIN_FILENO, &saved);
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string line;
  std::getline(std::cin, line);
  if (tty) {
    tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    std::cerr << "\n";
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

// trainhubd --restore: makes the database `db_path`, which must not exist,
// from a backup (trainhub admin backup, or the file of a cleanly stopped
// trainhubd) after checking it (store::RestoreDatabase).
int Restore(const std::string& backup, const std::string& db_path) {
  if (db_path.empty() || trainhub::store::IsInMemory(db_path)) {
    spdlog::error("--restore needs --db with the file to make");
    return kExitUsage;
  }
  if (absl::Status restored = trainhub::store::RestoreDatabase(backup, db_path); !restored.ok()) {
    spdlog::error("not restored: {}", std::string(restored.message()));
    return kExitCannotStart;
  }
  spdlog::info("restored {} from {}; start trainhubd with --db {}", db_path, backup, db_path);
  std::error_code error;
  if (!std::filesystem::exists(trainhub::server::IssuerKeyPathFor(db_path), error)) {
    spdlog::warn(
        "no issuer key {} yet: copy the key file kept with the backup there before "
        "starting, or trainhubd makes a new key (certificates signed before stay "
        "verifiable)",
        trainhub::server::IssuerKeyPathFor(db_path));
  }
  return 0;
}

// trainhubd --create-admin: the first account of a new installation.
int CreateAdmin(const std::string& db_path, const std::string& email, const std::string& name) {
  auto store = trainhub::store::SqliteStore::Open(db_path, 1);
  if (!store.ok()) {
    std::cerr << "cannot open the database: " << store.status().message() << "\n";
    return kExitCannotStart;
  }
  std::string password = ReadPasswordLine("Password for the new admin account: ");
  if (isatty(STDIN_FILENO) && ReadPasswordLine("Repeat the password: ") != password) {
    std::cerr << "the passwords differ; nothing was created\n";
    return kExitUsage;
  }
  trainhub::domain::Accounts accounts(**store);
  trainhub::domain::Account admin;
  admin.email = email;
  admin.display_name = name;
  admin.roles = {{trainhub::domain::Role::kAdmin}};
  auto created = accounts.CreateAccount(trainhub::domain::Principal::System(), admin, password);
  if (!created.ok()) {
    std::cerr << "cannot create the admin account: " << created.status().message() << "\n";
    return created.status().code() == absl::StatusCode::kInvalidArgument ? kExitUsage
                                                                         : kExitCannotStart;
  }
  std::cout << "created admin account " << created->id << " (" << created->email
            << "); log in with: trainhub login --email " << created->email << "\n";
  return 0;
}

void SetUpLogging(const std::string& level) {
  spdlog::set_level(spdlog::level::from_str(level));
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %l %v", spdlog::pattern_time_type::utc);
  // protobuf reports requests it cannot parse; trainhubd answers those
  // itself (INVALID_ARGUMENT naming the field), so they are debug detail.
  google::protobuf::SetLogHandler(
      [](google::protobuf::LogLevel level, const char* file, int line, const std::string& message) {
        if (level >= google::protobuf::LOGLEVEL_FATAL) {
          spdlog::critical("protobuf {}:{}: {}", file, line, message);
        } else {
          spdlog::debug("protobuf {}:{}: {}", file, line, message);
        }
      });
}

// Reads the PEM file at `path` (if one is named) into `pem`; false, after
// logging why, when it cannot be read or is empty.
bool ReadPem(const std::string& path, std::string* pem) {
  if (path.empty()) return true;
  std::ifstream in(path, std::ios::binary);
  std::stringstream contents;
  contents << in.rdbuf();
  *pem = contents.str();
  if (!in || pem->empty()) {
    spdlog::error("cannot read {}", path);
    return false;
  }
  return true;
}

// What the command line asks for: the server's options, and the one-off
// tasks that run instead of serving.
struct CommandLine {
  trainhub::server::ServerOptions options;
  std::string log_level = "info";
  std::string tls_cert_path;
  std::string tls_key_path;
  std::string admin_email;
  std::string admin_name = "Administrator";
  bool rotate_issuer_key = false;
  std::string restore_from;
  std::string smtp_password_file;
};

// Where and how the gRPC API is served.
void AddServingOptions(CLI::App& app, CommandLine& line) {
  trainhub::server::ServerOptions& options = line.options;
  app.add_option("--listen", options.listen_address, "HOST:PORT to serve on")
      ->envname("TRAINHUB_LISTEN")
      ->capture_default_str();
  app.add_option("--db", options.db_path, "SQLite database file (created if missing)")
      ->envname("TRAINHUB_DB")
      ->capture_default_str();
  app.add_option("--tls-cert", line.tls_cert_path, "PEM certificate (chain); serve only TLS")
      ->envname("TRAINHUB_TLS_CERT")
      ->check(CLI::ExistingFile);
  app.add_option("--tls-key", line.tls_key_path, "PEM private key of --tls-cert")
      ->envname("TRAINHUB_TLS_KEY")
      ->check(CLI::ExistingFile);
  app.add_flag("--allow-insecure-remote", options.allow_insecure_remote,
               "serve a non-loopback address without TLS (passwords travel in clear)");
}

void AddCreateAdminOptions(CLI::App& app, CommandLine& line) {
  app.add_option("--create-admin", line.admin_email,
                 "create an admin account with this e-mail (password from standard input), "
                 "then exit");
  app.add_option("--admin-name", line.admin_name, "display name for --create-admin")
      ->capture_default_str();
}

// The web pages besides the API: certificate verification and metrics.
void AddWebPageOptions(CLI::App& app, CommandLine& line) {
  trainhub::server::ServerOptions& options = line.options;
  app.add_option("--verify-url", options.verify_url_base,
                 "address of the certificate verification page; the serial is appended (printed "
                 "on certificates and in their QR codes)")
      ->envname("TRAINHUB_VERIFY_URL")
      ->capture_default_str();
  app.add_option("--verify-listen", options.verify_listen_address,
                 "HOST:PORT to serve the public verification web page on (HTTPS with --tls-cert); "
                 "none when empty. --verify-url should lead there")
      ->envname("TRAINHUB_VERIFY_LISTEN");
  app.add_option("--metrics-listen", options.metrics_listen_address,
                 "HOST:PORT to serve Prometheus metrics on (GET /metrics, plain HTTP, no account; "
                 "counts and timings only); none when empty")
      ->envname("TRAINHUB_METRICS_LISTEN");
}

// Where notification e-mail goes. The SMTP password never comes from a
// flag (it would show in the process list): a 0600 file or the environment.
void AddMailOptions(CLI::App& app, CommandLine& line) {
  trainhub::server::ServerOptions& options = line.options;
  app.add_option("--smtp-url", options.smtp_url,
                 "smtp://HOST:PORT (STARTTLS, required beyond loopback) or smtps://HOST:PORT; "
                 "without it notifications are written as .eml files into --maildir")
      ->envname("TRAINHUB_SMTP_URL");
  app.add_option("--smtp-user", options.smtp_username, "user name for SMTP AUTH")
      ->envname("TRAINHUB_SMTP_USER");
  app.add_option("--smtp-password-file", line.smtp_password_file,
                 "file holding the SMTP password (mode 0600; else TRAINHUB_SMTP_PASSWORD)")
      ->envname("TRAINHUB_SMTP_PASSWORD_FILE")
      ->check(CLI::ExistingFile);
  app.add_option("--smtp-ca-file", options.smtp_ca_file,
                 "PEM file of the CAs that sign the SMTP server's certificate (default: the "
                 "system's)")
      ->envname("TRAINHUB_SMTP_CA_FILE")
      ->check(CLI::ExistingFile);
  app.add_option("--mail-from", options.mail_from,
                 "sender address of notifications (required with --smtp-url)")
      ->envname("TRAINHUB_MAIL_FROM");
  app.add_option("--mail-from-name", options.mail_from_name, "sender name of notifications")
      ->envname("TRAINHUB_MAIL_FROM_NAME")
      ->capture_default_str();
  app.add_option("--maildir", options.maildir,
                 "without --smtp-url: the maildir notifications are written into (default: "
                 "mail/ beside the database)")
      ->envname("TRAINHUB_MAILDIR");
}

// The SMTP password from --smtp-password-file (only its owner may read it;
// one line, the line break dropped) or TRAINHUB_SMTP_PASSWORD; false,
// after logging why, when the file is unsafe or unreadable.
bool ReadSmtpPassword(const CommandLine& line, std::string* password) {
  if (line.smtp_password_file.empty()) {
    const char* from_environment = std::getenv("TRAINHUB_SMTP_PASSWORD");
    if (from_environment != nullptr) *password = from_environment;
    return true;
  }
  struct stat info;
  if (::stat(line.smtp_password_file.c_str(), &info) != 0) {
    spdlog::error("cannot read {}", line.smtp_password_file);
    return false;
  }
  if ((info.st_mode & 077) != 0) {
    spdlog::error("{} may be read by others (mode {:o}); chmod 600 it", line.smtp_password_file,
                  info.st_mode & 0777);
    return false;
  }
  constexpr off_t kMaxPasswordBytes = 4096;
  if (info.st_size > kMaxPasswordBytes) {
    spdlog::error("{} is too long for a password ({} bytes)", line.smtp_password_file,
                  static_cast<int64_t>(info.st_size));
    return false;
  }
  std::ifstream in(line.smtp_password_file, std::ios::binary);
  std::getline(in, *password);
  if (!in && !in.eof()) {
    spdlog::error("cannot read {}", line.smtp_password_file);
    return false;
  }
  if (!password->empty() && password->back() == '\r') password->pop_back();
  return true;
}

void AddMaintenanceOptions(CLI::App& app, CommandLine& line) {
  app.add_flag("--rotate-issuer-key", line.rotate_issuer_key,
               "make a new certificate signing key (the old one stays for verifying what it "
               "signed), then exit");
  app.add_option("--restore", line.restore_from,
                 "make the database --db (which must not exist) from this backup file "
                 "(trainhub admin backup FILE), then exit")
      ->check(CLI::ExistingFile);
}

// trainhubd --rotate-issuer-key: a new signing key for the database at
// `db_path`; the old one is kept for verifying what it signed.
int RotateKey(const std::string& db_path) {
  auto key_id = trainhub::server::RotateIssuerKey(trainhub::server::IssuerKeyPathFor(db_path));
  if (!key_id.ok()) {
    spdlog::error("cannot rotate the issuer key: {}", std::string(key_id.status().message()));
    return kExitCannotStart;
  }
  spdlog::info("new issuer key {}; it signs from the next start on", *key_id);
  return 0;
}

// Serves until SIGINT or SIGTERM, then lets in-flight calls finish (10 s)
// and closes the database; the process exit code.
int Serve(const trainhub::server::ServerOptions& options);

}  // namespace

int main(int argc, char** argv) {
  CommandLine line;
  CLI::App app{"trainhubd - the trainhub server (gRPC, SQLite)"};
  AddServingOptions(app, line);
  AddCreateAdminOptions(app, line);
  AddWebPageOptions(app, line);
  AddMailOptions(app, line);
  AddMaintenanceOptions(app, line);
  app.add_option("--log-level", line.log_level, "trace, debug, info, warn, error")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error"}))
      ->capture_default_str();
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  }
  SetUpLogging(line.log_level);

  if (!trainhub::domain::InitCrypto()) {
    spdlog::error("libsodium failed to start");
    return kExitCannotStart;
  }
  trainhub::server::ServerOptions& options = line.options;
  if (!line.restore_from.empty()) return Restore(line.restore_from, options.db_path);
  if (!line.admin_email.empty()) {
    return CreateAdmin(options.db_path, line.admin_email, line.admin_name);
  }
  if (line.rotate_issuer_key) return RotateKey(options.db_path);
  if (!ReadPem(line.tls_cert_path, &options.tls_cert_pem) ||
      !ReadPem(line.tls_key_path, &options.tls_key_pem) ||
      !ReadSmtpPassword(line, &options.smtp_password)) {
    return kExitCannotStart;
  }

  absl::TimeZone berlin;
  if (!absl::LoadTimeZone(trainhub::domain::kDisplayTimeZone, &berlin)) {
    spdlog::error("time zone {} not found; install the tzdata package",
                  trainhub::domain::kDisplayTimeZone);
    return kExitCannotStart;
  }

  return Serve(options);
}

namespace {

int Serve(const trainhub::server::ServerOptions& options) {
  // SIGINT/SIGTERM are handled by one thread; block them everywhere else
  // (gRPC's threads inherit this mask).
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  auto server = trainhub::server::TrainhubServer::Start(options);
  if (!server.ok()) {
    spdlog::error("cannot start: {}", std::string(server.status().message()));
    return kExitCannotStart;
  }
  spdlog::info("trainhubd listening on {} (port {}, {}), database {}", options.listen_address,
               (*server)->port(), options.tls_cert_pem.empty() ? "plaintext" : "TLS",
               options.db_path);
  if ((*server)->verify_port() != 0 && !options.tls_cert_pem.empty() &&
      absl::StartsWith(options.verify_url_base, "http://")) {
    spdlog::warn(
        "the verification page speaks HTTPS, but certificates point to {}: set "
        "--verify-url to its https:// address",
        options.verify_url_base);
  }
  if (!(*server)->mail_destination().empty() && options.smtp_url.empty()) {
    spdlog::info("no --smtp-url: notifications are written as .eml files to {}",
                 (*server)->mail_destination());
  }
  if ((*server)->verify_port() != 0) {
    spdlog::info("verification page on {} (port {}); certificates point to {}",
                 options.verify_listen_address, (*server)->verify_port(), options.verify_url_base);
  }

  if ((*server)->metrics_port() != 0) {
    spdlog::info("metrics on {} (port {}), path /metrics", options.metrics_listen_address,
                 (*server)->metrics_port());
  }

  std::thread signal_thread([&] {
    int signal_number = 0;
    sigwait(&stop_signals, &signal_number);
    spdlog::info("signal {} received: finishing in-flight calls", signal_number);
    (*server)->Shutdown(absl::Seconds(10));
  });
  (*server)->Wait();
  signal_thread.join();
  spdlog::debug("all calls finished; closing the database");
  if (absl::Status closed = (*server)->CloseDatabase(); closed.ok()) {
    spdlog::info("database {} closed: one complete file", options.db_path);
  } else {
    spdlog::warn("database closed, but {}", std::string(closed.message()));
  }
  server->reset();  // releases the database's lock
  spdlog::info("trainhubd stopped");
  return 0;
}

}  // namespace
