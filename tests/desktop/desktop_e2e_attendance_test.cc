// The desktop client, attendance: a trainer records a sheet while the server
// is down and it arrives once, resent marks change nothing, a participant
// checks in with the trainer's code, sign-off, corrections of a signed-off
// sheet with a reason per change, and only excuses before a session starts.

#include <QComboBox>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTimeZone>
#include <QTreeWidget>

#include "clients/desktop/attendance_panel.h"
#include "clients/desktop/attendance_sheet_widget.h"
#include "clients/desktop/check_in_dialog.h"
#include "clients/desktop/dialogs.h"
#include "clients/desktop/main_window.h"
#include "clients/desktop/participant_page.h"
#include "clients/desktop/series_page.h"
#include "clients/desktop/trainer_page.h"
#include "tests/desktop/desktop_e2e_test.h"

namespace {

// The question how late someone was, once `sheet` has opened it; nullptr if
// it does not open within kWait.
trainhub::desktop::LateMinutesDialog* LateMinutesQuestion(QWidget* sheet) {
  trainhub::desktop::LateMinutesDialog* late = nullptr;
  const bool opened = QTest::qWaitFor(
      [&] {
        late = OpenDialog<trainhub::desktop::LateMinutesDialog>(sheet, "lateMinutesDialog");
        return late != nullptr;
      },
      kWait);
  return opened ? late : nullptr;
}

}  // namespace

void DesktopE2eTest::trainerRecordsOfflineAndSendsOnce() {
  auto app = SignIn("nuran.sahin@example.org");
  QVERIFY(app);
  auto* page = app->window()->trainer_page();
  QVERIFY(page != nullptr);
  // Today's demo session (series 6, "Interkulturelle Kommunikation kompakt").
  QTRY_VERIFY_WITH_TIMEOUT(page->OpenSession(37), kWait);
  auto* sheet = page->sheet();
  QTRY_COMPARE_WITH_TIMEOUT(sheet->sheet().entries_size(), 5, kWait);
  QCOMPARE(sheet->sheet().session_id(), 37);

  server_.Kill();  // the village hall without network
  sheet->MarkAllPresent();
  // Олена came 20 minutes late: the L button asks how late.
  sheet->ButtonFor(2, v1::ATTENDANCE_STATUS_LATE)->click();
  trainhub::desktop::LateMinutesDialog* late = LateMinutesQuestion(sheet);
  QVERIFY(late != nullptr);
  QCOMPARE(late->minutes_box()->maximum(), 180);  // the session's length
  late->minutes_box()->setValue(20);
  late->accept();
  sheet->Mark(14, v1::ATTENDANCE_STATUS_ABSENT);  // Дмитро
  // Choosing "late" and then cancelling the question records nothing.
  sheet->ButtonFor(1, v1::ATTENDANCE_STATUS_LATE)->click();
  QVERIFY((late = LateMinutesQuestion(sheet)) != nullptr);
  late->reject();
  QTRY_VERIFY_WITH_TIMEOUT(sheet->state_line()->text().contains("Offline"), kWait);
  QVERIFY(sheet->state_line()->text().contains("5 marks waiting to be sent"));
  QVERIFY(sheet->ButtonFor(14, v1::ATTENDANCE_STATUS_ABSENT)->isChecked());
  QVERIFY(sheet->ButtonFor(1, v1::ATTENDANCE_STATUS_PRESENT)->isChecked());
  QVERIFY(sheet->ButtonFor(2, v1::ATTENDANCE_STATUS_LATE)->isChecked());
  for (const auto& pending : app->sync()->Waiting(37)) {
    QCOMPARE(pending.mark.minutes_missed(), pending.mark.participant_id() == 2 ? 20 : 0);
  }
  QVERIFY2(sheet->findChild<QLabel*>("note-2")->text().contains("20 minutes missed"),
           qPrintable(sheet->findChild<QLabel*>("note-2")->text()));
  Screenshot(app->window(), "trainer-offline");

  // Closing and opening the client keeps the marks (a local file).
  app.reset();
  QString error;
  QVERIFY2(server_.Start(&error), qPrintable(error));
  app = SignIn("nuran.sahin@example.org");
  QVERIFY(app);
  page = app->window()->trainer_page();
  QTRY_VERIFY_WITH_TIMEOUT(page->OpenSession(37), kWait);
  // Everything sent, and the server's sheet shows it.
  QTRY_COMPARE_WITH_TIMEOUT(page->sheet()->sheet().recorded_count(), 5, kWait);
  QTRY_VERIFY_WITH_TIMEOUT(!page->sheet()->state_line()->text().contains("waiting"), kWait);
  const QString history = server_.Cli({"--output", "json", "attendance", "history", "37"});
  QCOMPARE(CountOf(history, "client_nonce"), 5);  // once each
  QVERIFY(history.contains("ATTENDANCE_STATUS_LATE"));
  QVERIFY(history.contains("ATTENDANCE_STATUS_ABSENT"));
  // The minutes went with the mark through the offline queue.
  for (const QJsonValue record : JsonOf(history)["records"].toArray()) {
    if (record["status"].toString() == "ATTENDANCE_STATUS_LATE") {
      QCOMPARE(record["participant_id"].toVariant().toLongLong(), 2);
      QCOMPARE(record["minutes_missed"].toInt(), 20);
    }
  }
  for (const auto& entry : page->sheet()->sheet().entries()) {
    if (entry.participant_id() == 2) QCOMPARE(entry.minutes_missed(), 20);
  }
  QVERIFY(page->sheet()->findChild<QLabel*>("note-2")->text().contains("20 minutes missed"));
  Screenshot(app->window(), "trainer-sheet");
}

