// Graphviz DOT: `cae graph --format dot pipeline.ttl | dot -Tsvg > pipeline.svg`.
#include <fmt/format.h>

#include "graph_render/drawing.hpp"

namespace cae::graph_render {
namespace {

std::string escape(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

std::string quote(std::string_view text) {
  return fmt::format("\"{}\"", escape(text));
}

// One quoted string whose lines are joined by DOT's "\n" escape.
std::string label(const Node& node) {
  std::vector<std::string> lines;
  for (const auto& line : node.lines) lines.push_back(escape(line));
  return fmt::format("\"{}\"", fmt::join(lines, "\\n"));
}

// Files are cylinders, network ends hexagons.
std::string external_node(const Node& node) {
  const auto* shape = node.transport == model::Transport::file ? "cylinder" : "hexagon";
  return fmt::format("{} [shape={}, label={}];", node.id, shape, label(node));
}

std::string edge(const Edge& e) {
  if (e.external) return fmt::format("{} -> {} [style=dashed];", e.from, e.to);
  return fmt::format("{} -> {} [label={}];", e.from, e.to, quote(e.label));
}

}  // namespace

std::string render_dot(const model::Pipeline& pipeline, const NameIri& name) {
  const Drawing drawing = make_drawing(pipeline, name);
  std::string out = "digraph pipeline {\n  rankdir=LR;\n  node [shape=box];\n";
  for (const auto& cluster : drawing.clusters) {
    out +=
        fmt::format("  subgraph cluster_{} {{\n    label={};\n", cluster.id, quote(cluster.label));
    for (const auto& node : cluster.nodes)
      out += fmt::format("    {} [label={}];\n", node.id, label(node));
    out += "  }\n";
  }
  for (const auto& node : drawing.unassigned)
    out += fmt::format("  {} [label={}];\n", node.id, label(node));
  for (const auto& node : drawing.externals) out += fmt::format("  {}\n", external_node(node));
  for (const auto& e : drawing.edges) out += fmt::format("  {}\n", edge(e));
  return out + "}\n";
}

}  // namespace cae::graph_render
