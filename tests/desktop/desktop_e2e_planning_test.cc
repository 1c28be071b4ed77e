// The desktop client, planning and the people in it: a session planned past
// a double booking, enrolments past a series' capacity, lists of people
// imported after a check, who no longer meets a requirement, and an erasure
// that is due.

#include <QComboBox>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTreeWidget>

#include "clients/desktop/dialogs.h"
#include "clients/desktop/enrolment_board.h"
#include "clients/desktop/import_dialog.h"
#include "clients/desktop/main_window.h"
#include "clients/desktop/planning_dialogs.h"
#include "clients/desktop/privacy_page.h"
#include "clients/desktop/series_page.h"
#include "clients/desktop/session_dialog.h"
#include "tests/desktop/desktop_e2e_test.h"

void DesktopE2eTest::coordinatorPlansSessionWithConflictWarning() {
  auto app = SignIn("koordination@agsa.example.org");
  QVERIFY(app);
  auto* page = app->window()->series_page();
  QVERIFY(page != nullptr);
  QTRY_VERIFY_WITH_TIMEOUT(page->SelectSeries(2), kWait);
  QTRY_COMPARE_WITH_TIMEOUT(page->schedule()->topLevelItemCount(), 5, kWait);
  const int sessions_before =
      CountOf(server_.Cli({"--output", "json", "session", "list", "2"}), "module_id");
  page->schedule()->setCurrentItem(page->schedule()->topLevelItem(0));
  Screenshot(app->window(), "coordinator-series");
  page->PlanSession();
  auto* dialog = page->findChild<trainhub::desktop::SessionDialog*>("sessionDialog");
  QVERIFY(dialog != nullptr);
  QVERIFY(FillKellersBusyAfternoon(dialog));
  dialog->Save();
  QTRY_VERIFY2_WITH_TIMEOUT(dialog->allow_overlap()->isVisibleTo(dialog),
                            qPrintable(dialog->problem()->text()), kWait);
  QVERIFY2(dialog->problem()->text().contains("Jonas Keller") &&
               dialog->problem()->text().contains("another organisation"),
           qPrintable(dialog->problem()->text()));
  QVERIFY(!dialog->problem()->text().contains("allow_overlap"));
  // Nuran Şahin (trainer 1) teaches the AGSA's own second run then: the
  // coordinator sees which session it is.
  QVERIFY(CheckTrainer(dialog, 2, false));
  QVERIFY(!dialog->allow_overlap()->isVisibleTo(dialog));  // a changed form asks again
  QVERIFY(CheckTrainer(dialog, 1, true));
  dialog->day()->setDate(QDate(2027, 6, 11));
  dialog->from()->setTime(QTime(10, 0));
  dialog->to()->setTime(QTime(12, 0));
  dialog->Save();
  QTRY_VERIFY2_WITH_TIMEOUT(dialog->problem()->text().contains("Already booked then"),
                            qPrintable(dialog->problem()->text()), kWait);
  QVERIFY2(dialog->problem()->text().contains("Veränderungsprozesse I"),
           qPrintable(dialog->problem()->text()));
  QVERIFY(dialog->allow_overlap()->isVisibleTo(dialog));
  Screenshot(dialog, "coordinator-conflict");
  QCOMPARE(CountOf(server_.Cli({"--output", "json", "session", "list", "2"}), "module_id"),
           sessions_before);  // nothing saved
  dialog->allow_overlap()->setChecked(true);
  QPointer<trainhub::desktop::SessionDialog> watched(dialog);
  watched->Save();
  QTRY_VERIFY_WITH_TIMEOUT(watched.isNull() || !watched->isVisible(), kWait);
  QCOMPARE(CountOf(server_.Cli({"--output", "json", "session", "list", "2"}), "module_id"),
           sessions_before + 1);
  QTRY_COMPARE_WITH_TIMEOUT(page->schedule()->topLevelItem(0)->childCount(), 2, kWait);
}

