// PrivacyService, the erasure while others work: a flood of anonymous name
// checks against the erased holder, a reader in another process, a restart
// with the purge pending, and no stored fingerprint of a guessed name.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "absl/strings/ascii.h"
#include "api/page_token.h"
#include "api/privacy_fixture.h"
#include "server/verification_server.h"
#include "testing/reader_process.h"

namespace trainhub::api_test {
namespace {

// One GET of the verification page from the loopback address `from`
// (127.0.0.2 and so on: the page sees as many clients); the status code.
int PageGetFrom(uint32_t from, int port, const std::string& target) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  timeval patience{30, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &patience, sizeof patience);
  sockaddr_in local{};
  local.sin_family = AF_INET;
  local.sin_addr.s_addr = htonl(from);
  ::bind(fd, reinterpret_cast<sockaddr*>(&local), sizeof local);
  sockaddr_in server{};
  server.sin_family = AF_INET;
  server.sin_port = htons(static_cast<uint16_t>(port));
  server.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string answer;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&server), sizeof server) == 0) {
    const std::string request =
        "GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    ::send(fd, request.data(), request.size(), MSG_NOSIGNAL);
    char buffer[4096];
    for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;) answer.append(buffer, n);
  }
  ::close(fd);
  return answer.size() >= 12 ? std::stoi(answer.substr(9, 3)) : 0;
}

// How name checks ended: answered, refused with when to try again, or
// anything else.
struct NameChecks {
  std::atomic<int> answered{0}, refused{0}, other{0};
};

// Checks the name "Jonas Berg" against certificate `serial` over gRPC,
// without an account, until `stop`.
void CheckANameOverGrpcUntil(const std::atomic<bool>& stop,
                             const std::shared_ptr<grpc::Channel>& channel,
                             const std::string& serial, NameChecks& checks) {
  auto stub = v1::CertificateService::NewStub(channel);
  while (!stop) {
    v1::VerifyCertificateRequest r;
    r.set_serial(serial);
    r.set_holder_name("Jonas Berg");
    v1::CertificateVerification v;
    grpc::ClientContext context;
    const grpc::Status s = stub->VerifyCertificate(&context, r, &v);
    if (s.ok()) {
      ++checks.answered;
    } else if (s.error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED &&
               s.error_message().find("try the name again in") != std::string::npos) {
      ++checks.refused;
    } else {
      ++checks.other;
    }
  }
}

