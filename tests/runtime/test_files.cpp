#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include "runtime/files.hpp"

namespace fs = std::filesystem;
using cae::runtime::path_beneath;
using cae::runtime::readable_files;

namespace {

// A root directory with a few files, removed when the test ends.
class Root {
 public:
  Root() : path_{fs::temp_directory_path() / fmt::format("cae-test-files-{}", ::getpid())} {
    fs::create_directories(path_ / "data");
    for (const char* name : {"data/b.nt", "data/a.nt", "data/c.ttl", "top.ttl"}) {
      std::ofstream{path_ / name} << name;
    }
  }
  Root(const Root&) = delete;
  Root& operator=(const Root&) = delete;
  ~Root() { fs::remove_all(path_); }
  [[nodiscard]] std::string str() const { return path_.string(); }
  [[nodiscard]] std::string operator/(std::string_view name) const {
    return str() + "/" + std::string{name};
  }

 private:
  fs::path path_;
};

}  // namespace

TEST_CASE("relative paths and file IRIs resolve beneath the root") {
  CHECK(path_beneath("/srv/pipes", "out/result.nt") == "/srv/pipes/out/result.nt");
  CHECK(path_beneath("/srv/pipes", "./out/../result.nt") == "/srv/pipes/result.nt");
  CHECK(path_beneath("/srv/pipes", "/srv/pipes/x.nt") == "/srv/pipes/x.nt");
  CHECK(path_beneath("/srv/pipes", "file:///srv/pipes/my%20data.nt") == "/srv/pipes/my data.nt");
}

TEST_CASE("paths that leave the root are refused with the reason") {
  CHECK_THROWS_WITH(path_beneath("/srv/pipes", "../secret"),
                    "'../secret' is not beneath the file root /srv/pipes; use --file-root to "
                    "allow another directory");
  CHECK_THROWS(path_beneath("/srv/pipes", "/etc/passwd"));
  CHECK_THROWS(path_beneath("/srv/pipes", "file:///srv/other/x"));
  CHECK_THROWS(path_beneath("/srv/pipes", "."));
  CHECK_THROWS_WITH(path_beneath("/srv/pipes", "file://host/x"),
                    "file://host/x is not a local file IRI");
}

TEST_CASE("a symbolic link out of the root is refused") {
  const Root root;
  fs::create_directory_symlink("/tmp", root / "escape");
  CHECK_THROWS(path_beneath(root.str(), "escape/x"));
}

TEST_CASE("patterns expand to sorted matches, plain paths stay in place") {
  const Root root;
  CHECK(readable_files(root.str(), {"top.ttl", "data/*.nt"}) ==
        std::vector<std::string>{root / "top.ttl", root / "data/a.nt", root / "data/b.nt"});
}

TEST_CASE("a pattern without a match and a missing file are errors") {
  const Root root;
  CHECK_THROWS_WITH(readable_files(root.str(), {"data/*.json"}), "no file matches 'data/*.json'");
  CHECK_THROWS_WITH(
      readable_files(root.str(), {"missing.ttl"}),
      fmt::format("cannot read {}: No such file or directory", root / "missing.ttl").c_str());
  CHECK_THROWS(readable_files(root.str(), {"../*"}));
}

namespace {

// Only the file root matters here; the rest of a Context is never called.
class RootedContext final : public cae::Context, public cae::runtime::FileRoot {
 public:
  explicit RootedContext(std::string root) : root_{std::move(root)} {}
  [[nodiscard]] std::string_view file_root() const noexcept override { return root_; }
  [[nodiscard]] std::string_view id() const noexcept override { return "p"; }
  [[nodiscard]] std::string_view type() const noexcept override { return "P"; }
  [[nodiscard]] std::string_view name() const noexcept override { return "<p>"; }
  [[nodiscard]] const cae::Arguments& args() const noexcept override { std::abort(); }
  [[nodiscard]] bool logs(cae::LogLevel) const noexcept override { return false; }
  void log(cae::LogLevel, std::string_view) override {}
  cae::Timer start_timer(std::chrono::milliseconds, std::chrono::milliseconds,
                         std::function<void()>) override {
    return {};
  }
  void post(std::function<void()>) override {}
  cae::ByteSink& standard_output() override { std::abort(); }
  cae::ByteSource& standard_input() override { std::abort(); }
  std::unique_ptr<cae::ByteSource> open_file_source(const std::string&) override { return {}; }
  std::unique_ptr<cae::FileSink> open_file_sink(const std::string&, bool) override { return {}; }
  void fail(std::string) override {}

 private:
  std::string root_;
};

}  // namespace

TEST_CASE("the file root comes from a context that knows it") {
  CHECK(cae::runtime::file_root(RootedContext{"/srv/pipes"}) == "/srv/pipes");
  CHECK_THROWS_WITH(cae::runtime::file_root(RootedContext{""}),
                    "this run has no file root, so file paths cannot be checked");
}
