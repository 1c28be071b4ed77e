// The desktop client's windows as such: long titles and columns at 1280
// pixels, German windows (and their pictures), a name for every control,
// signing in over TLS, and the German translation shipped.

#include <QAbstractButton>
#include <QAbstractSpinBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTabBar>
#include <QTableWidget>
#include <QTreeWidget>

#include "clients/desktop/attendance_panel.h"
#include "clients/desktop/certificates_panel.h"
#include "clients/desktop/dialogs.h"
#include "clients/desktop/import_dialog.h"
#include "clients/desktop/login_dialog.h"
#include "clients/desktop/main_window.h"
#include "clients/desktop/privacy_page.h"
#include "clients/desktop/reports_page.h"
#include "clients/desktop/series_page.h"
#include "clients/desktop/session_dialog.h"
#include "tests/desktop/desktop_e2e_test.h"

namespace {

// The server's refusal of a double booking in German: Dr. Jonas Keller
// teaches for another organisation then.
void GermanDoubleBooking(trainhub::desktop::SeriesPage* page) {
  QTRY_VERIFY_WITH_TIMEOUT(page->SelectSeries(2), kWait);
  QTRY_VERIFY_WITH_TIMEOUT(page->schedule()->topLevelItemCount() > 0, kWait);
  page->schedule()->setCurrentItem(page->schedule()->topLevelItem(0));
  page->PlanSession();
  auto* session = page->findChild<trainhub::desktop::SessionDialog*>("sessionDialog");
  QVERIFY(session != nullptr);
  QVERIFY(FillKellersBusyAfternoon(session));
  session->Save();
  QTRY_VERIFY2_WITH_TIMEOUT(session->allow_overlap()->isVisibleTo(session),
                            qPrintable(session->problem()->text()), kWait);
  QVERIFY2(session->problem()->text().contains("ist zu dieser Zeit bereits gebucht") &&
               session->problem()->text().contains("einer anderen Organisation"),
           qPrintable(session->problem()->text()));
  QVERIFY(!session->problem()->text().contains("another organisation"));
  Screenshot(session, "coordinator-conflict-de");
  session->reject();
}

// An import's problems in German, its list written to `folder`.
void GermanImportProblems(DesktopApp& app, const QString& folder) {
  const QString csv = folder + "/teilnehmende-de.csv";
  QVERIFY(WriteList(csv,
                    "Vorname;Nachname;E-Mail;Zielgruppe\n"
                    "Ece;Kaya;ece.kaya@example.org;Ehrenamt\n"
                    "Paul;Meier;kein-at-zeichen;Astronauten\n"));
  trainhub::desktop::ImportDialog import(app.connection(), {Agsa()}, 0, {});
  import.SetFile(csv);
  QSignalSpy checked(&import, &trainhub::desktop::ImportDialog::checked);
  import.Check();
  QVERIFY(checked.wait(kWait));
  QCOMPARE(import.problems()->rowCount(), 2);
  const QString reasons =
      import.problems()->item(0, 2)->text() + "\n" + import.problems()->item(1, 2)->text();
  QVERIFY2(reasons.contains("ist keine E-Mail-Adresse") &&
               reasons.contains("unbekannte Zielgruppe „Astronauten“"),
           qPrintable(reasons));
  Screenshot(&import, "coordinator-import-de");
}

// Today's demo sheet in German: a late arrival's status and the correction
// dialog.
void GermanCorrection(DesktopApp& app, trainhub::desktop::SeriesPage* page) {
  QTRY_VERIFY_WITH_TIMEOUT(page->SelectSeries(6), kWait);
  auto* panel = page->attendance_panel();
  page->details()->setCurrentWidget(panel);
  QTRY_VERIFY_WITH_TIMEOUT(panel->SelectSession(37), kWait);
  QTRY_VERIFY_WITH_TIMEOUT(panel->sheet().session_id() == 37 && panel->table()->rowCount() == 5,
                           kWait);
  QCOMPARE(panel->table()->item(RowOfPerson(panel->table(), 2), 1)->text(),
           QString("Verspätet (20 Min. versäumt)"));
  panel->table()->selectRow(RowOfPerson(panel->table(), 14));
  QTRY_VERIFY_WITH_TIMEOUT(panel->history()->rowCount() > 1, kWait);
  Screenshot(app.window(), "coordinator-attendance-de");
  panel->CorrectSelected();
  trainhub::desktop::CorrectionDialog* dialog = nullptr;
  QTRY_VERIFY_WITH_TIMEOUT((dialog = OpenDialog<trainhub::desktop::CorrectionDialog>(
                                panel, "correctionDialog")) != nullptr,
                           kWait);
  auto* cancel = dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Cancel);
  QCOMPARE(cancel->text(), QString("Abbrechen"));
  dialog->status()->setCurrentIndex(
      dialog->status()->findData(static_cast<int>(v1::ATTENDANCE_STATUS_EXCUSED)));
  dialog->reason()->setText("Attest liegt vor");
  Screenshot(dialog, "coordinator-correction-de");
  dialog->reject();
}

}  // namespace

