// The desktop client against a real trainhubd with the demo data, as its
// users work: a coordinator plans a session and meets a double booking,
// enrols people past a series' capacity; a trainer records a sheet while
// the server is down and it arrives once after the restart; a participant
// opens their certificate PDF. Set TRAINHUB_SCREENSHOTS=DIR to keep
// pictures of the windows (docs/desktop.md shows them).

#include <sys/stat.h>

#include <QAbstractButton>
#include <QAbstractSpinBox>
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QTabBar>
#include <QTableWidget>
#include <QTimeZone>
#include <QTimer>
#include <QTreeWidget>
#include <QtTest>
#include <memory>

#include "clients/desktop/attendance_panel.h"
#include "clients/desktop/attendance_sheet_widget.h"
#include "clients/desktop/background.h"
#include "clients/desktop/certificates_panel.h"
#include "clients/desktop/check_in_dialog.h"
#include "clients/desktop/completion_panel.h"
#include "clients/desktop/desktop_app.h"
#include "clients/desktop/dialogs.h"
#include "clients/desktop/enrolment_board.h"
#include "clients/desktop/import_dialog.h"
#include "clients/desktop/login_dialog.h"
#include "clients/desktop/main_window.h"
#include "clients/desktop/participant_page.h"
#include "clients/desktop/planning_dialogs.h"
#include "clients/desktop/privacy_page.h"
#include "clients/desktop/reports_page.h"
#include "clients/desktop/series_page.h"
#include "clients/desktop/session_dialog.h"
#include "clients/desktop/trainer_page.h"
#include "tests/desktop/desktop_server.h"

using trainhub::desktop::DesktopApp;
using trainhub::desktop::testing::DesktopServer;
using trainhub::desktop::testing::kDemoPassword;
namespace v1 = trainhub::v1;

