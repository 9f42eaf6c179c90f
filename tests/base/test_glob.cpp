#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <unistd.h>

#include "base/glob.hpp"

namespace fs = std::filesystem;

namespace {

// A directory of empty files that lives while the test runs.
class TempTree {
 public:
  TempTree(std::string_view name, const std::vector<std::string>& files) {
    root_ = fs::temp_directory_path() / fmt::format("cae-test-glob-{}-{}", name, ::getpid());
    for (const auto& file : files) {
      fs::create_directories((root_ / file).parent_path());
      std::ofstream{root_ / file};
    }
  }
  TempTree(const TempTree&) = delete;
  TempTree& operator=(const TempTree&) = delete;
  ~TempTree() { fs::remove_all(root_); }
  [[nodiscard]] std::string root() const { return root_.string(); }

 private:
  fs::path root_;
};

}  // namespace

TEST_CASE("wildcards are *, ? and [") {
  CHECK(cae::has_wildcards("data/*.nt"));
  CHECK(cae::has_wildcards("part-?.txt"));
  CHECK(cae::has_wildcards("[ab].ttl"));
  CHECK_FALSE(cae::has_wildcards("data/plain-name.ttl"));
}

TEST_CASE("a relative pattern matches below the base directory, sorted, whatever its name") {
  const TempTree tree{"[*?]", {"b.nt", "a.nt", "c.ttl", "sub/d.nt"}};
  const auto matches = cae::expand_glob("*.nt", tree.root());
  CHECK(matches.error.empty());
  CHECK(matches.paths == std::vector<std::string>{tree.root() + "/a.nt", tree.root() + "/b.nt"});
  CHECK(cae::expand_glob("*/?.nt", tree.root()).paths ==
        std::vector<std::string>{tree.root() + "/sub/d.nt"});
}

TEST_CASE("an absolute pattern ignores the base directory") {
  const TempTree tree{"absolute", {"x.ttl", "y.ttl"}};
  CHECK(cae::expand_glob(tree.root() + "/x.tt[l]", "/nowhere").paths ==
        std::vector<std::string>{tree.root() + "/x.ttl"});
}

TEST_CASE("no match is an empty list, not an error") {
  const TempTree tree{"none", {"a.nt"}};
  const auto matches = cae::expand_glob("*.json", tree.root());
  CHECK(matches.paths.empty());
  CHECK(matches.error.empty());
}
