// A directory for one test's files, removed when the test ends.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace cae::test {

class TempDir {
 public:
  explicit TempDir(std::string_view name)
      : path_{std::filesystem::temp_directory_path() /
              ("cae-test-" + std::string{name} + "-" + std::to_string(::getpid()))} {
    std::filesystem::create_directories(path_);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() { std::filesystem::remove_all(path_); }

  [[nodiscard]] std::string str() const { return path_.string(); }
  [[nodiscard]] std::string path(std::string_view name) const { return (path_ / name).string(); }

  void write(std::string_view name, std::string_view text) const {
    std::filesystem::create_directories((path_ / name).parent_path());
    std::ofstream{path_ / name, std::ios::binary} << text;
  }
  [[nodiscard]] std::string read(std::string_view name) const {
    std::ifstream in{path_ / name, std::ios::binary};
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  }
  [[nodiscard]] bool exists(std::string_view name) const {
    return std::filesystem::exists(path_ / name);
  }

 private:
  std::filesystem::path path_;
};

}  // namespace cae::test
