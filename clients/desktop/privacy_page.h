#ifndef TRAINHUB_CLIENTS_DESKTOP_PRIVACY_PAGE_H_
#define TRAINHUB_CLIENTS_DESKTOP_PRIVACY_PAGE_H_

// Records whose keeping time has ended (GDPR): the people of an
// organisation whose records need not be kept any longer, with the series
// and the day their keeping ended; erasing one of them after a
// confirmation that names what goes and what stays (it cannot be undone).

#include <QComboBox>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <memory>
#include <vector>

#include "clients/desktop/connection.h"

namespace trainhub::desktop {

class PrivacyPage : public QWidget {
  Q_OBJECT
 public:
  PrivacyPage(std::shared_ptr<Connection> connection, const trainhub::v1::Account& account,
              QWidget* parent = nullptr);

  // Loads the organisations to choose from and the people due.
  void Reload();
  // Asks for a reason and a confirmation (a ReasonDialog, "eraseDialog"),
  // then erases the selected person's personal data.
  void EraseSelected();
  // Selects the row of the person; false when not listed.
  bool SelectPerson(qint64 participant_id);

  QComboBox* organization() { return organization_; }
  QTableWidget* table() { return table_; }
  QLabel* message() { return message_; }
  const std::vector<trainhub::v1::ErasureDue>& due() const { return due_; }

 signals:
  void dueLoaded();
  // An erasure finished (successfully or not).
  void erased();

 private:
  void LoadDue();

  std::shared_ptr<Connection> connection_;
  bool admin_ = false;
  qint64 own_organization_ = 0;
  std::vector<trainhub::v1::ErasureDue> due_;
  QComboBox* organization_;
  QTableWidget* table_;
  QLabel* message_;
  QPushButton* refresh_;
  QPushButton* erase_;
};

}  // namespace trainhub::desktop

#endif  // TRAINHUB_CLIENTS_DESKTOP_PRIVACY_PAGE_H_