void DesktopE2eTest::coordinatorEnrolsPastCapacity() {
  auto app = SignIn("koordination@agsa.example.org");
  QVERIFY(app);
  auto* page = app->window()->series_page();
  QTRY_VERIFY_WITH_TIMEOUT(page->SelectSeries(2), kWait);
  // A new small series: refused without a title, then saved as a draft.
  page->NewSeries();
  auto* dialog = page->findChild<trainhub::desktop::SeriesDialog*>("seriesDialog");
  QVERIFY(dialog != nullptr);
  dialog->capacity()->setValue(2);
  dialog->Save();
  QTRY_VERIFY_WITH_TIMEOUT(!dialog->problem()->text().isEmpty(), kWait);
  QVERIFY2(dialog->problem()->text().contains("Title"), qPrintable(dialog->problem()->text()));
  dialog->title()->setText("Interkulturelle Kompetenz – Kleingruppe");
  // A workshop: only Teilnahmebestätigungen.
  dialog->documents()->setCurrentIndex(
      dialog->documents()->findData(static_cast<int>(v1::ISSUED_DOCUMENTS_CONFIRMATION_ONLY)));
  Screenshot(dialog, "series-dialog");
  QPointer<trainhub::desktop::SeriesDialog> watched(dialog);
  dialog->Save();
  QTRY_VERIFY_WITH_TIMEOUT(watched.isNull(), kWait);
  QTRY_VERIFY_WITH_TIMEOUT(
      page->selected_series() != nullptr &&
          page->selected_series()->title() == "Interkulturelle Kompetenz – Kleingruppe",
      kWait);
  const qint64 series_id = page->selected_series()->id();
  QCOMPARE(page->selected_series()->issued_documents(), v1::ISSUED_DOCUMENTS_CONFIRMATION_ONLY);
  QVERIFY(server_.Cli({"--output", "json", "series", "show", QString::number(series_id)})
              .contains("ISSUED_DOCUMENTS_CONFIRMATION_ONLY"));
  // A module, then open for enrolment (a draft is planned first).
  page->EditModule(true);
  auto* module = page->findChild<trainhub::desktop::ModuleDialog*>("moduleDialog");
  QVERIFY(module != nullptr);
  module->title()->setText("Einführung: Kultur und Kommunikation");
  QPointer<trainhub::desktop::ModuleDialog> module_watched(module);
  module->Save();
  QTRY_VERIFY_WITH_TIMEOUT(module_watched.isNull(), kWait);
  QTRY_COMPARE_WITH_TIMEOUT(page->schedule()->topLevelItemCount(), 1, kWait);
  for (v1::SeriesStatus status :
       {v1::SERIES_STATUS_PLANNED, v1::SERIES_STATUS_OPEN_FOR_ENROLMENT}) {
    page->EditSeries();
    auto* settings = page->findChild<trainhub::desktop::SeriesDialog*>("seriesDialog");
    QVERIFY(settings != nullptr);
    settings->status()->setCurrentIndex(settings->status()->findData(static_cast<int>(status)));
    QPointer<trainhub::desktop::SeriesDialog> settings_watched(settings);
    settings->Save();
    QTRY_VERIFY2_WITH_TIMEOUT(
        settings_watched.isNull(),
        qPrintable(settings_watched ? settings_watched->problem()->text() : QString()), kWait);
    QTRY_COMPARE_WITH_TIMEOUT(page->selected_series()->status(), status, kWait);
  }

  page->details()->setCurrentIndex(1);
  auto* board = page->enrolment_board();
  QTRY_VERIFY_WITH_TIMEOUT(board->summary()->text().contains("0 of 2"), kWait);
  for (qint64 person : {1, 2, 14}) {  // Jana, Олена, Дмитро: volunteers of the AGSA
    const int before = static_cast<int>(board->enrolments().size());
    board->Enrol(person, false);
    QTRY_COMPARE_WITH_TIMEOUT(static_cast<int>(board->enrolments().size()), before + 1, kWait);
  }
  QTRY_VERIFY_WITH_TIMEOUT(board->summary()->text().contains("2 of 2"), kWait);
  QVERIFY2(board->summary()->text().contains("waiting list: 1"),
           qPrintable(board->summary()->text()));
  QVERIFY2(board->problem()->text().contains("waiting list at position 1"),
           qPrintable(board->problem()->text()));
  // The board lists seats first, then the waiting list with its position.
  QTableWidget* table = board->table();
  QCOMPARE(table->rowCount(), 3);
  QCOMPARE(table->item(2, 0)->text(), QString("Дмитро Шевчук"));
  QCOMPARE(table->item(2, 2)->text(), QString("1"));
  const QString listed = server_.Cli(
      {"--output", "json", "enrolment", "list", "--series", QString::number(series_id)});
  QCOMPARE(CountOf(listed, "id") > 0, true);
  QVERIFY(listed.contains("ENROLMENT_STATE_WAITLISTED"));
  Screenshot(app->window(), "coordinator-enrolment");
}

