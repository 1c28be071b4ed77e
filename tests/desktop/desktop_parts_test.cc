// The desktop client's parts that need no server: errors in the words of
// the form, the offline queue's file, search folding, the check-in QR
// code, Qt's own texts and the keychain's reasons in German, the late
// minutes' dialog, columns sharing a width, the reason asked before an
// irreversible step, saving a file whole, and the German translation
// covering every text of the code.

#include <qt6keychain/keychain.h>
#include <sys/stat.h>

#include <QApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QTemporaryDir>
#include <QtTest>

#include "clients/desktop/check_in_dialog.h"
#include "clients/desktop/desktop_app.h"
#include "clients/desktop/dialogs.h"
#include "clients/desktop/error_text.h"
#include "clients/desktop/offline_queue.h"
#include "clients/desktop/text_search.h"
#include "clients/desktop/token_store.h"
#include "clients/desktop/widgets.h"
#include "trainhub/v1/common.pb.h"

using namespace trainhub::desktop;
namespace v1 = trainhub::v1;

namespace {

v1::AttendanceMark MarkOf(int64_t person, v1::AttendanceStatus status, const char* nonce) {
  v1::AttendanceMark mark;
  mark.set_participant_id(person);
  mark.set_status(status);
  mark.set_client_nonce(nonce);
  return mark;
}

grpc::Status WithDetails(grpc::StatusCode code, const std::string& message,
                         const v1::ErrorDetails& details) {
  return grpc::Status(code, message, details.SerializeAsString());
}

}  // namespace

class DesktopPartsTest : public QObject {
  Q_OBJECT

 private slots:
  void fieldNamesBecomeFormLabels() {
    const FieldLabels labels = {{"end_time", "To"}, {"start_time", "From"}};
    QCOMPARE(InFormWords("session.end_time must be after session.start_time", labels),
             QString("\u201CTo\u201D must be after \u201CFrom\u201D"));
    // Parts of other words and of e-mail addresses stay.
    QCOMPARE(InFormWords("my_end_time_x and a@end_time.org", labels),
             QString("my_end_time_x and a@end_time.org"));
  }

  void severalViolationsGetALineEach() {
    v1::ErrorDetails details;
    auto* first = details.add_field_violations();
    first->set_field("session.place.name");
    first->set_description("must not be empty");
    auto* second = details.add_field_violations();
    second->set_field("session.end_time");
    second->set_description("must be after start_time");
    const ErrorText text = DescribeError(
        WithDetails(grpc::StatusCode::INVALID_ARGUMENT, "2 fields are invalid", details),
        {{"name", "Place"}, {"end_time", "To"}, {"start_time", "From"}});
    QCOMPARE(text.field_lines.size(), 2);
    QCOMPARE(text.field_lines[0], QString("Place: must not be empty"));
    QCOMPARE(text.field_lines[1], QString("To: must be after \u201CFrom\u201D"));
    QCOMPARE(text.fields, QStringList({"name", "end_time"}));
  }

  // The server's words in the UI's language, field labels still applied.
  void theServersLocalizedWordsAreShown() {
    v1::ErrorDetails details;
    details.mutable_localized_message()->set_locale("de");
    details.mutable_localized_message()->set_message(
        "Die Reihe ist abgesagt; ihre Termine nehmen keine Anwesenheit mehr an");
    const ErrorText one = DescribeError(WithDetails(
        grpc::StatusCode::FAILED_PRECONDITION, "the series was cancelled", details));
    QCOMPARE(one.summary,
             QString("Die Reihe ist abgesagt; ihre Termine nehmen keine Anwesenheit mehr an"));
    v1::ErrorDetails two;
    auto* first = two.add_field_violations();
    first->set_field("session.end_time");
    first->set_description("must be after start_time");
    first->mutable_localized_description()->set_message("muss nach start_time liegen");
    two.add_field_violations()->set_field("session.place.name");
    const ErrorText text = DescribeError(
        WithDetails(grpc::StatusCode::INVALID_ARGUMENT, "2 fields are invalid", two),
        {{"end_time", "Bis"}, {"start_time", "Von"}, {"name", "Ort"}});
    QCOMPARE(text.field_lines[0], QString("Bis: muss nach \u201CVon\u201D liegen"));
  }

  void unreachableAndConflictsAreRecognised() {
    QVERIFY(
        DescribeError(grpc::Status(grpc::StatusCode::UNAVAILABLE, "connect failed")).unreachable);
    QVERIFY(DescribeError(grpc::Status(grpc::StatusCode::UNAUTHENTICATED, "expired")).signed_out);
    v1::ErrorDetails details;
    details.set_conflicting_session_id(28);
    const ErrorText conflict = DescribeError(
        WithDetails(grpc::StatusCode::FAILED_PRECONDITION, "trainer 2 is already booked", details));
    QCOMPARE(conflict.conflicting_session_id, 28);
    QVERIFY(!conflict.unreachable);
  }

