#ifndef TRAINHUB_TESTS_TESTING_TEMP_FILES_H_
#define TRAINHUB_TESTS_TESTING_TEMP_FILES_H_

// Temporary database files named after the running test.

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

namespace trainhub::testing {

// A path in the temp folder unique to this process and test; nothing there.
inline std::string TempDbPath(const std::string& prefix) {
  const std::string path =
      (std::filesystem::temp_directory_path() /
       (prefix + "-" + std::to_string(::getpid()) + "-" +
        ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db"))
          .string();
  for (const char* suffix : {"", "-wal", "-shm", ".issuer-key", ".request-key"}) {
    std::filesystem::remove(path + suffix);
  }
  return path;
}

// Removes a database file with its WAL companions.
inline void RemoveDb(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm", ".issuer-key", ".request-key"}) {
    std::filesystem::remove(path + suffix);
  }
}

}  // namespace trainhub::testing

#endif  // TRAINHUB_TESTS_TESTING_TEMP_FILES_H_
