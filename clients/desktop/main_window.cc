#include "clients/desktop/main_window.h"

#include <QActionGroup>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>

#include "clients/desktop/background.h"
#include "clients/desktop/error_text.h"
#include "clients/desktop/import_dialog.h"
#include "clients/desktop/list_all.h"
#include "clients/desktop/participant_page.h"
#include "clients/desktop/privacy_page.h"
#include "clients/desktop/reports_page.h"
#include "clients/desktop/series_page.h"
#include "clients/desktop/trainer_page.h"

namespace trainhub::desktop {

namespace v1 = trainhub::v1;

MainWindow::MainWindow(std::shared_ptr<Connection> connection, AttendanceSync& sync,
                       const v1::Account& account, QWidget* parent)
    : QMainWindow(parent), connection_(std::move(connection)), sync_(sync), account_(account) {
  setWindowTitle(tr("trainhub – %1").arg(QString::fromStdString(account.display_name())));
  tabs_ = new QTabWidget;
  setCentralWidget(tabs_);
  bool plans = false;
  for (const auto& grant : account.roles()) {
    if (grant.role() == v1::ROLE_ADMIN || grant.role() == v1::ROLE_COORDINATOR) plans = true;
  }
  AddPages(plans);
  CreateMenus(plans);
  CreateStatusBar();
  resize(1280, 800);
}

void MainWindow::AddPages(bool plans) {
  if (plans) {
    series_page_ = new SeriesPage(connection_);
    tabs_->addTab(series_page_, tr("Series"));
    series_page_->Reload();
    reports_page_ = new ReportsPage(connection_, account_);
    tabs_->addTab(reports_page_, tr("Reports"));
    reports_page_->Reload();
    privacy_page_ = new PrivacyPage(connection_, account_);
    tabs_->addTab(privacy_page_, tr("Records due for erasure"));
    privacy_page_->Reload();
  }
  for (const auto& grant : account_.roles()) {
    if (grant.role() == v1::ROLE_TRAINER && trainer_page_ == nullptr) {
      trainer_page_ = new TrainerPage(connection_, sync_, grant.trainer_id());
      tabs_->addTab(trainer_page_, tr("My sessions"));
      trainer_page_->Reload();
    }
    if (grant.role() == v1::ROLE_PARTICIPANT && participant_page_ == nullptr) {
      participant_page_ = new ParticipantPage(connection_);
      tabs_->addTab(participant_page_, tr("My series"));
      participant_page_->Reload();
    }
  }
}

void MainWindow::CreateMenus(bool plans) {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  if (plans) {
    file->addAction(tr("&Import participants…"), this, &MainWindow::OpenImport);
  }
  file->addAction(tr("&Reload"), QKeySequence::Refresh, this, [this]() {
    if (series_page_) series_page_->Reload();
    if (reports_page_) reports_page_->Reload();
    if (privacy_page_) privacy_page_->Reload();
    if (trainer_page_) trainer_page_->Reload();
    if (participant_page_) participant_page_->Reload();
    sync_.Flush();
  });
  file->addSeparator();
  file->addAction(tr("Sign &out"), this, &MainWindow::signOutRequested);
  file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
  QMenu* language = menuBar()->addMenu(tr("&Language"));
  auto* languages = new QActionGroup(this);
  const QString current = QSettings().value("language").toString();
  for (const auto& [code, name] :
       {std::pair<QString, QString>{"de", "Deutsch"}, {"en", "English"}}) {
    QAction* action = language->addAction(name);
    action->setCheckable(true);
    action->setChecked(current == code);
    languages->addAction(action);
    connect(action, &QAction::triggered, this, [this, code]() { emit languageChosen(code); });
  }
}

void MainWindow::CreateStatusBar() {
  busy_ = new QProgressBar;
  busy_->setRange(0, 0);
  busy_->setMaximumWidth(120);
  busy_->setAccessibleName(tr("Working"));
  busy_->hide();
  cancel_ = new QPushButton(tr("Cancel"));
  cancel_->setAccessibleName(tr("Cancel what is running"));
  cancel_->hide();
  sync_state_ = new QLabel;
  sync_state_->setObjectName("syncState");
  statusBar()->addWidget(sync_state_, 1);
  statusBar()->addPermanentWidget(busy_);
  statusBar()->addPermanentWidget(cancel_);
  auto* who = new QLabel(tr("Signed in as %1 at %2")
                             .arg(QString::fromStdString(account_.email()),
                                  QString::fromStdString(connection_->settings().address)));
  statusBar()->addPermanentWidget(who);
  connect(&Activity::Instance(), &Activity::busyChanged, this, [this](bool busy) {
    busy_->setVisible(busy);
    cancel_->setVisible(busy);
  });
  connect(cancel_, &QPushButton::clicked, this, [this]() { connection_->CancelAll(); });
  connect(&sync_, &AttendanceSync::stateChanged, this, &MainWindow::ShowSyncState);
  ShowSyncState(sync_.WaitingCount(), sync_.offline());
}

void MainWindow::ShowSyncState(int waiting, bool offline) {
  QString text;
  if (offline) text = tr("Offline: the server cannot be reached. ");
  if (waiting > 0) text += tr("%n attendance mark(s) not yet sent.", "", waiting);
  sync_state_->setText(text);
  sync_state_->setStyleSheet(offline || waiting > 0 ? "color: #8a5a00; font-weight: bold" : "");
}

void MainWindow::OpenImport() {
  auto connection = connection_;
  RunInBackground<Reply<std::vector<v1::Organization>>>(
      this,
      [connection]() {
        Reply<std::vector<v1::Organization>> reply;
        reply.status = ListAllOrganizations(*connection, &reply.value);
        return reply;
      },
      [this](Reply<std::vector<v1::Organization>> reply) {
        if (!reply.ok()) {
          QMessageBox::warning(this, tr("Import participants"),
                               DescribeError(reply.status).ToString());
          return;
        }
        const v1::Series* series = series_page_ ? series_page_->selected_series() : nullptr;
        auto* dialog =
            new ImportDialog(connection_, reply.value, series ? series->id() : 0,
                             series ? QString::fromStdString(series->title()) : QString(), this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &ImportDialog::imported, this, [this]() {
          if (series_page_ && series_page_->selected_series()) {
            series_page_->Reload();
          }
        });
        dialog->open();
      });
}

}  // namespace trainhub::desktop