void DesktopE2eTest::coordinatorImportsAfterACheck() {
  auto app = SignIn("koordination@agsa.example.org");
  QVERIFY(app);
  const QString csv = server_.folder() + "/teilnehmende.csv";
  QVERIFY(WriteList(csv,
                    "Vorname;Nachname;E-Mail;Zielgruppe\n"
                    "Eva;Lang;eva.lang@example.org;Ehrenamt\n"
                    "Paul;Meier;kein-at-zeichen;Ehrenamt\n"));
  trainhub::desktop::ImportDialog dialog(app->connection(), {Agsa()}, 0, {});
  dialog.SetFile(csv);
  QSignalSpy checked(&dialog, &trainhub::desktop::ImportDialog::checked);
  dialog.Check();
  QVERIFY(checked.wait(kWait));
  QCOMPARE(dialog.problems()->rowCount(), 1);
  QCOMPARE(dialog.problems()->item(0, 0)->text(), QString("3"));  // the line in the file
  QVERIFY(!dialog.import_button()->isEnabled());
  Screenshot(&dialog, "coordinator-import");
  const int before = CountOf(server_.Cli({"--output", "json", "participant", "list"}), "id");
  dialog.good_rows_only()->setChecked(true);
  dialog.Check();
  QVERIFY(checked.wait(kWait));
  QVERIFY(dialog.import_button()->isEnabled());
  QSignalSpy imported(&dialog, &trainhub::desktop::ImportDialog::imported);
  dialog.Import();
  QVERIFY(imported.wait(kWait));
  QVERIFY2(dialog.summary()->text().contains("1 row imported"),
           qPrintable(dialog.summary()->text()));
  QCOMPARE(CountOf(server_.Cli({"--output", "json", "participant", "list"}), "id"), before + 1);
}

// A city's list of apprentices with the first day of their training.
void DesktopE2eTest::coordinatorImportsApprenticesWithTheirStartOfTraining() {
  auto app = SignIn("koordination@agsa.example.org");
  QVERIFY(app);
  const QString csv = server_.folder() + "/auszubildende.csv";
  QVERIFY(WriteList(csv,
                    "Name;Zielgruppe;Ausbildungsbeginn\n"
                    "Emre Aydın;Auszubildende;01.08.2027\n"
                    "Sophie Krüger;Azubi;30.02.2027\n"));
  trainhub::desktop::ImportDialog dialog(app->connection(), {Agsa()}, 0, {});
  dialog.SetFile(csv);
  QSignalSpy checked(&dialog, &trainhub::desktop::ImportDialog::checked);
  dialog.Check();
  QVERIFY(checked.wait(kWait));
  QCOMPARE(dialog.problems()->rowCount(), 1);
  QCOMPARE(dialog.problems()->item(0, 0)->text(), QString("3"));
  QCOMPARE(dialog.problems()->item(0, 1)->text(), QString("Ausbildungsbeginn"));
  dialog.good_rows_only()->setChecked(true);
  dialog.Check();
  QVERIFY(checked.wait(kWait));
  QSignalSpy imported(&dialog, &trainhub::desktop::ImportDialog::imported);
  dialog.Import();
  QVERIFY(imported.wait(kWait));
  const QString list = server_.Cli({"participant", "list", "--name", "Aydın"});
  QVERIFY2(list.contains("training since 01.08.2027"), qPrintable(list));
}