void DesktopE2eTest::resentMarksChangeNothing() {
  // A send whose answer was lost (the server stored it, then went away):
  // the same marks, with the same nonces, go again and change nothing.
  auto app = SignIn("nuran.sahin@example.org");
  QVERIFY(app);
  auto* page = app->window()->trainer_page();
  QTRY_VERIFY_WITH_TIMEOUT(page->OpenSession(37), kWait);
  QTRY_COMPARE_WITH_TIMEOUT(page->sheet()->sheet().entries_size(), 5, kWait);
  const int before =
      CountOf(server_.Cli({"--output", "json", "attendance", "history", "37"}), "client_nonce");
  server_.Kill();
  page->sheet()->Mark(1, v1::ATTENDANCE_STATUS_EXCUSED);
  QTRY_VERIFY_WITH_TIMEOUT(app->sync()->offline(), kWait);
  const auto waiting = app->sync()->Waiting(37);
  QCOMPARE(static_cast<int>(waiting.size()), 1);
  QString error;
  QVERIFY2(server_.Start(&error), qPrintable(error));
  v1::RecordAttendanceSheetRequest lost;
  lost.set_session_id(37);
  *lost.add_marks() = waiting.front().mark;
  v1::AttendanceSheet answer;
  const grpc::Status sent =
      app->connection()->Call(app->connection()->attendance(),
                              &v1::AttendanceService::Stub::RecordAttendanceSheet, lost, &answer);
  QVERIFY2(sent.ok(), sent.error_message().c_str());
  app->sync()->Flush();
  QTRY_COMPARE_WITH_TIMEOUT(app->sync()->WaitingCount(), 0, kWait);
  QCOMPARE(
      CountOf(server_.Cli({"--output", "json", "attendance", "history", "37"}), "client_nonce"),
      before + 1);
}

