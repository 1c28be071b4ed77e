#include "clients/desktop/background.h"

#include <QTimer>

namespace trainhub::desktop {

namespace {

// Calls shorter than this show no busy indicator (no flicker).
constexpr int kBusyDelayMilliseconds = 300;

}  // namespace

Activity& Activity::Instance() {
  static Activity* const activity = new Activity;
  return *activity;
}

void Activity::Started() {
  if (running_++ == 0) {
    QTimer::singleShot(kBusyDelayMilliseconds, this, [this]() {
      if (running_ > 0) emit busyChanged(true);
    });
  }
}

void Activity::Finished() {
  if (running_ > 0 && --running_ == 0) emit busyChanged(false);
}

}  // namespace trainhub::desktop
