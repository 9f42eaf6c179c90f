// `cae graph PIPELINE [--format mermaid|dot]`: draw the resolved pipeline.
#include <cstdio>

#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/load_pipeline.hpp"
#include "graph_render/drawing.hpp"
#include "resolve/naming.hpp"

namespace cae::cli {
namespace {

class GraphCommand final : public Command {
 public:
  void configure(CLI::App& sub) override {
    sub.add_option("pipeline", pipeline_, "Pipeline document")->required();
    sub.add_option("--format", format_, "mermaid (default) or dot (Graphviz)")
        ->check(CLI::IsMember({"mermaid", "dot"}));
    options_.configure(sub);
  }

  int run() override {
    const auto loaded = load_pipeline(pipeline_, options_);
    fmt::print(stderr, "{}", loaded.diagnostics.format(loaded.document.sources));
    if (loaded.diagnostics.has_errors()) return exit_invalid;
    const resolve::Naming naming{loaded.document.graph, loaded.document.entry_iri,
                                 loaded.document.prefixes};
    // Ids as diagnostics print them: `<name>`, a prefixed name, or _:bN.
    const graph_render::NameIri name = [&](std::string_view id) {
      return id.starts_with("_:") ? std::string{id} : naming.iri(id);
    };
    const auto& pipeline = loaded.pipeline;
    fmt::print("{}", format_ == "dot" ? graph_render::render_dot(pipeline, name)
                                      : graph_render::render_mermaid(pipeline, name));
    return exit_ok;
  }

 private:
  std::string pipeline_;
  std::string format_ = "mermaid";
  PipelineOptions options_;
};

}  // namespace

std::unique_ptr<Command> make_graph_command() {
  return std::make_unique<GraphCommand>();
}

}  // namespace cae::cli
