// The certificate commands that work on files: an exported Open Badge is
// checked without the server (the strict mock stub fails the test on any
// call), against the issuer key the user pins.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "clients/cli/app.h"
#include "domain/documents/canonical_json.h"
#include "domain/completion/certificate_badge.h"
#include "domain/completion/certificate_document.h"
#include "domain/documents/credential_proof.h"
#include "trainhub/v1/certificate_mock.grpc.pb.h"
#include "unit/cli_test_run.h"

namespace trainhub::cli {
namespace {

namespace v1 = ::trainhub::v1;
using ::testing::HasSubstr;

class CliBadgeFileTest : public CliTest {
 protected:
  void SetUp() override {
    Mock<v1::CertificateService, v1::MockCertificateServiceStub>();
    auto signer = domain::Ed25519Signer::FromSeed(std::string(32, '\x11'));
    ASSERT_TRUE(signer.ok());
    signer_ = *std::move(signer);
    did_ = domain::DidKeyOf(signer_->public_key());
    domain::CertificateContent content;
    content.serial = "7K3M-Q9ZD-X2RT-4HNB";
    content.outcome = domain::CompletionOutcome::kCertificate;
    content.holder_name = "أمل حداد";
    content.series_title = "Interkultur im Ehrenamt";
    content.organization_name = "Landesnetzwerk Ehrenamt e. V.";
    content.teaching_units_attended = "40";
    content.teaching_units_total = "40";
    content.issue_time = absl::FromUnixSeconds(1700000000);
    auto badge =
        domain::AddEddsaJcsProof(domain::OpenBadgeCredentialOf(
                                     content, "https://verify.example/c/7K3M-Q9ZD-X2RT-4HNB", did_),
                                 did_ + "#" + did_.substr(8), absl::FromUnixSeconds(1700000100),
                                 [&](const std::string& m) { return signer_->Sign(m); });
    ASSERT_TRUE(badge.ok()) << badge.status();
    text_ = badge->dump(2);
    // ctest runs each test as its own process, in parallel.
    path_ = ::testing::TempDir() + "/badge-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".json";
    Write(text_);
  }
  void TearDown() override { std::remove(path_.c_str()); }

  void Write(const std::string& text) { std::ofstream(path_, std::ios::binary) << text; }

  // Runs `trainhub <args>` with the same mock each time; out_ and err_ get
  // only what this run printed.
  int Run(std::vector<std::string> args) {
    out_.str("");
    err_.str("");
    Client::Stubs kept = std::move(stubs_);
    const int code = RunCli(std::move(args), kept, out_, err_);
    stubs_ = std::move(kept);
    return code;
  }

  std::unique_ptr<domain::Ed25519Signer> signer_;
  std::string did_, text_, path_;
};

TEST_F(CliBadgeFileTest, PinnedKeyVerifiesTheFileOffline) {
  EXPECT_EQ(Run({"certificate", "verify", path_, "--issuer-key", signer_->key_id()}), kExitOk)
      << err_.str() << out_.str();
  EXPECT_THAT(out_.str(), HasSubstr("signature valid"));
  EXPECT_THAT(out_.str(), HasSubstr("أمل حداد"));
  EXPECT_THAT(out_.str(), HasSubstr("Landesnetzwerk Ehrenamt e. V."));
  EXPECT_THAT(out_.str(), HasSubstr("https://verify.example/c/7K3M-Q9ZD-X2RT-4HNB"));
  // The did:key pins it as well.
  EXPECT_EQ(Run({"certificate", "verify", path_, "--issuer-key", did_}), kExitOk);
}

TEST_F(CliBadgeFileTest, OneChangedCharacterFailsAndSaysWhy) {
  std::string tampered = text_;
  tampered[tampered.find("Interkultur im Ehrenamt")] = 'i';
  Write(tampered);
  EXPECT_EQ(Run({"certificate", "verify", path_, "--issuer-key", signer_->key_id()}),
            kExitRejected);
  EXPECT_THAT(out_.str(), HasSubstr("NOT VALID"));
  EXPECT_THAT(out_.str(), HasSubstr("changed after it was signed"));
}

// A reader that keeps the first of two equal member names would see another
// date than the signed one, which a parser keeping the last verifies.
TEST_F(CliBadgeFileTest, AMemberNamedTwiceIsRefusedThoughTheLastOneIsSigned) {
  const size_t valid_from = text_.find("\"validFrom\"");
  ASSERT_NE(valid_from, std::string::npos);
  std::string doubled = text_;
  doubled.insert(valid_from, "\"validFrom\": \"2031-01-01T00:00:00Z\",\n  ");
  Write(doubled);
  EXPECT_EQ(Run({"certificate", "verify", path_, "--issuer-key", signer_->key_id()}),
            kExitRejected);
  EXPECT_THAT(out_.str(), HasSubstr("NOT VALID"));
  EXPECT_THAT(out_.str(), HasSubstr("\"validFrom\" twice"));
  // The same name in two different objects is no duplicate.
  EXPECT_TRUE(domain::ParseIJson(R"({"a": {"id": 1}, "b": {"id": 2}, "id": 3})").ok());
  EXPECT_FALSE(domain::ParseIJson(R"({"a": [{"id": 1, "id": 1}]})").ok());
}

TEST_F(CliBadgeFileTest, AnotherKeyIsNotTrusted) {
  EXPECT_EQ(Run({"certificate", "verify", path_, "--issuer-key", "k0000000000000000"}),
            kExitRejected);
  EXPECT_THAT(out_.str(), HasSubstr("not the issuer key you gave"));
}

TEST_F(CliBadgeFileTest, WithoutAPinnedKeyItAsksForOne) {
  EXPECT_EQ(Run({"certificate", "verify", path_}), kExitUsage);
  EXPECT_THAT(err_.str(), HasSubstr("--issuer-key"));
}

TEST_F(CliBadgeFileTest, BrokenFilesAreNamed) {
  Write("{\"proof\": ");
  EXPECT_EQ(Run({"certificate", "verify", path_, "--issuer-key", signer_->key_id()}),
            kExitRejected);
  EXPECT_THAT(out_.str(), HasSubstr("cannot be checked"));
  Write("{\"name\": \"x\"}");
  EXPECT_EQ(Run({"certificate", "verify", path_, "--issuer-key", signer_->key_id()}),
            kExitRejected);
  EXPECT_THAT(out_.str(), HasSubstr("has no proof"));
  Write(std::string(2 * 1024 * 1024, ' '));
  EXPECT_EQ(Run({"certificate", "verify", path_, "--issuer-key", signer_->key_id()}), kExitUsage);
  EXPECT_THAT(err_.str(), HasSubstr("larger than a badge file can be"));
  Write(std::string(100000, '[') + std::string(100000, ']'));
  EXPECT_EQ(Run({"certificate", "verify", path_, "--issuer-key", signer_->key_id()}),
            kExitRejected);
  EXPECT_EQ(Run({"certificate", "verify", "/nonexistent/badge.json", "--issuer-key", "k1"}),
            kExitUsage);
  EXPECT_THAT(err_.str(), HasSubstr("cannot read"));
}

TEST_F(CliBadgeFileTest, AnIssuerKeyWithANumberIsAUsageError) {
  EXPECT_EQ(Run({"certificate", "verify", "7K3M-Q9ZD-X2RT-4HNB", "--issuer-key", "k1"}),
            kExitUsage);
  EXPECT_THAT(err_.str(), HasSubstr("--issuer-key is for checking a badge file"));
}

// certificate verify NUMBER asks the server; a replaced certificate says
// where the one replacing it stands.
class CliVerifyTest : public CliTest {
 protected:
  // Verifying `serial` answers `v`; returns the exit code.
  int Verify(const std::string& serial, const v1::CertificateVerification& v) {
    certificates_ = Mock<v1::CertificateService, v1::MockCertificateServiceStub>();
    EXPECT_CALL(*certificates_, VerifyCertificate(::testing::_, ::testing::_, ::testing::_))
        .WillOnce(
            ::testing::DoAll(::testing::SetArgPointee<2>(v), ::testing::Return(grpc::Status::OK)));
    out_.str("");
    err_.str("");
    return Run({"certificate", "verify", serial});
  }