// Name checks against an erased holder cost a password hash and need no
// account: a flood of them, over gRPC and the page from many addresses,
// gets a small budget of its own (refusals say when to try again), and
// every real login meanwhile succeeds.
TEST_F(ErasureTest, AFloodOfAnonymousNameChecksNeverFailsALogin) {
  v1::ErasePersonalDataResponse erased;
  ASSERT_TRUE(Erase(coordinator_token_, canary_, "Antrag vom 12.11.2026", false, &erased).ok());
  server::VerificationServerOptions page_options;
  page_options.listen_address = "127.0.0.1:0";
  auto page = server::VerificationServer::Start(server_->certificate_verifier(), page_options);
  ASSERT_TRUE(page.ok()) << page.status();
  const int page_port = (*page)->port();
  const std::string page_target = "/c/" + certificate_.serial() + "?name=Jonas%20Berg&format=json";
  // Three at once: never more than a moment's wait for one of the login
  // hashing slots (one per core, at least two), however loaded the machine.
  constexpr int kLoginThreads = 3;
  constexpr int kLoginsEach = 7;
  for (int i = 0; i < kLoginThreads; ++i) {
    Account("login" + std::to_string(i) + "@example.org", {domain::Role::kCoordinator, org_});
  }

  std::atomic<bool> stop{false};
  NameChecks grpc_checks, page_checks;
  std::vector<std::thread> flood;
  for (int t = 0; t < 24; ++t) {
    flood.emplace_back(
        [&] { CheckANameOverGrpcUntil(stop, channel_, certificate_.serial(), grpc_checks); });
    flood.emplace_back([&, t] {
      while (!stop) {
        const int code = PageGetFrom(0x7f000002 + t, page_port, page_target);
        (code == 200   ? page_checks.answered
         : code == 429 ? page_checks.refused
                       : page_checks.other)++;
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::seconds(1));  // the flood is on
  std::atomic<int> logged_in{0};
  std::vector<std::string> failures;
  std::mutex failures_mu;
  std::vector<std::thread> logins;
  for (int i = 0; i < kLoginThreads; ++i) {
    logins.emplace_back([&, i] {
      auto stub = v1::AccountService::NewStub(channel_);
      for (int k = 0; k < kLoginsEach; ++k) {
        v1::LoginRequest request;
        request.set_email("login" + std::to_string(i) + "@example.org");
        request.set_password(kPassword);
        v1::LoginResponse response;
        grpc::ClientContext context;
        const grpc::Status s = stub->Login(&context, request, &response);
        if (s.ok()) {
          ++logged_in;
        } else {
          std::lock_guard<std::mutex> lock(failures_mu);
          failures.push_back(s.error_message());
        }
      }
    });
  }
  for (auto& t : logins) t.join();
  stop = true;
  for (auto& t : flood) t.join();
  EXPECT_EQ(logged_in, kLoginThreads * kLoginsEach) << (failures.empty() ? "" : failures.front());
  // The checks were made within their budget, and beyond it refused.
  EXPECT_GT(grpc_checks.answered + page_checks.answered, 0);
  EXPECT_GT(grpc_checks.refused, 0);
  EXPECT_GT(page_checks.refused, 0);
  EXPECT_EQ(grpc_checks.other, 0);
  EXPECT_EQ(page_checks.other, 0);
}

// Another process reads the database during the erasure (an operator's
// sqlite3 with an open read transaction): the erasure answers at once with
// the purge pending, writes of everyone go on without waiting, and once the
// reader is gone the canary leaves the database, its log and backups.
TEST_F(ErasureTest, AReaderInAnotherProcessDelaysNothingAndThePurgeFollowsItsEnd) {
  testing::ReaderProcess reader;
  reader.Start(path_, "participant");
  if (HasFatalFailure()) return;

  const auto bounded = [](grpc::ClientContext& context) {
    // Before, the erasure took 25 s and every write 4.5 to 5 s.
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(3));
  };
  v1::ErasePersonalDataRequest erase;
  erase.set_participant_id(canary_);
  erase.set_reason("Antrag vom 12.11.2026");
  v1::ErasePersonalDataResponse erased;
  {
    grpc::ClientContext context;
    context.AddMetadata("authorization", "Bearer " + coordinator_token_);
    bounded(context);
    const grpc::Status s = privacy_->ErasePersonalData(&context, erase, &erased);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }
  EXPECT_TRUE(erased.purge_pending());
  // Honest: the old pages are still there, for the reader's snapshot.
  EXPECT_TRUE(HoldsCanary(FileBytes(path_) + FileBytes(path_ + "-wal")));
  v1::ListErasureDueRequest list;
  list.set_organization_id(org_);
  v1::ListErasureDueResponse due;
  ASSERT_TRUE(Call(*privacy_, &v1::PrivacyService::Stub::ListErasureDue, list, &due).ok());
  EXPECT_TRUE(due.purge_pending());

  // Writes while the reader keeps its transaction open.
  for (int i = 0; i < 20; ++i) {
    v1::CreateOrganizationRequest create;
    create.mutable_organization()->set_name("Verein " + std::to_string(i));
    create.mutable_organization()->set_kind(v1::ORGANIZATION_KIND_NGO);
    v1::Organization created;
    grpc::ClientContext context;
    context.AddMetadata("authorization", "Bearer " + token_);
    bounded(context);
    const grpc::Status s = orgs_->CreateOrganization(&context, create, &created);
    ASSERT_TRUE(s.ok()) << "write " << i << ": " << s.error_message();
  }
  ASSERT_TRUE(reader.Reading()) << "the writes must not have waited for the reader to end";
  ASSERT_TRUE(Call(*privacy_, &v1::PrivacyService::Stub::ListErasureDue, list, &due).ok());
  EXPECT_TRUE(due.purge_pending());

  reader.Release();
  bool pending = true;
  for (int i = 0; i < 100 && pending; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    ASSERT_TRUE(Call(*privacy_, &v1::PrivacyService::Stub::ListErasureDue, list, &due).ok());
    pending = due.purge_pending();
  }
  EXPECT_FALSE(pending) << "the purge must follow the reader's end";
  const std::string backup = Backup();
  EXPECT_FALSE(HoldsCanary(FileBytes(path_))) << "database file";
  EXPECT_FALSE(HoldsCanary(FileBytes(path_ + "-wal"))) << "write-ahead log";
  EXPECT_FALSE(HoldsCanary(backup)) << "backup";
}

// The reader outlives trainhubd: the stop leaves the log, the pending purge
// is recorded, and the next start finishes it once the reader is gone.
TEST_F(ErasureTest, APendingPurgeSurvivesARestartAndEndsWithTheReader) {
  testing::ReaderProcess reader;
  reader.Start(path_, "participant");
  if (HasFatalFailure()) return;
  v1::ErasePersonalDataResponse erased;
  ASSERT_TRUE(Erase(coordinator_token_, canary_, "Antrag vom 12.11.2026", false, &erased).ok());
  EXPECT_TRUE(erased.purge_pending());
  server_.reset();  // waits for the reader a while, then keeps the log
  EXPECT_TRUE(HoldsCanary(FileBytes(path_) + FileBytes(path_ + "-wal")));

  server::ServerOptions options;
  options.listen_address = "";
  options.db_path = path_;
  auto started = server::TrainhubServer::Start(options);
  ASSERT_TRUE(started.ok()) << started.status();
  server_ = *std::move(started);
  EXPECT_TRUE(server_->store().PurgePending()) << "recorded in the database";
  reader.Release();
  for (int i = 0; i < 100 && server_->store().PurgePending(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_FALSE(server_->store().PurgePending());
  EXPECT_FALSE(HoldsCanary(FileBytes(path_))) << "database file";
  EXPECT_FALSE(HoldsCanary(FileBytes(path_ + "-wal"))) << "write-ahead log";
}

// client_request keeps a fingerprint of each request with a request_id; one
// computed without the server's key from a guessed name and e-mail address
// (as the fingerprint used to be) is in no file after the person's erasure.
TEST_F(ErasureTest, NoStoredFingerprintConfirmsAGuessedNameAfterTheErasure) {
  v1::CreateParticipantRequest create;
  create.mutable_participant()->set_display_name("Ilse Fingerabdruck");
  create.mutable_participant()->set_email("ilse.fingerabdruck@example.org");
  create.mutable_participant()->set_organization_id(org_);
  create.mutable_participant()->add_target_groups(v1::TARGET_GROUP_VOLUNTEERS);
  create.set_request_id("anlage-ilse");
  v1::Participant ilse;
  ASSERT_TRUE(Call(*people_, &v1::ParticipantService::Stub::CreateParticipant, create, &ilse).ok());
  // A retry is still recognised (and a changed request under the id is not).
  v1::Participant again;
  ASSERT_TRUE(
      Call(*people_, &v1::ParticipantService::Stub::CreateParticipant, create, &again).ok());
  EXPECT_EQ(again.id(), ilse.id());
  v1::CreateParticipantRequest changed = create;
  changed.mutable_participant()->set_display_name("Ilse Anders");
  EXPECT_EQ(Call(*people_, &v1::ParticipantService::Stub::CreateParticipant, changed, &again)
                .error_code(),
            grpc::StatusCode::ALREADY_EXISTS);

  v1::ErasePersonalDataResponse erased;
  ASSERT_TRUE(Erase(coordinator_token_, ilse.id(), "Antrag vom 12.11.2026", false, &erased).ok());
  server_.reset();  // everything in the files
  const std::string guessed = api::RequestFingerprint(create, {"request_id"});
  ASSERT_EQ(guessed.size(), 32u);
  const std::string files = FileBytes(path_) + FileBytes(path_ + "-wal");
  EXPECT_EQ(files.find(guessed), std::string::npos) << "the unkeyed fingerprint";
  EXPECT_EQ(absl::AsciiStrToLower(files).find("fingerabdruck"), std::string::npos);
}

}  // namespace
}  // namespace trainhub::api_test
