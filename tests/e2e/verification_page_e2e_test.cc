// The public verification page as an employer meets it: the QR code on a
// volunteer's PDF (read with zbarimg) leads to the page, which headless
// Chromium (Debian's) renders; the screenshot shows the status colour. The
// page follows revocation and reissue, speaks German and English, answers
// JSON, and limits requests per address. A revocation reaches the published
// W3C Bitstring Status List that a downloaded badge names; a revoked
// certificate made valid again in the database file is not confirmed. HTTPS
// and slow clients are in verification_page_transport_e2e_test.cc.

#include <cairo.h>
#include <sqlite3.h>

#include <map>
#include <nlohmann/json.hpp>

#include "domain/completion/certificate_status.h"
#include "domain/documents/credential_proof.h"
#include "e2e/e2e_fixture.h"
#include "e2e/http_get.h"

namespace trainhub::e2e {
namespace {

// How many pixels of `png` have the colour `rgb` (within a small tolerance).
int PixelsOfColour(const fs::path& png, uint32_t rgb) {
  cairo_surface_t* image = cairo_image_surface_create_from_png(png.c_str());
  if (cairo_surface_status(image) != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(image);
    return -1;
  }
  const int width = cairo_image_surface_get_width(image);
  const int height = cairo_image_surface_get_height(image);
  const int stride = cairo_image_surface_get_stride(image);
  const unsigned char* data = cairo_image_surface_get_data(image);
  int count = 0;
  for (int y = 0; y < height; ++y) {
    const auto* row = reinterpret_cast<const uint32_t*>(data + y * stride);
    for (int x = 0; x < width; ++x) {
      const uint32_t p = row[x];
      auto near = [](int a, int b) { return std::abs(a - b) <= 3; };
      if (near((p >> 16) & 0xff, (rgb >> 16) & 0xff) && near((p >> 8) & 0xff, (rgb >> 8) & 0xff) &&
          near(p & 0xff, rgb & 0xff)) {
        ++count;
      }
    }
  }
  cairo_surface_destroy(image);
  return count;
}

constexpr uint32_t kValidGreen = 0x17683a;
constexpr uint32_t kRevokedRed = 0xb42318;
constexpr uint32_t kReplacedAmber = 0x9a5b00;
constexpr uint32_t kUnconfirmedRed = 0x7a271a;

class VerificationPageE2eTest : public E2eTest {
 protected:
  void SetUp() override {
    E2eTest::SetUp();
    ASSERT_TRUE(fs::exists("/usr/bin/chromium")) << "scripts/install-deps installs chromium";
    ASSERT_TRUE(fs::exists("/usr/bin/zbarimg")) << "scripts/install-deps installs zbar-tools";
    page_port_ = FreePort();
    base_ = "http://127.0.0.1:" + std::to_string(page_port_);
    CreateAdmin();
    StartServer(false, {"--verify-listen", "127.0.0.1:" + std::to_string(page_port_),
                        "--verify-url", base_ + "/c/"});
    MustCli({"login", "--email", kAdminEmail, "--password-stdin"},
            std::string(kAdminPassword) + "\n");
    MustCli({"demo", "load"});
  }