  static v1::CertificateVerification Replaced() {
    v1::CertificateVerification v;
    v.set_status(v1::CERTIFICATE_STATUS_SUPERSEDED);
    v.set_serial("7K3M-Q9ZD-X2RT-4HNB");
    v.set_outcome(v1::COMPLETION_OUTCOME_CERTIFICATE);
    v.set_holder_name("أمل حداد");
    v.set_series_title("Interkultur im Ehrenamt");
    v.set_organization_name("Landesnetzwerk Ehrenamt e. V.");
    v.set_superseded_by("ABCD-EFGH-JKMN-PQRS");
    v.set_signature_valid(true);
    v.set_replacement_serial("ABCD-EFGH-JKMN-PQRS");
    v.set_replacement_count(1);
    return v;
  }

  v1::MockCertificateServiceStub* certificates_ = nullptr;
};

TEST_F(CliVerifyTest, AReplacedCertificateSaysWhetherTheNewOneIsValid) {
  v1::CertificateVerification v = Replaced();
  v.set_replacement_status(v1::CERTIFICATE_STATUS_VALID);
  EXPECT_EQ(Verify("7K3M-Q9ZD-X2RT-4HNB", v), kExitRejected) << err_.str();
  EXPECT_THAT(out_.str(), HasSubstr("replaced by ABCD-EFGH-JKMN-PQRS"));
  EXPECT_THAT(out_.str(), HasSubstr("the new certificate ABCD-EFGH-JKMN-PQRS is valid"));

  v.set_replacement_status(v1::CERTIFICATE_STATUS_REVOKED);
  v.mutable_replacement_revoke_time()->set_seconds(1710000000);  // 09.03.2024 17:00 in Berlin
  EXPECT_EQ(Verify("7K3M-Q9ZD-X2RT-4HNB", v), kExitRejected);
  EXPECT_THAT(out_.str(), HasSubstr("the new certificate ABCD-EFGH-JKMN-PQRS was REVOKED"));
  EXPECT_THAT(out_.str(), HasSubstr("09.03.2024"));
  EXPECT_THAT(Unwrapped(out_.str()), HasSubstr("none of them is valid"));
  EXPECT_THAT(out_.str(), ::testing::Not(HasSubstr("ABCD-EFGH-JKMN-PQRS is valid")));

  v = Replaced();
  v.set_replacement_serial("WXYZ-0123-4567-89AB");
  v.set_replacement_count(2);
  v.set_replacement_status(v1::CERTIFICATE_STATUS_VALID);
  EXPECT_EQ(Verify("7K3M-Q9ZD-X2RT-4HNB", v), kExitRejected);
  EXPECT_THAT(out_.str(), HasSubstr("last replaced by WXYZ-0123-4567-89AB (replaced 2 times)"));
  EXPECT_THAT(out_.str(), HasSubstr("the new certificate WXYZ-0123-4567-89AB is valid"));
}

}  // namespace
}  // namespace trainhub::cli
