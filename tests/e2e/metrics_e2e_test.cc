// The Prometheus endpoint as an operator's scraper meets it: trainhubd
// started with --metrics-listen, a few calls through the CLI, then
// GET /metrics parsed by the Prometheus client library's own parser
// (Debian's python3-prometheus-client) and checked for the calls made.

#include <csignal>
#include <regex>

#include "e2e/e2e_fixture.h"
#include "e2e/http_get.h"

namespace trainhub::e2e {
namespace {

// The value of the sample line `series` (name and labels exactly as
// rendered); -1 when there is none.
double Sample(const std::string& exposition, const std::string& series) {
  const std::string prefix = series + " ";
  for (size_t at = exposition.find(prefix); at != std::string::npos;
       at = exposition.find(prefix, at + 1)) {
    if (at == 0 || exposition[at - 1] == '\n') {
      return std::stod(exposition.substr(at + prefix.size()));
    }
  }
  return -1;
}

class MetricsE2eTest : public E2eTest {
 protected:
  void SetUp() override {
    E2eTest::SetUp();
    metrics_port_ = FreePort();
    CreateAdmin();
    StartServer(false, {"--metrics-listen", "127.0.0.1:" + std::to_string(metrics_port_)});
    MustCli({"login", "--email", kAdminEmail, "--password-stdin"},
            std::string(kAdminPassword) + "\n");
  }

  int metrics_port_ = 0;
};

TEST_F(MetricsE2eTest, ScrapesCleanlyAndCountsCallsByStatusAndCommits) {
  MustCli({"org", "create", "--name", "Netzwerk Vielfalt", "--kind", "ngo"});
  MustCli({"org", "list"});
  const Result missing = Cli({"org", "show", "999"});
  ASSERT_NE(missing.exit_code, 0);

  const HttpAnswer scrape = Get(metrics_port_, "/metrics");
  ASSERT_EQ(scrape.code, 200) << scrape.head;
  EXPECT_NE(scrape.head.find("text/plain; version=0.0.4"), std::string::npos) << scrape.head;
  const std::string& text = scrape.body;

  // Parsed as Prometheus would: the client library's parser refuses
  // malformed lines, and every family must say its type.
  const fs::path file = dir_ / "scrape.txt";
  {
    std::ofstream out(file);
    out << text;
  }
  const fs::path check = dir_ / "check.py";
  {
    std::ofstream out(check);
    out << "import sys\n"
           "from prometheus_client.parser import text_string_to_metric_families\n"
           "families = list(text_string_to_metric_families(open(sys.argv[1]).read()))\n"
           "untyped = [f.name for f in families if f.type == 'unknown']\n"
           "assert not untyped, untyped\n"
           "print(len(families), 'families')\n";
  }
  const fs::path parsed = dir_ / "parsed.txt";
  const pid_t python = Spawn({"/usr/bin/python3", check.string(), file.string()}, parsed);
  EXPECT_EQ(WaitExit(python), 0) << ReadFile(parsed) << "\n" << text;

  const std::string create =
      "method=\"/trainhub.v1.OrganizationService/CreateOrganization\",code=\"OK\"";
  EXPECT_EQ(Sample(text, "trainhub_rpc_duration_seconds_count{" + create + "}"), 1) << text;
  EXPECT_EQ(Sample(text, "trainhub_rpc_duration_seconds_bucket{" + create + ",le=\"+Inf\"}"), 1);
  EXPECT_GT(Sample(text, "trainhub_rpc_duration_seconds_sum{" + create + "}"), 0);
  EXPECT_GE(Sample(text,
                   "trainhub_rpc_duration_seconds_count{method=\"/trainhub.v1."
                   "OrganizationService/GetOrganization\",code=\"NOT_FOUND\"}"),
            1)
      << text;
  // The login and the organisation were committed; each commit made at
  // least one unit durable.
  const double commits = Sample(text, "trainhub_commit_duration_seconds_count");
  EXPECT_GE(commits, 2) << text;
  EXPECT_GE(Sample(text, "trainhub_commit_batch_units_sum"), commits);
  EXPECT_EQ(Sample(text, "trainhub_writer_queue_depth"), 0);
  EXPECT_GE(Sample(text, "trainhub_active_tokens"), 1);
  EXPECT_GT(Sample(text, "trainhub_database_bytes"), 0);
  EXPECT_GT(Sample(text, "process_resident_memory_bytes"), 1 << 20);
  // Buckets count up to the total.
  const std::regex bucket(R"(trainhub_commit_duration_seconds_bucket\{le="[^"]+"\} (\d+))");
  double previous = 0;
  for (std::sregex_iterator it(text.begin(), text.end(), bucket), end; it != end; ++it) {
    const double count = std::stod((*it)[1]);
    EXPECT_GE(count, previous);
    previous = count;
  }
  EXPECT_EQ(previous, commits);
  // Nothing personal: the organisation's name and the admin's e-mail stay out.
  EXPECT_EQ(text.find("Netzwerk"), std::string::npos);
  EXPECT_EQ(text.find(kAdminEmail), std::string::npos);

  EXPECT_EQ(Get(metrics_port_, "/").code, 404);
  EXPECT_EQ(Get(metrics_port_, "/metrics/../etc").code, 404);
}

TEST_F(MetricsE2eTest, RefusesAnAddressItCannotUseAndStartsWithoutMetricsByDefault) {
  StopServer(SIGTERM);
  const fs::path log = dir_ / "bad-address.log";
  const pid_t bad = Spawn(
      {TRAINHUBD_PATH, "--listen", "127.0.0.1:0", "--db", db_, "--metrics-listen", "nonsense"},
      log);
  EXPECT_NE(WaitExit(bad), 0);
  EXPECT_NE(ReadFile(log).find("metrics address \"nonsense\" is not HOST:PORT"), std::string::npos)
      << ReadFile(log);
  StartServer();
  EXPECT_EQ(ReadFile(server_log_).find("metrics on"), std::string::npos);
}

}  // namespace
}  // namespace trainhub::e2e
