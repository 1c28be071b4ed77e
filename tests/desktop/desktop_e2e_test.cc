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
#include <QSettings>
#include <QSignalSpy>
#include <QTabBar>
#include <QTableWidget>
#include <QTimer>
#include <QTreeWidget>
#include <QtTest>
#include <memory>

#include "clients/desktop/attendance_sheet_widget.h"
#include "clients/desktop/check_in_dialog.h"
#include "clients/desktop/completion_panel.h"
#include "clients/desktop/desktop_app.h"
#include "clients/desktop/enrolment_board.h"
#include "clients/desktop/import_dialog.h"
#include "clients/desktop/login_dialog.h"
#include "clients/desktop/main_window.h"
#include "clients/desktop/participant_page.h"
#include "clients/desktop/planning_dialogs.h"
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
  QCoreApplication::processEvents();
  widget->grab().save(folder + "/" + name + ".png");
}

int CountOf(const QString& json, const QString& key) { return json.count("\"" + key + "\""); }

// Ticks or clears the trainer with this id in the session dialog.
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
    // Dr. Jonas Keller (trainer 2) teaches for the city of Dessau-Roßlau then.
    dialog->day()->setDate(QDate(2027, 3, 1));
    dialog->from()->setTime(QTime(14, 0));
    dialog->to()->setTime(QTime(17, 0));
    dialog->place_name()->setText("Rathaus Köthen, Sitzungssaal");
    QVERIFY(CheckTrainer(dialog, 2, true));
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
    QPointer<trainhub::desktop::SeriesDialog> watched(dialog);
    dialog->Save();
    QTRY_VERIFY_WITH_TIMEOUT(watched.isNull(), kWait);
    QTRY_VERIFY_WITH_TIMEOUT(
        page->selected_series() != nullptr &&
            page->selected_series()->title() == "Interkulturelle Kompetenz – Kleingruppe",
        kWait);
    const qint64 series_id = page->selected_series()->id();
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
    sheet->Mark(2, v1::ATTENDANCE_STATUS_LATE);     // Олена
    sheet->Mark(14, v1::ATTENDANCE_STATUS_ABSENT);  // Дмитро
    QTRY_VERIFY_WITH_TIMEOUT(sheet->state_line()->text().contains("Offline"), kWait);
    QVERIFY(sheet->state_line()->text().contains("5 marks waiting to be sent"));
    QVERIFY(sheet->ButtonFor(14, v1::ATTENDANCE_STATUS_ABSENT)->isChecked());
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
    QFile file(csv);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(
        "Vorname;Nachname;E-Mail;Zielgruppe\n"
        "Eva;Lang;eva.lang@example.org;Ehrenamt\n"
        "Paul;Meier;kein-at-zeichen;Ehrenamt\n");
    file.close();
    v1::Organization agsa;
    agsa.set_id(1);
    agsa.set_name("Auslandsgesellschaft Sachsen-Anhalt e.V.");
    trainhub::desktop::ImportDialog dialog(app->connection(), {agsa}, 0, {});
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
  // Presses `button` in the next message box that opens.
  void AnswerNextDialog(QMessageBox::StandardButton button) {
    QTimer::singleShot(20, this, [this, button]() {
      auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
      if (box == nullptr) {
        AnswerNextDialog(button);  // not open yet
        return;
      }
      box->button(button)->click();
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
  std::unique_ptr<DesktopApp> SignIn(const QString& email) {
    DesktopApp::Options options;
    options.server = server_.address();
    options.email = email;
    options.password = QString(kDemoPassword);
    options.language = "en";
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
