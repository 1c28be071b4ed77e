#ifndef TRAINHUB_CLIENTS_DESKTOP_SESSION_DIALOG_H_
#define TRAINHUB_CLIENTS_DESKTOP_SESSION_DIALOG_H_

// Plans a session (or one per day over a date range) or changes one: day
// and times in Europe/Berlin, place, trainers, note. When a trainer or the
// place is already booked then, the server refuses and the dialog shows
// the conflict inline; nothing is saved until the user ticks "Save anyway".

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDialog>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QTimeEdit>
#include <memory>
#include <optional>
#include <vector>

#include "clients/desktop/connection.h"

namespace trainhub::desktop {

class SessionDialog : public QDialog {
  Q_OBJECT
 public:
  // `editing`: the session to change; unset to plan a new one in
  // `module_id` (preselected) of `series_id`.
  SessionDialog(std::shared_ptr<Connection> connection, qint64 series_id,
                const std::vector<trainhub::v1::Module>& modules,
                const std::vector<trainhub::v1::Trainer>& trainers, qint64 module_id,
                std::optional<trainhub::v1::Session> editing, QWidget* parent = nullptr);

  // Test and automation hooks: the form's fields.
  QDateEdit* day() { return day_; }
  QDateEdit* last_day() { return last_day_; }
  QCheckBox* several_days() { return several_days_; }
  QTimeEdit* from() { return from_; }
  QTimeEdit* to() { return to_; }
  QLineEdit* place_name() { return place_name_; }
  QListWidget* trainer_list() { return trainers_; }
  QCheckBox* allow_overlap() { return allow_overlap_; }
  QLabel* problem() { return problem_; }
  // Saves what the form holds (the Save button).
  void Save();

 signals:
  void saved();

 private:
  // The constructor's parts: the fields (`module_id` preselected), those
  // of day and time, what `editing_` holds, their places, what they do.
  void CreateFields(const std::vector<trainhub::v1::Module>& modules,
                    const std::vector<trainhub::v1::Trainer>& trainers, qint64 module_id);
  void CreateTimeFields();
  void ShowSession(const trainhub::v1::Session& session);
  void LayOut();
  void ConnectSignals();
  // What the form holds besides module and times.
  trainhub::v1::Session PlaceTrainersAndNote() const;
  // The form's times on `day` as the start and end of `session`.
  void SetTimesOn(const QDate& day, trainhub::v1::Session* session) const;
  // The requests of Save: change editing_, plan one session per day from
  // the form's day to `last`, plan one session.
  trainhub::v1::UpdateSessionRequest UpdateRequest(const trainhub::v1::Session& session,
                                                   bool allow_overlap) const;
  trainhub::v1::CreateSessionDaysRequest CreateDaysRequest(const trainhub::v1::Session& session,
                                                           const QDate& last,
                                                           bool allow_overlap) const;
  trainhub::v1::CreateSessionRequest CreateRequest(const trainhub::v1::Session& session,
                                                   bool allow_overlap) const;
  void ShowConflict(qint64 session_id, const QString& text);

  std::shared_ptr<Connection> connection_;
  qint64 series_id_;
  std::optional<trainhub::v1::Session> editing_;
  QComboBox* module_;
  QDateEdit* day_;
  QCheckBox* several_days_;
  QDateEdit* last_day_;
  QTimeEdit* from_;
  QTimeEdit* to_;
  QLineEdit* place_name_;
  QLineEdit* place_address_;
  QListWidget* trainers_;
  QLineEdit* note_;
  QLabel* problem_;
  QCheckBox* allow_overlap_;
  QDialogButtonBox* buttons_;
  QPushButton* save_;
};

}  // namespace trainhub::desktop

#endif  // TRAINHUB_CLIENTS_DESKTOP_SESSION_DIALOG_H_
