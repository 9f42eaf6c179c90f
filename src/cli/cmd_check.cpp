// `cae check PIPELINE`: load the document and its imports, resolve every processor's arguments
// and the channels, and report every problem.
#include <cstdio>

#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/load_pipeline.hpp"

namespace cae::cli {
namespace {

class CheckCommand final : public Command {
 public:
  void configure(CLI::App& sub) override {
    sub.add_option("pipeline", pipeline_, "Pipeline document (Turtle, TriG, N-Triples, N-Quads)")
        ->required();
    sub.add_flag("-q,--quiet", quiet_, "Print nothing when the pipeline is valid");
    options_.configure(sub);
  }

  int run() override {
    const auto loaded = load_pipeline(pipeline_, options_);
    fmt::print(stderr, "{}", loaded.diagnostics.format(loaded.document.sources));
    if (loaded.diagnostics.has_errors()) return exit_invalid;
    if (!quiet_) {
      const auto& pipeline = loaded.pipeline;
      fmt::print("{}: ok ({}, {}, {}, {})\n", display_path(pipeline_),
                 counted(loaded.document.documents, "document"),
                 counted(loaded.document.graph.size(), "triple"),
                 counted(pipeline.processors.size(), "processor"),
                 counted(pipeline.channels.size(), "channel"));
    }
    return exit_ok;
  }

 private:
  std::string pipeline_;
  bool quiet_ = false;
  PipelineOptions options_;
};

}  // namespace

std::unique_ptr<Command> make_check_command() { return std::make_unique<CheckCommand>(); }

}  // namespace cae::cli
