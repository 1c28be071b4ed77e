#ifndef TRAINHUB_CLIENTS_DESKTOP_TIME_TEXT_H_
#define TRAINHUB_CLIENTS_DESKTOP_TIME_TEXT_H_

// Times as users read and type them: Europe/Berlin, German style dates.

#include <google/protobuf/timestamp.pb.h>

#include <QDateTime>
#include <QString>
#include <QTimeZone>

namespace trainhub::desktop {

QTimeZone BerlinZone();
QDateTime NowInBerlin();
QDateTime ToBerlin(const google::protobuf::Timestamp& time);
google::protobuf::Timestamp ToTimestamp(const QDateTime& time);
// "01.12.2026 19:30"; empty for an unset time.
QString FormatDateTime(const google::protobuf::Timestamp& time);
// "01.12.2026 19:30–22:30", or both full dates when the range spans days.
QString FormatRange(const google::protobuf::Timestamp& start,
                    const google::protobuf::Timestamp& end);

}  // namespace trainhub::desktop

#endif  // TRAINHUB_CLIENTS_DESKTOP_TIME_TEXT_H_
