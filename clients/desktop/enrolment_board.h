#ifndef TRAINHUB_CLIENTS_DESKTOP_ENROLMENT_BOARD_H_
#define TRAINHUB_CLIENTS_DESKTOP_ENROLMENT_BOARD_H_

// A series' enrolments for its coordinators: seats taken of the capacity,
// the waiting list with positions, requests awaiting approval, seats not
// yet confirmed; enrol a person (found by name), approve, reject, withdraw
// with a reason, release unconfirmed seats.

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <memory>
#include <vector>

#include "clients/desktop/connection.h"

namespace trainhub::desktop {

class EnrolmentBoard : public QWidget {
  Q_OBJECT
 public:
  explicit EnrolmentBoard(std::shared_ptr<Connection> connection, QWidget* parent = nullptr);

  // Shows `series` (reloads from the server).
  void ShowSeries(const trainhub::v1::Series& series);
  void Reload();
  // Enrols the participant with this id (the Enrol button after a search).
  void Enrol(qint64 participant_id, bool override_eligibility);

  QTableWidget* table() { return table_; }
  QLabel* summary() { return summary_; }
  QLabel* problem() { return problem_; }
  const std::vector<trainhub::v1::Enrolment>& enrolments() const { return enrolments_; }
  // The series as last loaded (its seat counts follow the board).
  const trainhub::v1::Series& series() const { return series_; }

 signals:
  // The enrolments were loaded (after ShowSeries, Reload or a change).
  void loaded();
  void seriesChanged();

 private:
  // The constructor's parts: the board with its actions, the form that
  // enrols a person, their places, what they do.
  void CreateBoard();
  void CreateEnrolForm();
  void LayOut();
  void ConnectSignals();
  void Render();
  void FindPeople();
  // The enrolment of the selected row, if any.
  const trainhub::v1::Enrolment* Selected() const;
  // What the buttons under the board do.
  enum class Action { kApprove, kReject, kWithdraw, kRelease };
  void Act(Action action);
  // Shows `text` in the board's message line in `colour`.
  void Say(const QString& text, const char* colour);

  std::shared_ptr<Connection> connection_;
  trainhub::v1::Series series_;
  std::vector<trainhub::v1::Enrolment> enrolments_;
  QLabel* summary_;
  QLabel* problem_;
  QCheckBox* show_ended_;
  QTableWidget* table_;
  QLineEdit* search_;
  QPushButton* find_;
  QTableWidget* found_;
  QCheckBox* override_;
  QPushButton* enrol_;
  QPushButton* approve_;
  QPushButton* reject_;
  QPushButton* withdraw_;
  QPushButton* release_;
};

}  // namespace trainhub::desktop

#endif  // TRAINHUB_CLIENTS_DESKTOP_ENROLMENT_BOARD_H_
