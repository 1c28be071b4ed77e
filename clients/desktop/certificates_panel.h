#ifndef TRAINHUB_CLIENTS_DESKTOP_CERTIFICATES_PANEL_H_
#define TRAINHUB_CLIENTS_DESKTOP_CERTIFICATES_PANEL_H_

// The certificates issued for a series, for its coordinators: each with its
// number, kind, holder and status; revoking one (with a reason, after a
// confirmation: it cannot be undone), reissuing one from today's data, and
// saving every PDF of the series as one ZIP file.

#include <QCheckBox>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <memory>
#include <vector>

#include "clients/desktop/connection.h"
#include "clients/desktop/dialogs.h"

namespace trainhub::desktop {

class CertificatesPanel : public QWidget {
  Q_OBJECT
 public:
  explicit CertificatesPanel(std::shared_ptr<Connection> connection, QWidget* parent = nullptr);

  void ShowSeries(const trainhub::v1::Series& series);
  void Reload();
  // Revokes / reissues the selected certificate after asking for a reason
  // in a ReasonDialog ("reasonDialog").
  void RevokeSelected();
  void ReissueSelected();
  // Asks where to save the series' PDFs as one ZIP and saves it there.
  void SaveZip();
  // Selects the row of the certificate `serial`; false when not listed.
  bool SelectSerial(const QString& serial);

  void set_choose_file(ChooseSaveFile choose) { choose_file_ = std::move(choose); }
  QTableWidget* table() { return table_; }
  QCheckBox* include_invalid() { return include_invalid_; }
  QLabel* message() { return message_; }
  const std::vector<trainhub::v1::Certificate>& certificates() const { return certificates_; }

 signals:
  void loaded();
  // A certificate was revoked or reissued.
  void changed();
  // The ZIP was saved at `path`, or saving it failed (`path` empty).
  void zipFinished(const QString& path);

 private:
  const trainhub::v1::Certificate* Selected() const;
  void ChangeSelected(bool revoke);

  std::shared_ptr<Connection> connection_;
  qint64 series_id_ = 0;
  QString series_title_;
  std::vector<trainhub::v1::Certificate> certificates_;
  ChooseSaveFile choose_file_;
  QTableWidget* table_;
  QLabel* message_;
  QCheckBox* include_invalid_;
  QPushButton* revoke_;
  QPushButton* reissue_;
  QPushButton* zip_;
  QPushButton* refresh_;
};

}  // namespace trainhub::desktop

#endif  // TRAINHUB_CLIENTS_DESKTOP_CERTIFICATES_PANEL_H_