  // The serials of the demo's certificates by holder name.
  std::map<std::string, std::string> SerialsByHolder() {
    const Result listed = MustCli({"--output", "json", "certificate", "list"});
    std::map<std::string, std::string> serials;
    const std::regex entry(R"re("serial":\s*"([0-9A-Z-]+)"[\s\S]*?"holder_name":\s*"([^"]+)")re");
    for (std::sregex_iterator it(listed.out.begin(), listed.out.end(), entry), end; it != end;
         ++it) {
      serials[(*it)[2]] = (*it)[1];
    }
    return serials;
  }

  // Headless Chromium as a German phone (412 px wide): the page's DOM after
  // rendering, and a screenshot at `png`.
  std::string Browse(const std::string& url, const fs::path& png) {
    const fs::path profile = dir_ / ("chromium-" + std::to_string(++browsings_));
    const std::string flags =
        "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
        "--disable-background-networking --disable-component-update --disable-sync "
        "--hide-scrollbars --accept-lang=de-DE,de --window-size=412,1000 --user-data-dir='" +
        profile.string() + "'";
    const fs::path dom = dir_ / "dom.html";
    const std::string dump = "timeout 90 /usr/bin/chromium " + flags + " --dump-dom '" + url +
                             "' > '" + dom.string() + "' 2>/dev/null";
    EXPECT_EQ(std::system(dump.c_str()), 0) << dump;
    const std::string shot = "timeout 90 /usr/bin/chromium " + flags + " --screenshot='" +
                             png.string() + "' '" + url + "' > /dev/null 2>&1";
    EXPECT_EQ(std::system(shot.c_str()), 0) << shot;
    return ReadFile(dom);
  }

  int page_port_ = 0;
  int browsings_ = 0;
  std::string base_;
};

TEST_F(VerificationPageE2eTest, QrCodeLeadsToThePageWhichFollowsRevocationAndReissue) {
  std::map<std::string, std::string> serials = SerialsByHolder();
  ASSERT_TRUE(serials.count("أمل حداد")) << "the demo issues Amal Haddad's Zertifikat";
  const std::string serial = serials["أمل حداد"];

  // The volunteer's PDF: its QR code holds the page's address.
  MustCli({"certificate", "pdf", serial, "-o", "amal.pdf"});
  ASSERT_EQ(std::system(("cd '" + dir_.string() +
                         "' && pdftoppm -r 150 -png -singlefile amal.pdf amal && "
                         "zbarimg -q --raw amal.png > qr.txt 2>/dev/null")
                            .c_str()),
            0);
  std::string url = ReadFile(dir_ / "qr.txt");
  while (!url.empty() && std::isspace(static_cast<unsigned char>(url.back()))) url.pop_back();
  EXPECT_EQ(url, base_ + "/c/" + serial);

  std::string dom = Browse(url, dir_ / "valid.png");
  EXPECT_NE(dom.find("Gültig"), std::string::npos) << dom;
  EXPECT_NE(dom.find("أمل حداد"), std::string::npos);
  EXPECT_NE(dom.find("Zertifikat"), std::string::npos);
  EXPECT_GT(PixelsOfColour(dir_ / "valid.png", kValidGreen), 5000);
  EXPECT_EQ(PixelsOfColour(dir_ / "valid.png", kRevokedRed), 0);

  dom = Browse(url + "?lang=en", dir_ / "valid-en.png");
  EXPECT_NE(dom.find("Valid"), std::string::npos);
  EXPECT_NE(dom.find("lang=\"en\""), std::string::npos);

  MustCli({"certificate", "revoke", serial, "--reason", "Name falsch geschrieben"});
  dom = Browse(url, dir_ / "revoked.png");
  EXPECT_NE(dom.find("Widerrufen"), std::string::npos);
  EXPECT_NE(dom.find("Name falsch geschrieben"), std::string::npos);
  EXPECT_GT(PixelsOfColour(dir_ / "revoked.png", kRevokedRed), 5000);
  EXPECT_EQ(PixelsOfColour(dir_ / "revoked.png", kValidGreen), 0);

  // Another holder's certificate reissued: the old number says by which.
  std::string other;
  for (const auto& [holder, s] : serials) {
    if (holder != "أمل حداد" && holder.find("Jonas") == std::string::npos) other = s;
  }
  ASSERT_FALSE(other.empty());
  const Result reissued =
      MustCli({"--output", "json", "certificate", "reissue", other, "--reason", "Reihe umbenannt"});
  std::smatch match;
  ASSERT_TRUE(
      std::regex_search(reissued.out, match, std::regex(R"re("serial":\s*"([0-9A-Z-]+)")re")));
  const std::string replacement = match[1];
  dom = Browse(base_ + "/c/" + other, dir_ / "replaced.png");
  EXPECT_NE(dom.find("Ersetzt"), std::string::npos);
  EXPECT_NE(dom.find("/c/" + replacement), std::string::npos);
  EXPECT_GT(PixelsOfColour(dir_ / "replaced.png", kReplacedAmber), 5000);

  HttpAnswer json = Get(page_port_, "/c/" + replacement + ".json");
  EXPECT_EQ(json.code, 200);
  EXPECT_NE(json.body.find("\"status\": \"valid\""), std::string::npos) << json.body;
  EXPECT_NE(json.head.find("application/json"), std::string::npos);

  // The new one revoked: the old number no longer sends the reader to a
  // valid certificate (page, API and CLI).
  MustCli({"certificate", "revoke", replacement, "--reason", "Teilnahme nicht belegt"});
  dom = Browse(base_ + "/c/" + other, dir_ / "replaced-revoked.png");
  EXPECT_NE(dom.find("ebenfalls widerrufen"), std::string::npos) << dom;
  EXPECT_EQ(dom.find("die neue ist gültig"), std::string::npos) << dom;
  EXPECT_NE(dom.find("Stand der neuen Bescheinigung"), std::string::npos);
  const Result verified = Cli({"certificate", "verify", other});
  EXPECT_EQ(verified.exit_code, 3) << verified.err;
  EXPECT_NE(verified.out.find("the new certificate " + replacement + " was REVOKED"),
            std::string::npos)
      << verified.out;
}

TEST_F(VerificationPageE2eTest, TheStatusListTellsBadgesOfARevocationAndAnUnrevokeIsNotConfirmed) {
  const std::string serial = SerialsByHolder()["أمل حداد"];
  ASSERT_FALSE(serial.empty());
  MustCli({"certificate", "badge", serial, "-o", "badge.json"});
  const nlohmann::json badge = nlohmann::json::parse(ReadFile(dir_ / "badge.json"));
  const nlohmann::json& entry = badge["credentialStatus"];
  ASSERT_EQ(entry["type"], "BitstringStatusListEntry") << badge.dump(2);
  EXPECT_EQ(entry["statusPurpose"], "revocation");
  EXPECT_EQ(entry["statusListCredential"], base_ + "/status/revocation");
  const int64_t index = std::stoll(entry["statusListIndex"].get<std::string>());
  // The list as an offline checker fetches it: signed by the badge's issuer.
  auto list_bit = [&]() -> std::optional<bool> {
    HttpAnswer answer = Get(page_port_, "/status/revocation");
    EXPECT_EQ(answer.code, 200) << answer.body;
    if (answer.code != 200) return std::nullopt;
    const nlohmann::json list = nlohmann::json::parse(answer.body);
    EXPECT_EQ(list["type"][1], "BitstringStatusListCredential");
    EXPECT_EQ(list["id"], base_ + "/status/revocation");
    auto key = domain::PublicKeyOfDidKey(badge["issuer"]["id"].get<std::string>());
    EXPECT_TRUE(key.ok());
    EXPECT_TRUE(domain::VerifyEddsaJcsProof(list, *key).ok());
    auto bits = domain::DecodedStatusList(list["credentialSubject"]["encodedList"]);
    EXPECT_TRUE(bits.has_value());
    EXPECT_GE(bits->size(), 16u * 1024);
    return domain::StatusBit(*bits, index);
  };
  EXPECT_EQ(list_bit(), std::optional<bool>(false));
  MustCli({"certificate", "revoke", serial, "--reason", "Name falsch geschrieben"});
  EXPECT_EQ(list_bit(), std::optional<bool>(true));

  // Someone holding the database file makes it valid again.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(db_.c_str(), &db), SQLITE_OK);
  sqlite3_busy_timeout(db, 5000);
  ASSERT_EQ(sqlite3_exec(db,
                         ("UPDATE certificate SET status = 1, revoke_reason = '',"
                          " revoke_time = NULL WHERE serial = '" +
                          serial + "'")
                             .c_str(),
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  const Result cli = Cli({"certificate", "verify", serial});
  EXPECT_EQ(cli.exit_code, 3);
  EXPECT_NE(cli.out.find("STATUS NOT CONFIRMED"), std::string::npos) << cli.out;
  HttpAnswer json = Get(page_port_, "/c/" + serial + ".json");
  EXPECT_NE(json.body.find("\"status\": \"unconfirmed\""), std::string::npos) << json.body;
  const std::string dom = Browse(base_ + "/c/" + serial, dir_ / "unconfirmed.png");
  EXPECT_NE(dom.find("Status nicht bestätigt"), std::string::npos) << dom;
  EXPECT_GT(PixelsOfColour(dir_ / "unconfirmed.png", kUnconfirmedRed), 5000);
  EXPECT_EQ(PixelsOfColour(dir_ / "unconfirmed.png", kValidGreen), 0);
  // And removes the signed revocation too: still not valid.
  ASSERT_EQ(sqlite3_exec(db,
                         ("DROP TRIGGER certificate_status_no_delete; DELETE FROM"
                          " certificate_status WHERE certificate_id = (SELECT id FROM certificate"
                          " WHERE serial = '" +
                          serial + "')")
                             .c_str(),
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  const Result deleted = Cli({"certificate", "verify", serial});
  EXPECT_EQ(deleted.exit_code, 3);
  EXPECT_NE(deleted.out.find("STATUS NOT CONFIRMED"), std::string::npos) << deleted.out;
  // The published list still has the revocation.
  EXPECT_EQ(list_bit(), std::optional<bool>(true));
}

TEST_F(VerificationPageE2eTest, UnknownAndMalformedNumbersRevealNothingAndRequestsAreLimited) {
  HttpAnswer unknown = Get(page_port_, "/c/0000-0000-0000-0000", "Accept-Language: en\r\n");
  EXPECT_EQ(unknown.code, 404);
  EXPECT_NE(unknown.body.find("Unknown number"), std::string::npos);
  EXPECT_EQ(Get(page_port_, "/c/not-a-number").code, 400);
  HttpAnswer entered = Get(page_port_, "/c?serial=gwn0+xk0t+72ch+tr3v&lang=en");
  EXPECT_EQ(entered.code, 303);
  EXPECT_NE(entered.head.find("Location: /c/GWN0-XK0T-72CH-TR3V?lang=en"), std::string::npos)
      << entered.head;
  EXPECT_EQ(Get(page_port_, "/admin").code, 404);
  // The issuer keys: a page for people, JSON for programs that ask for it
  // (by Accept or the .json address).
  HttpAnswer keys = Get(page_port_, "/keys");
  EXPECT_EQ(keys.code, 200);
  EXPECT_NE(keys.head.find("text/html"), std::string::npos) << keys.head;
  EXPECT_NE(keys.body.find("Schlüssel der ausstellenden Stelle"), std::string::npos);
  EXPECT_NE(keys.body.find("did:key:z6Mk"), std::string::npos);
  EXPECT_NE(keys.head.find("Content-Security-Policy"), std::string::npos);
  HttpAnswer keys_en = Get(page_port_, "/keys?lang=en");
  EXPECT_NE(keys_en.body.find("Issuer keys"), std::string::npos);
  for (const auto& [target, headers] :
       {std::pair<std::string, std::string>{"/keys", "Accept: application/json\r\n"},
        {"/keys.json", ""}}) {
    HttpAnswer json = Get(page_port_, target, headers);
    EXPECT_EQ(json.code, 200) << target;
    EXPECT_NE(json.head.find("application/json"), std::string::npos) << target;
    EXPECT_EQ(json.body.rfind("{", 0), 0u) << target << ": " << json.body;
    EXPECT_NE(json.body.find("\"did\": \"did:key:z6Mk"), std::string::npos) << json.body;
  }

  int limited = 0;
  std::string retry_after;
  for (int i = 0; i < 40; ++i) {
    HttpAnswer a = Get(page_port_, "/");
    if (a.code == 429) {
      ++limited;
      std::smatch m;
      if (std::regex_search(a.head, m, std::regex(R"(Retry-After: (\d+))"))) retry_after = m[1];
    }
  }
  EXPECT_GT(limited, 0);
  EXPECT_FALSE(retry_after.empty());
  // The gRPC API is not limited by the page's limit: it still says "unknown".
  const Result api = Cli({"certificate", "verify", "0000-0000-0000-0000"});
  EXPECT_EQ(api.exit_code, 4) << api.err;
  EXPECT_NE(api.out.find("no certificate has this number"), std::string::npos) << api.out;
}

}  // namespace
}  // namespace trainhub::e2e
