// The desktop client against a real trainhubd with the demo data, as its
// users work: a coordinator plans a session and meets a double booking,
// enrols people past a series' capacity; a trainer records a sheet while
// the server is down and it arrives once after the restart; a participant
// opens their certificate PDF. Set TRAINHUB_SCREENSHOTS=DIR to keep
// pictures of the windows (docs/desktop.md shows them).
//
// One test class: its slots run in the order declared here, each window
// working on what the slots before left in the shared server. They are
// defined by subject in desktop_e2e_*_test.cc; the helpers and main() in
// desktop_e2e_test.cc.

#ifndef TRAINHUB_TESTS_DESKTOP_DESKTOP_E2E_TEST_H_
#define TRAINHUB_TESTS_DESKTOP_DESKTOP_E2E_TEST_H_

#include <QApplication>
#include <QJsonObject>
#include <QMessageBox>
#include <QObject>
#include <QString>
#include <QtTest>
#include <memory>

#include "clients/desktop/desktop_app.h"
#include "tests/desktop/desktop_server.h"

class QTableWidget;
namespace trainhub::desktop {
class SessionDialog;
}  // namespace trainhub::desktop
namespace trainhub::v1 {
class Organization;
}  // namespace trainhub::v1

namespace trainhub::desktop::testing {

constexpr int kWait = 20000;  // ms; the first calls of a fresh server take a moment

// Saves a picture of `widget` as NAME.png when TRAINHUB_SCREENSHOTS is set.
void Screenshot(QWidget* widget, const QString& name);

int CountOf(const QString& json, const QString& key);

QJsonObject JsonOf(const QString& text);

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
int RowWith(QTableWidget* table, int column, const QString& text);

// The row of `table` whose first cell carries the person's id (Qt::UserRole), or -1.
int RowOfPerson(QTableWidget* table, qint64 participant_id);

QByteArray ReadFile(const QString& path);

// The text of every cell of `table`, row by row.
QString TableText(QTableWidget* table);

// Writes the list `text` (a spreadsheet saved as CSV) to `path`.
bool WriteList(const QString& path, const QByteArray& text);

// The demo's AGSA, as the import dialog lists it.
trainhub::v1::Organization Agsa();

// Ticks or clears the trainer with this id in the session dialog.
bool CheckTrainer(trainhub::desktop::SessionDialog* dialog, qint64 trainer_id, bool checked);

// Fills `dialog` with an afternoon of Dr. Jonas Keller (trainer 2) when he
// teaches for the city of Dessau-Roßlau (01.03.2027 14:00-17:00, demo data).
bool FillKellersBusyAfternoon(trainhub::desktop::SessionDialog* dialog);

}  // namespace trainhub::desktop::testing

// The names the slots use unqualified.
using trainhub::desktop::DesktopApp;
using trainhub::desktop::testing::Agsa;
using trainhub::desktop::testing::CheckTrainer;
using trainhub::desktop::testing::CountOf;
using trainhub::desktop::testing::DesktopServer;
using trainhub::desktop::testing::FillKellersBusyAfternoon;
using trainhub::desktop::testing::JsonOf;
using trainhub::desktop::testing::kDemoPassword;
using trainhub::desktop::testing::kWait;
using trainhub::desktop::testing::OpenDialog;
using trainhub::desktop::testing::ReadFile;
using trainhub::desktop::testing::RowOfPerson;
using trainhub::desktop::testing::RowWith;
using trainhub::desktop::testing::Screenshot;
using trainhub::desktop::testing::TableText;
using trainhub::desktop::testing::WriteList;
namespace v1 = trainhub::v1;

class DesktopE2eTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase();
  void cleanupTestCase();
  void coordinatorPlansSessionWithConflictWarning();
  void coordinatorEnrolsPastCapacity();
  void trainerRecordsOfflineAndSendsOnce();
  void resentMarksChangeNothing();
  void participantChecksInWithTheTrainersCode();
  void trainerSignsOffTheSheet();
  void coordinatorSeesForecastAndPreviewsCertificates();
  void coordinatorImportsAfterACheck();
  void coordinatorImportsApprenticesWithTheirStartOfTraining();
  void participantOpensCertificatePdf();
  void coordinatorCorrectsASignedOffSheetWithAReasonPerChange();
  void coordinatorRevokesIssuesAndZipsCertificates();
  void coordinatorSeesAndSavesTheFunderReport();
  void coordinatorErasesAPersonWhoseRecordsAreDue();
  void longTitlesStayApartAndColumnsFitAt1280();
  void germanWindowsSpeakGerman();
  void trainerRecordsOnlyExcusedBeforeTheStart();
  void coordinatorSeesWhoNoLongerMeetsARequirement();
  void everyControlHasAName();
  void signsInOverTlsWithTheCaFile();
  void germanIsShipped();

 private:
  // Presses `button` in the next message box that opens. For another
  // dialog (`screenshot` names its picture) No presses its button reading
  // `cancel_text`.
  void AnswerNextDialog(QMessageBox::StandardButton button, const QString& screenshot = {},
                        const QString& cancel_text = {});

  // Answers the next ReasonDialog: with `reason` and its confirming button,
  // or Cancel when `reason` is empty.
  void AnswerReasonDialog(const QString& reason, const QString& screenshot = {});

  // Reads the certificate preview's table once it is open, then closes it.
  void WatchForPreview(int* rows, QString* notes);

  // The application signed in as `email` (the demo password), its window shown.
  std::unique_ptr<DesktopApp> SignIn(const QString& email, const QString& language = "en");

  DesktopServer server_;
};

#endif  // TRAINHUB_TESTS_DESKTOP_DESKTOP_E2E_TEST_H_
