#ifndef TRAINHUB_CLIENTS_DESKTOP_CHECK_IN_DIALOG_H_
#define TRAINHUB_CLIENTS_DESKTOP_CHECK_IN_DIALOG_H_

// Self check-in, full screen for the room: opens check-in for a session and
// shows the current six-digit code and its QR code, fetching the next one
// as each expires (every 30 seconds). Esc hides it (check-in stays open
// until its time ends); "End check-in" closes it on the server.

#include <QDialog>
#include <QLabel>
#include <QPushButton>
#include <QTimer>
#include <memory>

#include "clients/desktop/connection.h"

namespace trainhub::desktop {

class CheckInDialog : public QDialog {
  Q_OBJECT
 public:
  CheckInDialog(std::shared_ptr<Connection> connection, qint64 session_id,
                QWidget* parent = nullptr);

  QLabel* code() { return code_; }
  const trainhub::v1::CheckInWindow& window() const { return window_; }

 signals:
  void codeShown();

 private:
  void Open();
  void Refresh();
  void Show(const trainhub::v1::CheckInWindow& window);
  void End();

  std::shared_ptr<Connection> connection_;
  qint64 session_id_;
  trainhub::v1::CheckInWindow window_;
  QLabel* code_;
  QLabel* qr_;
  QLabel* info_;
  QPushButton* end_;
  QTimer refresh_;
};

// `payload` as a QR code image, `size` pixels wide (null on failure).
QImage QrImage(const QByteArray& payload, int size);

}  // namespace trainhub::desktop

#endif  // TRAINHUB_CLIENTS_DESKTOP_CHECK_IN_DIALOG_H_
