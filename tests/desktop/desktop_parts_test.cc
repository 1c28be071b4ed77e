// The desktop client's parts that need no server: errors in the words of
// the form, the offline queue's file, search folding, the check-in QR
// code, and the German translation being complete.

#include <sys/stat.h>

#include <QApplication>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "clients/desktop/check_in_dialog.h"
#include "clients/desktop/error_text.h"
#include "clients/desktop/offline_queue.h"
#include "clients/desktop/text_search.h"
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
