// `cae processors [PIPELINE]`: every processor class cae knows: the built-ins, and the classes a
// pipeline declares with rdfc:*ImplementationOf.
#include <cstdio>

#include <fmt/format.h>

#include "catalog/catalog.hpp"
#include "cli/command.hpp"
#include "processors/builtins.hpp"

namespace cae::cli {
namespace {

class ProcessorsCommand final : public Command {
 public:
  void configure(CLI::App& sub) override {
    auto* positional =
        sub.add_option("pipeline", pipeline_, "Also list the classes this document declares");
    auto* option = sub.add_option("--pipeline", option_pipeline_, "The same, as an option");
    positional->excludes(option);
    sub.add_flag("--names", names_, "Print only the class names, one a line");
  }

  int run() override {
    Diagnostics diagnostics;
    auto document =
        catalog::load_known_classes(pipeline_.empty() ? option_pipeline_ : pipeline_, diagnostics);
    diagnostics.sort();
    fmt::print(stderr, "{}", diagnostics.format(document.sources));
    if (diagnostics.has_errors()) return exit_invalid;
    const catalog::Catalog known{document, processors::builtin_types()};
    const auto classes = known.classes();
    fmt::print("{}", names_ ? catalog::format_names(classes) : catalog::format_classes(classes));
    return exit_ok;
  }

 private:
  std::string pipeline_;
  std::string option_pipeline_;
  bool names_ = false;
};

}  // namespace

std::unique_ptr<Command> make_processors_command() {
  return std::make_unique<ProcessorsCommand>();
}

}  // namespace cae::cli
