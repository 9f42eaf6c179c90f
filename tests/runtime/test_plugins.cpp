// Which plugin libraries a run may load (spec/channels.md §8). Loading itself is tested end to
// end by tests/cli/cases/plugin-*, with the libraries of tests/plugins/.
#include <sys/stat.h>

#include <filesystem>
#include <string>

#include <doctest/doctest.h>

#include "../processors/temp_dir.hpp"
#include "runtime/plugins.hpp"

using cae::runtime::plugin_refusal;
using cae::test::TempDir;

namespace {

std::string refusal(const std::string& path, const std::vector<std::string>& dirs) {
  return plugin_refusal(path, dirs).value_or("allowed");
}

}  // namespace

TEST_CASE("a plugin library loads only from a --plugin-dir directory") {
  const TempDir dir{"plugin-dirs"};
  dir.write("plugins/libx.so", "not really a library");
  dir.write("elsewhere/liby.so", "nor this");
  const std::string library = dir.path("plugins/libx.so");
  ::chmod(library.c_str(), 0755);
  CHECK(refusal(library, {}).find("only from directories given with --plugin-dir") !=
        std::string::npos);
  CHECK(refusal(library, {dir.path("plugins")}) == "allowed");
  CHECK(refusal(library, {dir.path("elsewhere"), dir.path("plugins/")}) == "allowed");
  CHECK(refusal(library, {dir.path("elsewhere")}).find("not in a --plugin-dir directory") !=
        std::string::npos);
  CHECK(refusal(dir.path("plugins/missing.so"), {dir.path("plugins")}) != "allowed");
}

TEST_CASE("a symbolic link in a plugin directory does not let a library from elsewhere in") {
  const TempDir dir{"plugin-links"};
  dir.write("elsewhere/liby.so", "outside");
  std::filesystem::create_directories(dir.path("plugins"));
  std::filesystem::create_symlink(dir.path("elsewhere/liby.so"), dir.path("plugins/liby.so"));
  CHECK(refusal(dir.path("plugins/liby.so"), {dir.path("plugins")})
            .find("not in a --plugin-dir directory") != std::string::npos);
}

TEST_CASE("a plugin library that group or others may write to is refused") {
  const TempDir dir{"plugin-modes"};
  dir.write("plugins/libx.so", "x");
  const std::string library = dir.path("plugins/libx.so");
  for (const mode_t mode : {0775, 0757, 0666}) {
    ::chmod(library.c_str(), mode);
    CHECK(refusal(library, {dir.path("plugins")}).find("writable by group or others") !=
          std::string::npos);
  }
  ::chmod(library.c_str(), 0700);
  CHECK(refusal(library, {dir.path("plugins")}) == "allowed");
}
