#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include "graph_render/drawing.hpp"

using namespace cae;

namespace {

constexpr std::string_view dir = "file:///demo/";
constexpr std::string_view cae_ns = "https://w3id.org/cae#";

// Names as cae prints them: <name> below the demo directory, cae: for the cae namespace.
std::string short_name(std::string_view iri) {
  if (iri.starts_with(dir)) return fmt::format("<{}>", iri.substr(dir.size()));
  if (iri.starts_with(cae_ns)) return fmt::format("cae:{}", iri.substr(cae_ns.size()));
  return fmt::format("<{}>", iri);
}

model::Processor processor(std::string_view name, std::string_view type,
                           std::string_view runner = "https://w3id.org/cae#CppRunner") {
  model::Processor p;
  p.id = fmt::format("{}{}", dir, name);
  p.type = fmt::format("{}{}", cae_ns, type);
  p.runner = runner;
  return p;
}

model::Channel channel(std::string_view name, std::vector<std::string> writers,
                       std::vector<std::string> readers,
                       model::Transport transport = model::Transport::memory) {
  model::Channel c;
  c.id = fmt::format("{}{}", dir, name);
  for (auto& w : writers) c.writers.push_back(fmt::format("{}{}", dir, w));
  for (auto& r : readers) c.readers.push_back(fmt::format("{}{}", dir, r));
  c.transport = transport;
  return c;
}

// emit fans out to left and right in memory; right also writes a file and reads a socket; a
// second runner holds `relay`.
model::Pipeline fan_out() {
  model::Pipeline p;
  p.iri = "file:///demo/fan.ttl";
  p.processors = {processor("emit", "Emit"), processor("left", "Print"),
                  processor("right", "Print"),
                  processor("relay", "Relay", "file:///demo/other-runner")};
  p.channels = {channel("in", {}, {"relay"}, model::Transport::ws),
                channel("lines", {"emit"}, {"left", "right"}),
                channel("out", {"right"}, {}, model::Transport::file)};
  return p;
}

}  // namespace

TEST_CASE("mermaid: one subgraph per runner, channels as labelled edges, outside ends dashed") {
  CHECK(graph_render::render_mermaid(fan_out(), short_name) ==
        R"(flowchart LR
  subgraph r1["cae:CppRunner"]
    p1["#lt;emit#gt;<br/>cae:Emit"]
    p2["#lt;left#gt;<br/>cae:Print"]
    p3["#lt;right#gt;<br/>cae:Print"]
  end
  subgraph r2["#lt;other-runner#gt;"]
    p4["#lt;relay#gt;<br/>cae:Relay"]
  end
  x1{{"#lt;in#gt;<br/>ws"}}
  x2[("#lt;out#gt;<br/>file")]
  x1 -.-> p4
  p1 -->|"#lt;lines#gt;"| p2
  p1 -->|"#lt;lines#gt;"| p3
  p3 -.-> x2
)");
}

TEST_CASE("dot: clusters per runner, the same edges") {
  CHECK(graph_render::render_dot(fan_out(), short_name) ==
        R"(digraph pipeline {
  rankdir=LR;
  node [shape=box];
  subgraph cluster_r1 {
    label="cae:CppRunner";
    p1 [label="<emit>\ncae:Emit"];
    p2 [label="<left>\ncae:Print"];
    p3 [label="<right>\ncae:Print"];
  }
  subgraph cluster_r2 {
    label="<other-runner>";
    p4 [label="<relay>\ncae:Relay"];
  }
  x1 [shape=hexagon, label="<in>\nws"];
  x2 [shape=cylinder, label="<out>\nfile"];
  x1 -> p4 [style=dashed];
  p1 -> p2 [label="<lines>"];
  p1 -> p3 [label="<lines>"];
  p3 -> x2 [style=dashed];
}
)");
}

TEST_CASE("labels escape what each language gives meaning to") {
  model::Pipeline p;
  p.processors = {processor("say\"it#now", "Emit", "")};
  CHECK(graph_render::render_mermaid(p, short_name) ==
        "flowchart LR\n  p1[\"#lt;say#quot;it#35;now#gt;<br/>cae:Emit\"]\n");
  CHECK(graph_render::render_dot(p, short_name) ==
        "digraph pipeline {\n  rankdir=LR;\n  node [shape=box];\n"
        "  p1 [label=\"<say\\\"it#now>\\ncae:Emit\"];\n}\n");
}

TEST_CASE("Graphviz accepts the DOT output") {
  if (std::system("command -v dot >/dev/null 2>&1") != 0) {
    MESSAGE("dot is not installed: skipped");
    return;
  }
  const auto dir_path = std::filesystem::temp_directory_path() / "cae-graph-render-test";
  std::filesystem::create_directories(dir_path);
  const auto dot_file = dir_path / "fan.dot";
  std::ofstream{dot_file} << graph_render::render_dot(fan_out(), short_name);
  const auto command = fmt::format("dot -Tsvg '{}' -o '{}' 2>&1", dot_file.string(),
                                   (dir_path / "fan.svg").string());
  CHECK(std::system(command.c_str()) == 0);
  CHECK(std::filesystem::file_size(dir_path / "fan.svg") > 0);
  std::filesystem::remove_all(dir_path);
}
