// Data Integrity proofs (eddsa-jcs-2022), did:key and multibase, checked
// against the published eddsa-jcs-2022 test vector of the W3C's "Data
// Integrity EdDSA Cryptosuites v1.0" (the key pair, the unsigned credential,
// the canonical document, the proof options, the signature), and the Open
// Badges credential trainhub exports.

#include "domain/documents/credential_proof.h"

#include <gtest/gtest.h>

#include "absl/strings/escaping.h"
#include "absl/time/time.h"
#include "domain/documents/canonical_json.h"
#include "domain/completion/certificate_badge.h"
#include "domain/completion/certificate_document.h"

namespace trainhub::domain {
namespace {

// The test vector's key pair, as multibase texts.
constexpr char kPublicKeyMultibase[] = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2";
constexpr char kSecretKeyMultibase[] = "z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq";

constexpr char kUnsignedCredential[] = R"({
  "@context": [
    "https://www.w3.org/ns/credentials/v2",
    "https://www.w3.org/ns/credentials/examples/v2"
  ],
  "id": "urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33",
  "type": ["VerifiableCredential", "AlumniCredential"],
  "name": "Alumni Credential",
  "description": "A minimum viable example of an Alumni Credential.",
  "issuer": "https://vc.example/issuers/5678",
  "validFrom": "2023-01-01T00:00:00Z",
  "credentialSubject": {
    "id": "did:example:abcdefgh",
    "alumniOf": "The School of Examples"
  }
})";

constexpr char kCanonicalDocument[] =
    R"({"@context":["https://www.w3.org/ns/credentials/v2","https://www.w3.org/ns/credentials/examples/v2"],)"
    R"("credentialSubject":{"alumniOf":"The School of Examples","id":"did:example:abcdefgh"},)"
    R"("description":"A minimum viable example of an Alumni Credential.",)"
    R"("id":"urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33","issuer":"https://vc.example/issuers/5678",)"
    R"("name":"Alumni Credential","type":["VerifiableCredential","AlumniCredential"],)"
    R"("validFrom":"2023-01-01T00:00:00Z"})";

constexpr char kVerificationMethod[] =
    "https://vc.example/issuers/5678#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2";
constexpr char kCreated[] = "2023-02-24T23:36:38Z";
constexpr char kSignatureHex[] =
    "fc91dec6565f35fbe185a77352e7fc512f95d1904da305cfef32ab8135469301"
    "f5a72d4e7a58368fc6ffc497b44633993bac054e3bc1436e3c846db8f1544503";
constexpr char kProofValue[] =
    "z63t83Y53KfzJ5ZosfKTnqfMcKB2dmTrfjSaQjeNNjAD5srBowQfmWqeRb8rRjmeEuCBEsddF9LsVogtuTsijJKh4";

std::unique_ptr<Ed25519Signer> VectorSigner() {
  std::optional<std::string> secret = FromMultibaseBase58(kSecretKeyMultibase);
  EXPECT_TRUE(secret.has_value());
  // Multicodec ed25519-priv (0x1300 as varint 0x80 0x26), then the seed.
  EXPECT_EQ(secret->substr(0, 2), std::string("\x80\x26"));
  auto signer = Ed25519Signer::FromSeed(secret->substr(2));
  EXPECT_TRUE(signer.ok());
  return *std::move(signer);
}

absl::Time Created() {
  absl::Time t;
  std::string error;
  EXPECT_TRUE(absl::ParseTime(absl::RFC3339_full, kCreated, &t, &error)) << error;
  return t;
}

nlohmann::json SignedVector() {
  auto signer = VectorSigner();
  auto signed_json =
      AddEddsaJcsProof(nlohmann::json::parse(kUnsignedCredential), kVerificationMethod, Created(),
                       [&](const std::string& m) { return signer->Sign(m); });
  EXPECT_TRUE(signed_json.ok()) << signed_json.status();
  return *signed_json;
}

TEST(DataIntegrityTest, KeyPairOfTheVectorGivesItsDidKey) {
  auto signer = VectorSigner();
  EXPECT_EQ(DidKeyOf(signer->public_key()), std::string("did:key:") + kPublicKeyMultibase);
  auto key = PublicKeyOfDidKey(std::string("did:key:") + kPublicKeyMultibase + "#frag");
  ASSERT_TRUE(key.ok()) << key.status();
  EXPECT_EQ(*key, signer->public_key());
}

TEST(DataIntegrityTest, CanonicalDocumentMatchesTheVector) {
  auto text = CanonicalJson(nlohmann::json::parse(kUnsignedCredential));
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(*text, kCanonicalDocument);
}

