#include "clients/desktop/time_text.h"

namespace trainhub::desktop {

QTimeZone BerlinZone() {
  static const QTimeZone zone("Europe/Berlin");
  return zone;
}

QDateTime NowInBerlin() { return QDateTime::currentDateTimeUtc().toTimeZone(BerlinZone()); }

QDateTime ToBerlin(const google::protobuf::Timestamp& time) {
  return QDateTime::fromSecsSinceEpoch(time.seconds(), BerlinZone());
}

google::protobuf::Timestamp ToTimestamp(const QDateTime& time) {
  google::protobuf::Timestamp out;
  out.set_seconds(time.toSecsSinceEpoch());
  return out;
}

QString FormatDateTime(const google::protobuf::Timestamp& time) {
  if (time.seconds() == 0 && time.nanos() == 0) return {};
  return ToBerlin(time).toString(QStringLiteral("dd.MM.yyyy HH:mm"));
}

QString FormatRange(const google::protobuf::Timestamp& start,
                    const google::protobuf::Timestamp& end) {
  const QDateTime from = ToBerlin(start);
  const QDateTime to = ToBerlin(end);
  if (from.date() == to.date()) {
    return from.toString(QStringLiteral("dd.MM.yyyy HH:mm")) + QChar(0x2013) +
           to.toString(QStringLiteral("HH:mm"));
  }
  return from.toString(QStringLiteral("dd.MM.yyyy HH:mm")) + QStringLiteral(" \u2013 ") +
         to.toString(QStringLiteral("dd.MM.yyyy HH:mm"));
}

}  // namespace trainhub::desktop