void DesktopE2eTest::participantChecksInWithTheTrainersCode() {
  auto trainer = SignIn("nuran.sahin@example.org");
  QVERIFY(trainer);
  auto* page = trainer->window()->trainer_page();
  QTRY_VERIFY_WITH_TIMEOUT(page->OpenSession(37), kWait);
  QTRY_COMPARE_WITH_TIMEOUT(page->sheet()->sheet().entries_size(), 5, kWait);
  page->sheet()->OpenCheckIn();
  trainhub::desktop::CheckInDialog* shown = nullptr;
  QTRY_VERIFY_WITH_TIMEOUT(
      (shown = page->findChild<trainhub::desktop::CheckInDialog*>()) != nullptr &&
          shown->window().open(),
      kWait);
  const QString code = shown->code()->text();
  QCOMPARE(code.size(), 6);
  Screenshot(shown, "trainer-check-in");

  auto jana = SignIn("teilnehmerin@example.org");
  QVERIFY(jana);
  auto* mine = jana->window()->participant_page();
  mine->CheckIn("000000x");  // not a code
  QTRY_VERIFY_WITH_TIMEOUT(!mine->check_in_result()->text().isEmpty(), kWait);
  QVERIFY2(mine->check_in_result()->text().contains("Check-in code"),
           qPrintable(mine->check_in_result()->text()));
  mine->CheckIn(code);
  QTRY_VERIFY2_WITH_TIMEOUT(mine->check_in_result()->text().contains("Checked in"),
                            qPrintable(mine->check_in_result()->text()), kWait);
  const QString history = server_.Cli({"--output", "json", "attendance", "history", "37"});
  QVERIFY(history.contains("ATTENDANCE_SOURCE_SELF_CHECK_IN"));
  Screenshot(jana->window(), "participant-check-in");
}

void DesktopE2eTest::trainerSignsOffTheSheet() {
  auto app = SignIn("nuran.sahin@example.org");
  QVERIFY(app);
  auto* page = app->window()->trainer_page();
  QTRY_VERIFY_WITH_TIMEOUT(page->OpenSession(37), kWait);
  QTRY_COMPARE_WITH_TIMEOUT(page->sheet()->sheet().entries_size(), 5, kWait);
  QCOMPARE(page->sheet()->sheet().unrecorded_count(), 0);
  AnswerNextDialog(QMessageBox::Yes);
  page->sheet()->SignOff();
  QTRY_VERIFY_WITH_TIMEOUT(page->sheet()->sheet().signed_off(), kWait);
  QVERIFY(page->sheet()->state_line()->text().contains("Signed off by"));
  QVERIFY(!page->sheet()->ButtonFor(1, v1::ATTENDANCE_STATUS_PRESENT)->isEnabled());
}

