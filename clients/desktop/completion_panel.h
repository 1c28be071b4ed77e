#ifndef TRAINHUB_CLIENTS_DESKTOP_COMPLETION_PANEL_H_
#define TRAINHUB_CLIENTS_DESKTOP_COMPLETION_PANEL_H_

// A series' completion forecast (who is on track, at risk, cannot complete)
// with the people at risk highlighted, and issuing its certificates: first
// a preview of who gets a Zertifikat or a Teilnahmebestätigung, then, once
// the coordinator agrees, the issue itself; or one person's certificate
// alone, after a confirmation.

#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <memory>

#include "clients/desktop/connection.h"

namespace trainhub::desktop {

class CompletionPanel : public QWidget {
  Q_OBJECT
 public:
  explicit CompletionPanel(std::shared_ptr<Connection> connection, QWidget* parent = nullptr);

  void ShowSeries(const trainhub::v1::Series& series);
  void Reload();
  // Asks the server who would get what, shows it, and issues on agreement.
  void IssueCertificates();
  // Issues the selected person's certificate after a confirmation.
  void IssueSelected();
  // Selects the person's row; false when not listed.
  bool SelectPerson(qint64 participant_id);

  QTableWidget* table() { return table_; }
  QLabel* message() { return message_; }

 signals:
  void loaded();
  // Certificates were issued (all at once or one).
  void issued();

 private:
  std::shared_ptr<Connection> connection_;
  qint64 series_id_ = 0;
  // What the last issue answered; stays under the forecast's summary.
  QString last_action_;
  QLabel* message_;
  QTableWidget* table_;
  QPushButton* refresh_;
  QPushButton* issue_;
  QPushButton* issue_one_;
};

}  // namespace trainhub::desktop

#endif  // TRAINHUB_CLIENTS_DESKTOP_COMPLETION_PANEL_H_
