// What a pipeline may do only with the operator's permission on the command line, because a
// pipeline file that loads a library or starts a program is code (spec/channels.md §8): plugin
// libraries load only from --plugin-dir directories and never when group- or world-writable;
// programs start only with --allow-exec.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

#include "base/diagnostic.hpp"
#include "model/pipeline.hpp"

namespace cae::cli {

struct RunPermissions {
  std::vector<std::string> plugin_dirs;  // --plugin-dir, repeatable
  bool allow_exec = false;               // --allow-exec

  // Declares --plugin-dir and --allow-exec on `sub`.
  void configure(CLI::App& sub);
};

// Adds an `import` error for each processor that needs a permission `permissions` does not
// give: at the cae:library triple for libraries, at the processor's type for programs.
void check_permissions(const model::Pipeline& pipeline, const RunPermissions& permissions,
                       const std::function<std::string(std::string_view)>& display,
                       Diagnostics& diagnostics);

}  // namespace cae::cli
