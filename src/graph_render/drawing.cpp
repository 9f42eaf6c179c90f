#include "graph_render/drawing.hpp"

#include <unordered_map>

#include <fmt/format.h>

namespace cae::graph_render {
namespace {

class Builder {
 public:
  Builder(const model::Pipeline& pipeline, const NameIri& name)
      : pipeline_{pipeline}, name_{name} {}

  Drawing build() {
    for (std::size_t i = 0; i < pipeline_.processors.size(); ++i) add_processor(i);
    for (const auto& channel : pipeline_.channels) add_channel(channel);
    return std::move(drawing_);
  }

 private:
  void add_processor(std::size_t index) {
    const auto& processor = pipeline_.processors[index];
    std::string id = fmt::format("p{}", index + 1);
    node_ids_.emplace(processor.id, id);
    Node node{std::move(id), {name_(processor.id), name_(processor.type)}, {}};
    if (processor.runner.empty()) {
      drawing_.unassigned.push_back(std::move(node));
    } else {
      cluster(processor.runner).nodes.push_back(std::move(node));
    }
  }

  Cluster& cluster(const std::string& runner) {
    auto [found, added] = cluster_of_runner_.try_emplace(runner, drawing_.clusters.size());
    if (added) {
      const auto id = fmt::format("r{}", drawing_.clusters.size() + 1);
      drawing_.clusters.push_back(Cluster{id, name_(runner), {}});
    }
    return drawing_.clusters[found->second];
  }

  // An in-memory channel joins its writers to its readers directly; any other channel is an
  // external node on the far side of its local ends.
  void add_channel(const model::Channel& channel) {
    if (channel.transport == model::Transport::memory) {
      for (const auto& writer : channel.writers) {
        for (const auto& reader : channel.readers) {
          drawing_.edges.push_back(
              Edge{node_ids_.at(writer), node_ids_.at(reader), name_(channel.id), false});
        }
      }
      return;
    }
    const auto id = fmt::format("x{}", drawing_.externals.size() + 1);
    drawing_.externals.push_back(
        Node{id,
             {name_(channel.id), std::string{model::transport_name(channel.transport)}},
             channel.transport});
    for (const auto& writer : channel.writers) {
      drawing_.edges.push_back(Edge{node_ids_.at(writer), id, {}, true});
    }
    for (const auto& reader : channel.readers) {
      drawing_.edges.push_back(Edge{id, node_ids_.at(reader), {}, true});
    }
  }

  const model::Pipeline& pipeline_;
  const NameIri& name_;
  Drawing drawing_;
  std::unordered_map<std::string, std::string> node_ids_;           // processor id -> node id
  std::unordered_map<std::string, std::size_t> cluster_of_runner_;  // runner IRI -> cluster
};

}  // namespace

Drawing make_drawing(const model::Pipeline& pipeline, const NameIri& name) {
  return Builder{pipeline, name}.build();
}

}  // namespace cae::graph_render
