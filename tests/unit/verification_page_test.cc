// The verification web page's content (both languages, escaping, the
// statuses, JSON) and the per-address rate limit.

#include "server/verification_page.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>

#include <nlohmann/json.hpp>

#include "domain/documents/credential_proof.h"
#include "server/rate_limiter.h"

namespace trainhub::server {
namespace {

domain::CertificateVerification Verified(domain::CertificateStatus status) {
  domain::CertificateVerification v;
  domain::Certificate c;
  c.content.serial = "7K3M-Q9ZD-X2RT-4HNB";
  c.content.outcome = domain::CompletionOutcome::kCertificate;
  c.content.holder_name = "أمل حداد <script>alert(1)</script>";
  c.content.series_title = "Interkultur im Ehrenamt";
  c.content.organization_name = "Landesnetzwerk \"Ehrenamt\" & Co";
  c.content.teaching_units_attended = "40";
  c.content.issue_time = absl::FromUnixSeconds(1700000000);  // 14.11.2023
  c.content.key_id = "k0011223344556677";
  c.pdf_sha256 = std::string(64, 'a');
  c.status = status;
  if (status == domain::CertificateStatus::kRevoked) {
    c.revoke_reason = "irrtümlich <b>ausgestellt</b>";
    c.revoke_time = absl::FromUnixSeconds(1710000000);
  }
  if (status == domain::CertificateStatus::kSuperseded) c.superseded_by = "ABCD-EFGH-JKMN-PQRS";
  v.certificate = c;
  v.signature_valid = true;
  return v;
}

bool Has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(VerificationPageTest, ValidInGermanAndEnglish) {
  const auto v = Verified(domain::CertificateStatus::kValid);
  const std::string de = VerificationHtml(v, "7K3M-Q9ZD-X2RT-4HNB", PageLanguage::kGerman);
  EXPECT_TRUE(Has(de, "<html lang=\"de\""));
  EXPECT_TRUE(Has(de, "Gültig"));
  EXPECT_TRUE(Has(de, "Zertifikat"));
  EXPECT_TRUE(Has(de, "14.11.2023"));
  EXPECT_TRUE(Has(de, "40 UE"));
  EXPECT_TRUE(Has(de, std::string(64, 'a')));
  EXPECT_TRUE(Has(de, "href=\"/c/7K3M-Q9ZD-X2RT-4HNB?lang=en\""));
  const std::string en = VerificationHtml(v, "7K3M-Q9ZD-X2RT-4HNB", PageLanguage::kEnglish);
  EXPECT_TRUE(Has(en, "<html lang=\"en\""));
  EXPECT_TRUE(Has(en, "Valid"));
  EXPECT_TRUE(Has(en, "14 November 2023"));
}

TEST(VerificationPageTest, UserTextIsEscapedAndIsolated) {
  const std::string html = VerificationHtml(Verified(domain::CertificateStatus::kRevoked),
                                            "7K3M-Q9ZD-X2RT-4HNB", PageLanguage::kGerman);
  EXPECT_FALSE(Has(html, "<script>"));
  EXPECT_FALSE(Has(html, "<b>ausgestellt"));
  EXPECT_TRUE(Has(html, "<bdi>أمل حداد &lt;script&gt;alert(1)&lt;/script&gt;</bdi>"));
  EXPECT_TRUE(Has(html, "Landesnetzwerk &quot;Ehrenamt&quot; &amp; Co"));
  EXPECT_TRUE(Has(html, "Widerrufen"));
  EXPECT_TRUE(Has(html, "irrtümlich &lt;b&gt;ausgestellt&lt;/b&gt;"));
  EXPECT_EQ(HtmlEscape("'\"<>&"), "&#39;&quot;&lt;&gt;&amp;");
  EXPECT_FALSE(Has(StartHtml(PageLanguage::kGerman, "kaputt", "\"><script>"), "<script>"));
}

TEST(VerificationPageTest, SupersededLinksTheNewNumberUnknownRevealsNothing) {
  const std::string replaced = VerificationHtml(Verified(domain::CertificateStatus::kSuperseded),
                                                "7K3M-Q9ZD-X2RT-4HNB", PageLanguage::kEnglish);
  EXPECT_TRUE(Has(replaced, "Replaced"));
  EXPECT_TRUE(Has(replaced, "href=\"/c/ABCD-EFGH-JKMN-PQRS?lang=en\""));
  domain::CertificateVerification unknown;
  const std::string html = VerificationHtml(unknown, "0000-0000-0000-0000", PageLanguage::kGerman);
  EXPECT_TRUE(Has(html, "Unbekannte Nummer"));
  const auto json = nlohmann::json::parse(VerificationJson(unknown, "0000-0000-0000-0000"));
  EXPECT_EQ(json, nlohmann::json({{"serial", "0000-0000-0000-0000"}, {"status", "unknown"}}));
}

// A replaced certificate says what became of the one that replaced it: the
// new one may have been revoked since, or replaced in turn.
TEST(VerificationPageTest, SupersededSaysWhereTheNewOneStands) {
  auto v = Verified(domain::CertificateStatus::kSuperseded);
  v.replacement = domain::ReplacementState{"ABCD-EFGH-JKMN-PQRS", domain::CertificateStatus::kValid,
                                           std::nullopt, 1};
  std::string de = VerificationHtml(v, "7K3M-Q9ZD-X2RT-4HNB", PageLanguage::kGerman);
  EXPECT_TRUE(Has(de, "Ersetzt"));
  EXPECT_TRUE(Has(de, "die neue ist gültig"));
  EXPECT_TRUE(Has(de, "Stand der neuen Bescheinigung"));

  v.replacement->status = domain::CertificateStatus::kRevoked;
  v.replacement->revoke_time = absl::FromUnixSeconds(1710000000);  // 09.03.2024
  de = VerificationHtml(v, "7K3M-Q9ZD-X2RT-4HNB", PageLanguage::kGerman);
  EXPECT_FALSE(Has(de, "gültig ist")) << de;
  EXPECT_FALSE(Has(de, "die neue ist gültig")) << de;
  EXPECT_TRUE(Has(de, "ebenfalls widerrufen"));
  EXPECT_TRUE(Has(de, "widerrufen am 09.03.2024"));
  std::string en = VerificationHtml(v, "7K3M-Q9ZD-X2RT-4HNB", PageLanguage::kEnglish);
  EXPECT_FALSE(Has(en, "the new one is valid")) << en;
  EXPECT_TRUE(Has(en, "has since been revoked as well"));
  EXPECT_TRUE(Has(en, "revoked on 9 March 2024"));
  nlohmann::json j = nlohmann::json::parse(VerificationJson(v, "7K3M-Q9ZD-X2RT-4HNB"));
  EXPECT_EQ(j["status"], "superseded");
  EXPECT_EQ(j["superseded_by"], "ABCD-EFGH-JKMN-PQRS");
  EXPECT_EQ(j["replacement"]["serial"], "ABCD-EFGH-JKMN-PQRS");
  EXPECT_EQ(j["replacement"]["status"], "revoked");
  EXPECT_EQ(j["replacement"]["revoke_time"], "2024-03-09T16:00:00Z");

  // Replaced twice: the page links the last one and says where it stands.
  v.replacement = domain::ReplacementState{"WXYZ-0123-4567-89AB", domain::CertificateStatus::kValid,
                                           std::nullopt, 2};
  en = VerificationHtml(v, "7K3M-Q9ZD-X2RT-4HNB", PageLanguage::kEnglish);
  EXPECT_TRUE(Has(en, "href=\"/c/ABCD-EFGH-JKMN-PQRS?lang=en\""));
  EXPECT_TRUE(Has(en, "Last replaced by"));
  EXPECT_TRUE(Has(en, "href=\"/c/WXYZ-0123-4567-89AB?lang=en\""));
  EXPECT_TRUE(Has(en, "the new one is valid"));
  j = nlohmann::json::parse(VerificationJson(v, "7K3M-Q9ZD-X2RT-4HNB"));
  EXPECT_EQ(j["replacement"]["replacements"], 2);
}

// The issuer keys as a page for people, in both languages, and as JSON
// for programs that ask for it.
TEST(VerificationPageTest, IssuerKeysAreAPageAndJsonOnRequest) {
  domain::IssuerKey active{"k0011223344556677", std::string(32, '\x07'),
                           absl::FromUnixSeconds(1700000000), true};
  domain::IssuerKey old{"k8899aabbccddeeff", std::string(32, '\x01'),
                        absl::FromUnixSeconds(1600000000), false};
  const std::string de = IssuerKeysHtml({active, old}, PageLanguage::kGerman);
  EXPECT_TRUE(Has(de, "<html lang=\"de\""));
  EXPECT_TRUE(Has(de, "Schlüssel der ausstellenden Stelle"));
  EXPECT_TRUE(Has(de, "k0011223344556677"));
  EXPECT_TRUE(Has(de, domain::DidKeyOf(active.public_key)));
  EXPECT_TRUE(Has(de, "signiert neue Bescheinigungen"));
  EXPECT_TRUE(Has(de, "prüft früher ausgestellte Bescheinigungen"));
  EXPECT_TRUE(Has(de, "14.11.2023"));
  EXPECT_TRUE(Has(de, "href=\"/keys.json\""));
  EXPECT_TRUE(Has(de, "href=\"/keys?lang=en\""));
  const std::string en = IssuerKeysHtml({active}, PageLanguage::kEnglish);
  EXPECT_TRUE(Has(en, "Issuer keys"));
  EXPECT_TRUE(Has(en, "signs new certificates"));
  EXPECT_TRUE(Has(IssuerKeysHtml({}, PageLanguage::kGerman), "noch keinen Schlüssel"));
  const nlohmann::json j = nlohmann::json::parse(IssuerKeysJson({active}));
  EXPECT_EQ(j["keys"][0]["did"], domain::DidKeyOf(active.public_key));

  EXPECT_TRUE(PrefersJson("application/json"));
  EXPECT_TRUE(PrefersJson("Application/JSON; charset=utf-8"));
  EXPECT_TRUE(PrefersJson("application/json, text/html;q=0.5"));
  EXPECT_TRUE(PrefersJson("application/json, */*;q=0.1"));
  EXPECT_FALSE(PrefersJson(nullptr));
  EXPECT_FALSE(PrefersJson("*/*"));
  EXPECT_FALSE(
      PrefersJson("text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8"));
  EXPECT_FALSE(PrefersJson("text/html, application/json"));
  EXPECT_FALSE(PrefersJson("application/json;q=0"));
}

TEST(VerificationPageTest, BrokenSignatureIsNotShownAsValid) {
  auto v = Verified(domain::CertificateStatus::kValid);
  v.signature_valid = false;
  const std::string html = VerificationHtml(v, "7K3M-Q9ZD-X2RT-4HNB", PageLanguage::kGerman);
  EXPECT_FALSE(Has(html, "Gültig"));
  EXPECT_TRUE(Has(html, "Nicht bestätigt"));
}

// After the holder's data was erased the page shows no name, offers to
// check one, and says whether the one checked matched.
// A status the issuer's signatures do not back is never shown as valid,
// and the finding is named (escaped).
TEST(VerificationPageTest, AnUnconfirmedStatusSaysSoAndIsNotValid) {
  auto v = Verified(domain::CertificateStatus::kUnconfirmed);
  v.status_problem = "the stored status (valid) is not the one the issuer <signed>";
  const std::string de = VerificationHtml(v, "7K3M-Q9ZD-X2RT-4HNB", PageLanguage::kGerman);
  EXPECT_TRUE(Has(de, "Status nicht bestätigt"));
  EXPECT_TRUE(Has(de, "class=\"status unconfirmed\""));
  EXPECT_FALSE(Has(de, "Gültig"));
  EXPECT_TRUE(Has(de, "issuer &lt;signed&gt;"));
  const std::string en = VerificationHtml(v, "7K3M-Q9ZD-X2RT-4HNB", PageLanguage::kEnglish);
  EXPECT_TRUE(Has(en, "Status not confirmed"));
  const nlohmann::json json = nlohmann::json::parse(VerificationJson(v, "7K3M-Q9ZD-X2RT-4HNB"));
  EXPECT_EQ(json["status"], "unconfirmed");
  EXPECT_EQ(json["status_problem"], v.status_problem);
}

TEST(VerificationPageTest, AnErasedHolderIsCheckedByName) {
  auto v = Verified(domain::CertificateStatus::kValid);
  v.certificate->content.holder_name.clear();
  v.certificate->content.holder_name_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA";
  std::string de = VerificationHtml(v, "7K3M-Q9ZD-X2RT-4HNB", PageLanguage::kGerman);
  EXPECT_TRUE(Has(de, "nicht mehr gespeichert"));
  EXPECT_TRUE(Has(de, "name=\"name\""));
  EXPECT_FALSE(Has(de, "stimmt"));
  EXPECT_FALSE(Has(de, "argon2id"));
  v.holder_name_matches = true;
  de = VerificationHtml(v, "7K3M-Q9ZD-X2RT-4HNB", PageLanguage::kGerman);
  EXPECT_TRUE(Has(de, "Der Name stimmt mit der Bescheinigung überein."));
  v.holder_name_matches = false;
  const std::string en = VerificationHtml(v, "7K3M-Q9ZD-X2RT-4HNB", PageLanguage::kEnglish);
  EXPECT_TRUE(Has(en, "The name does NOT match the certificate."));
  const nlohmann::json j = nlohmann::json::parse(VerificationJson(v, "7K3M-Q9ZD-X2RT-4HNB"));
  EXPECT_EQ(j["holder_erased"], true);
  EXPECT_EQ(j["holder_name"], "");
  EXPECT_EQ(j["holder_name_matches"], false);
}

TEST(VerificationPageTest, JsonCarriesWhatThePageShows) {
  const auto json = nlohmann::json::parse(
      VerificationJson(Verified(domain::CertificateStatus::kRevoked), "7K3M-Q9ZD-X2RT-4HNB"));
  EXPECT_EQ(json["status"], "revoked");
  EXPECT_EQ(json["outcome"], "certificate");
  EXPECT_EQ(json["revoke_reason"], "irrtümlich <b>ausgestellt</b>");
  EXPECT_EQ(json["issue_time"], "2023-11-14T22:13:20Z");
  EXPECT_EQ(json["signature_valid"], true);
}

TEST(VerificationPageTest, EveryPageRendersInBothLanguages) {
  for (PageLanguage language : {PageLanguage::kGerman, PageLanguage::kEnglish}) {
    for (const std::string& page : {StartHtml(language, "", ""), NotFoundHtml(language),
                                    TooManyRequestsHtml(language), IssuerKeysHtml({}, language)}) {
      EXPECT_TRUE(Has(page, "</html>"));
    }
  }
}

TEST(VerificationPageTest, LanguageFromQueryThenAcceptLanguage) {
  EXPECT_EQ(ChooseLanguage("en", "de-DE"), PageLanguage::kEnglish);
  EXPECT_EQ(ChooseLanguage(nullptr, "fr-FR, en-GB;q=0.8, de;q=0.5"), PageLanguage::kEnglish);
  EXPECT_EQ(ChooseLanguage(nullptr, "de-AT,en;q=0.5"), PageLanguage::kGerman);
  EXPECT_EQ(ChooseLanguage("xx", "tr"), PageLanguage::kGerman);
  EXPECT_EQ(ChooseLanguage(nullptr, nullptr), PageLanguage::kGerman);
}

TEST(RateLimiterTest, BurstThenTheRateThenRecovery) {
  RateLimiter limiter(/*per_minute=*/30, /*burst=*/5, /*max_addresses=*/100);
  const absl::Time t0 = absl::FromUnixSeconds(1000);
  absl::Duration retry;
  for (int i = 0; i < 5; ++i) EXPECT_TRUE(limiter.Allow("a", t0, &retry)) << i;
  EXPECT_FALSE(limiter.Allow("a", t0, &retry));
  EXPECT_GT(retry, absl::ZeroDuration());
  EXPECT_LE(retry, absl::Seconds(2));
  // Another address has its own bucket.
  EXPECT_TRUE(limiter.Allow("b", t0, &retry));
  // 30 a minute: one more after two seconds.
  EXPECT_TRUE(limiter.Allow("a", t0 + absl::Seconds(2), &retry));
  EXPECT_FALSE(limiter.Allow("a", t0 + absl::Seconds(2), &retry));
}

TEST(RateLimiterTest, RemembersBoundedlyAndForgetsIdleAddresses) {
  RateLimiter limiter(60, 3, 10);
  const absl::Time t0 = absl::FromUnixSeconds(1000);
  absl::Duration retry;
  for (int i = 0; i < 10; ++i) EXPECT_TRUE(limiter.Allow(std::to_string(i), t0, &retry));
  EXPECT_FALSE(limiter.Allow("new", t0, &retry));  // full, none idle long enough
  EXPECT_EQ(limiter.remembered(), 10u);
  EXPECT_TRUE(limiter.Allow("new", t0 + absl::Seconds(5), &retry));  // the idle ones forgotten
  EXPECT_EQ(limiter.remembered(), 1u);
}

TEST(RateLimiterTest, ClientKeysGroupIpv6ByNetwork) {
  sockaddr_in a{};
  a.sin_family = AF_INET;
  inet_pton(AF_INET, "192.0.2.7", &a.sin_addr);
  sockaddr_in6 b{}, c{}, mapped{};
  b.sin6_family = c.sin6_family = mapped.sin6_family = AF_INET6;
  inet_pton(AF_INET6, "2001:db8:1:2::1", &b.sin6_addr);
  inet_pton(AF_INET6, "2001:db8:1:2:ffff::9", &c.sin6_addr);
  inet_pton(AF_INET6, "::ffff:192.0.2.7", &mapped.sin6_addr);
  const auto key = [](const auto& addr) {
    return RateLimiter::ClientKey(reinterpret_cast<const sockaddr*>(&addr));
  };
  EXPECT_EQ(key(a).size(), 4u);
  EXPECT_EQ(key(b), key(c));
  EXPECT_EQ(key(mapped), key(a));
  EXPECT_EQ(RateLimiter::ClientKey(nullptr), "");
}

}  // namespace
}  // namespace trainhub::server
