#ifndef TRAINHUB_CLIENTS_DESKTOP_ERROR_TEXT_H_
#define TRAINHUB_CLIENTS_DESKTOP_ERROR_TEXT_H_

// A failed call in the words of the form the user filled in: the server's
// message with the API's field names replaced by the labels of the form's
// fields, one line per field the server named.

#include <grpcpp/grpcpp.h>

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace trainhub::desktop {

// API field name (the last part of a path, e.g. "end_time") -> the label
// of the form field that sets it (e.g. "Ends").
using FieldLabels = QList<QPair<QString, QString>>;

struct ErrorText {
  QString summary;
  QStringList field_lines;            // "Label: what is wrong"
  QStringList fields;                 // the API field names the server named
  bool unreachable = false;           // the server did not answer (offline)
  bool signed_out = false;            // the token is no longer valid
  bool cancelled = false;             // the user pressed Cancel
  bool double_booking = false;        // a trainer or the place is booked then
  qint64 conflicting_session_id = 0;  // the other session, when the caller may see it
  // The summary and the field lines, one per line.
  QString ToString() const;
};

ErrorText DescribeError(const grpc::Status& status, const FieldLabels& labels = {});

// `text` with every API field name of `labels` replaced by its label.
QString InFormWords(const QString& text, const FieldLabels& labels);

}  // namespace trainhub::desktop

#endif  // TRAINHUB_CLIENTS_DESKTOP_ERROR_TEXT_H_
