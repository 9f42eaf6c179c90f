// Mermaid flowchart: renders on GitHub and in most Markdown viewers.
#include <fmt/format.h>

#include "graph_render/drawing.hpp"

namespace cae::graph_render {
namespace {

// Mermaid labels are HTML: IRIs in angle brackets would vanish as tags, so the characters that
// mean something there are written as Mermaid entity codes ('#' first, as it starts them).
std::string escape(std::string_view text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '#': out += "#35;"; break;
      case '"': out += "#quot;"; break;
      case '<': out += "#lt;"; break;
      case '>': out += "#gt;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string label(const Node& node) {
  std::vector<std::string> lines;
  for (const auto& line : node.lines) lines.push_back(escape(line));
  return fmt::format("\"{}\"", fmt::join(lines, "<br/>"));
}

// Files are cylinders, network ends hexagons.
std::string external_node(const Node& node) {
  if (node.transport == model::Transport::file)
    return fmt::format("{}[({})]", node.id, label(node));
  return fmt::format("{}{{{{{}}}}}", node.id, label(node));
}

std::string edge(const Edge& e) {
  if (e.external) return fmt::format("{} -.-> {}", e.from, e.to);
  return fmt::format("{} -->|\"{}\"| {}", e.from, escape(e.label), e.to);
}

}  // namespace

std::string render_mermaid(const model::Pipeline& pipeline, const NameIri& name) {
  const Drawing drawing = make_drawing(pipeline, name);
  std::string out = "flowchart LR\n";
  for (const auto& cluster : drawing.clusters) {
    out += fmt::format("  subgraph {}[\"{}\"]\n", cluster.id, escape(cluster.label));
    for (const auto& node : cluster.nodes) out += fmt::format("    {}[{}]\n", node.id, label(node));
    out += "  end\n";
  }
  for (const auto& node : drawing.unassigned)
    out += fmt::format("  {}[{}]\n", node.id, label(node));
  for (const auto& node : drawing.externals) out += fmt::format("  {}\n", external_node(node));
  for (const auto& e : drawing.edges) out += fmt::format("  {}\n", edge(e));
  return out;
}

}  // namespace cae::graph_render
