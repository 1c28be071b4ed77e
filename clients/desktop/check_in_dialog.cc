#include "clients/desktop/check_in_dialog.h"

#include <qrencode.h>

#include <QHBoxLayout>
#include <QImage>
#include <QPainter>
#include <QPixmap>
#include <QVBoxLayout>

#include "clients/desktop/background.h"
#include "clients/desktop/error_text.h"
#include "clients/desktop/server_call.h"
#include "clients/desktop/time_text.h"

namespace trainhub::desktop {

namespace v1 = trainhub::v1;

namespace {

// How long check-in stays open when the trainer starts it.
constexpr int kCheckInMinutes = 30;

}  // namespace

QImage QrImage(const QByteArray& payload, int size) {
  QRcode* code = QRcode_encodeData(
      payload.size(), reinterpret_cast<const unsigned char*>(payload.constData()), 0, QR_ECLEVEL_M);
  if (code == nullptr) return {};
  // A quiet zone of four modules around the code, as scanners need.
  const int modules = code->width + 8;
  QImage image(size, size, QImage::Format_RGB32);
  image.fill(Qt::white);
  QPainter painter(&image);
  const double cell = static_cast<double>(size) / modules;
  for (int y = 0; y < code->width; ++y) {
    for (int x = 0; x < code->width; ++x) {
      if (code->data[y * code->width + x] & 1) {
        painter.fillRect(QRectF((x + 4) * cell, (y + 4) * cell, cell, cell), Qt::black);
      }
    }
  }
  QRcode_free(code);
  return image;
}

CheckInDialog::CheckInDialog(std::shared_ptr<Connection> connection, qint64 session_id,
                             QWidget* parent)
    : QDialog(parent), connection_(std::move(connection)), session_id_(session_id) {
  setWindowTitle(tr("Check-in"));
  auto* heading = new QLabel(tr("Check in: enter this code in trainhub or scan the QR code"));
  heading->setAlignment(Qt::AlignCenter);
  heading->setStyleSheet("font-size: 20pt");
  code_ = new QLabel;
  code_->setObjectName("code");
  code_->setAlignment(Qt::AlignCenter);
  code_->setStyleSheet("font-size: 96pt; font-weight: bold; letter-spacing: 12px");
  code_->setAccessibleName(tr("Check-in code"));
  qr_ = new QLabel;
  qr_->setAlignment(Qt::AlignCenter);
  qr_->setAccessibleName(tr("Check-in QR code"));
  info_ = new QLabel;
  info_->setAlignment(Qt::AlignCenter);
  info_->setWordWrap(true);
  info_->setStyleSheet("font-size: 14pt");
  end_ = new QPushButton(tr("&End check-in"));
  auto* hide = new QPushButton(tr("&Hide (check-in stays open)"));
  auto* buttons = new QHBoxLayout;
  buttons->addStretch();
  buttons->addWidget(hide);
  buttons->addWidget(end_);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(heading);
  layout->addWidget(code_, 1);
  layout->addWidget(qr_, 2);
  layout->addWidget(info_);
  layout->addLayout(buttons);
  connect(hide, &QPushButton::clicked, this, &QDialog::accept);
  connect(end_, &QPushButton::clicked, this, &CheckInDialog::End);
  refresh_.setSingleShot(true);
  connect(&refresh_, &QTimer::timeout, this, &CheckInDialog::Refresh);
  Open();
}

void CheckInDialog::Open() {
  v1::OpenCheckInRequest request;
  request.set_session_id(session_id_);
  request.set_minutes(kCheckInMinutes);
  request.set_request_id(NewRequestId());
  CallInBackground(this, connection_, &Connection::attendance,
                   &v1::AttendanceService::Stub::OpenCheckIn, request,
                   [this](Reply<v1::CheckInWindow> reply) {
                     if (!reply.ok()) {
                       code_->clear();
                       info_->setText(DescribeError(reply.status).ToString());
                       return;
                     }
                     Show(reply.value);
                   });
}

void CheckInDialog::Refresh() {
  v1::GetCheckInCodeRequest request;
  request.set_session_id(session_id_);
  CallInBackground(this, connection_, &Connection::attendance,
                   &v1::AttendanceService::Stub::GetCheckInCode, request, std::chrono::seconds(5),
                   [this](Reply<v1::CheckInWindow> reply) {
                     if (!reply.ok()) {
                       info_->setText(DescribeError(reply.status).ToString());
                       refresh_.start(3000);  // the old code stays valid for one more slot
                       return;
                     }
                     Show(reply.value);
                   });
}

void CheckInDialog::Show(const v1::CheckInWindow& window) {
  window_ = window;
  if (!window.open()) {
    code_->setText(QStringLiteral("—"));
    qr_->clear();
    info_->setText(tr("Check-in is closed."));
    end_->setEnabled(false);
    return;
  }
  code_->setText(QString::fromStdString(window.code()));
  const int side = std::max(160, std::min(width(), height()) / 2);
  qr_->setPixmap(QPixmap::fromImage(QrImage(QByteArray::fromStdString(window.qr_payload()), side)));
  info_->setText(tr("Open until %1. The code changes every 30 seconds.")
                     .arg(ToBerlin(window.close_time()).toString("HH:mm")));
  const qint64 now = QDateTime::currentSecsSinceEpoch();
  const qint64 wait = std::clamp<qint64>(window.code_expire_time().seconds() - now, 1, 30);
  refresh_.start(static_cast<int>(wait * 1000));
  emit codeShown();
}

void CheckInDialog::End() {
  v1::CloseCheckInRequest request;
  request.set_session_id(session_id_);
  request.set_request_id(NewRequestId());
  refresh_.stop();
  CallInBackground(this, connection_, &Connection::attendance,
                   &v1::AttendanceService::Stub::CloseCheckIn, request,
                   [this](Reply<v1::CheckInWindow> reply) {
                     if (!reply.ok()) {
                       info_->setText(DescribeError(reply.status).ToString());
                       return;
                     }
                     accept();
                   });
}

}  // namespace trainhub::desktop