TEST(DataIntegrityTest, SigningGivesTheVectorsSignatureAndProof) {
  const nlohmann::json signed_json = SignedVector();
  const nlohmann::json& proof = signed_json["proof"];
  EXPECT_EQ(proof["type"], "DataIntegrityProof");
  EXPECT_EQ(proof["cryptosuite"], "eddsa-jcs-2022");
  EXPECT_EQ(proof["created"], kCreated);
  EXPECT_EQ(proof["proofPurpose"], "assertionMethod");
  EXPECT_EQ(proof["@context"], nlohmann::json::parse(kUnsignedCredential)["@context"]);
  EXPECT_EQ(proof["proofValue"], kProofValue);
  EXPECT_EQ(absl::BytesToHexString(*FromMultibaseBase58(kProofValue)), kSignatureHex);
}

TEST(DataIntegrityTest, VectorVerifiesAndAnyChangeBreaksIt) {
  const std::string public_key = *PublicKeyOfDidKey(std::string("did:key:") + kPublicKeyMultibase);
  nlohmann::json secured = SignedVector();
  EXPECT_TRUE(VerifyEddsaJcsProof(secured, public_key).ok());
  EXPECT_EQ(*ProofVerificationMethod(secured), kVerificationMethod);

  nlohmann::json changed = secured;
  changed["credentialSubject"]["alumniOf"] = "The School of Examplez";
  EXPECT_EQ(VerifyEddsaJcsProof(changed, public_key).code(), absl::StatusCode::kFailedPrecondition);

  changed = secured;
  changed["proof"]["created"] = "2023-02-24T23:36:39Z";
  EXPECT_EQ(VerifyEddsaJcsProof(changed, public_key).code(), absl::StatusCode::kFailedPrecondition);

  auto other = Ed25519Signer::FromSeed(std::string(32, '\x07'));
  EXPECT_EQ(VerifyEddsaJcsProof(secured, (*other)->public_key()).code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST(DataIntegrityTest, MalformedProofsNameWhatIsWrong) {
  const std::string public_key = *PublicKeyOfDidKey(std::string("did:key:") + kPublicKeyMultibase);
  const nlohmann::json secured = SignedVector();
  struct Case {
    std::function<void(nlohmann::json&)> change;
    std::string says;
  };
  const std::vector<Case> cases = {
      {[](nlohmann::json& j) { j.erase("proof"); }, "has no proof"},
      {[](nlohmann::json& j) { j["proof"] = nlohmann::json::array({j["proof"]}); }, "one object"},
      {[](nlohmann::json& j) { j["proof"]["cryptosuite"] = "ecdsa-jcs-2019"; },
       "proof.cryptosuite"},
      {[](nlohmann::json& j) { j["proof"]["type"] = "Ed25519Signature2020"; }, "proof.type"},
      {[](nlohmann::json& j) { j["proof"]["proofValue"] = "uAAAA"; }, "proof.proofValue"},
      {[](nlohmann::json& j) { j["proof"]["proofValue"] = "z0OIl"; }, "proof.proofValue"},
      {[](nlohmann::json& j) { j["proof"]["@context"] = {"https://example.org/other"}; },
       "proof.@context"},
      {[](nlohmann::json& j) { j["credentialSubject"]["score"] = 1.5; }, "float"},
  };
  for (const Case& c : cases) {
    nlohmann::json changed = secured;
    c.change(changed);
    absl::Status status = VerifyEddsaJcsProof(changed, public_key);
    EXPECT_FALSE(status.ok()) << c.says;
    EXPECT_NE(status.message().find(c.says), std::string::npos) << status;
  }
}

TEST(DataIntegrityTest, Base58RoundTripsLeadingZerosAndRefusesForeignText) {
  const std::string bytes("\0\0\x01\xff\x10", 5);
  const std::string text = MultibaseBase58(bytes);
  EXPECT_EQ(text.substr(0, 3), "z11");
  EXPECT_EQ(*FromMultibaseBase58(text), bytes);
  EXPECT_EQ(MultibaseBase58(""), "z");
  EXPECT_FALSE(FromMultibaseBase58("zOIl0").has_value());
  EXPECT_FALSE(FromMultibaseBase58("m6MkrJ").has_value());
  EXPECT_FALSE(FromMultibaseBase58("z" + std::string(500, '2')).has_value());
  EXPECT_FALSE(PublicKeyOfDidKey("did:web:example.org").ok());
  EXPECT_FALSE(PublicKeyOfDidKey("did:key:z6Mk").ok());
}

CertificateContent SampleContent() {
  CertificateContent c;
  c.serial = "7K3M-Q9ZD-X2RT-4HNB";
  c.outcome = CompletionOutcome::kCertificate;
  c.holder_name = "أمينة حداد";
  c.series_id = 4;
  c.series_title = "Interkulturelle Trainer:innen 2018-2020";
  c.qualification = "Interkulturelle:r Trainer:in";
  c.organization_name = "Bildungswerk Vielfalt e.V.";
  c.partner_names = {"Stadt Beispielstadt"};
  CertificateModuleLine m;
  m.position = 1;
  m.title = "Grundlagen";
  m.dates = "23.–24.11.2018";
  m.teaching_units = "16";
  m.teaching_units_attended = "16";
  m.attended = true;
  c.modules = {m};
  c.teaching_units_attended = "16";
  c.teaching_units_total = "16";
  c.issue_time = absl::FromUnixSeconds(1600000000);
  c.key_id = "k0011223344556677";
  c.evaluation = {{"rule",
                   {{"all_modules", false},
                    {"min_modules", 7},
                    {"mandatory_modules", false},
                    {"max_excused", 1},
                    {"min_teaching_unit_percent", 90},
                    {"allowed_minutes_missed", 60},
                    {"confirmation_min_modules", 1}}},
                  {"decision", nullptr}};
  return c;
}

TEST(CertificateBadgeTest, OpenBadgeCredentialSaysWhatTheCertificateSays) {
  const CertificateContent content = SampleContent();
  const nlohmann::json badge = OpenBadgeCredentialOf(
      content, "https://verify.example/c/7K3M-Q9ZD-X2RT-4HNB", "did:key:z6MkIssuer");
  EXPECT_EQ(badge["type"], nlohmann::json({"VerifiableCredential", "OpenBadgeCredential"}));
  EXPECT_EQ(badge["@context"][0], "https://www.w3.org/ns/credentials/v2");
  EXPECT_EQ(badge["id"], "https://verify.example/c/7K3M-Q9ZD-X2RT-4HNB");
  EXPECT_EQ(badge["issuer"]["id"], "did:key:z6MkIssuer");
  EXPECT_EQ(badge["issuer"]["type"], nlohmann::json({"Profile"}));
  EXPECT_EQ(badge["issuer"]["name"], "Bildungswerk Vielfalt e.V.");
  EXPECT_EQ(badge["validFrom"], "2020-09-13T12:26:40Z");
  const nlohmann::json& subject = badge["credentialSubject"];
  EXPECT_EQ(subject["type"], nlohmann::json({"AchievementSubject"}));
  EXPECT_EQ(subject["identifier"][0]["identityHash"], "أمينة حداد");
  EXPECT_EQ(subject["achievement"]["type"], nlohmann::json({"Achievement"}));
  EXPECT_EQ(subject["achievement"]["name"], content.series_title);
  const std::string narrative = subject["achievement"]["criteria"]["narrative"];
  EXPECT_NE(narrative.find("mindestens 7 Modulen"), std::string::npos) << narrative;
  EXPECT_NE(narrative.find("höchstens 1 entschuldigte Fehlzeit"), std::string::npos);
  EXPECT_NE(narrative.find("90 % der Unterrichtseinheiten"), std::string::npos);
  EXPECT_NE(narrative.find("60 Minuten"), std::string::npos);
  EXPECT_TRUE(CanonicalJson(badge).ok());
}

TEST(CertificateBadgeTest, SignedBadgeVerifiesAndOneChangedCharacterFails) {
  auto signer = Ed25519Signer::FromSeed(std::string(32, '\x2a'));
  ASSERT_TRUE(signer.ok());
  const std::string did = DidKeyOf((*signer)->public_key());
  auto badge =
      AddEddsaJcsProof(OpenBadgeCredentialOf(SampleContent(), "https://verify.example/c/X", did),
                       did + "#" + did.substr(8), absl::FromUnixSeconds(1700000000),
                       [&](const std::string& m) { return (*signer)->Sign(m); });
  ASSERT_TRUE(badge.ok()) << badge.status();
  const std::string text = badge->dump(2);
  const nlohmann::json read = nlohmann::json::parse(text);
  auto key = PublicKeyOfDidKey(*ProofVerificationMethod(read));
  ASSERT_TRUE(key.ok());
  EXPECT_TRUE(VerifyEddsaJcsProof(read, *key).ok());

  std::string tampered = text;
  const size_t at = tampered.find("Grundlagen");
  ASSERT_NE(at, std::string::npos);
  tampered[at] = 'K';
  EXPECT_EQ(VerifyEddsaJcsProof(nlohmann::json::parse(tampered), *key).code(),
            absl::StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace trainhub::domain
