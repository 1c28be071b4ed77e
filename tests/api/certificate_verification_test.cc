// CertificateService, verification: anyone checks a number, the signed
// document and its status stay as issued (also against changes behind the
// server's back), revoking and reissuing, retries, and the Open Badge.

#include <SQLiteCpp/Database.h>
#include <sodium.h>

#include "absl/strings/escaping.h"
#include "api/certificate_fixture.h"
#include "domain/documents/credential_proof.h"

namespace trainhub::api_test {
namespace {

// The SHA-256 of `bytes` in lower-case hex, as verification states it.
std::string Sha256Hex(const std::string& bytes) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  return absl::BytesToHexString(std::string(reinterpret_cast<char*>(digest), sizeof digest));
}

// Whether `signature` is the Ed25519 signature of `document` by
// `public_key` (both in URL-safe base64, as the API gives them).
bool SignatureHolds(const std::string& document, const std::string& signature,
                    const std::string& public_key) {
  std::string key, signed_bytes;
  EXPECT_TRUE(absl::WebSafeBase64Unescape(public_key, &key));
  EXPECT_TRUE(absl::WebSafeBase64Unescape(signature, &signed_bytes));
  if (key.size() != crypto_sign_PUBLICKEYBYTES || signed_bytes.size() != crypto_sign_BYTES) {
    return false;
  }
  return crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(signed_bytes.data()),
                                     reinterpret_cast<const unsigned char*>(document.data()),
                                     document.size(),
                                     reinterpret_cast<const unsigned char*>(key.data())) == 0;
}

