// The desktop tests' server: the real trainhubd on a loopback port with a
// temporary database and the demo data, loaded by the real CLI.

#ifndef TRAINHUB_TESTS_DESKTOP_DESKTOP_SERVER_H_
#define TRAINHUB_TESTS_DESKTOP_DESKTOP_SERVER_H_

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QString>
#include <QTemporaryDir>

namespace trainhub::desktop::testing {

constexpr char kDemoPassword[] = "trainhub-demo";

class DesktopServer {
 public:
  // Creates the database with its first admin; false with `error` set.
  bool Create(QString* error) {
    if (!dir_.isValid()) return Fail(error, "no temporary folder");
    db_ = dir_.filePath("trainhub.db");
    QProcess admin;
    admin.start(TRAINHUBD_PATH, {"--db", db_, "--create-admin", "admin@example.org"});
    admin.write(QByteArray(kDemoPassword) + "\n");
    admin.closeWriteChannel();
    if (!admin.waitForFinished(30000) || admin.exitCode() != 0) {
      return Fail(error, "create-admin failed: " + admin.readAll());
    }
    return true;
  }

  // Starts trainhubd; the first time on a free port, later on the same one.
  bool Start(QString* error, const QStringList& extra = {}) {
    const QString listen = port_.isEmpty() ? "127.0.0.1:0" : "127.0.0.1:" + port_;
    log_ = dir_.filePath(QStringLiteral("server-%1.log").arg(++starts_));
    server_.setStandardOutputFile(log_);
    server_.setStandardErrorFile(log_);
    server_.start(TRAINHUBD_PATH, QStringList{"--listen", listen, "--db", db_} + extra);
    if (!server_.waitForStarted(10000)) return Fail(error, "trainhubd did not start");
    const QRegularExpression port_line(R"(\(port (\d+))");
    QString log;
    for (int i = 0; i < 400; ++i) {
      QFile file(log_);
      file.open(QIODevice::ReadOnly);
      log = QString::fromUtf8(file.readAll());
      const auto match = port_line.match(log);
      if (match.hasMatch()) {
        port_ = match.captured(1);
        return true;
      }
      if (server_.waitForFinished(25)) break;  // it gave up; its log says why
    }
    return Fail(error, "trainhubd on " + listen + " did not report its port; its log:\n" + log);
  }

  // Ends the server as a crash or a pulled cable would: no goodbye.
  void Kill() {
    server_.kill();
    server_.waitForFinished(10000);
  }

  // Runs the CLI, logged in as the admin; returns its standard output.
  QString Cli(const QStringList& arguments, const QByteArray& input = {},
              int* exit_code = nullptr) {
    QProcess cli;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("XDG_CONFIG_HOME", dir_.filePath("cli-config"));
    env.remove("TRAINHUB_TOKEN");
    cli.setProcessEnvironment(env);
    cli.setWorkingDirectory(dir_.path());
    cli.start(TRAINHUB_CLI_PATH, QStringList{"--server", address()} + arguments);
    cli.write(input);
    cli.closeWriteChannel();
    cli.waitForFinished(120000);
    if (exit_code != nullptr) *exit_code = cli.exitCode();
    return QString::fromUtf8(cli.readAllStandardOutput() + cli.readAllStandardError());
  }

  // Logs the CLI in as the admin and loads the demo data.
  bool LoadDemo(QString* error) {
    int code = 0;
    Cli({"login", "--email", "admin@example.org", "--password-stdin"},
        QByteArray(kDemoPassword) + "\n", &code);
    if (code != 0) return Fail(error, "CLI login failed");
    const QString out = Cli({"demo", "load"}, {}, &code);
    if (code != 0) return Fail(error, "demo load failed: " + out);
    return true;
  }

  QString address() const { return "127.0.0.1:" + port_; }
  QString folder() const { return dir_.path(); }

 private:
  static bool Fail(QString* error, const QString& text) {
    if (error != nullptr) *error = text;
    return false;
  }

  QTemporaryDir dir_;
  QString db_;
  QString port_;
  QString log_;
  int starts_ = 0;
  QProcess server_;
};

}  // namespace trainhub::desktop::testing

#endif  // TRAINHUB_TESTS_DESKTOP_DESKTOP_SERVER_H_
