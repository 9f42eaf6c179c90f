// `cae describe TYPE [PIPELINE]`: a processor class's arguments, from its SHACL shape, and the
// runner that executes it.
#include <cstdio>

#include <fmt/format.h>

#include "catalog/catalog.hpp"
#include "cli/command.hpp"
#include "processors/builtins.hpp"

namespace cae::cli {
namespace {

class DescribeCommand final : public Command {
 public:
  void configure(CLI::App& sub) override {
    sub.add_option("type", type_, "The class: cae:Generate, <Step> or a full IRI")->required();
    auto* positional = sub.add_option("pipeline", pipeline_, "A document that declares the class");
    auto* option = sub.add_option("--pipeline", option_pipeline_, "The same, as an option");
    positional->excludes(option);
    sub.add_flag("--markdown", markdown_, "Print a Markdown section, as in docs/processors.md");
  }

  int run() override {
    Diagnostics diagnostics;
    auto document =
        catalog::load_known_classes(pipeline_.empty() ? option_pipeline_ : pipeline_, diagnostics);
    catalog::Catalog known{document, processors::builtin_types()};
    std::optional<catalog::Description> description;
    if (!diagnostics.has_errors()) {
      const auto iri = known.expand(type_);
      if (iri) description = known.describe(*iri, diagnostics);
      if (!description) {
        diagnostics.error(Code::usage, {},
                          fmt::format("no processor class named {}; see 'cae processors'", type_));
      }
    }
    diagnostics.sort();
    fmt::print(stderr, "{}", diagnostics.format(document.sources));
    if (diagnostics.has_errors()) return exit_invalid;
    fmt::print("{}", markdown_ ? catalog::format_markdown(*description)
                               : catalog::format_description(*description));
    return exit_ok;
  }

 private:
  std::string type_;
  std::string pipeline_;
  std::string option_pipeline_;
  bool markdown_ = false;
};

}  // namespace

std::unique_ptr<Command> make_describe_command() {
  return std::make_unique<DescribeCommand>();
}

}  // namespace cae::cli
