// The desktop client, certificates and reports: the forecast and a preview,
// a participant's PDF, revoking, issuing and a ZIP of the PDFs, and the
// funder report saved as files.

#include <sys/stat.h>

#include <QComboBox>
#include <QFile>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTimer>
#include <QTreeWidget>

#include "clients/desktop/certificates_panel.h"
#include "clients/desktop/completion_panel.h"
#include "clients/desktop/dialogs.h"
#include "clients/desktop/main_window.h"
#include "clients/desktop/participant_page.h"
#include "clients/desktop/reports_page.h"
#include "clients/desktop/series_page.h"
#include "tests/desktop/desktop_e2e_test.h"

namespace {

// Saves the series' certificates from `panel` as one ZIP in `folder`: every
// valid PDF (`reissued`, not the revoked `serial`), readable by the user
// only; with the invalid ones included, the revoked one too.
void SaveAZipOfTheValidPdfs(trainhub::desktop::CertificatesPanel* panel, const QString& folder,
                            const QString& serial, const QString& reissued) {
  const QString zip = folder + "/zertifikate.zip";
  QString suggested;
  panel->set_choose_file([&suggested, zip](QWidget*, const QString& name, const QString&) {
    suggested = name;
    return zip;
  });
  QSignalSpy finished(panel, &trainhub::desktop::CertificatesPanel::zipFinished);
  panel->SaveZip();
  QVERIFY(finished.wait(kWait));
  QCOMPARE(finished.last().at(0).toString(), zip);
  QVERIFY(suggested.endsWith(".zip"));
  QByteArray bytes = ReadFile(zip);
  QVERIFY(bytes.startsWith("PK\x03\x04"));
  QVERIFY(bytes.contains(reissued.toUtf8()));
  QVERIFY(!bytes.contains(serial.toUtf8()));
  struct stat info {};
  QCOMPARE(::stat(zip.toLocal8Bit().constData(), &info), 0);
  QCOMPARE(info.st_mode & 0777, 0600u);  // the holders' names
  panel->include_invalid()->setChecked(true);
  panel->SaveZip();
  QVERIFY(finished.wait(kWait));
  bytes = ReadFile(zip);
  QVERIFY(bytes.contains((serial + " (widerrufen).pdf").toUtf8()));
}

}  // namespace

void DesktopE2eTest::coordinatorSeesForecastAndPreviewsCertificates() {
  auto app = SignIn("koordination@agsa.example.org");
  QVERIFY(app);
  auto* page = app->window()->series_page();
  QTRY_VERIFY_WITH_TIMEOUT(page->SelectSeries(1), kWait);
  page->details()->setCurrentWidget(page->completion_panel());
  QTRY_COMPARE_WITH_TIMEOUT(page->completion_panel()->table()->rowCount(), 5, kWait);
  Screenshot(app->window(), "coordinator-completion");
  // The preview lists everyone with an outcome; all five hold theirs already.
  int previewed = -1;
  QString notes;
  QTimer::singleShot(0, this, [&]() { WatchForPreview(&previewed, &notes); });
  page->completion_panel()->IssueCertificates();
  QTRY_COMPARE_WITH_TIMEOUT(previewed, 5, kWait);
  QCOMPARE(notes.count("already holds"), 5);
}

void DesktopE2eTest::participantOpensCertificatePdf() {
  auto app = SignIn("lan.nguyen@example.org");
  QVERIFY(app);
  auto* page = app->window()->participant_page();
  QVERIFY(page != nullptr);
  QTRY_COMPARE_WITH_TIMEOUT(page->certificate_table()->rowCount(), 1, kWait);
  QCOMPARE(page->certificate_table()->item(0, 1)->text(), QString("Zertifikat"));
  // Her attendance of the 2018-2020 qualification: the counts add up to
  // the sessions held (present and late apart).
  QTableWidget* attendance = page->attendance_table();
  QCOMPARE(attendance->horizontalHeaderItem(3)->text(), QString("Late"));
  int row = 0;
  while (row < attendance->rowCount() && !attendance->item(row, 0)->text().startsWith("System")) {
    ++row;
  }
  QVERIFY(row < attendance->rowCount());
  QCOMPARE(attendance->item(row, 1)->text(), QString("17/17"));
  int sum = 0;
  for (int column = 2; column <= 6; ++column) sum += attendance->item(row, column)->text().toInt();
  QCOMPARE(sum, 17);
  QString opened;
  page->set_open_pdf_with([&opened](const QString& path) { opened = path; });
  page->OpenCertificate(page->certificate_table()->item(0, 0)->text());
  QTRY_VERIFY_WITH_TIMEOUT(!opened.isEmpty(), kWait);
  QFile pdf(opened);
  QVERIFY(pdf.open(QIODevice::ReadOnly));
  QVERIFY(pdf.read(5) == "%PDF-");
  struct stat info {};
  QCOMPARE(::stat(opened.toLocal8Bit().constData(), &info), 0);
  QCOMPARE(info.st_mode & 0777, 0600u);  // it carries the holder's name
  Screenshot(app->window(), "participant");
}

