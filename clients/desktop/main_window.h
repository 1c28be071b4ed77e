#ifndef TRAINHUB_CLIENTS_DESKTOP_MAIN_WINDOW_H_
#define TRAINHUB_CLIENTS_DESKTOP_MAIN_WINDOW_H_

// The signed-in window: a page per role the account holds (coordinators and
// admins: series, funder reports, records due for erasure; trainers: my sessions and their sheets;
// participants: my series, attendance and certificates), a busy indicator with Cancel, the offline
// state, and the menus (import, sign out, language).

#include <QLabel>
#include <QMainWindow>
#include <QProgressBar>
#include <QPushButton>
#include <QTabWidget>
#include <memory>

#include "clients/desktop/attendance_sync.h"
#include "clients/desktop/connection.h"

namespace trainhub::desktop {

class ParticipantPage;
class PrivacyPage;
class ReportsPage;
class SeriesPage;
class TrainerPage;

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  MainWindow(std::shared_ptr<Connection> connection, AttendanceSync& sync,
             const trainhub::v1::Account& account, QWidget* parent = nullptr);

  SeriesPage* series_page() { return series_page_; }
  ReportsPage* reports_page() { return reports_page_; }
  PrivacyPage* privacy_page() { return privacy_page_; }
  TrainerPage* trainer_page() { return trainer_page_; }
  ParticipantPage* participant_page() { return participant_page_; }
  QTabWidget* tabs() { return tabs_; }

 signals:
  void signOutRequested();
  // The user chose a language ("de", "en"); the window is rebuilt in it.
  void languageChosen(const QString& language);

 private:
  // The constructor's parts: the pages the account's roles give (`plans`:
  // a coordinator's or an admin's), the menus, the status bar.
  void AddPages(bool plans);
  void CreateMenus(bool plans);
  void CreateStatusBar();
  void OpenImport();
  void ShowSyncState(int waiting, bool offline);

  std::shared_ptr<Connection> connection_;
  AttendanceSync& sync_;
  trainhub::v1::Account account_;
  QTabWidget* tabs_;
  SeriesPage* series_page_ = nullptr;
  ReportsPage* reports_page_ = nullptr;
  PrivacyPage* privacy_page_ = nullptr;
  TrainerPage* trainer_page_ = nullptr;
  ParticipantPage* participant_page_ = nullptr;
  QProgressBar* busy_;
  QPushButton* cancel_;
  QLabel* sync_state_;
};

}  // namespace trainhub::desktop

#endif  // TRAINHUB_CLIENTS_DESKTOP_MAIN_WINDOW_H_
