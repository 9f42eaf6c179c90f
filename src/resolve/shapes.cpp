#include "resolve/shapes.hpp"

#include <unordered_set>

#include <fmt/format.h>

#include "resolve/field_reader.hpp"

namespace cae::resolve {

ShapeIndex::ShapeIndex(const rdf::Graph& graph, const Vocabulary& vocab, const Naming& naming,
                       Diagnostics& diagnostics, std::function<bool(rdf::Term)> cae_only,
                       std::uint32_t cae_file)
    : graph_{graph}, vocab_{vocab}, naming_{naming}, diagnostics_{diagnostics} {
  index_targets(cae_only, cae_file);
}

void ShapeIndex::index_targets(const std::function<bool(rdf::Term)>& cae_only,
                               std::uint32_t cae_file) {
  // ?shape sh:targetClass ?class
  for (const auto& triple : graph_.match({}, vocab_.sh_target_class, {})) {
    // ?shape a sh:NodeShape
    if (!graph_.contains(triple.s, vocab_.rdf_type, vocab_.sh_node_shape)) continue;
    if (cae_only(triple.o) && triple.pos.o.file != cae_file) continue;
    targets_[triple.o].push_back(Target{triple.s, triple.pos.o});
  }
}

bool ShapeIndex::has_shape(rdf::Term cls) const {
  return targets_.contains(cls);
}

const Shape* ShapeIndex::shape_of(rdf::Term cls) {
  if (auto known = by_class_.find(cls); known != by_class_.end()) return known->second;
  const Shape* shape = nullptr;
  auto found = targets_.find(cls);
  if (found != targets_.end() && found->second.size() == 1) {
    shape = &read_shape(found->second.front().shape, cls);
  } else if (found != targets_.end()) {
    const auto& targets = found->second;
    auto& error = diagnostics_.error(
        Code::too_many_values, targets[1].where,
        fmt::format("{} has {} SHACL shapes ({}, {}{}); cae needs exactly one", naming_.term(cls),
                    targets.size(), naming_.term(targets[0].shape), naming_.term(targets[1].shape),
                    targets.size() > 2 ? ", ..." : ""));
    error.notes.push_back(Note{targets[0].where, "the first shape is here"});
  }
  by_class_.emplace(cls, shape);
  return shape;
}

const Shape* ShapeIndex::named_shape(rdf::Term node) {
  // node a sh:NodeShape
  if (!graph_.contains(node, vocab_.rdf_type, vocab_.sh_node_shape)) return nullptr;
  return &read_shape(node, node);
}

const Shape& ShapeIndex::read_shape(rdf::Term node, rdf::Term cls) {
  if (auto known = shapes_.find(node); known != shapes_.end()) return known->second;
  Shape shape{node, {}};
  std::unordered_set<std::string> names;
  // ?shape sh:property ?property
  for (const rdf::Term property : graph_.objects(node, vocab_.sh_property)) {
    Problem problem;
    auto field = read_field(graph_, vocab_, naming_, cls, property, problem);
    if (field && !names.insert(field->name).second) {
      problem = Problem{field->where, fmt::format("the shape of {} has two properties named '{}'",
                                                  naming_.term(cls), field->name)};
      field.reset();
    }
    if (!field) {
      diagnostics_.error(Code::bad_value, problem.where, problem.message);
      continue;
    }
    shape.fields.push_back(std::move(*field));
  }
  return shapes_.emplace(node, std::move(shape)).first->second;
}

}  // namespace cae::resolve
