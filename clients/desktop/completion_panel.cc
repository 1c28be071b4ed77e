#include "clients/desktop/completion_panel.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QMessageBox>
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
  issue_one_ = new QPushButton(tr("Issue for the selected &person…"));
  issue_one_->setEnabled(false);
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(refresh_);
  buttons->addStretch();
  buttons->addWidget(issue_one_);
  buttons->addWidget(issue_);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(table_, 1);
  layout->addWidget(message_);
  layout->addLayout(buttons);
  connect(refresh_, &QPushButton::clicked, this, &CompletionPanel::Reload);
  connect(issue_, &QPushButton::clicked, this, &CompletionPanel::IssueCertificates);
  connect(issue_one_, &QPushButton::clicked, this, &CompletionPanel::IssueSelected);
  connect(table_, &QTableWidget::itemSelectionChanged, this, [this]() {
    const auto rows = table_->selectionModel()->selectedRows();
    const int outcome =
        rows.isEmpty() ? 0 : table_->item(rows.first().row(), 2)->data(Qt::UserRole).toInt();
    issue_one_->setEnabled(outcome == v1::COMPLETION_OUTCOME_CERTIFICATE ||
                           outcome == v1::COMPLETION_OUTCOME_CONFIRMATION);
  });
}

void CompletionPanel::ShowSeries(const v1::Series& series) {
  if (series.id() != series_id_) last_action_.clear();
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
        const auto selected = table_->selectionModel()->selectedRows();
        const qint64 keep =
            selected.isEmpty()
                ? 0
                : table_->item(selected.first().row(), 0)->data(Qt::UserRole).toLongLong();
        table_->setRowCount(0);
        if (!reply.ok()) {
          message_->setText(DescribeError(reply.status).ToString());
          return;
        }
        int at_risk = 0;
        for (const auto& person : reply.value.people()) {
          const int row = table_->rowCount();
          table_->insertRow(row);
          auto* name = new QTableWidgetItem(QString::fromStdString(person.participant_name()));
          name->setData(Qt::UserRole, QVariant::fromValue<qint64>(person.participant_id()));
          table_->setItem(row, 0, name);
          table_->setItem(row, 1, new QTableWidgetItem(ProgressText(person.progress())));
          auto* outcome = new QTableWidgetItem(Labels::Outcome(person.outcome()));
          outcome->setData(Qt::UserRole, static_cast<int>(person.outcome()));
          table_->setItem(row, 2, outcome);
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
        FitColumnsToWidth(table_);
        if (keep != 0) SelectPerson(keep);
        const QString summary =
            reply.value.people_size() == 0
                ? tr("Nobody held a seat in this series yet.")
                : tr("%n person(s) at risk or unable to complete.", "", at_risk);
        message_->setText(last_action_.isEmpty() ? summary : summary + '\n' + last_action_);
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
              last_action_ = issued.ok()
                                 ? tr("%n certificate(s) issued.", "", issued.value.issued_size())
                                 : DescribeError(issued.status).ToString();
              message_->setText(last_action_);
              Reload();
              if (issued.ok()) emit this->issued();
            });
      });
}

bool CompletionPanel::SelectPerson(qint64 participant_id) {
  for (int row = 0; row < table_->rowCount(); ++row) {
    if (table_->item(row, 0)->data(Qt::UserRole).toLongLong() == participant_id) {
      table_->selectRow(row);
      return true;
    }
  }
  return false;
}

void CompletionPanel::IssueSelected() {
  const auto rows = table_->selectionModel()->selectedRows();
  if (rows.isEmpty()) return;
  const int row = rows.first().row();
  const qint64 participant_id = table_->item(row, 0)->data(Qt::UserRole).toLongLong();
  const QString name = table_->item(row, 0)->text();
  const QString outcome = table_->item(row, 2)->text();
  if (QMessageBox::question(
          this, tr("Issue a certificate"),
          tr("Issue a %1 to %2 now?\n\nCertificates are signed and cannot be changed once "
             "issued (only revoked or replaced).")
              .arg(outcome, name)) != QMessageBox::Yes) {
    return;
  }
  v1::IssueCertificateRequest request;
  request.set_series_id(series_id_);
  request.set_participant_id(participant_id);
  request.set_request_id(NewRequestId());
  message_->setText(tr("Issuing…"));
  CallInBackground(this, connection_, &Connection::certificates,
                   &v1::CertificateService::Stub::IssueCertificate, request,
                   std::chrono::seconds(120), [this, name](Reply<v1::Certificate> reply) {
                     if (!reply.ok()) {
                       last_action_ = DescribeError(reply.status).ToString();
                       message_->setText(last_action_);
                       return;
                     }
                     last_action_ = tr("%1 %2 issued to %3.")
                                        .arg(Labels::Outcome(reply.value.outcome()),
                                             QString::fromStdString(reply.value.serial()), name);
                     message_->setText(last_action_);
                     Reload();
                     emit issued();
                   });
}

}  // namespace trainhub::desktop