  void offlineQueueKeepsTheLatestMarkPerPerson() {
    QTemporaryDir dir;
    const QString path = dir.filePath("sub/offline.sqlite");
    std::string device;
    {
      OfflineQueue queue(path);
      device = queue.device_id();
      QVERIFY(!device.empty());
      queue.Add("a:1#7", 37, MarkOf(1, v1::ATTENDANCE_STATUS_PRESENT, "n1"));
      queue.Add("a:1#7", 37, MarkOf(1, v1::ATTENDANCE_STATUS_ABSENT, "n2"));
      queue.Add("a:1#7", 37, MarkOf(2, v1::ATTENDANCE_STATUS_LATE, "n3"));
      queue.Add("a:1#7", 38, MarkOf(1, v1::ATTENDANCE_STATUS_EXCUSED, "n4"));
      queue.Add("a:1#8", 37, MarkOf(1, v1::ATTENDANCE_STATUS_PRESENT, "n5"));
    }
    struct stat info {};
    QCOMPARE(::stat(path.toLocal8Bit().constData(), &info), 0);
    QCOMPARE(info.st_mode & 0777, 0600u);
    OfflineQueue queue(path);  // reopened: nothing lost, same device
    QCOMPARE(queue.device_id(), device);
    const auto pending = queue.List("a:1#7");
    QCOMPARE(static_cast<int>(pending.size()), 3);
    QCOMPARE(pending[0].mark.status(), v1::ATTENDANCE_STATUS_ABSENT);
    QCOMPARE(pending[0].mark.client_nonce(), std::string("n2"));
    QCOMPARE(queue.SessionsToSend("a:1#7"), (std::vector<int64_t>{37, 38}));
    queue.MarkRefused("a:1#7", 38, "signed off");
    QCOMPARE(queue.SessionsToSend("a:1#7"), (std::vector<int64_t>{37}));
    QCOMPARE(queue.List("a:1#7")[2].error, std::string("signed off"));
    queue.Remove("a:1#7", 37);
    QCOMPARE(static_cast<int>(queue.List("a:1#7").size()), 1);
    QCOMPARE(static_cast<int>(queue.List("a:1#8").size()), 1);  // another account's stay
    v1::AttendanceSheet sheet;
    sheet.set_session_id(37);
    sheet.set_series_title("Vielfalts-Montag");
    queue.Remember("a:1#7", "sheet/37", sheet);
    v1::AttendanceSheet recalled;
    QVERIFY(queue.Recall("a:1#7", "sheet/37", &recalled));
    QCOMPARE(recalled.series_title(), std::string("Vielfalts-Montag"));
    QVERIFY(!queue.Recall("a:1#8", "sheet/37", &recalled));
  }

  void searchIgnoresCaseAndAccents() {
    QCOMPARE(FoldForSearch("Çelik"), FoldForSearch("celik"));
    QCOMPARE(FoldForSearch("Vielfalts-MONTAG"), FoldForSearch("vielfalts-montag"));
    QVERIFY(FoldForSearch("Nguyễn Thị Lan").contains(FoldForSearch("nguyen")));
  }

  void checkInQrCodeScansToItsPayload() {
    const QByteArray payload = "trainhub-checkin:37:482913";
    const QImage image = QrImage(payload, 300);
    QVERIFY(!image.isNull());
    QTemporaryDir dir;
    const QString file = dir.filePath("qr.png");
    QVERIFY(image.save(file));
    QProcess zbar;
    zbar.start("zbarimg", {"--raw", "-q", file});
    QVERIFY2(zbar.waitForFinished(20000), "zbarimg (zbar-tools) did not run");
    QCOMPARE(zbar.readAllStandardOutput().trimmed(), payload);
  }

  void qtsOwnButtonsSpeakGerman() {
    DesktopApp::UseLanguage("de");
    QDialogButtonBox buttons(QDialogButtonBox::Save | QDialogButtonBox::Cancel |
                             QDialogButtonBox::Yes | QDialogButtonBox::No);
    QCOMPARE(buttons.button(QDialogButtonBox::Save)->text(), QString("Speichern"));
    QCOMPARE(buttons.button(QDialogButtonBox::Cancel)->text(), QString("Abbrechen"));
    QCOMPARE(buttons.button(QDialogButtonBox::Yes)->text(), QString("&Ja"));
    QCOMPARE(buttons.button(QDialogButtonBox::No)->text(), QString("&Nein"));
    DesktopApp::UseLanguage("en");
    QDialogButtonBox english(QDialogButtonBox::Cancel);
    QCOMPARE(english.button(QDialogButtonBox::Cancel)->text(), QString("Cancel"));
  }