namespace {

constexpr int kWait = 20000;  // ms; the first calls of a fresh server take a moment

// Saves a picture of `widget` as NAME.png when TRAINHUB_SCREENSHOTS is set.
void Screenshot(QWidget* widget, const QString& name) {
  const QString folder = qEnvironmentVariable("TRAINHUB_SCREENSHOTS");
  if (folder.isEmpty() || widget == nullptr) return;
  QDir().mkpath(folder);
  // The picture without the busy bar of a call still running.
  QTest::qWaitFor([]() { return trainhub::desktop::Activity::Instance().running() == 0; }, 5000);
  QCoreApplication::processEvents();
  widget->grab().save(folder + "/" + name + ".png");
}

int CountOf(const QString& json, const QString& key) { return json.count("\"" + key + "\""); }

QJsonObject JsonOf(const QString& text) { return QJsonDocument::fromJson(text.toUtf8()).object(); }

// The open dialog of type T named `name` (a modal one or a child of `parent`).
template <typename T>
T* OpenDialog(QWidget* parent, const QString& name) {
  if (auto* modal = qobject_cast<T*>(QApplication::activeModalWidget());
      modal != nullptr && modal->objectName() == name) {
    return modal;
  }
  T* child = parent->findChild<T*>(name);
  return child != nullptr && child->isVisible() ? child : nullptr;
}

// The row of `table` whose column `column` reads `text`, or -1.
int RowWith(QTableWidget* table, int column, const QString& text) {
  for (int row = 0; row < table->rowCount(); ++row) {
    if (table->item(row, column) != nullptr && table->item(row, column)->text().contains(text)) {
      return row;
    }
  }
  return -1;
}

// The row of `table` whose first cell carries the person's id (Qt::UserRole), or -1.
int RowOfPerson(QTableWidget* table, qint64 participant_id) {
  for (int row = 0; row < table->rowCount(); ++row) {
    if (table->item(row, 0)->data(Qt::UserRole).toLongLong() == participant_id) return row;
  }
  return -1;
}

QByteArray ReadFile(const QString& path) {
  QFile file(path);
  return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// The text of every cell of `table`, row by row.
QString TableText(QTableWidget* table) {
  QString out;
  for (int row = 0; row < table->rowCount(); ++row) {
    for (int column = 0; column < table->columnCount(); ++column) {
      if (table->item(row, column) != nullptr) out += table->item(row, column)->text() + " | ";
    }
    out += "\n";
  }
  return out;
}

// Ticks or clears the trainer with this id in the session dialog.
// Fills `dialog` with an afternoon of Dr. Jonas Keller (trainer 2) when he
// teaches for the city of Dessau-Roßlau (01.03.2027 14:00-17:00, demo data).
bool FillKellersBusyAfternoon(trainhub::desktop::SessionDialog* dialog);

// Writes the list `text` (a spreadsheet saved as CSV) to `path`.
bool WriteList(const QString& path, const QByteArray& text) {
  QFile file(path);
  return file.open(QIODevice::WriteOnly) && file.write(text) == text.size();
}

// The demo's AGSA, as the import dialog lists it.
v1::Organization Agsa() {
  v1::Organization agsa;
  agsa.set_id(1);
  agsa.set_name("Auslandsgesellschaft Sachsen-Anhalt e.V.");
  return agsa;
}

bool CheckTrainer(trainhub::desktop::SessionDialog* dialog, qint64 trainer_id, bool checked) {
  for (int i = 0; i < dialog->trainer_list()->count(); ++i) {
    QListWidgetItem* item = dialog->trainer_list()->item(i);
    if (item->data(Qt::UserRole).toLongLong() == trainer_id) {
      item->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
      return true;
    }
  }
  return false;
}

bool FillKellersBusyAfternoon(trainhub::desktop::SessionDialog* dialog) {
  dialog->day()->setDate(QDate(2027, 3, 1));
  dialog->from()->setTime(QTime(14, 0));
  dialog->to()->setTime(QTime(17, 0));
  dialog->place_name()->setText("Rathaus Köthen, Sitzungssaal");
  return CheckTrainer(dialog, 2, true);
}

}  // namespace

class DesktopE2eTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QString error;
    QVERIFY2(server_.Create(&error), qPrintable(error));
    QVERIFY2(server_.Start(&error), qPrintable(error));
    QVERIFY2(server_.LoadDemo(&error), qPrintable(error));
    // No keychain in a test: the token stays in memory.
    QSettings().setValue("remember", false);
  }

  void cleanupTestCase() { server_.Kill(); }

  void coordinatorPlansSessionWithConflictWarning() {
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

  void coordinatorEnrolsPastCapacity() {
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

  void trainerRecordsOfflineAndSendsOnce() {
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
    trainhub::desktop::LateMinutesDialog* late = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((late = OpenDialog<trainhub::desktop::LateMinutesDialog>(
                                  sheet, "lateMinutesDialog")) != nullptr,
                             kWait);
    QCOMPARE(late->minutes_box()->maximum(), 180);  // the session's length
    late->minutes_box()->setValue(20);
    late->accept();
    sheet->Mark(14, v1::ATTENDANCE_STATUS_ABSENT);  // Дмитро
    // Choosing "late" and then cancelling the question records nothing.
    sheet->ButtonFor(1, v1::ATTENDANCE_STATUS_LATE)->click();
    QTRY_VERIFY_WITH_TIMEOUT((late = OpenDialog<trainhub::desktop::LateMinutesDialog>(
                                  sheet, "lateMinutesDialog")) != nullptr,
                             kWait);
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

  void resentMarksChangeNothing() {
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

  void participantChecksInWithTheTrainersCode() {
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

  void trainerSignsOffTheSheet() {
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

  void coordinatorSeesForecastAndPreviewsCertificates() {
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

  void coordinatorImportsAfterACheck() {
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
  void coordinatorImportsApprenticesWithTheirStartOfTraining() {
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

  void participantOpensCertificatePdf() {
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
    for (int column = 2; column <= 6; ++column)
      sum += attendance->item(row, column)->text().toInt();
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

  void coordinatorCorrectsASignedOffSheetWithAReasonPerChange() {
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
        {14, v1::ATTENDANCE_STATUS_LATE, 30,
         "laut Papierliste 30 Minuten später eingetroffen (Zug)"},
        {1, v1::ATTENDANCE_STATUS_EXCUSED, 0, "Krankmeldung am Folgetag nachgereicht"},
    };
    for (const auto& change : changes) {
      panel->table()->selectRow(RowOfPerson(panel->table(), change.person));
      panel->CorrectSelected();
      trainhub::desktop::CorrectionDialog* dialog = nullptr;
      QTRY_VERIFY_WITH_TIMEOUT((dialog = OpenDialog<trainhub::desktop::CorrectionDialog>(
                                    panel, "correctionDialog")) != nullptr,
                               kWait);
      dialog->status()->setCurrentIndex(
          dialog->status()->findData(static_cast<int>(change.status)));
      dialog->minutes()->setValue(change.minutes);
      QVERIFY(!dialog->save_button()->isEnabled());  // signed off: not without a reason
      dialog->reason()->setText(change.reason);
      QVERIFY(dialog->save_button()->isEnabled());
      if (change.person == 14) Screenshot(dialog, "coordinator-correction");
      QPointer<trainhub::desktop::CorrectionDialog> watched(dialog);
      dialog->Save();
      QTRY_VERIFY2_WITH_TIMEOUT(watched.isNull() || !watched->isVisible(),
                                qPrintable(watched ? watched->problem()->text() : QString()),
                                kWait);
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
        JsonOf(server_.Cli({"--output", "json", "attendance", "history", "37"}))["records"]
            .toArray();
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

  void coordinatorRevokesIssuesAndZipsCertificates() {
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
    const QString zip = server_.folder() + "/zertifikate.zip";
    QString suggested;
    panel->set_choose_file([&](QWidget*, const QString& name, const QString&) {
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
    Screenshot(app->window(), "coordinator-certificates");
  }

  void coordinatorSeesAndSavesTheFunderReport() {
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
    const QJsonObject expected = JsonOf(
        server_.Cli({"--output", "json", "report", "funder", "--year", "2019", "--org", "1"}));
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

  void coordinatorErasesAPersonWhoseRecordsAreDue() {
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
    QCOMPARE(JsonOf(server_.Cli(show))["display_name"].toString(),
             QString("Person #%1").arg(person));
    QTRY_VERIFY_WITH_TIMEOUT(!privacy->SelectPerson(person), kWait);
  }

  void longTitlesStayApartAndColumnsFitAt1280() {
    // Two series whose titles differ only at their end, and a session with
    // five trainers at a place with a long name.
    const QString base =
        "Interkulturelle Öffnung der Verwaltung – Qualifizierungsreihe für Fach- und "
        "Führungskräfte der Kommunen, Durchgang ";
    QStringList ids;
    for (const QString& end : {"Frühjahr", "Herbst"}) {
      const QString out =
          server_.Cli({"--output", "json", "series", "create", "--title", base + end, "--kind",
                       "other", "--org", "1", "--capacity", "12"});
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

  void germanWindowsSpeakGerman() {
    // Qt's own buttons in German too, and the new pages in German (the
    // pictures of docs/desktop.md).
    auto app = SignIn("koordination@agsa.example.org", "de");
    QVERIFY(app);
    app->window()->resize(1280, 800);
    auto* page = app->window()->series_page();
    // The server's refusal in German: Dr. Jonas Keller teaches for another
    // organisation then.
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
    // An import's problems in German.
    const QString csv = server_.folder() + "/teilnehmende-de.csv";
    QVERIFY(WriteList(csv,
                      "Vorname;Nachname;E-Mail;Zielgruppe\n"
                      "Ece;Kaya;ece.kaya@example.org;Ehrenamt\n"
                      "Paul;Meier;kein-at-zeichen;Astronauten\n"));
    trainhub::desktop::ImportDialog import(app->connection(), {Agsa()}, 0, {});
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
    Screenshot(app->window(), "coordinator-attendance-de");
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

  void trainerRecordsOnlyExcusedBeforeTheStart() {
    // A second session of the one-day course later today, taught by Nuran Şahin.
    const QDateTime start =
        QDateTime::currentDateTime().toTimeZone(QTimeZone("Europe/Berlin")).addSecs(3 * 3600);
    const QString added = server_.Cli(
        {"--output", "json", "session", "add", "6", "31", "--start",
         start.toString("yyyy-MM-dd HH:mm"), "--end",
         start.addSecs(2 * 3600).toString("yyyy-MM-dd HH:mm"), "--place", "Seminarraum 3",
         "--trainer", "1"});
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
    for (auto status : {v1::ATTENDANCE_STATUS_PRESENT, v1::ATTENDANCE_STATUS_LATE,
                        v1::ATTENDANCE_STATUS_ABSENT}) {
      QVERIFY(!sheet->ButtonFor(1, status)->isEnabled());
    }
    QVERIFY(sheet->ButtonFor(1, v1::ATTENDANCE_STATUS_EXCUSED)->isEnabled());
    Screenshot(app->window(), "trainer-sheet-ahead");
  }

  void coordinatorSeesWhoNoLongerMeetsARequirement() {
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

  void everyControlHasAName() {
    for (const char* email :
         {"koordination@agsa.example.org", "nuran.sahin@example.org", "teilnehmerin@example.org"}) {
      auto app = SignIn(email);
      QVERIFY(app);
      QTest::qWait(500);
      for (QWidget* w : app->window()->findChildren<QWidget*>()) {
        const bool input = qobject_cast<QLineEdit*>(w) || qobject_cast<QComboBox*>(w) ||
                           qobject_cast<QAbstractSpinBox*>(w) ||
                           qobject_cast<QAbstractItemView*>(w);
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

  void signsInOverTlsWithTheCaFile() {
    // The server restarted with a certificate of a test CA.
    const QString dir = server_.folder();
    QCOMPARE(QProcess::execute("bash", {TEST_CERTIFICATES_SCRIPT, dir}), 0);
    server_.Kill();
    QString error;
    QVERIFY2(server_.Start(&error,
                           {"--tls-cert", dir + "/server.pem", "--tls-key", dir + "/server.key"}),
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
    QTRY_VERIFY_WITH_TIMEOUT(trusted.window()->series_page()->series_table()->rowCount() > 0,
                             kWait);
  }

  void germanIsShipped() {
    DesktopApp::UseLanguage("de");
    trainhub::desktop::LoginDialog dialog;
    QCOMPARE(dialog.windowTitle(), QString("Bei trainhub anmelden"));
    DesktopApp::UseLanguage("en");
    trainhub::desktop::LoginDialog english;
    QCOMPARE(english.windowTitle(), QString("Sign in to trainhub"));
  }

 private:
  // Presses `button` in the next message box that opens. For another
  // dialog (`screenshot` names its picture) No presses its button reading
  // `cancel_text`.
  void AnswerNextDialog(QMessageBox::StandardButton button, const QString& screenshot = {},
                        const QString& cancel_text = {}) {
    QTimer::singleShot(20, this, [this, button, screenshot, cancel_text]() {
      QWidget* modal = QApplication::activeModalWidget();
      if (modal == nullptr) {
        AnswerNextDialog(button, screenshot, cancel_text);  // not open yet
        return;
      }
      if (!screenshot.isEmpty()) Screenshot(modal, screenshot);
      if (auto* box = qobject_cast<QMessageBox*>(modal)) {
        box->button(button)->click();
        return;
      }
      for (auto* b : modal->findChildren<QPushButton*>()) {
        if (b->text() == cancel_text) {
          b->click();
          return;
        }
      }
      QFAIL(qPrintable("no button " + cancel_text + " in " + modal->windowTitle()));
    });
  }

  // Answers the next ReasonDialog: with `reason` and its confirming button,
  // or Cancel when `reason` is empty.
  void AnswerReasonDialog(const QString& reason, const QString& screenshot = {}) {
    QTimer::singleShot(20, this, [this, reason, screenshot]() {
      auto* dialog =
          qobject_cast<trainhub::desktop::ReasonDialog*>(QApplication::activeModalWidget());
      if (dialog == nullptr) {
        AnswerReasonDialog(reason, screenshot);  // not open yet
        return;
      }
      if (reason.isEmpty()) {
        QVERIFY(!dialog->confirm_button()->isEnabled());
        dialog->reject();
        return;
      }
      dialog->reason_edit()->setText(reason);
      if (!screenshot.isEmpty()) Screenshot(dialog, screenshot);
      dialog->confirm_button()->click();
    });
  }

  // Reads the certificate preview's table once it is open, then closes it.
  void WatchForPreview(int* rows, QString* notes) {
    auto* dialog = qobject_cast<QDialog*>(QApplication::activeModalWidget());
    if (dialog == nullptr) {
      QTimer::singleShot(20, this, [this, rows, notes]() { WatchForPreview(rows, notes); });
      return;
    }
    auto* table = dialog->findChild<QTableWidget*>();
    *rows = table->rowCount();
    for (int r = 0; r < table->rowCount(); ++r) *notes += table->item(r, 2)->text() + "\n";
    Screenshot(dialog, "coordinator-certificate-preview");
    dialog->reject();
  }

  // The application signed in as `email` (the demo password), its window shown.
  std::unique_ptr<DesktopApp> SignIn(const QString& email, const QString& language = "en") {
    DesktopApp::Options options;
    options.server = server_.address();
    options.email = email;
    options.password = QString(kDemoPassword);
    options.language = language;
    auto app = std::make_unique<DesktopApp>(options);
    app->Start();
    if (!QTest::qWaitFor([&app]() { return app->window() != nullptr; }, kWait)) {
      qWarning() << "sign-in as" << email << "did not finish";
      return nullptr;
    }
    return app;
  }

  DesktopServer server_;
};

int main(int argc, char** argv) {
  // The client's settings, offline queue and saved PDFs go to a fresh folder.
  QTemporaryDir home;
  qputenv("XDG_CONFIG_HOME", home.filePath("config").toUtf8());
  qputenv("XDG_DATA_HOME", home.filePath("data").toUtf8());
  qputenv("XDG_CACHE_HOME", home.filePath("cache").toUtf8());
  if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
  QApplication app(argc, argv);
  QApplication::setOrganizationName("trainhub");
  QApplication::setApplicationName("trainhub-desktop-test");
  DesktopE2eTest test;
  return QTest::qExec(&test, argc, argv);
}

#include "desktop_e2e_test.moc"
