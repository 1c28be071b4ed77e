#include "clients/desktop/error_text.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include "trainhub/v1/common.pb.h"

namespace trainhub::desktop {

namespace {

// The translation context of these texts.
class ErrorWords {
  Q_DECLARE_TR_FUNCTIONS(ErrorText)
};

}  // namespace

QString ErrorText::ToString() const {
  QStringList lines{summary};
  lines += field_lines;
  return lines.join(QLatin1Char('\n'));
}

QString InFormWords(const QString& text, const FieldLabels& labels) {
  QString out = text;
  for (const auto& [field, label] : labels) {
    // The field alone or at the end of a path ("session.end_time",
    // "marks[3].status"), not inside another word.
    const QRegularExpression pattern(
        QStringLiteral(R"((?<![\w@/-])(?:[a-z_]+(?:\[\d+\])?\.)*%1(?:\[\d+\])?(?![\w-]))")
            .arg(QRegularExpression::escape(field)));
    out.replace(pattern, QStringLiteral("\u201C%1\u201D").arg(label));
  }
  return out;
}

ErrorText DescribeError(const grpc::Status& status, const FieldLabels& labels) {
  ErrorText text;
  trainhub::v1::ErrorDetails details;
  const bool has_details =
      !status.error_details().empty() && details.ParseFromString(status.error_details());
  // The server's words in the UI's language when it sent them.
  const QString message = QString::fromStdString(
      has_details && details.has_localized_message() ? details.localized_message().message()
                                                     : status.error_message());
  switch (status.error_code()) {
    case grpc::StatusCode::UNAVAILABLE:
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      text.unreachable = true;
      text.summary =
          ErrorWords::tr("The server cannot be reached. Check the network and try again.");
      return text;
    case grpc::StatusCode::CANCELLED:
      text.cancelled = true;
      text.summary = ErrorWords::tr("Cancelled.");
      return text;
    case grpc::StatusCode::UNAUTHENTICATED:
      text.signed_out = true;
      text.summary = ErrorWords::tr("You are signed out (%1). Please sign in again.").arg(message);
      return text;
    case grpc::StatusCode::PERMISSION_DENIED:
      text.summary = ErrorWords::tr("You may not do this: %1").arg(InFormWords(message, labels));
      break;
    case grpc::StatusCode::INTERNAL:
    case grpc::StatusCode::UNKNOWN:
    case grpc::StatusCode::DATA_LOSS:
      text.summary = ErrorWords::tr("The server had a problem and saved nothing: %1").arg(message);
      break;
    default:
      text.summary = InFormWords(message, labels);
      break;
  }
  if (has_details) {
    for (const auto& violation : details.field_violations()) {
      QString field = QString::fromStdString(violation.field());
      field = field.mid(field.lastIndexOf(QLatin1Char('.')) + 1);
      field.remove(QRegularExpression(QStringLiteral(R"(\[\d+\])")));
      text.fields << field;
      if (details.field_violations_size() > 1) {
        QString label = InFormWords(field, labels);
        label.remove(QChar(0x201C)).remove(QChar(0x201D));
        const std::string& description = violation.has_localized_description()
                                             ? violation.localized_description().message()
                                             : violation.description();
        text.field_lines << QStringLiteral("%1: %2").arg(
            label, InFormWords(QString::fromStdString(description), labels));
      }
    }
    text.conflicting_session_id = details.conflicting_session_id();
    text.double_booking = details.double_booking();
  }
  return text;
}

}  // namespace trainhub::desktop
