#include "clients/desktop/certificates_panel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QSaveFile>
#include <QVBoxLayout>

#include "clients/desktop/background.h"
#include "clients/desktop/error_text.h"
#include "clients/desktop/labels.h"
#include "clients/desktop/list_all.h"
#include "clients/desktop/server_call.h"
#include "clients/desktop/time_text.h"
#include "clients/desktop/widgets.h"

namespace trainhub::desktop {

namespace v1 = trainhub::v1;

namespace {

// A ZIP of a series' PDFs larger than this is not taken (a bound on what a
// misbehaving server can write to the disk).
constexpr qint64 kMaxZipBytes = qint64{4} << 30;

constexpr char kDone[] = "#1b5e20";

FieldLabels CertificateLabels() {
  return {{"reason", CertificatesPanel::tr("Reason")},
          {"serial", CertificatesPanel::tr("Number")},
          {"series_id", CertificatesPanel::tr("Series")}};
}

// What the ZIP download answers: how many bytes were written, or why not.
struct ZipResult {
  grpc::Status status;
  qint64 bytes = 0;
  QString file_error;  // the file could not be written
};

}  // namespace

CertificatesPanel::CertificatesPanel(std::shared_ptr<Connection> connection, QWidget* parent)
    : QWidget(parent), connection_(std::move(connection)), choose_file_(FileDialogChooser()) {
  table_ = NewReadOnlyTable(
      {tr("Number"), tr("Kind"), tr("Holder"), tr("Issued"), tr("Status"), tr("Note")},
      tr("Certificates of the series"));
  message_ = new QLabel;
  message_->setObjectName("message");
  message_->setWordWrap(true);
  message_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  include_invalid_ = new QCheckBox(tr("Include revoked and replaced ones in the ZIP"));
  refresh_ = new QPushButton(tr("&Refresh"));
  revoke_ = new QPushButton(tr("Re&voke…"));
  reissue_ = new QPushButton(tr("Reiss&ue…"));
  zip_ = new QPushButton(tr("Save all as &ZIP…"));
  revoke_->setEnabled(false);
  reissue_->setEnabled(false);
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(refresh_);
  buttons->addWidget(revoke_);
  buttons->addWidget(reissue_);
  buttons->addStretch();
  buttons->addWidget(include_invalid_);
  buttons->addWidget(zip_);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(table_, 1);
  layout->addWidget(message_);
  layout->addLayout(buttons);
  connect(refresh_, &QPushButton::clicked, this, &CertificatesPanel::Reload);
  connect(revoke_, &QPushButton::clicked, this, &CertificatesPanel::RevokeSelected);
  connect(reissue_, &QPushButton::clicked, this, &CertificatesPanel::ReissueSelected);
  connect(zip_, &QPushButton::clicked, this, &CertificatesPanel::SaveZip);
  connect(table_, &QTableWidget::itemSelectionChanged, this, [this]() {
    const v1::Certificate* c = Selected();
    const bool valid = c != nullptr && c->status() == v1::CERTIFICATE_STATUS_VALID;
    revoke_->setEnabled(valid);
    reissue_->setEnabled(valid);
  });
}

void CertificatesPanel::ShowSeries(const v1::Series& series) {
  series_id_ = series.id();
  series_title_ = QString::fromStdString(series.title());
  message_->clear();
  Reload();
}

void CertificatesPanel::Reload() {
  if (series_id_ == 0) return;
  v1::ListCertificatesRequest request;
  request.set_series_id(series_id_);
  auto connection = connection_;
  RunInBackground<Reply<std::vector<v1::Certificate>>>(
      this,
      [connection, request]() {
        Reply<std::vector<v1::Certificate>> reply;
        reply.status = ListAll<v1::CertificateService::Stub>(
            *connection, connection->certificates(),
            &v1::CertificateService::Stub::ListCertificates, request,
            [&reply](const v1::ListCertificatesResponse& page) {
              reply.value.insert(reply.value.end(), page.certificates().begin(),
                                 page.certificates().end());
            });
        return reply;
      },
      [this, series_id = series_id_](Reply<std::vector<v1::Certificate>> reply) {
        if (series_id != series_id_) return;
        const v1::Certificate* before = Selected();
        const std::string keep = before ? before->serial() : std::string();
        const QSignalBlocker blocker(table_);
        table_->setRowCount(0);
        if (!reply.ok()) {
          certificates_.clear();
          message_->setText(DescribeError(reply.status, CertificateLabels()).ToString());
          return;
        }
        certificates_ = std::move(reply.value);
        for (const auto& c : certificates_) {
          const int row = table_->rowCount();
          table_->insertRow(row);
          table_->setItem(row, 0, new QTableWidgetItem(QString::fromStdString(c.serial())));
          table_->setItem(row, 1, new QTableWidgetItem(Labels::Outcome(c.outcome())));
          // An erased holder's certificate keeps no name.
          table_->setItem(
              row, 2,
              new QTableWidgetItem(c.holder_name().empty()
                                       ? tr("erased (person %1)").arg(c.participant_id())
                                       : QString::fromStdString(c.holder_name())));
          table_->setItem(row, 3, new QTableWidgetItem(FormatDateTime(c.issue_time()).left(10)));
          table_->setItem(row, 4, new QTableWidgetItem(Labels::CertificateStatus(c.status())));
          QString note;
          if (c.status() == v1::CERTIFICATE_STATUS_REVOKED) {
            note = tr("revoked on %1: %2")
                       .arg(FormatDateTime(c.revoke_time()).left(10),
                            QString::fromStdString(c.revoke_reason()));
          } else if (!c.superseded_by().empty()) {
            note = tr("replaced by %1: %2")
                       .arg(QString::fromStdString(c.superseded_by()),
                            QString::fromStdString(c.revoke_reason()));
          } else if (!c.supersedes().empty()) {
            note = tr("replaces %1").arg(QString::fromStdString(c.supersedes()));
          }
          auto* note_item = new QTableWidgetItem(note);
          note_item->setToolTip(note);
          table_->setItem(row, 5, note_item);
          if (c.status() != v1::CERTIFICATE_STATUS_VALID) {
            for (int column = 0; column < table_->columnCount(); ++column) {
              table_->item(row, column)->setForeground(QColor("#6b6b6b"));
            }
          }
        }
        FitColumnsToWidth(table_, {0, 3});  // numbers and dates stay whole
        if (!keep.empty()) SelectSerial(QString::fromStdString(keep));
        revoke_->setEnabled(Selected() && Selected()->status() == v1::CERTIFICATE_STATUS_VALID);
        reissue_->setEnabled(revoke_->isEnabled());
        if (certificates_.empty()) message_->setText(tr("No certificates issued yet."));
        emit loaded();
      });
}

bool CertificatesPanel::SelectSerial(const QString& serial) {
  for (int row = 0; row < table_->rowCount(); ++row) {
    if (table_->item(row, 0)->text() == serial) {
      table_->selectRow(row);
      return true;
    }
  }
  return false;
}

const v1::Certificate* CertificatesPanel::Selected() const {
  const auto rows = table_->selectionModel()->selectedRows();
  if (rows.isEmpty()) return nullptr;
  const std::string serial = table_->item(rows.first().row(), 0)->text().toStdString();
  for (const auto& c : certificates_) {
    if (c.serial() == serial) return &c;
  }
  return nullptr;
}

void CertificatesPanel::RevokeSelected() { ChangeSelected(true); }

void CertificatesPanel::ReissueSelected() { ChangeSelected(false); }

void CertificatesPanel::ChangeSelected(bool revoke) {
  const v1::Certificate* c = Selected();
  if (c == nullptr) return;
  const QString serial = QString::fromStdString(c->serial());
  const QString holder = QString::fromStdString(c->holder_name());
  const QString kind = Labels::Outcome(c->outcome());
  ReasonDialog ask(
      revoke ? tr("Revoke a certificate") : tr("Reissue a certificate"),
      revoke ? tr("Revoke the %1 %2 of %3?\n\nThis cannot be undone: from now on anyone who "
                  "checks the number is told that it was revoked, with the reason you give "
                  "here.")
                   .arg(kind, serial, holder)
             : tr("Replace the %1 %2 of %3 by a new one made from today's data (e.g. after a "
                  "name was corrected)?\n\nThe old number then counts as replaced; anyone who "
                  "checks it is told so, with the reason you give here.")
                   .arg(kind, serial, holder),
      revoke ? tr("Revoke") : tr("Reissue"), this);
  ask.setObjectName("reasonDialog");
  // `c` may be gone once the dialog returns (a reload meanwhile).
  c = nullptr;
  if (ask.exec() != QDialog::Accepted) return;
  const std::string reason = ask.reason().toStdString();
  const std::string request_id = NewRequestId();
  message_->setStyleSheet({});
  message_->setText(revoke ? tr("Revoking…") : tr("Reissuing…"));
  auto done = [this, revoke, serial](Reply<v1::Certificate> reply) {
    if (!reply.ok()) {
      message_->setStyleSheet(QStringLiteral("color: %1").arg(kErrorColour));
      message_->setText(DescribeError(reply.status, CertificateLabels()).ToString());
      return;
    }
    message_->setStyleSheet(QStringLiteral("color: %1").arg(kDone));
    message_->setText(
        revoke ? tr("%1 is revoked.").arg(serial)
               : tr("%1 replaces %2.").arg(QString::fromStdString(reply.value.serial()), serial));
    Reload();
    emit changed();
  };
  if (revoke) {
    v1::RevokeCertificateRequest request;
    request.set_serial(serial.toStdString());
    request.set_reason(reason);
    request.set_request_id(request_id);
    CallInBackground(this, connection_, &Connection::certificates,
                     &v1::CertificateService::Stub::RevokeCertificate, request, done);
  } else {
    v1::ReissueCertificateRequest request;
    request.set_serial(serial.toStdString());
    request.set_reason(reason);
    request.set_request_id(request_id);
    CallInBackground(this, connection_, &Connection::certificates,
                     &v1::CertificateService::Stub::ReissueCertificate, request,
                     std::chrono::seconds(120), done);
  }
}

void CertificatesPanel::SaveZip() {
  if (series_id_ == 0) return;
  const QString path =
      choose_file_(this, tr("Certificates series %1.zip").arg(series_id_), tr("ZIP files (*.zip)"));
  if (path.isEmpty()) return;
  v1::DownloadCertificatesRequest request;
  request.set_series_id(series_id_);
  request.set_include_invalid(include_invalid_->isChecked());
  message_->setStyleSheet({});
  message_->setText(tr("Saving the certificates…"));
  zip_->setEnabled(false);
  auto connection = connection_;
  RunInBackground<ZipResult>(
      this,
      [connection, request, path]() {
        ZipResult result;
        // Written whole or not at all; it holds the holders' names.
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly)) {
          result.file_error = file.errorString();
          return result;
        }
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        result.status = connection->Receive(
            connection->certificates(), &v1::CertificateService::Stub::DownloadCertificates,
            request, [&](const v1::FileChunk& chunk) {
              result.bytes += static_cast<qint64>(chunk.data().size());
              if (result.bytes > kMaxZipBytes) {
                result.file_error = CertificatesPanel::tr("the file is larger than 4 GB");
                return false;
              }
              if (file.write(chunk.data().data(), static_cast<qint64>(chunk.data().size())) !=
                  static_cast<qint64>(chunk.data().size())) {
                result.file_error = file.errorString();
                return false;
              }
              return true;
            });
        if (result.status.ok() && result.file_error.isEmpty() && !file.commit()) {
          result.file_error = file.errorString();
        }
        return result;
      },
      [this, path](ZipResult result) {
        zip_->setEnabled(true);
        if (!result.file_error.isEmpty()) {
          message_->setStyleSheet(QStringLiteral("color: %1").arg(kErrorColour));
          message_->setText(tr("%1 could not be written: %2").arg(path, result.file_error));
          emit zipFinished({});
          return;
        }
        if (!result.status.ok()) {
          message_->setStyleSheet(QStringLiteral("color: %1").arg(kErrorColour));
          message_->setText(DescribeError(result.status, CertificateLabels()).ToString());
          emit zipFinished({});
          return;
        }
        message_->setStyleSheet(QStringLiteral("color: %1").arg(kDone));
        message_->setText(
            tr("Saved %1 (%2).").arg(path, QLocale().formattedDataSize(result.bytes)));
        emit zipFinished(path);
      });
}

}  // namespace trainhub::desktop