void DesktopE2eTest::longTitlesStayApartAndColumnsFitAt1280() {
  // Two series whose titles differ only at their end, and a session with
  // five trainers at a place with a long name.
  const QString base =
      "Interkulturelle Öffnung der Verwaltung – Qualifizierungsreihe für Fach- und "
      "Führungskräfte der Kommunen, Durchgang ";
  QStringList ids;
  for (const QString& end : {QString("Frühjahr"), QString("Herbst")}) {
    const QString out = server_.Cli({"--output", "json", "series", "create", "--title", base + end,
                                     "--kind", "other", "--org", "1", "--capacity", "12"});
    ids << JsonOf(out)["id"].toVariant().toString();
    QVERIFY2(!ids.last().isEmpty(), qPrintable("series create failed: " + out));
  }
  const QJsonObject module = JsonOf(server_.Cli(
      {"--output", "json", "module", "add", ids[0], "--title", "Auftakt und Zielklärung"}));
  int code = 0;
  server_.Cli({"session",        "add",
               ids[0],           module["id"].toVariant().toString(),
               "--start",        "2028-02-03 09:00",
               "--end",          "2028-02-03 16:00",
               "--place",        "Bürgerhaus am Marktplatz, Großer Saal im zweiten Obergeschoss",
               "--trainer",      "1",
               "--trainer",      "2",
               "--trainer",      "3",
               "--trainer",      "4",
               "--trainer",      "5",
               "--allow-overlap"},
              {}, &code);
  QCOMPARE(code, 0);

  auto app = SignIn("koordination@agsa.example.org");
  QVERIFY(app);
  app->window()->resize(1280, 800);
  auto* page = app->window()->series_page();
  QTableWidget* table = page->series_table();
  // Both rows unselected, so that only their text can tell them apart.
  QTRY_VERIFY_WITH_TIMEOUT(RowWith(table, 0, base + "Herbst") >= 0, kWait);
  table->clearSelection();
  const int spring = RowWith(table, 0, base + "Frühjahr");
  const int autumn = RowWith(table, 0, base + "Herbst");
  QVERIFY(spring >= 0 && autumn >= 0);
  QCoreApplication::processEvents();
  const QRect spring_cell = table->visualItemRect(table->item(spring, 0));
  const QRect autumn_cell = table->visualItemRect(table->item(autumn, 0));
  // Too long for the cell, so it is cut; cut in the middle, the two differ.
  QVERIFY(table->fontMetrics().horizontalAdvance(base + "Frühjahr") > spring_cell.width());
  QVERIFY(table->viewport()->grab(spring_cell).toImage() !=
          table->viewport()->grab(autumn_cell).toImage());
  QVERIFY(table->item(spring, 0)->toolTip().contains(base + "Frühjahr"));
  QVERIFY(page->SelectSeries(ids[0].toLongLong()));
  // Every column of the schedule fits: no scrolling sideways.
  QTreeWidget* schedule = page->schedule();
  QTRY_COMPARE_WITH_TIMEOUT(schedule->topLevelItemCount(), 1, kWait);
  QTRY_COMPARE_WITH_TIMEOUT(schedule->topLevelItem(0)->childCount(), 1, kWait);
  QTreeWidgetItem* session = schedule->topLevelItem(0)->child(0);
  QVERIFY(session->toolTip(3).contains("Ørjan Ødegård"));
  QTRY_VERIFY_WITH_TIMEOUT(schedule->header()->length() <= schedule->viewport()->width(), kWait);
  QCOMPARE(schedule->horizontalScrollBar()->maximum(), 0);
  QVERIFY(schedule->columnWidth(1) >=
          schedule->fontMetrics().horizontalAdvance(session->text(1)));  // dates stay whole
  Screenshot(app->window(), "coordinator-long-titles");
}

