// trainhub-desktop: the Qt client of trainhubd for coordinators, trainers
// and participants.

#include <QApplication>
#include <QCommandLineParser>
#include <QTextStream>
#include <cstdio>
#include <iostream>
#include <string>

#include "clients/desktop/desktop_app.h"

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setOrganizationName("trainhub");
  QApplication::setApplicationName("trainhub-desktop");
  QApplication::setApplicationVersion("0.1.0");

  QCommandLineParser parser;
  parser.setApplicationDescription("trainhub desktop client");
  parser.addHelpOption();
  parser.addVersionOption();
  const QCommandLineOption server({"s", "server"}, "The server, HOST:PORT.", "address",
                                  qEnvironmentVariable("TRAINHUB_SERVER"));
  const QCommandLineOption email("email", "Sign in with this e-mail address.", "email");
  const QCommandLineOption password_stdin(
      "password-stdin", "Read the password from standard input and sign in at once.");
  const QCommandLineOption tls("tls", "Use an encrypted connection (TLS).");
  const QCommandLineOption ca_file("ca-file", "With --tls: trust the CAs of this PEM file.",
                                   "file");
  const QCommandLineOption language("lang", "The language: de or en.", "language");
  parser.addOptions({server, email, password_stdin, tls, ca_file, language});
  parser.process(app);

  trainhub::desktop::DesktopApp::Options options;
  options.server = parser.value(server);
  options.email = parser.value(email);
  options.tls = parser.isSet(tls) || parser.isSet(ca_file);
  options.ca_file = parser.value(ca_file);
  options.language = parser.value(language);
  if (!options.language.isEmpty() && options.language != "de" && options.language != "en") {
    std::cerr << "trainhub-desktop: --lang must be de or en\n";
    return 2;
  }
  if (parser.isSet(password_stdin)) {
    std::string line;
    std::getline(std::cin, line, '\n');
    if (line.size() > 1024) {
      std::cerr << "trainhub-desktop: the password is longer than 1024 bytes\n";
      return 2;
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    options.password = QString::fromStdString(line);
  }
  trainhub::desktop::DesktopApp desktop(options);
  desktop.Start();
  return app.exec();
}
