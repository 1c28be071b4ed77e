#include "clients/desktop/completion_panel.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QVBoxLayout>

#include "clients/desktop/background.h"
#include "clients/desktop/error_text.h"
#include "clients/desktop/labels.h"
#include "clients/desktop/server_call.h"
#include "clients/desktop/widgets.h"

namespace trainhub::desktop {

namespace v1 = trainhub::v1;

namespace {

QString ProgressText(v1::CompletionProgress progress) {
  switch (progress) {
    case v1::COMPLETION_PROGRESS_ON_TRACK:
      return CompletionPanel::tr("On track");
    case v1::COMPLETION_PROGRESS_AT_RISK:
      return CompletionPanel::tr("At risk");
    case v1::COMPLETION_PROGRESS_CANNOT_COMPLETE:
      return CompletionPanel::tr("Cannot complete");
    case v1::COMPLETION_PROGRESS_COMPLETED:
      return CompletionPanel::tr("Completed");
    case v1::COMPLETION_PROGRESS_NOT_COMPLETED:
      return CompletionPanel::tr("Not completed");
    default:
      return {};
  }
}

}  // namespace

CompletionPanel::CompletionPanel(std::shared_ptr<Connection> connection, QWidget* parent)
    : QWidget(parent), connection_(std::move(connection)) {
  message_ = new QLabel;
  message_->setObjectName("message");
  message_->setWordWrap(true);
  table_ = NewReadOnlyTable({tr("Person"), tr("Progress"), tr("Would get"), tr("Modules"),
                             tr("Excused"), tr("Absent"), tr("Why")},
                            tr("Completion forecast"));
  refresh_ = new QPushButton(tr("&Refresh"));
  issue_ = new QPushButton(tr("&Issue certificates…"));
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(refresh_);
  buttons->addStretch();
  buttons->addWidget(issue_);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(table_, 1);
  layout->addWidget(message_);
  layout->addLayout(buttons);
  connect(refresh_, &QPushButton::clicked, this, &CompletionPanel::Reload);
  connect(issue_, &QPushButton::clicked, this, &CompletionPanel::IssueCertificates);
}

void CompletionPanel::ShowSeries(const v1::Series& series) {
  series_id_ = series.id();
  Reload();
}

void CompletionPanel::Reload() {
  v1::EvaluateCompletionRequest request;
  request.set_series_id(series_id_);
  CallInBackground(
      this, connection_, &Connection::certificates,
      &v1::CertificateService::Stub::EvaluateCompletion, request,
      [this, series_id = series_id_](Reply<v1::CompletionReport> reply) {
        if (series_id != series_id_) return;
        table_->setRowCount(0);
        if (!reply.ok()) {
          message_->setText(DescribeError(reply.status).ToString());
          return;
        }
        int at_risk = 0;
        for (const auto& person : reply.value.people()) {
          const int row = table_->rowCount();
          table_->insertRow(row);
          table_->setItem(row, 0,
                          new QTableWidgetItem(QString::fromStdString(person.participant_name())));
          table_->setItem(row, 1, new QTableWidgetItem(ProgressText(person.progress())));
          table_->setItem(row, 2, new QTableWidgetItem(Labels::Outcome(person.outcome())));
          table_->setItem(row, 3,
                          new QTableWidgetItem(QStringLiteral("%1/%2")
                                                   .arg(person.modules_attended())
                                                   .arg(person.module_count())));
          table_->setItem(row, 4, new QTableWidgetItem(QString::number(person.excused())));
          table_->setItem(row, 5, new QTableWidgetItem(QString::number(person.absent())));
          auto* why = new QTableWidgetItem(QString::fromStdString(person.progress_reason()));
          why->setToolTip(why->text());
          table_->setItem(row, 6, why);
          const bool risk = person.progress() == v1::COMPLETION_PROGRESS_AT_RISK ||
                            person.progress() == v1::COMPLETION_PROGRESS_CANNOT_COMPLETE;
          if (risk) {
            ++at_risk;
            for (int c = 0; c < table_->columnCount(); ++c) {
              table_->item(row, c)->setBackground(QColor("#fde0dc"));
            }
          }
        }
        table_->resizeColumnsToContents();
        message_->setText(reply.value.people_size() == 0
                              ? tr("Nobody held a seat in this series yet.")
                              : tr("%n person(s) at risk or unable to complete.", "", at_risk));
        emit loaded();
      });
}

void CompletionPanel::IssueCertificates() {
  v1::IssueCertificatesRequest request;
  request.set_series_id(series_id_);
  request.set_preview(true);
  auto connection = connection_;
  auto call = [connection](v1::IssueCertificatesRequest r) {
    Reply<v1::IssueCertificatesResponse> reply;
    reply.status = connection->Call(connection->certificates(),
                                    &v1::CertificateService::Stub::IssueCertificates, r,
                                    &reply.value, std::chrono::seconds(300));
    return reply;
  };
  RunInBackground<Reply<v1::IssueCertificatesResponse>>(
      this, [call, request]() { return call(request); },
      [this, call, request](Reply<v1::IssueCertificatesResponse> preview) mutable {
        if (!preview.ok()) {
          message_->setText(DescribeError(preview.status).ToString());
          return;
        }
        QDialog dialog(this);
        dialog.setWindowTitle(tr("Issue certificates: preview"));
        auto* plan = NewReadOnlyTable({tr("Person"), tr("Gets"), tr("Note")}, tr("Who gets what"));
        int to_issue = 0;
        for (const auto& entry : preview.value.plan()) {
          const int row = plan->rowCount();
          plan->insertRow(row);
          plan->setItem(row, 0,
                        new QTableWidgetItem(QString::fromStdString(entry.participant_name())));
          plan->setItem(row, 1, new QTableWidgetItem(Labels::Outcome(entry.outcome())));
          QString note;
          if (!entry.existing_serial().empty()) {
            note = tr("already holds %1: skipped")
                       .arg(QString::fromStdString(entry.existing_serial()));
          } else {
            ++to_issue;
            if (entry.decided()) note = tr("by a coordinator's decision");
          }
          plan->setItem(row, 2, new QTableWidgetItem(note));
        }
        plan->resizeColumnsToContents();
        auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
        QPushButton* issue = buttons->addButton(tr("Issue %n certificate(s)", "", to_issue),
                                                QDialogButtonBox::AcceptRole);
        issue->setEnabled(to_issue > 0);
        auto* layout = new QVBoxLayout(&dialog);
        layout->addWidget(
            new QLabel(tr("Certificates are signed and cannot be changed once "
                          "issued (only revoked or replaced).")));
        layout->addWidget(plan);
        layout->addWidget(buttons);
        connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
        connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
        dialog.resize(640, 420);
        if (dialog.exec() != QDialog::Accepted) return;
        request.set_preview(false);
        request.set_request_id(NewRequestId());
        message_->setText(tr("Issuing…"));
        RunInBackground<Reply<v1::IssueCertificatesResponse>>(
            this, [call, request]() { return call(request); },
            [this](Reply<v1::IssueCertificatesResponse> issued) {
              message_->setText(
                  issued.ok() ? tr("%n certificate(s) issued.", "", issued.value.issued_size())
                              : DescribeError(issued.status).ToString());
              Reload();
            });
      });
}

}  // namespace trainhub::desktop