void DesktopE2eTest::coordinatorRevokesIssuesAndZipsCertificates() {
  auto app = SignIn("koordination@agsa.example.org");
  QVERIFY(app);
  auto* page = app->window()->series_page();
  QTRY_VERIFY_WITH_TIMEOUT(page->SelectSeries(1), kWait);
  auto* panel = page->certificates_panel();
  page->details()->setCurrentWidget(panel);
  QTRY_COMPARE_WITH_TIMEOUT(static_cast<int>(panel->certificates().size()), 5, kWait);
  v1::Certificate chosen;
  for (const auto& c : panel->certificates()) {
    if (QString::fromStdString(c.holder_name()).contains("Lan")) continue;  // her PDF test
    chosen = c;
  }
  const QString serial = QString::fromStdString(chosen.serial());
  QVERIFY(panel->SelectSerial(serial));
  const QStringList show = {"--output", "json", "certificate", "show", serial};
  // Cancelled: nothing happens.
  AnswerReasonDialog(QString());
  panel->RevokeSelected();
  QCOMPARE(JsonOf(server_.Cli(show))["status"].toString(), QString("CERTIFICATE_STATUS_VALID"));
  const QString reason = "Zertifikat versehentlich auf die falsche Reihe ausgestellt";
  AnswerReasonDialog(reason, "coordinator-revoke");
  panel->RevokeSelected();
  QTRY_VERIFY2_WITH_TIMEOUT(panel->message()->text().contains(serial + " is revoked"),
                            qPrintable(panel->message()->text()), kWait);
  const QJsonObject revoked = JsonOf(server_.Cli(show));
  QCOMPARE(revoked["status"].toString(), QString("CERTIFICATE_STATUS_REVOKED"));
  QCOMPARE(revoked["revoke_reason"].toString(), reason);
  QTRY_VERIFY_WITH_TIMEOUT(
      panel->table()->item(RowWith(panel->table(), 0, serial), 4)->text() == "Revoked", kWait);

  // One person's certificate, issued alone after a confirmation.
  auto* completion = page->completion_panel();
  page->details()->setCurrentWidget(completion);
  QTRY_VERIFY_WITH_TIMEOUT(completion->SelectPerson(chosen.participant_id()), kWait);
  AnswerNextDialog(QMessageBox::Yes);
  completion->IssueSelected();
  QTRY_VERIFY2_WITH_TIMEOUT(completion->message()->text().contains("issued to"),
                            qPrintable(completion->message()->text()), kWait);
  QString reissued;
  QTRY_VERIFY_WITH_TIMEOUT(
      [&]() {
        for (const auto& c : panel->certificates()) {
          if (c.participant_id() == chosen.participant_id() &&
              c.status() == v1::CERTIFICATE_STATUS_VALID) {
            reissued = QString::fromStdString(c.serial());
          }
        }
        return !reissued.isEmpty();
      }(),
      kWait);
  // A second one is refused, and said so.
  QTRY_VERIFY_WITH_TIMEOUT(completion->SelectPerson(chosen.participant_id()), kWait);
  AnswerNextDialog(QMessageBox::Yes);
  completion->IssueSelected();
  QTRY_VERIFY2_WITH_TIMEOUT(completion->message()->text().contains(reissued),
                            qPrintable(completion->message()->text()), kWait);

  // Every valid PDF of the series as one ZIP, readable by the user only.
  page->details()->setCurrentWidget(panel);
  SaveAZipOfTheValidPdfs(panel, server_.folder(), serial, reissued);
  if (QTest::currentTestFailed()) return;
  Screenshot(app->window(), "coordinator-certificates");
}

void DesktopE2eTest::coordinatorSeesAndSavesTheFunderReport() {
  auto app = SignIn("koordination@agsa.example.org");
  QVERIFY(app);
  auto* reports = app->window()->reports_page();
  QVERIFY(reports != nullptr);
  app->window()->tabs()->setCurrentWidget(reports);
  QTRY_VERIFY_WITH_TIMEOUT(reports->series_list()->count() > 0, kWait);
  QCOMPARE(reports->organization()->currentData().toLongLong(), 1);  // the coordinator's own
  // A chosen scope without series is not sent.
  reports->by_series()->setChecked(true);
  reports->ShowReport();
  QVERIFY(reports->message()->text().contains("Tick between 1 and 200 series"));
  reports->by_organization()->setChecked(true);
  reports->year()->setValue(2019);
  QSignalSpy shown(reports, &trainhub::desktop::ReportsPage::reportShown);
  reports->ShowReport();
  QVERIFY2(shown.wait(kWait), qPrintable(reports->message()->text()));
  const QJsonObject expected =
      JsonOf(server_.Cli({"--output", "json", "report", "funder", "--year", "2019", "--org", "1"}));
  const QJsonObject persons = expected["persons"].toObject();
  QVERIFY(!persons.isEmpty());
  QCOMPARE(reports->figures()->item(0, 1)->text(), persons["suppressed"].toBool()
                                                       ? QString("fewer than 3")
                                                       : persons["value"].toVariant().toString());
  QVERIFY(reports->breakdowns()->count() >= 3);
  Screenshot(app->window(), "coordinator-report");
  QString file;
  reports->set_choose_file([&](QWidget*, const QString& name, const QString&) {
    return file = server_.folder() + "/" + name;
  });
  QSignalSpy saved(reports, &trainhub::desktop::ReportsPage::fileSaved);
  reports->SaveReport(v1::REPORT_FILE_FORMAT_PDF);
  QVERIFY(saved.wait(kWait));
  QCOMPARE(saved.last().at(0).toString(), file);
  QVERIFY(file.endsWith(".pdf"));
  QVERIFY(ReadFile(file).startsWith("%PDF-"));
  reports->SaveReport(v1::REPORT_FILE_FORMAT_CSV);
  QVERIFY(saved.wait(kWait));
  QVERIFY(file.endsWith(".csv"));
  const QByteArray csv = ReadFile(file);
  QVERIFY(csv.startsWith("\xEF\xBB\xBF"));
  QVERIFY(csv.contains(';'));
}