void DesktopE2eTest::germanWindowsSpeakGerman() {
  // Qt's own buttons in German too, and the new pages in German (the
  // pictures of docs/desktop.md).
  auto app = SignIn("koordination@agsa.example.org", "de");
  QVERIFY(app);
  app->window()->resize(1280, 800);
  auto* page = app->window()->series_page();
  GermanDoubleBooking(page);
  if (QTest::currentTestFailed()) return;
  GermanImportProblems(*app, server_.folder());
  if (QTest::currentTestFailed()) return;
  GermanCorrection(*app, page);
  if (QTest::currentTestFailed()) return;
  QTRY_VERIFY_WITH_TIMEOUT(page->SelectSeries(1), kWait);
  page->details()->setCurrentWidget(page->certificates_panel());
  QTRY_VERIFY_WITH_TIMEOUT(page->certificates_panel()->certificates().size() >= 5, kWait);
  page->certificates_panel()->SelectSerial(
      QString::fromStdString(page->certificates_panel()->certificates().front().serial()));
  Screenshot(app->window(), "coordinator-certificates-de");
  AnswerNextDialog(QMessageBox::No, "coordinator-revoke-de", "Abbrechen");
  page->certificates_panel()->RevokeSelected();
  auto* reports = app->window()->reports_page();
  app->window()->tabs()->setCurrentWidget(reports);
  QTRY_VERIFY_WITH_TIMEOUT(reports->series_list()->count() > 0, kWait);
  reports->year()->setValue(2019);
  QSignalSpy shown(reports, &trainhub::desktop::ReportsPage::reportShown);
  reports->ShowReport();
  QVERIFY(shown.wait(kWait));
  QCOMPARE(reports->figures()->item(0, 0)->text(), QString("Personen (jede einmal gezählt)"));
  Screenshot(app->window(), "coordinator-report-de");
  auto* privacy = app->window()->privacy_page();
  app->window()->tabs()->setCurrentWidget(privacy);
  QTRY_VERIFY_WITH_TIMEOUT(!privacy->due().empty(), kWait);
  privacy->table()->selectRow(0);
  Screenshot(app->window(), "coordinator-erasure-due-de");
  AnswerNextDialog(QMessageBox::No, "coordinator-erase-de", "Abbrechen");
  privacy->EraseSelected();
  page->SelectSeries(page->series_table()->item(0, 0)->data(Qt::UserRole).toLongLong());
  app->window()->tabs()->setCurrentWidget(page);
  page->details()->setCurrentIndex(0);
  QTest::qWait(300);
  Screenshot(app->window(), "coordinator-series-de");
  trainhub::desktop::LateMinutesDialog late("Олена Коваль", 180, 20);
  late.show();
  QCOMPARE(late.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->text(),
           QString("OK"));
  QCOMPARE(late.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Cancel)->text(),
           QString("Abbrechen"));
  Screenshot(&late, "trainer-late-minutes-de");
  DesktopApp::UseLanguage("en");
}

