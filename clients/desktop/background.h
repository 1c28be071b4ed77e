#ifndef TRAINHUB_CLIENTS_DESKTOP_BACKGROUND_H_
#define TRAINHUB_CLIENTS_DESKTOP_BACKGROUND_H_

// Server calls run on Qt's thread pool so that the window never freezes;
// their results come back on the UI thread.

#include <grpcpp/grpcpp.h>

#include <QFutureWatcher>
#include <QObject>
#include <QtConcurrent/QtConcurrentRun>
#include <functional>
#include <utility>

namespace trainhub::desktop {

// A call's status and, when it is ok, its answer.
template <typename T>
struct Reply {
  grpc::Status status;
  T value{};
  bool ok() const { return status.ok(); }
};

// Counts the calls running, for the window's busy indicator and its
// Cancel button. One per application; used on the UI thread only.
class Activity : public QObject {
  Q_OBJECT
 public:
  static Activity& Instance();
  int running() const { return running_; }
  void Started();
  void Finished();

 signals:
  void busyChanged(bool busy);

 private:
  int running_ = 0;
};

// Runs `work` on a worker thread and then `done` with its result on the UI
// thread, unless `receiver` was destroyed meanwhile (then nothing is called).
template <typename Result>
void RunInBackground(QObject* receiver, std::function<Result()> work,
                     std::function<void(Result)> done) {
  auto* watcher = new QFutureWatcher<Result>(receiver);
  Activity::Instance().Started();
  QObject::connect(watcher, &QFutureWatcher<Result>::finished, receiver,
                   [watcher, done = std::move(done)]() {
                     done(watcher->result());
                     watcher->deleteLater();
                   });
  watcher->setFuture(QtConcurrent::run([work = std::move(work)]() {
    Result result = work();
    QMetaObject::invokeMethod(&Activity::Instance(), &Activity::Finished, Qt::QueuedConnection);
    return result;
  }));
}

}  // namespace trainhub::desktop

#endif  // TRAINHUB_CLIENTS_DESKTOP_BACKGROUND_H_