void DesktopE2eTest::coordinatorCorrectsASignedOffSheetWithAReasonPerChange() {
  auto app = SignIn("koordination@agsa.example.org");
  QVERIFY(app);
  auto* page = app->window()->series_page();
  QTRY_VERIFY_WITH_TIMEOUT(page->SelectSeries(6), kWait);
  auto* panel = page->attendance_panel();
  page->details()->setCurrentWidget(panel);
  QTRY_VERIFY_WITH_TIMEOUT(panel->SelectSession(37), kWait);
  QTRY_VERIFY_WITH_TIMEOUT(panel->sheet().session_id() == 37 && panel->table()->rowCount() == 5,
                           kWait);
  QVERIFY(panel->sheet().signed_off());
  QVERIFY2(panel->state_line()->text().contains("Signed off by"),
           qPrintable(panel->state_line()->text()));
  // The trainer's minutes are shown.
  QVERIFY2(
      panel->table()->item(RowOfPerson(panel->table(), 2), 1)->text() == "Late (20 min missed)",
      qPrintable(TableText(panel->table())));
  // Дмитро came after all, 30 minutes late: corrected with a reason.
  const struct {
    qint64 person;
    v1::AttendanceStatus status;
    int minutes;
    QString reason;
  } changes[] = {
      {14, v1::ATTENDANCE_STATUS_LATE, 30, "laut Papierliste 30 Minuten später eingetroffen (Zug)"},
      {1, v1::ATTENDANCE_STATUS_EXCUSED, 0, "Krankmeldung am Folgetag nachgereicht"},
  };
  for (const auto& change : changes) {
    panel->table()->selectRow(RowOfPerson(panel->table(), change.person));
    panel->CorrectSelected();
    trainhub::desktop::CorrectionDialog* dialog = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((dialog = OpenDialog<trainhub::desktop::CorrectionDialog>(
                                  panel, "correctionDialog")) != nullptr,
                             kWait);
    dialog->status()->setCurrentIndex(dialog->status()->findData(static_cast<int>(change.status)));
    dialog->minutes()->setValue(change.minutes);
    QVERIFY(!dialog->save_button()->isEnabled());  // signed off: not without a reason
    dialog->reason()->setText(change.reason);
    QVERIFY(dialog->save_button()->isEnabled());
    if (change.person == 14) Screenshot(dialog, "coordinator-correction");
    QPointer<trainhub::desktop::CorrectionDialog> watched(dialog);
    dialog->Save();
    QTRY_VERIFY2_WITH_TIMEOUT(watched.isNull() || !watched->isVisible(),
                              qPrintable(watched ? watched->problem()->text() : QString()), kWait);
  }
  QTRY_COMPARE_WITH_TIMEOUT(panel->table()->item(RowOfPerson(panel->table(), 14), 1)->text(),
                            QString("Late (30 min missed)"), kWait);
  QTRY_COMPARE_WITH_TIMEOUT(panel->table()->item(RowOfPerson(panel->table(), 1), 1)->text(),
                            QString("Excused"), kWait);
  // The history of the selected person shows who changed what and why.
  panel->table()->selectRow(RowOfPerson(panel->table(), 14));
  QTRY_VERIFY_WITH_TIMEOUT(TableText(panel->history()).contains(changes[0].reason), kWait);
  QVERIFY2(TableText(panel->history()).contains("Absent → Late (30 min missed)"),
           qPrintable(TableText(panel->history())));
  Screenshot(app->window(), "coordinator-attendance");
  // Each change is stored with its own reason.
  const QJsonArray records =
      JsonOf(server_.Cli({"--output", "json", "attendance", "history", "37"}))["records"].toArray();
  for (const auto& change : changes) {
    bool found = false;
    for (const QJsonValue r : records) {
      found |= r["participant_id"].toVariant().toLongLong() == change.person &&
               r["reason"].toString() == change.reason &&
               r["minutes_missed"].toInt() == change.minutes;
    }
    QVERIFY2(found, qPrintable(change.reason));
  }
}

void DesktopE2eTest::trainerRecordsOnlyExcusedBeforeTheStart() {
  // A second session of the one-day course later today, taught by Nuran Şahin.
  const QDateTime start =
      QDateTime::currentDateTime().toTimeZone(QTimeZone("Europe/Berlin")).addSecs(3 * 3600);
  const QString added = server_.Cli({"--output", "json", "session", "add", "6", "31", "--start",
                                     start.toString("yyyy-MM-dd HH:mm"), "--end",
                                     start.addSecs(2 * 3600).toString("yyyy-MM-dd HH:mm"),
                                     "--place", "Seminarraum 3", "--trainer", "1"});
  const qint64 later = QJsonDocument::fromJson(added.toUtf8())["id"].toString().toLongLong();
  QVERIFY2(later > 0, qPrintable(added));
  server_.Cli({"session", "booking", QString::number(later), "1", "confirmed"});
  auto app = SignIn("nuran.sahin@example.org");
  QVERIFY(app);
  auto* page = app->window()->trainer_page();
  QTRY_VERIFY_WITH_TIMEOUT(page->OpenSession(later), kWait);
  auto* sheet = page->sheet();
  QTRY_COMPARE_WITH_TIMEOUT(sheet->sheet().session_id(), later, kWait);
  QTRY_COMPARE_WITH_TIMEOUT(sheet->sheet().entries_size(), 5, kWait);
  QVERIFY2(sheet->state_line()->text().contains("has not begun"),
           qPrintable(sheet->state_line()->text()));
  for (auto status :
       {v1::ATTENDANCE_STATUS_PRESENT, v1::ATTENDANCE_STATUS_LATE, v1::ATTENDANCE_STATUS_ABSENT}) {
    QVERIFY(!sheet->ButtonFor(1, status)->isEnabled());
  }
  QVERIFY(sheet->ButtonFor(1, v1::ATTENDANCE_STATUS_EXCUSED)->isEnabled());
  Screenshot(app->window(), "trainer-sheet-ahead");
}
