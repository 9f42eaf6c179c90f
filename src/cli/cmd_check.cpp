// `cae check PIPELINE`: load the document and its imports and report every problem.
#include <cstdio>

#include <fmt/format.h>

#include "cli/command.hpp"
#include "rdf/loader.hpp"

namespace cae::cli {
namespace {

class CheckCommand final : public Command {
 public:
  void configure(CLI::App& sub) override {
    sub.add_option("pipeline", pipeline_, "Pipeline document (Turtle, TriG, N-Triples, N-Quads)")
        ->required();
    sub.add_flag("-q,--quiet", quiet_, "Print nothing when the pipeline is valid");
  }

  int run() override {
    Diagnostics diagnostics;
    const auto loaded = rdf::load_document(pipeline_, diagnostics);
    diagnostics.sort();
    fmt::print(stderr, "{}", diagnostics.format(loaded.sources));
    if (diagnostics.has_errors()) return exit_invalid;
    if (!quiet_) {
      fmt::print("{}: ok ({} documents, {} triples)\n", display_path(pipeline_), loaded.documents,
                 loaded.graph.size());
    }
    return exit_ok;
  }

 private:
  std::string pipeline_;
  bool quiet_ = false;
};

}  // namespace

std::unique_ptr<Command> make_check_command() { return std::make_unique<CheckCommand>(); }

}  // namespace cae::cli