void DesktopE2eTest::coordinatorErasesAPersonWhoseRecordsAreDue() {
  // The AGSA keeps records one year: the people of series 1 (ended 2020) are due.
  int code = 0;
  server_.Cli({"org", "update", "1", "--retention-years", "1"}, {}, &code);
  QCOMPARE(code, 0);
  auto app = SignIn("koordination@agsa.example.org");
  QVERIFY(app);
  auto* privacy = app->window()->privacy_page();
  QVERIFY(privacy != nullptr);
  app->window()->tabs()->setCurrentWidget(privacy);
  QTRY_VERIFY_WITH_TIMEOUT(!privacy->due().empty(), kWait);
  qint64 person = 0;
  for (const auto& d : privacy->due()) {
    // Not the accounts later tests sign in with.
    const QString name = QString::fromStdString(d.display_name());
    if (d.participant_id() != 1 && !name.contains("Lan")) person = d.participant_id();
  }
  QVERIFY(person != 0);
  QVERIFY(privacy->SelectPerson(person));
  Screenshot(app->window(), "coordinator-erasure-due");
  const QStringList show = {"--output", "json", "participant", "show", QString::number(person)};
  const QString name_before = JsonOf(server_.Cli(show))["display_name"].toString();
  QVERIFY(!name_before.startsWith("Person #"));
  AnswerReasonDialog(QString());  // cancelled: nothing erased
  privacy->EraseSelected();
  QCOMPARE(JsonOf(server_.Cli(show))["display_name"].toString(), name_before);
  QSignalSpy erased(privacy, &trainhub::desktop::PrivacyPage::erased);
  AnswerReasonDialog("Aufbewahrungsfrist abgelaufen", "coordinator-erase");
  privacy->EraseSelected();
  QVERIFY(erased.wait(kWait));
  QVERIFY2(privacy->message()->text().contains("Erased"), qPrintable(privacy->message()->text()));
  QCOMPARE(JsonOf(server_.Cli(show))["display_name"].toString(), QString("Person #%1").arg(person));
  QTRY_VERIFY_WITH_TIMEOUT(!privacy->SelectPerson(person), kWait);
}

void DesktopE2eTest::coordinatorSeesWhoNoLongerMeetsARequirement() {
  // Lan's Zertifikat of the first run is revoked; the forum (series 7)
  // requires its qualification, and she is enrolled there.
  const QJsonDocument listed = QJsonDocument::fromJson(
      server_.Cli({"--output", "json", "certificate", "list", "--participant", "10"}).toUtf8());
  const QString serial = listed["certificates"][0]["serial"].toString();
  QVERIFY(!serial.isEmpty());
  server_.Cli({"certificate", "revoke", serial, "--reason", "Nachweis fehlte"});
  auto app = SignIn("koordination@agsa.example.org");
  QVERIFY(app);
  auto* page = app->window()->series_page();
  QTRY_VERIFY_WITH_TIMEOUT(page->SelectSeries(7), kWait);
  page->details()->setCurrentIndex(1);
  auto* board = page->enrolment_board();
  QTRY_VERIFY2_WITH_TIMEOUT(board->summary()->text().contains("requirement no longer met: 1"),
                            qPrintable(board->summary()->text()), kWait);
  QTableWidget* table = board->table();
  int lan = -1;
  for (int r = 0; r < table->rowCount(); ++r) {
    if (table->item(r, 0)->text() == QString("Nguyễn Thị Lan")) lan = r;
  }
  QVERIFY(lan >= 0);
  QVERIFY2(table->item(lan, 1)->text().startsWith(QString("⚠")),
           qPrintable(table->item(lan, 1)->text()));
  QVERIFY2(table->item(lan, 4)->text().contains(serial) &&
               table->item(lan, 4)->text().contains("revoked"),
           qPrintable(table->item(lan, 4)->text()));
  QVERIFY(table->item(lan, 1)->text().contains("Enrolled") ||
          table->item(lan, 1)->text().contains("Seat"));  // still enrolled
  Screenshot(app->window(), "coordinator-requirement-unmet");
}