void DesktopE2eTest::everyControlHasAName() {
  for (const char* email :
       {"koordination@agsa.example.org", "nuran.sahin@example.org", "teilnehmerin@example.org"}) {
    auto app = SignIn(email);
    QVERIFY(app);
    QTest::qWait(500);
    for (QWidget* w : app->window()->findChildren<QWidget*>()) {
      const bool input = qobject_cast<QLineEdit*>(w) || qobject_cast<QComboBox*>(w) ||
                         qobject_cast<QAbstractSpinBox*>(w) || qobject_cast<QAbstractItemView*>(w);
      // The parts Qt builds inside a control (a spin box's line edit, a
      // table's header) are named by their control.
      bool part = qobject_cast<QHeaderView*>(w) != nullptr;
      for (QWidget* up = w->parentWidget(); up != nullptr && !part; up = up->parentWidget()) {
        part = qobject_cast<QComboBox*>(up) || qobject_cast<QAbstractSpinBox*>(up) ||
               qobject_cast<QAbstractItemView*>(up) || qobject_cast<QTabBar*>(up) ||
               qobject_cast<QMenuBar*>(up) || qobject_cast<QLineEdit*>(up);
      }
      if (input && !part) {
        QVERIFY2(!w->accessibleName().isEmpty(),
                 qPrintable(QString("%1 in %2 has no accessible name")
                                .arg(w->metaObject()->className(), email)));
      }
      if (auto* button = qobject_cast<QAbstractButton*>(w); button != nullptr && !part) {
        QVERIFY2(!button->text().isEmpty() || !button->accessibleName().isEmpty(),
                 qPrintable(QString("a %1 in %2 has no name")
                                .arg(button->metaObject()->className() + QString(" ") +
                                         button->objectName() + " in " +
                                         button->parentWidget()->metaObject()->className(),
                                     email)));
      }
    }
  }
}

void DesktopE2eTest::signsInOverTlsWithTheCaFile() {
  // The server restarted with a certificate of a test CA.
  const QString dir = server_.folder();
  QCOMPARE(QProcess::execute("bash", {TEST_CERTIFICATES_SCRIPT, dir}), 0);
  server_.Kill();
  QString error;
  QVERIFY2(
      server_.Start(&error, {"--tls-cert", dir + "/server.pem", "--tls-key", dir + "/server.key"}),
      qPrintable(error));
  DesktopApp::Options options;
  options.server = server_.address();
  options.email = "koordination@agsa.example.org";
  options.language = "en";
  options.tls = true;
  // The system's CAs do not know the test CA: refused, said in the dialog.
  options.password = QString(kDemoPassword);
  DesktopApp untrusted(options);
  untrusted.Start();
  QTRY_VERIFY_WITH_TIMEOUT(
      untrusted.login_dialog() != nullptr &&
          !untrusted.login_dialog()->findChild<QLabel*>("error")->text().isEmpty(),
      kWait);
  QVERIFY(untrusted.window() == nullptr);
  options.ca_file = dir + "/ca.pem";
  options.password = QString(kDemoPassword);
  DesktopApp trusted(options);
  trusted.Start();
  QTRY_VERIFY_WITH_TIMEOUT(trusted.window() != nullptr, kWait);
  QTRY_VERIFY_WITH_TIMEOUT(trusted.window()->series_page()->series_table()->rowCount() > 0, kWait);
}

void DesktopE2eTest::germanIsShipped() {
  DesktopApp::UseLanguage("de");
  trainhub::desktop::LoginDialog dialog;
  QCOMPARE(dialog.windowTitle(), QString("Bei trainhub anmelden"));
  DesktopApp::UseLanguage("en");
  trainhub::desktop::LoginDialog english;
  QCOMPARE(english.windowTitle(), QString("Sign in to trainhub"));
}