  void keychainProblemsSpeakTheUsersLanguage() {
    DesktopApp::UseLanguage("de");
    QStringList ours;
    for (int code = QKeychain::EntryNotFound; code <= QKeychain::OtherError; ++code) {
      const QString text = TokenStore::Problem(code);
      QVERIFY2(text.contains("Schlüsselbund"), qPrintable(text));
      ours << text;
    }
    QVERIFY(TokenStore::Problem(QKeychain::NoError).isEmpty());
    ours << TokenStore::NoAnswer();
    QCOMPARE(TokenStore::NoAnswer(), QString("der Schlüsselbund hat nicht geantwortet"));
    // Whatever this machine's keychain answers, the reason is ours, in German.
    QString error;
    if (!TokenStore::Save("parts-test@127.0.0.1:1", "token", &error)) {
      QVERIFY2(ours.contains(error), qPrintable(error));
    } else {
      TokenStore::Forget("parts-test@127.0.0.1:1");
    }
    DesktopApp::UseLanguage("en");
    QCOMPARE(TokenStore::Problem(QKeychain::OtherError), QString("the keychain reported an error"));
  }

  void lateMinutesAreAskedWithinTheSession() {
    // Marked late 25 minutes into a session of 3 hours: 25 is suggested.
    QCOMPARE(MinutesLateNow(1000, 1000 + 3 * 3600, 1000 + 25 * 60 + 30), 25);
    QCOMPARE(MinutesLateNow(1000, 1000 + 3 * 3600, 900), 0);              // before it
    QCOMPARE(MinutesLateNow(1000, 1000 + 3 * 3600, 1000 + 4 * 3600), 0);  // after it
    LateMinutesDialog dialog("Олена Коваль", 90, 200);
    QCOMPARE(dialog.minutes_box()->maximum(), 90);
    QCOMPARE(dialog.minutes(), 90);
    dialog.minutes_box()->setValue(15);
    QCOMPARE(dialog.minutes(), 15);
  }

  void columnsShareTheWidthTheyHave() {
    // Everything fits: as wanted.
    QCOMPARE(FittedWidths({100, 200, 50}, 400), QList<int>({100, 200, 50}));
    // Too wide: the widest are cut to one width, the narrow ones stay.
    QCOMPARE(FittedWidths({100, 600, 400}, 600), QList<int>({100, 250, 250}));
    // Columns kept whole are never cut.
    QCOMPARE(FittedWidths({300, 140, 600, 400}, 800, {1}), QList<int>({220, 140, 220, 220}));
  }

  void reasonIsNeededBeforeConfirming() {
    ReasonDialog dialog("Revoke", "This cannot be undone.", "Revoke");
    QVERIFY(!dialog.confirm_button()->isEnabled());
    dialog.reason_edit()->setText("   ");
    QVERIFY(!dialog.confirm_button()->isEnabled());
    dialog.reason_edit()->setText(" wrong series ");
    QVERIFY(dialog.confirm_button()->isEnabled());
    QCOMPARE(dialog.reason(), QString("wrong series"));
    QCOMPARE(dialog.reason_edit()->maxLength(), 1000);
  }

  void fileIsSavedWholeAndPrivate() {
    QTemporaryDir dir;
    const QString path = dir.filePath("zertifikate.zip");
    QString error;
    QVERIFY(SaveWhole(path, "PK\x03\x04 data", true, &error));
    struct stat info {};
    QCOMPARE(::stat(path.toLocal8Bit().constData(), &info), 0);
    QCOMPARE(info.st_mode & 0777, 0600u);
    QVERIFY(!SaveWhole(dir.filePath("missing/folder/x.pdf"), "x", false, &error));
    QVERIFY(!error.isEmpty());
  }

  void everyTextOfTheCodeIsInTheGermanFile() {
    // lupdate over the code as scripts/update-translations runs it, into a
    // copy: a text added to the code but not to the file arrives unfinished.
    QDir source(QFileInfo(TRAINHUB_DESKTOP_TS_DE).absolutePath());
    QVERIFY(source.cd("../../.."));
    QTemporaryDir dir;
    const QString copy = dir.filePath("de.ts");
    QVERIFY(QFile::copy(TRAINHUB_DESKTOP_TS_DE, copy));
    QProcess lupdate;
    lupdate.setWorkingDirectory(source.path());
    lupdate.start("/usr/lib/qt6/bin/lupdate", {"-I", ".", "clients/desktop", "-ts", copy,
                                               "-no-obsolete", "-locations", "none"});
    QVERIFY2(lupdate.waitForFinished(60000) && lupdate.exitCode() == 0,
             "lupdate (qt6-l10n-tools) did not run");
    QFile updated(copy);
    QVERIFY(updated.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(updated.readAll());
    QVERIFY2(text.count("type=\"unfinished\"") == 0,
             "run scripts/update-translations and translate the new texts");
  }

  void germanTranslationIsComplete() {
    QFile ts(TRAINHUB_DESKTOP_TS_DE);
    QVERIFY(ts.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(ts.readAll());
    const int messages = text.count("<message");
    QVERIFY(messages > 100);
    QCOMPARE(text.count("type=\"unfinished\""), 0);
    QCOMPARE(text.count("<translation></translation>"), 0);
  }
};

int main(int argc, char** argv) {
  if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
  QApplication app(argc, argv);
  DesktopPartsTest test;
  return QTest::qExec(&test, argc, argv);
}

#include "desktop_parts_test.moc"
