#ifndef TRAINHUB_CLIENTS_DESKTOP_PLANNING_DIALOGS_H_
#define TRAINHUB_CLIENTS_DESKTOP_PLANNING_DIALOGS_H_

// Creating and changing a series (its settings and status, e.g. opening it
// for enrolment) and its modules. Each dialog saves through one RPC and
// shows the server's refusal inline in the words of its fields; a change
// sends only the fields the user changed.

#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <memory>
#include <optional>
#include <vector>

#include "clients/desktop/connection.h"

namespace trainhub::desktop {

class SeriesDialog : public QDialog {
  Q_OBJECT
 public:
  // `editing`: the series to change; unset for a new one in one of
  // `organizations`.
  SeriesDialog(std::shared_ptr<Connection> connection,
               const std::vector<trainhub::v1::Organization>& organizations,
               std::optional<trainhub::v1::Series> editing, QWidget* parent = nullptr);

  QLineEdit* title() { return title_; }
  QSpinBox* capacity() { return capacity_; }
  QComboBox* status() { return status_; }
  QComboBox* documents() { return documents_; }
  QLabel* problem() { return problem_; }
  void Save();

 signals:
  void saved(const trainhub::v1::Series& series);

 private:
  // The constructor's parts: the fields, what a series holds shown in
  // them, and the form with Save and Cancel.
  void CreateFields(const std::vector<trainhub::v1::Organization>& organizations);
  void ShowSeries(const trainhub::v1::Series& series);
  void LayOut();
  trainhub::v1::Series FromForm() const;

  std::shared_ptr<Connection> connection_;
  std::optional<trainhub::v1::Series> editing_;
  QLineEdit* title_;
  QComboBox* kind_;
  QComboBox* organization_;
  QPlainTextEdit* description_;
  QSpinBox* capacity_;
  QListWidget* target_groups_;
  QComboBox* status_;
  QCheckBox* requires_approval_;
  QCheckBox* requires_confirmation_;
  QLineEdit* awards_;
  QLineEdit* requires_;
  QComboBox* documents_;
  QLabel* problem_;
  QPushButton* save_;
};

class ModuleDialog : public QDialog {
  Q_OBJECT
 public:
  ModuleDialog(std::shared_ptr<Connection> connection, qint64 series_id,
               std::optional<trainhub::v1::Module> editing, QWidget* parent = nullptr);

  QLineEdit* title() { return title_; }
  QLabel* problem() { return problem_; }
  void Save();

 signals:
  void saved();

 private:
  std::shared_ptr<Connection> connection_;
  qint64 series_id_;
  std::optional<trainhub::v1::Module> editing_;
  QLineEdit* title_;
  QPlainTextEdit* topics_;
  QCheckBox* mandatory_;
  QSpinBox* teaching_units_;
  QLabel* problem_;
  QPushButton* save_;
};

}  // namespace trainhub::desktop

#endif  // TRAINHUB_CLIENTS_DESKTOP_PLANNING_DIALOGS_H_
