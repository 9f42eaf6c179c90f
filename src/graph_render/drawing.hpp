// What `cae graph` draws, independent of the output language: processors grouped by runner,
// in-memory channels as edges from each writer to each reader, and network and file channels
// as external nodes joined by dashed edges to the local side.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "model/pipeline.hpp"

namespace cae::graph_render {

// Turns an IRI (or _:bN id) into the short form a reader sees, e.g. `<say>` or `cae:Emit`.
using NameIri = std::function<std::string(std::string_view)>;

struct Node {
  std::string id;                  // p1, p2 … for processors, x1, x2 … for external channels
  std::vector<std::string> lines;  // label lines: name, then type or transport
  model::Transport transport = model::Transport::memory;  // of an external channel
};

struct Cluster {
  std::string id;     // r1, r2 …
  std::string label;  // the runner
  std::vector<Node> nodes;
};

struct Edge {
  std::string from;
  std::string to;
  std::string label;  // the channel, empty on edges to and from an external node
  bool external = false;
};

struct Drawing {
  std::vector<Cluster> clusters;  // one per runner, in order of first use
  std::vector<Node> unassigned;   // processors without a runner
  std::vector<Node> externals;    // network and file channels, in channel order
  std::vector<Edge> edges;        // by channel, then writer, then reader
};

Drawing make_drawing(const model::Pipeline& pipeline, const NameIri& name);

// Mermaid flowchart and Graphviz DOT text for a pipeline, each ending in a newline.
std::string render_mermaid(const model::Pipeline& pipeline, const NameIri& name);
std::string render_dot(const model::Pipeline& pipeline, const NameIri& name);

}  // namespace cae::graph_render
