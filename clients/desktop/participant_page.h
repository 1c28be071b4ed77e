#ifndef TRAINHUB_CLIENTS_DESKTOP_PARTICIPANT_PAGE_H_
#define TRAINHUB_CLIENTS_DESKTOP_PARTICIPANT_PAGE_H_

// The participant's page: their series (with a waiting-list position where
// they wait), the schedule of the series they hold a seat in, their own
// attendance, and their certificates, each PDF opened with one click.

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <functional>
#include <memory>
#include <vector>

#include "clients/desktop/connection.h"

namespace trainhub::desktop {

class ParticipantPage : public QWidget {
  Q_OBJECT
 public:
  explicit ParticipantPage(std::shared_ptr<Connection> connection, QWidget* parent = nullptr);

  void Reload();
  // Saves the PDF of the certificate `serial` to a private temporary
  // folder and hands it to the desktop's PDF viewer; emits pdfSaved.
  void OpenCertificate(const QString& serial);
  // Checks in with the code the trainer shows (six digits or the QR text).
  void CheckIn(const QString& code);

  // How a saved PDF is opened (default: the desktop's viewer).
  void set_open_pdf_with(std::function<void(const QString&)> open) {
    open_pdf_with_ = std::move(open);
  }

  QTableWidget* series_table() { return series_; }
  QTableWidget* schedule_table() { return schedule_; }
  QTableWidget* attendance_table() { return attendance_; }
  QTableWidget* certificate_table() { return certificates_; }
  QLabel* message() { return message_; }
  QLabel* check_in_result() { return check_in_result_; }

 signals:
  void loaded();
  void pdfSaved(const QString& path);

 private:
  // Fill the tables (emptied before).
  void ShowEnrolments(const std::vector<trainhub::v1::Enrolment>& enrolments);
  void ShowSchedule(const std::vector<trainhub::v1::Session>& sessions);
  void ShowAttendance(const std::vector<trainhub::v1::AttendanceSummary>& attendance);
  void ShowCertificates(const std::vector<trainhub::v1::Certificate>& certificates);

  std::shared_ptr<Connection> connection_;
  QTableWidget* series_;
  QTableWidget* schedule_;
  QTableWidget* attendance_;
  QTableWidget* certificates_;
  QPushButton* open_pdf_;
  QLineEdit* check_in_code_;
  QLabel* check_in_result_;
  QLabel* message_;
  std::function<void(const QString&)> open_pdf_with_;
};

}  // namespace trainhub::desktop

#endif  // TRAINHUB_CLIENTS_DESKTOP_PARTICIPANT_PAGE_H_
