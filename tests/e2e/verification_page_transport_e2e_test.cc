// The public verification page's connections: over HTTPS with the gRPC
// port's certificate, TLS 1.2 and 1.3 only, and slow clients (slowloris)
// that do not keep the page from others.

#include <fcntl.h>
#include <poll.h>

#include <atomic>

#include "e2e/e2e_fixture.h"
#include "e2e/http_get.h"

namespace trainhub::e2e {
namespace {

// trainhubd serving the page over HTTPS with the test CA's server
// certificate, in a folder of its own (`name`); stopped and removed when
// destroyed, which expects a clean exit.
class HttpsPageServer {
 public:
  explicit HttpsPageServer(const std::string& name)
      : dir_(fs::temp_directory_path() / (name + "-" + std::to_string(::getpid()))) {
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    MakeTestCertificates(dir_);
    port_ = FreePort();
    pid_ = Spawn({TRAINHUBD_PATH, "--listen", "127.0.0.1:0", "--db", (dir_ / "trainhub.db").string(),
                  "--tls-cert", (dir_ / "server.pem").string(), "--tls-key",
                  (dir_ / "server.key").string(), "--verify-listen",
                  "127.0.0.1:" + std::to_string(port_), "--verify-url",
                  "https://127.0.0.1:" + std::to_string(port_) + "/c/"},
                 dir_ / "server.log");
    for (int i = 0; i < 200 && !Serving(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
  }
  ~HttpsPageServer() {
    kill(pid_, SIGTERM);
    EXPECT_EQ(WaitExit(pid_), 0);
    fs::remove_all(dir_);
  }

  bool Serving() const {
    return ReadFile(dir_ / "server.log").find("verification page on") != std::string::npos;
  }
  std::string Log() const { return ReadFile(dir_ / "server.log"); }
  const fs::path& dir() const { return dir_; }
  int port() const { return port_; }

 private:
  fs::path dir_;
  int port_ = 0;
  pid_t pid_ = 0;
};

// With the gRPC port's TLS certificate the page speaks only HTTPS.
TEST(VerificationPageTlsTest, ThePageSpeaksHttpsWithTheServersCertificate) {
  HttpsPageServer page("trainhub-e2e-page-tls");
  ASSERT_TRUE(page.Serving()) << page.Log();
  const fs::path& dir = page.dir();
  const int port = page.port();
  const std::string request =
      "printf 'GET /keys HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\nConnection: close\\r\\n\\r\\n' | "
      "timeout 10 openssl s_client -connect 127.0.0.1:" +
      std::to_string(port) + " -CAfile '" + (dir / "ca.pem").string() +
      "' -verify_return_error -quiet > '" + (dir / "https.txt").string() + "' 2>&1";
  EXPECT_EQ(std::system(request.c_str()), 0) << request;
  const std::string answer = ReadFile(dir / "https.txt");
  EXPECT_NE(answer.find("HTTP/1.1 200"), std::string::npos) << answer;
  EXPECT_NE(answer.find("Strict-Transport-Security"), std::string::npos) << answer;
  EXPECT_NE(answer.find("did:key:z6Mk"), std::string::npos) << answer;
  // Plain HTTP gets no page.
  EXPECT_NE(Get(port, "/keys").code, 200);
}

// Slowloris: `count` connections from 40 loopback addresses (127.0.0.2 and
// on) that each send a request line and then one header line per second,
// never finishing the request's head, and open again whenever the server
// closes one. Runs until destroyed.
class SlowClients {
 public:
  SlowClients(int port, int count) : port_(port), fds_(count, -1), started_(count, false) {
    thread_ = std::thread([this] { Run(); });
  }
  ~SlowClients() {
    stop_ = true;
    thread_.join();
    for (int fd : fds_) {
      if (fd >= 0) ::close(fd);
    }
  }
  int reopened() const { return reopened_; }

 private:
  void Run() {
    auto last_line = std::chrono::steady_clock::now();
    while (!stop_) {
      const bool line_due = std::chrono::steady_clock::now() - last_line > std::chrono::seconds(1);
      if (line_due) last_line = std::chrono::steady_clock::now();
      for (size_t i = 0; i < fds_.size(); ++i) {
        if (fds_[i] < 0) {
          Open(i);
          continue;
        }
        char byte;
        const ssize_t got = ::recv(fds_[i], &byte, 1, MSG_DONTWAIT);
        if (got == 0 || (got < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != ENOTCONN)) {
          Close(i);  // the server ended it
          continue;
        }
        const std::string text = started_[i] ? "X-Slow: 1\r\n" : "GET / HTTP/1.1\r\nHost: x\r\n";
        if (!started_[i] || line_due) {
          const ssize_t sent =
              ::send(fds_[i], text.data(), text.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
          if (sent > 0) {
            started_[i] = true;
          } else if (errno != EAGAIN && errno != EWOULDBLOCK && errno != ENOTCONN) {
            Close(i);
          }
        }
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
  void Open(size_t i) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    sockaddr_in local{};
    local.sin_family = AF_INET;
    local.sin_addr.s_addr = htonl(0x7f000002 + static_cast<uint32_t>(i % 40));
    ::bind(fd, reinterpret_cast<sockaddr*>(&local), sizeof local);
    sockaddr_in server{};
    server.sin_family = AF_INET;
    server.sin_port = htons(static_cast<uint16_t>(port_));
    server.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::connect(fd, reinterpret_cast<sockaddr*>(&server), sizeof server);  // completes later
    fds_[i] = fd;
    started_[i] = false;
  }
  void Close(size_t i) {
    ::close(fds_[i]);
    fds_[i] = -1;
    ++reopened_;
  }

  const int port_;
  std::vector<int> fds_;
  std::vector<bool> started_;
  std::atomic<bool> stop_{false};
  std::atomic<int> reopened_{0};
  std::thread thread_;
};

// One GET of `target` by a client that waits at most `patience` for the
// whole answer; the status code, or 0 when none came in time.
int GetWithin(int port, const std::string& target, std::chrono::milliseconds patience) {
  const auto give_up = std::chrono::steady_clock::now() + patience;
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  sockaddr_in server{};
  server.sin_family = AF_INET;
  server.sin_port = htons(static_cast<uint16_t>(port));
  server.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::connect(fd, reinterpret_cast<sockaddr*>(&server), sizeof server);
  const std::string request =
      "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
  size_t sent = 0;
  std::string answer;
  while (std::chrono::steady_clock::now() < give_up) {
    pollfd p{fd, static_cast<short>(sent < request.size() ? POLLOUT : POLLIN), 0};
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        give_up - std::chrono::steady_clock::now());
    if (::poll(&p, 1, static_cast<int>(std::max<int64_t>(1, left.count()))) <= 0) continue;
    if (sent < request.size()) {
      const ssize_t n = ::send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
      if (n > 0) sent += static_cast<size_t>(n);
      if (n < 0 && errno != EAGAIN && errno != ENOTCONN) break;
      continue;
    }
    char buffer[4096];
    const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) break;
    answer.append(buffer, static_cast<size_t>(n));
    if (answer.size() >= 12) break;
  }
  ::close(fd);
  if (answer.size() < 12 || answer.compare(0, 5, "HTTP/") != 0) return 0;
  return std::stoi(answer.substr(9, 3));
}

// 320 connections trickling their headers (one line a second, reopened
// whenever closed) keep the page from nobody: each request's head has a
// deadline, shorter while all connections are taken, so a normal visitor
// is answered within a browser's patience; the gRPC API does not notice.
TEST_F(E2eTest, SlowHeadersDoNotKeepThePageFromOthers) {
  CreateAdmin();
  const int page_port = FreePort();
  StartServer(false, {"--verify-listen", "127.0.0.1:" + std::to_string(page_port)});
  ASSERT_EQ(GetWithin(page_port, "/keys", std::chrono::seconds(5)), 200);
  SlowClients slow(page_port, 320);
  std::this_thread::sleep_for(std::chrono::seconds(3));  // they hold what they can
  int answered = 0;
  for (int probe = 0; probe < 8; ++probe) {
    const auto start = std::chrono::steady_clock::now();
    const int code = GetWithin(page_port, "/keys", std::chrono::seconds(10));
    EXPECT_EQ(code, 200) << "probe " << probe << " after "
                         << std::chrono::duration_cast<std::chrono::milliseconds>(
                                std::chrono::steady_clock::now() - start)
                                .count()
                         << " ms";
    if (code == 200) ++answered;
    const Result api = Cli({"certificate", "verify", "0000-0000-0000-0000"});
    EXPECT_EQ(api.exit_code, 4) << api.err;  // answered: no such certificate
    std::this_thread::sleep_for(std::chrono::seconds(1));
  }
  EXPECT_EQ(answered, 8);
  EXPECT_GT(slow.reopened(), 320) << "the server closed the slow connections";
}

// The page's HTTPS speaks TLS 1.2 and 1.3 only, as the gRPC port does.
TEST(VerificationPageTlsTest, ThePageRefusesTls10And11) {
  HttpsPageServer page("trainhub-e2e-page-tls-versions");
  ASSERT_TRUE(page.Serving()) << page.Log();
  const fs::path& dir = page.dir();
  const int port = page.port();
  // The client offers only `version`; security level 0 lets OpenSSL offer the
  // old ones at all, so that a refusal is the server's.
  auto handshake = [&](const std::string& version) {
    const fs::path out = dir / ("s_client" + version + ".txt");
    const std::string command =
        "printf 'GET /keys HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\nConnection: close\\r\\n\\r\\n' | "
        "timeout 10 openssl s_client -connect 127.0.0.1:" +
        std::to_string(port) + " " + version + " -cipher 'DEFAULT@SECLEVEL=0' -CAfile '" +
        (dir / "ca.pem").string() + "' -verify_return_error -quiet > '" + out.string() + "' 2>&1";
    const int status = std::system(command.c_str());
    return std::make_pair(status, ReadFile(out));
  };
  for (const char* old : {"-tls1", "-tls1_1"}) {
    const auto [status, answer] = handshake(old);
    EXPECT_NE(status, 0) << old << ": " << answer;
    EXPECT_EQ(answer.find("HTTP/1.1 200"), std::string::npos) << old << ": " << answer;
  }
  for (const char* current : {"-tls1_2", "-tls1_3"}) {
    const auto [status, answer] = handshake(current);
    EXPECT_EQ(status, 0) << current << ": " << answer;
    EXPECT_NE(answer.find("HTTP/1.1 200"), std::string::npos) << current << ": " << answer;
  }
}

}  // namespace
}  // namespace trainhub::e2e
