#ifndef TRAINHUB_CLIENTS_DESKTOP_LABELS_H_
#define TRAINHUB_CLIENTS_DESKTOP_LABELS_H_

// The words users see for the API's enum values, translated.

#include <QCoreApplication>
#include <QString>

#include "trainhub/v1/attendance.pb.h"
#include "trainhub/v1/certificate.pb.h"
#include "trainhub/v1/enrolment.pb.h"
#include "trainhub/v1/series.pb.h"

namespace trainhub::desktop {

class Labels {
  Q_DECLARE_TR_FUNCTIONS(Labels)

 public:
  static QString SeriesStatus(trainhub::v1::SeriesStatus status);
  static QString SeriesKind(trainhub::v1::SeriesKind kind);
  static QString Booking(trainhub::v1::BookingStatus status);
  static QString Enrolment(trainhub::v1::EnrolmentState state);
  static QString Attendance(trainhub::v1::AttendanceStatus status);
  static QString CertificateStatus(trainhub::v1::CertificateStatus status);
  static QString Outcome(trainhub::v1::CompletionOutcome outcome);
  static QString TargetGroup(trainhub::v1::TargetGroup group);
};

}  // namespace trainhub::desktop

#endif  // TRAINHUB_CLIENTS_DESKTOP_LABELS_H_