TEST_F(CertificateServiceTest, AnyoneVerifiesANumberAndTheSignedDocumentStaysFrozen) {
  v1::Certificate issued;
  grpc::Status s = Issue(ids_[0], &issued);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(issued.outcome(), v1::COMPLETION_OUTCOME_CONFIRMATION);
  EXPECT_EQ(issued.holder_name(), "أمينة حداد");
  ASSERT_EQ(issued.modules_size(), 3);

  v1::CertificateVerification v;
  s = Verify(issued.serial(), &v);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(v.status(), v1::CERTIFICATE_STATUS_VALID);
  EXPECT_TRUE(v.signature_valid());
  EXPECT_EQ(v.holder_name(), "أمينة حداد");
  EXPECT_EQ(v.series_title(), "Interkultur im Ehrenamt");
  // Lower case and without dashes is the same number.
  std::string loose = issued.serial();
  loose.erase(std::remove(loose.begin(), loose.end(), '-'), loose.end());
  for (char& c : loose) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  v1::CertificateVerification same;
  ASSERT_TRUE(Verify(loose, &same).ok());
  EXPECT_EQ(same.serial(), issued.serial());

  // The PDF as issued hashes to what verification says.
  v1::GetCertificatePdfRequest get_pdf;
  get_pdf.set_serial(issued.serial());
  v1::CertificateFile pdf;
  ASSERT_TRUE(
      Call(*certificates_, &v1::CertificateService::Stub::GetCertificatePdf, get_pdf, &pdf).ok());
  EXPECT_EQ(pdf.content().rfind("%PDF-", 0), 0u);
  EXPECT_EQ(Sha256Hex(pdf.content()), v.pdf_sha256());

  // The signature checks with the published key.
  v1::ListIssuerKeysResponse keys;
  ASSERT_TRUE(Call(*certificates_, &v1::CertificateService::Stub::ListIssuerKeys,
                   v1::ListIssuerKeysRequest(), &keys)
                  .ok());
  ASSERT_EQ(keys.keys_size(), 1);
  EXPECT_EQ(keys.keys(0).key_id(), issued.key_id());
  EXPECT_TRUE(SignatureHolds(issued.document(), issued.signature(), keys.keys(0).public_key()));

  // Renaming the person and the series later changes nothing issued.
  v1::UpdateParticipantRequest rename;
  rename.mutable_participant()->set_id(ids_[0]);
  rename.mutable_participant()->set_display_name("Amina Haddad");
  rename.mutable_update_mask()->add_paths("display_name");
  v1::Participant renamed;
  ASSERT_TRUE(
      Call(*people_, &v1::ParticipantService::Stub::UpdateParticipant, rename, &renamed).ok());
  v1::GetCertificateRequest get;
  get.set_serial(issued.serial());
  v1::Certificate later;
  ASSERT_TRUE(
      Call(*certificates_, &v1::CertificateService::Stub::GetCertificate, get, &later).ok());
  EXPECT_EQ(later.holder_name(), "أمينة حداد");
  EXPECT_EQ(later.document(), issued.document());

  // Unknown numbers say nothing; text that cannot be a number is refused.
  v1::CertificateVerification unknown;
  ASSERT_TRUE(Verify("ZZZZ-ZZZZ-ZZZZ-ZZZZ", &unknown).ok());
  EXPECT_EQ(unknown.status(), v1::CERTIFICATE_STATUS_UNSPECIFIED);
  EXPECT_TRUE(unknown.holder_name().empty());
  v1::CertificateVerification bad;
  grpc::Status malformed = Verify("12345", &bad);
  EXPECT_EQ(malformed.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(FieldOf(malformed), "serial");

  // A document changed behind the server's back fails its signature.
  {
    SQLite::Database db(path_, SQLite::OPEN_READWRITE);
    db.exec("DROP TRIGGER certificate_redaction");
    db.exec("UPDATE certificate SET document = replace(document, 'Ehrenamt', 'Hauptamt')");
  }
  v1::CertificateVerification tampered;
  ASSERT_TRUE(Verify(issued.serial(), &tampered).ok());
  EXPECT_FALSE(tampered.signature_valid());
}

TEST_F(CertificateServiceTest, RevokeAndReissue) {
  v1::Certificate first;
  ASSERT_TRUE(Issue(ids_[1], &first).ok());
  v1::Certificate revoked;
  grpc::Status s = Change(&v1::CertificateService::Stub::RevokeCertificate, first.serial(),
                          "irrtümlich ausgestellt", &revoked);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(revoked.status(), v1::CERTIFICATE_STATUS_REVOKED);
  v1::CertificateVerification v;
  ASSERT_TRUE(Verify(first.serial(), &v).ok());
  EXPECT_EQ(v.status(), v1::CERTIFICATE_STATUS_REVOKED);
  EXPECT_EQ(v.revoke_reason(), "irrtümlich ausgestellt");
  v1::Certificate out;
  ExpectRefused({
      {"revoking twice",
       [&] {
         return Change(&v1::CertificateService::Stub::RevokeCertificate, first.serial(), "x", &out);
       },
       grpc::StatusCode::FAILED_PRECONDITION, "serial"},
      {"reissuing a revoked one",
       [&] {
         return Change(&v1::CertificateService::Stub::ReissueCertificate, first.serial(), "x",
                       &out);
       },
       grpc::StatusCode::FAILED_PRECONDITION, "serial"},
      {"revoking without a reason",
       [&] {
         return Change(&v1::CertificateService::Stub::RevokeCertificate, first.serial(), "", &out);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "reason"},
      {"an unknown number",
       [&] {
         return Change(&v1::CertificateService::Stub::RevokeCertificate, "ZZZZ-ZZZZ-ZZZZ-ZZZZ", "x",
                       &out);
       },
       grpc::StatusCode::NOT_FOUND, "serial"},
  });

  // A revoked person may get a new certificate; reissuing it replaces it.
  v1::Certificate second;
  ASSERT_TRUE(Issue(ids_[1], &second).ok());
  v1::Certificate third;
  s = Change(&v1::CertificateService::Stub::ReissueCertificate, second.serial(), "Name korrigiert",
             &third);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_NE(third.serial(), second.serial());
  EXPECT_EQ(third.supersedes(), second.serial());
  EXPECT_EQ(third.status(), v1::CERTIFICATE_STATUS_VALID);
  ASSERT_TRUE(Verify(second.serial(), &v).ok());
  EXPECT_EQ(v.status(), v1::CERTIFICATE_STATUS_SUPERSEDED);
  EXPECT_EQ(v.superseded_by(), third.serial());
}

// A client whose answer was lost sends the same request again: it gets the
// first answer, not a refusal caused by the first request's own effect.
TEST_F(CertificateServiceTest, RetriesWithTheRequestIdGetTheFirstAnswer) {
  HoldTheLastSession();
  v1::IssueCertificateRequest issue;
  issue.set_series_id(series_id_);
  issue.set_participant_id(ids_[1]);
  issue.set_request_id("issue-1");
  v1::Certificate first, again;
  ASSERT_TRUE(Call(*certificates_, &v1::CertificateService::Stub::IssueCertificate, issue, &first)
                  .ok());
  grpc::Status s =
      Call(*certificates_, &v1::CertificateService::Stub::IssueCertificate, issue, &again);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(again.serial(), first.serial());
  EXPECT_EQ(again.pdf_sha256(), first.pdf_sha256());

  v1::ReissueCertificateRequest reissue;
  reissue.set_serial(first.serial());
  reissue.set_reason("Name korrigiert");
  reissue.set_request_id("reissue-1");
  v1::Certificate fresh, fresh_again;
  ASSERT_TRUE(Call(*certificates_, &v1::CertificateService::Stub::ReissueCertificate, reissue,
                   &fresh)
                  .ok());
  s = Call(*certificates_, &v1::CertificateService::Stub::ReissueCertificate, reissue,
           &fresh_again);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(fresh_again.serial(), fresh.serial());
  EXPECT_EQ(fresh_again.supersedes(), first.serial());

  v1::RevokeCertificateRequest revoke;
  revoke.set_serial(fresh.serial());
  revoke.set_reason("irrtümlich ausgestellt");
  revoke.set_request_id("revoke-1");
  v1::Certificate revoked, revoked_again;
  ASSERT_TRUE(
      Call(*certificates_, &v1::CertificateService::Stub::RevokeCertificate, revoke, &revoked)
          .ok());
  s = Call(*certificates_, &v1::CertificateService::Stub::RevokeCertificate, revoke,
           &revoked_again);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(revoked_again.status(), v1::CERTIFICATE_STATUS_REVOKED);

  // The retry of the first issue says what that certificate is now.
  s = Call(*certificates_, &v1::CertificateService::Stub::IssueCertificate, issue, &again);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(again.serial(), first.serial());
  EXPECT_EQ(again.status(), v1::CERTIFICATE_STATUS_SUPERSEDED);

  // The same request id for another request is still refused, and a new
  // request id is a new request.
  v1::IssueCertificateRequest other = issue;
  other.set_participant_id(ids_[0]);
  s = Call(*certificates_, &v1::CertificateService::Stub::IssueCertificate, other, &again);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(FieldOf(s), "request_id");
  reissue.set_request_id("reissue-2");
  s = Call(*certificates_, &v1::CertificateService::Stub::ReissueCertificate, reissue, &again);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(FieldOf(s), "serial");
}

// Drops the triggers that keep signed statuses and the status list from
// being changed or deleted, as someone editing the file would; the row id of
// the certificate `serial`.
int64_t UnguardStatuses(SQLite::Database& db, const std::string& serial) {
  for (const char* t : {"certificate_status_frozen", "certificate_status_no_delete",
                        "certificate_status_list_no_delete"}) {
    db.exec(absl::StrCat("DROP TRIGGER ", t));
  }
  return db.execAndGet(absl::StrCat("SELECT id FROM certificate WHERE serial = '", serial, "'"))
      .getInt64();
}

// Statuses are signed: a revoked certificate made valid again behind the
// server's back (its row changed, its signed revocation removed, an older
// signed "valid" put back, the older list put back) is never VALID again;
// the other certificates keep their confirmed status; a status list changed
// behind the server's back is not signed anew by a revocation.
TEST_F(CertificateServiceTest, AStatusChangedBehindTheServersBackIsNotConfirmed) {
  v1::Certificate first, second;
  ASSERT_TRUE(Issue(ids_[0], &first).ok());
  ASSERT_TRUE(Issue(ids_[1], &second).ok());
  SQLite::Database db(path_, SQLite::OPEN_READWRITE);
  db.setBusyTimeout(5000);
  const int64_t id = UnguardStatuses(db, first.serial());
  // Copies of the signed "valid" and of the list before the revocation.
  db.exec(
      absl::StrCat("CREATE TABLE saved_status AS SELECT * FROM certificate_status"
                   " WHERE certificate_id = ",
                   id));
  db.exec("CREATE TABLE saved_list AS SELECT * FROM certificate_status_list");
  v1::Certificate revoked;
  ASSERT_TRUE(Change(&v1::CertificateService::Stub::RevokeCertificate, first.serial(),
                     "irrtümlich ausgestellt", &revoked)
                  .ok());
  auto status_of = [&](const std::string& serial, std::string* problem = nullptr) {
    v1::CertificateVerification v;
    EXPECT_TRUE(Verify(serial, &v).ok());
    if (problem != nullptr) *problem = v.status_problem();
    return v.status();
  };
  ASSERT_EQ(status_of(first.serial()), v1::CERTIFICATE_STATUS_REVOKED);
  db.exec(
      absl::StrCat("CREATE TABLE saved_row AS SELECT status, revoke_reason, revoke_time"
                   " FROM certificate WHERE id = ",
                   id));

  db.exec(absl::StrCat(
      "UPDATE certificate SET status = 1, revoke_reason = '', revoke_time = NULL WHERE id = ", id));
  std::string problem;
  EXPECT_EQ(status_of(first.serial(), &problem), v1::CERTIFICATE_STATUS_UNCONFIRMED);
  EXPECT_NE(problem.find("not the one the issuer signed"), std::string::npos) << problem;
  v1::CertificateVerification shown;
  ASSERT_TRUE(Verify(first.serial(), &shown).ok());
  EXPECT_TRUE(shown.revoke_reason().empty());
  EXPECT_EQ(status_of(second.serial()), v1::CERTIFICATE_STATUS_VALID);

  db.exec(absl::StrCat("DELETE FROM certificate_status WHERE certificate_id = ", id));
  EXPECT_EQ(status_of(first.serial(), &problem), v1::CERTIFICATE_STATUS_UNCONFIRMED);
  EXPECT_NE(problem.find("no status signed"), std::string::npos) << problem;

  db.exec("INSERT INTO certificate_status SELECT * FROM saved_status");
  EXPECT_EQ(status_of(first.serial(), &problem), v1::CERTIFICATE_STATUS_UNCONFIRMED);
  EXPECT_NE(problem.find("status list says no longer valid"), std::string::npos) << problem;

  // The list cleared of the revocation: its signature no longer holds, for
  // every certificate, and no revocation signs it anew.
  db.exec("UPDATE certificate_status_list SET bits = zeroblob(length(bits))");
  EXPECT_EQ(status_of(first.serial()), v1::CERTIFICATE_STATUS_UNCONFIRMED);
  EXPECT_EQ(status_of(second.serial(), &problem), v1::CERTIFICATE_STATUS_UNCONFIRMED);
  EXPECT_NE(problem.find("status list was changed"), std::string::npos) << problem;
  v1::Certificate out;
  grpc::Status s =
      Change(&v1::CertificateService::Stub::RevokeCertificate, second.serial(), "Test", &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << s.error_message();
  EXPECT_NE(s.error_message().find("restore the database"), std::string::npos);
  v1::GetCertificateBadgeRequest badge;
  badge.set_serial(second.serial());
  v1::CertificateFile file;
  EXPECT_EQ(Call(*certificates_, &v1::CertificateService::Stub::GetCertificateBadge, badge, &file)
                .error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  // The list removed: nothing is confirmed.
  db.exec("DELETE FROM certificate_status_list");
  EXPECT_EQ(status_of(second.serial(), &problem), v1::CERTIFICATE_STATUS_UNCONFIRMED);
  EXPECT_NE(problem.find("missing"), std::string::npos) << problem;
  // The list of before the revocation put back, with the revocation's own
  // record (newer than that list): still not confirmed.
  db.exec("INSERT INTO certificate_status_list SELECT * FROM saved_list");
  EXPECT_EQ(status_of(second.serial()), v1::CERTIFICATE_STATUS_VALID);
  db.exec(
      absl::StrCat("UPDATE certificate SET (status, revoke_reason, revoke_time) ="
                   " (SELECT * FROM saved_row) WHERE id = ",
                   id));
  EXPECT_EQ(status_of(first.serial()), v1::CERTIFICATE_STATUS_UNCONFIRMED);
}

TEST_F(CertificateServiceTest, BadgeIsAnOpenBadgeSignedByTheIssuersDidKey) {
  v1::Certificate issued;
  ASSERT_TRUE(Issue(ids_[0], &issued).ok());
  v1::GetCertificateBadgeRequest get;
  get.set_serial(issued.serial());
  v1::CertificateFile file;
  grpc::Status s =
      Call(*certificates_, &v1::CertificateService::Stub::GetCertificateBadge, get, &file);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(file.file_name(), "badge-" + issued.serial() + ".json");
  const nlohmann::json badge = nlohmann::json::parse(file.content());
  EXPECT_EQ(badge["type"][1], "OpenBadgeCredential");
  EXPECT_EQ(badge["id"], issued.verification_url());
  EXPECT_EQ(badge["credentialSubject"]["identifier"][0]["identityHash"], "أمينة حداد");
  // Offline checks learn a revocation from the signed status list it names.
  EXPECT_EQ(badge["credentialStatus"]["type"], "BitstringStatusListEntry");
  EXPECT_EQ(badge["credentialStatus"]["statusPurpose"], "revocation");
  EXPECT_FALSE(badge["credentialStatus"]["statusListIndex"].get<std::string>().empty());

  // The did:key the issuer publishes signed it.
  v1::ListIssuerKeysResponse keys;
  ASSERT_TRUE(Call(*certificates_, &v1::CertificateService::Stub::ListIssuerKeys,
                   v1::ListIssuerKeysRequest(), &keys)
                  .ok());
  ASSERT_EQ(keys.keys_size(), 1);
  EXPECT_EQ(badge["issuer"]["id"], keys.keys(0).did());
  auto key = domain::PublicKeyOfDidKey(keys.keys(0).did());
  ASSERT_TRUE(key.ok());
  EXPECT_EQ(domain::KeyIdOf(*key), keys.keys(0).key_id());
  EXPECT_TRUE(domain::VerifyEddsaJcsProof(badge, *key).ok());
  std::string changed = file.content();
  changed[changed.find("Interkultur im Ehrenamt")] = 'i';
  EXPECT_EQ(domain::VerifyEddsaJcsProof(nlohmann::json::parse(changed), *key).code(),
            absl::StatusCode::kFailedPrecondition);

  // The holder may export it; a revoked one is exported by nobody.
  const std::string admin = token_;
  token_ = participant_token_;
  v1::CertificateFile own;
  s = Call(*certificates_, &v1::CertificateService::Stub::GetCertificateBadge, get, &own);
  token_ = admin;
  EXPECT_TRUE(s.ok()) << s.error_message();
  v1::Certificate revoked;
  ASSERT_TRUE(
      Change(&v1::CertificateService::Stub::RevokeCertificate, issued.serial(), "Irrtum", &revoked)
          .ok());
  ExpectRefused({
      {"a revoked certificate",
       [&] {
         return Call(*certificates_, &v1::CertificateService::Stub::GetCertificateBadge, get,
                     &file);
       },
       grpc::StatusCode::FAILED_PRECONDITION, "serial"},
      {"a malformed number",
       [&] {
         v1::GetCertificateBadgeRequest bad;
         bad.set_serial("12");
         return Call(*certificates_, &v1::CertificateService::Stub::GetCertificateBadge, bad,
                     &file);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "serial"},
  });
}

}  // namespace
}  // namespace trainhub::api_test
