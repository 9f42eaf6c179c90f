#include "cli/run_permissions.hpp"

#include <set>

#include <fmt/format.h>

#include "processors/builtins.hpp"
#include "runtime/plugins.hpp"

namespace cae::cli {

void RunPermissions::configure(CLI::App& sub) {
  sub.add_option("--plugin-dir", plugin_dirs,
                 "Directory from which cae:library plugin libraries may be loaded (repeatable)");
  sub.add_flag("--allow-exec", allow_exec,
               "Let processors such as cae:RunCommand start programs named in the pipeline");
}

void check_permissions(const model::Pipeline& pipeline, const RunPermissions& permissions,
                       const std::function<std::string(std::string_view)>& display,
                       Diagnostics& diagnostics) {
  std::set<std::pair<std::string, std::string>> reported;  // (class, library): once each
  for (const auto& processor : pipeline.processors) {
    if (processors::starts_programs(processor.type) && !permissions.allow_exec) {
      diagnostics.error(Code::import, processor.where,
                        fmt::format("processor {} ({}) starts a program, and cae starts "
                                    "programs only when run with --allow-exec",
                                    display(processor.id), display(processor.type)));
    }
    if (processor.library.empty() || !reported.emplace(processor.type, processor.library).second) {
      continue;
    }
    if (const auto refusal = runtime::plugin_refusal(processor.library, permissions.plugin_dirs)) {
      diagnostics.error(Code::import, processor.library_where,
                        fmt::format("refusing the library {} of {} (processor {}): {}",
                                    display_path(processor.library), display(processor.type),
                                    display(processor.id), *refusal));
    }
  }
}

}  // namespace cae::cli
