#ifndef TRAINHUB_TESTS_TESTING_READER_PROCESS_H_
#define TRAINHUB_TESTS_TESTING_READER_PROCESS_H_

// Another process reading a database file, as an operator's sqlite3 or a
// backup tool would: Python's sqlite3 module (the system's SQLite) opens the
// file read-only, begins a read transaction, reads, and keeps the
// transaction (its snapshot) open until Release().

#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

extern char** environ;

namespace trainhub::testing {

class ReaderProcess {
 public:
  // Starts the reader of `db_path` (reading `table`) and waits until its
  // read transaction is open; ASSERTs inside, so check HasFatalFailure().
  void Start(const std::string& db_path, const std::string& table) {
    dir_ = db_path + ".reader";
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    const std::string script = R"py(
import os, sqlite3, sys, time
db, table, ready, release = sys.argv[1:5]
con = sqlite3.connect('file:' + db + '?mode=ro', uri=True, isolation_level=None)
con.execute('BEGIN')
rows = con.execute('SELECT count(*) FROM ' + table).fetchone()[0]
open(ready, 'w').write(str(rows))
while not os.path.exists(release):
    time.sleep(0.02)
con.execute('COMMIT')
con.close()
)py";
    std::ofstream(dir_ / "reader.py") << script;
    const std::string python = "/usr/bin/python3";
    std::vector<std::string> argv = {
        python, (dir_ / "reader.py").string(), db_path,
        table,  (dir_ / "ready").string(),     (dir_ / "release").string()};
    std::vector<char*> args;
    for (auto& a : argv) args.push_back(a.data());
    args.push_back(nullptr);
    ASSERT_EQ(posix_spawn(&pid_, python.c_str(), nullptr, nullptr, args.data(), environ), 0);
    for (int i = 0; i < 500 && !std::filesystem::exists(dir_ / "ready"); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ASSERT_TRUE(std::filesystem::exists(dir_ / "ready")) << "the reader did not start";
  }

  // Whether the reader still runs (its transaction open).
  bool Reading() const { return pid_ > 0 && ::waitpid(pid_, nullptr, WNOHANG) == 0; }

  // Ends the read transaction and waits for the process to exit.
  void Release() {
    if (pid_ <= 0) return;
    std::ofstream(dir_ / "release") << "1";
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = 0;
  }

  ~ReaderProcess() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

 private:
  std::filesystem::path dir_;
  pid_t pid_ = 0;
};

}  // namespace trainhub::testing

#endif  // TRAINHUB_TESTS_TESTING_READER_PROCESS_H_
