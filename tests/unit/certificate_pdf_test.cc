// The printed certificate: fonts embedded, text in logical order, a one-day
// event's confirmation naming the day and the event, and number and QR code
// on every page of a long one.

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "domain/completion/certificate_pdf.h"
#include "unit/certificate_document_fixture.h"

namespace trainhub::domain {
namespace {

namespace fs = std::filesystem;

std::string OutputOf(const std::string& command) {
  std::string out;
  if (FILE* p = popen(command.c_str(), "r")) {
    char buffer[4096];
    size_t n;
    while ((n = fread(buffer, 1, sizeof buffer, p)) > 0) out.append(buffer, n);
    pclose(p);
  }
  return out;
}

TEST_F(CertificateDocumentTest, ThePdfEmbedsItsFontsAndReadsInLogicalOrder) {
  absl::StatusOr<std::string> pdf =
      RenderCertificatePdf(Example(), "https://trainhub.example.org/c/7K3M-Q9ZD-X2RT-4HNB");
  ASSERT_TRUE(pdf.ok()) << pdf.status();
  const fs::path file =
      fs::temp_directory_path() / ("certificate-" + std::to_string(getpid()) + ".pdf");
  std::ofstream(file, std::ios::binary) << *pdf;
  const std::string text = OutputOf("pdftotext '" + file.string() + "' - 2>/dev/null");
  const std::string fonts = OutputOf("pdffonts '" + file.string() + "' 2>/dev/null");
  fs::remove(file);
  ASSERT_FALSE(text.empty()) << "pdftotext (poppler-utils) is needed";
  EXPECT_NE(text.find("Zertifikat"), std::string::npos);
  EXPECT_NE(text.find("أمل حداد"), std::string::npos) << text;
  EXPECT_NE(text.find("erfolgreich abgeschlossen"), std::string::npos);
  EXPECT_NE(text.find("8 von 16 UE"), std::string::npos);
  EXPECT_NE(text.find("7K3M-Q9ZD-X2RT-4HNB"), std::string::npos);
  EXPECT_NE(text.find("Алина Петрова"), std::string::npos);
  // Each module's topics, under "Inhalte der Weiterbildungsreihe".
  EXPECT_NE(text.find("Inhalte der Weiterbildungsreihe"), std::string::npos);
  EXPECT_NE(text.find("Systemisches Denken; Auftragsklärung in Verwaltungen"), std::string::npos)
      << text;
  EXPECT_NE(text.find("Widerstände im Wandel"), std::string::npos);
  // Who issued it, where and when, and that it needs no signature.
  EXPECT_NE(text.find("Magdeburg, 15.01.2027"), std::string::npos) << text;
  EXPECT_NE(text.find("Dr. Katrin Beispiel"), std::string::npos);
  EXPECT_NE(text.find("Projektleitung"), std::string::npos);
  EXPECT_NE(
      text.find("Dieses Dokument wurde elektronisch erstellt und ist ohne Unterschrift gültig."),
      std::string::npos)
      << text;
  // Every font row of pdffonts says "yes" for embedded.
  std::istringstream rows(fonts);
  std::string line;
  int checked = 0;
  while (std::getline(rows, line)) {
    if (line.rfind("name", 0) == 0 || line.rfind("----", 0) == 0 || line.empty()) continue;
    EXPECT_NE(line.find(" yes "), std::string::npos) << line;
    ++checked;
  }
  EXPECT_GT(checked, 0);
}

std::string PdfText(const CertificateContent& c) {
  absl::StatusOr<std::string> pdf = RenderCertificatePdf(c, "https://trainhub.example.org/c/X");
  EXPECT_TRUE(pdf.ok()) << pdf.status();
  const fs::path file =
      fs::temp_directory_path() / ("certificate-text-" + std::to_string(getpid()) + ".pdf");
  std::ofstream(file, std::ios::binary) << pdf.value_or("");
  // One line per paragraph, however pango wrapped it.
  std::string text = OutputOf("pdftotext -raw '" + file.string() + "' - 2>/dev/null");
  fs::remove(file);
  std::replace(text.begin(), text.end(), '\n', ' ');
  return text;
}

// A series that issues only Teilnahmebestätigungen (a Fachtag): the
// confirmation says on which day the holder took part in the event, never
// that a Weiterbildungsreihe was completed.
TEST_F(CertificateDocumentTest, AOneDayEventsConfirmationNamesTheDayAndTheEvent) {
  CertificateContent c = FachtagConfirmation();
  std::string text = PdfText(c);
  EXPECT_NE(text.find("Teilnahmebestätigung"), std::string::npos);
  EXPECT_NE(text.find("am 12. März 2027 an der Veranstaltung"), std::string::npos) << text;
  EXPECT_NE(text.find("Fachtag Vielfalt in der Verwaltung teilgenommen hat."), std::string::npos)
      << text;
  EXPECT_NE(text.find("Inhalte der Veranstaltung"), std::string::npos);
  EXPECT_NE(text.find("Impulsvortrag Antidiskriminierung; Workshops zu Leichter Sprache"),
            std::string::npos);
  EXPECT_EQ(text.find("Weiterbildungsreihe"), std::string::npos) << text;
  EXPECT_EQ(text.find("erfolgreich abgeschlossen"), std::string::npos);
  EXPECT_NE(text.find("Magdeburg, 15.03.2027"), std::string::npos) << text;

  // An Ideenwerkstatt of a day and a half; mini-workshops on separate days.
  c.attended_days = {absl::CivilDay(2027, 3, 5), absl::CivilDay(2027, 3, 6)};
  EXPECT_NE(PdfText(c).find("vom 5. bis 6. März 2027 an der Veranstaltung"), std::string::npos);
  c.attended_days = {absl::CivilDay(2026, 12, 30), absl::CivilDay(2027, 1, 2)};
  EXPECT_NE(PdfText(c).find("am 30. Dezember 2026 und 2. Januar 2027 an der"), std::string::npos);
  c.attended_days = {absl::CivilDay(2027, 3, 1), absl::CivilDay(2027, 3, 8),
                     absl::CivilDay(2027, 3, 15)};
  EXPECT_NE(PdfText(c).find("am 1., 8. und 15. März 2027 an der"), std::string::npos);

  // A Teilnahmebestätigung of a series that also issues Zertifikate keeps
  // the series' wording.
  c.issued_documents = IssuedDocuments::kCertificateAndConfirmation;
  text = PdfText(c);
  EXPECT_NE(text.find("an der Weiterbildungsreihe"), std::string::npos) << text;
  EXPECT_NE(text.find("Besuchte Module"), std::string::npos);
}

// A certificate of many modules with their topics runs over several pages:
// each page carries the number, which page it is and the QR code, and the
// signatory comes at the end.
TEST_F(CertificateDocumentTest, ALongCertificateCarriesNumberAndQrCodeOnEveryPage) {
  CertificateContent c = Example();
  for (int i = 3; i <= 8; ++i) {
    c.modules.push_back({i,
                         absl::StrCat("Interkulturelle Prozessbegleitung, Teil ", i),
                         "05.–06.09.2019",
                         "16",
                         "16",
                         true,
                         {"Katrin Vogel", "محمد الأحمد"},
                         {"Grundannahmen und Methodik systemischer Beratungsarbeit",
                          "Gelingensbedingungen für Veränderungen in Organisationen",
                          "Kompetenzmodell und Rollenklärung in der Prozessbegleitung",
                          "Fragetypen und Hypothesenbildung", "Simulation zur Auftragsklärung"}});
  }
  const std::string url = "https://trainhub.example.org/c/7K3M-Q9ZD-X2RT-4HNB";
  absl::StatusOr<std::string> pdf = RenderCertificatePdf(c, url);
  ASSERT_TRUE(pdf.ok()) << pdf.status();
  const fs::path dir =
      fs::temp_directory_path() / ("certificate-pages-" + std::to_string(getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "c.pdf", std::ios::binary) << *pdf;
  const std::string info = OutputOf("pdfinfo '" + (dir / "c.pdf").string() + "' 2>/dev/null");
  const size_t at = info.find("Pages:");
  ASSERT_NE(at, std::string::npos) << "pdfinfo (poppler-utils) is needed";
  const int pages = std::stoi(info.substr(at + 6));
  ASSERT_GE(pages, 2);
  for (int p = 1; p <= pages; ++p) {
    const std::string text = OutputOf(absl::StrCat("pdftotext -f ", p, " -l ", p, " '",
                                                   (dir / "c.pdf").string(), "' - 2>/dev/null"));
    EXPECT_NE(text.find("7K3M-Q9ZD-X2RT-4HNB"), std::string::npos) << "page " << p;
    EXPECT_NE(text.find(absl::StrCat("Seite ", p, " von ", pages)), std::string::npos)
        << "page " << p << ": " << text;
    EXPECT_EQ(text.find("Dr. Katrin Beispiel") != std::string::npos, p == pages) << "page " << p;
    const std::string png = (dir / absl::StrCat("page-", p)).string();
    const std::string qr = OutputOf(absl::StrCat(
        "pdftoppm -r 150 -png -singlefile -f ", p, " -l ", p, " '", (dir / "c.pdf").string(), "' '",
        png, "' && zbarimg -q --raw '", png, ".png' 2>/dev/null"));
    EXPECT_EQ(qr, url + "\n") << "page " << p;
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace trainhub::domain
