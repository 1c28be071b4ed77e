// The desktop tests' helpers, their start and end, the answers to the
// dialogs they open, and main(); the slots are in desktop_e2e_*_test.cc
// (desktop_e2e_test.h).

#include "tests/desktop/desktop_e2e_test.h"

#include <QDialog>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTimer>

#include "clients/desktop/background.h"
#include "clients/desktop/dialogs.h"
#include "clients/desktop/main_window.h"
#include "clients/desktop/session_dialog.h"

namespace trainhub::desktop::testing {

void Screenshot(QWidget* widget, const QString& name) {
  const QString folder = qEnvironmentVariable("TRAINHUB_SCREENSHOTS");
  if (folder.isEmpty() || widget == nullptr) return;
  QDir().mkpath(folder);
  // The picture without the busy bar of a call still running (taken after
  // 5 s in any case: a picture of a hanging call shows what went wrong).
  (void)QTest::qWaitFor(
      []() { return trainhub::desktop::Activity::Instance().running() == 0; }, 5000);
  QCoreApplication::processEvents();
  widget->grab().save(folder + "/" + name + ".png");
}

int CountOf(const QString& json, const QString& key) { return json.count("\"" + key + "\""); }

QJsonObject JsonOf(const QString& text) { return QJsonDocument::fromJson(text.toUtf8()).object(); }

int RowWith(QTableWidget* table, int column, const QString& text) {
  for (int row = 0; row < table->rowCount(); ++row) {
    if (table->item(row, column) != nullptr && table->item(row, column)->text().contains(text)) {
      return row;
    }
  }
  return -1;
}

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

bool WriteList(const QString& path, const QByteArray& text) {
  QFile file(path);
  return file.open(QIODevice::WriteOnly) && file.write(text) == text.size();
}

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

}  // namespace trainhub::desktop::testing

void DesktopE2eTest::initTestCase() {
  QString error;
  QVERIFY2(server_.Create(&error), qPrintable(error));
  QVERIFY2(server_.Start(&error), qPrintable(error));
  QVERIFY2(server_.LoadDemo(&error), qPrintable(error));
  // No keychain in a test: the token stays in memory.
  QSettings().setValue("remember", false);
}

void DesktopE2eTest::cleanupTestCase() { server_.Kill(); }

void DesktopE2eTest::AnswerNextDialog(QMessageBox::StandardButton button, const QString& screenshot,
                                      const QString& cancel_text) {
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

void DesktopE2eTest::AnswerReasonDialog(const QString& reason, const QString& screenshot) {
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

void DesktopE2eTest::WatchForPreview(int* rows, QString* notes) {
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

std::unique_ptr<DesktopApp> DesktopE2eTest::SignIn(const QString& email, const QString& language) {
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

// The test class's moc output here rather than in a file of its own (one
// compilation of the Qt headers fewer).
#include "moc_desktop_e2e_test.cpp"
