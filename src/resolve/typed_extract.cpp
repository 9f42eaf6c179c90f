#include "resolve/typed_extract.hpp"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

namespace cae::resolve {
namespace {

struct Ancestor {
  rdf::Term cls;
  std::size_t distance;  // rdfs:subClassOf steps from the type
};

class TypeChooser {
 public:
  TypeChooser(const rdf::Graph& graph, const Vocabulary& vocab, const Naming& naming,
              ShapeIndex& shapes, Failure& failure)
      : graph_{graph}, vocab_{vocab}, naming_{naming}, shapes_{shapes}, failure_{failure} {}

  std::optional<TypedShape> choose(const Value& value) {
    if (value.term.is_literal()) {
      return fail(Code::bad_value, value.where,
                  fmt::format("rdfl:TypedExtract needs an IRI or blank node, found {}",
                              naming_.term(value.term)));
    }
    // value a ?type
    const auto types = graph_.match(value.term, vocab_.rdf_type, {});
    if (types.empty()) {
      return fail(Code::unknown_type, value.where,
                  "rdfl:TypedExtract needs an rdf:type on the value, found none");
    }
    const auto candidates = candidate_types(types);
    if (candidates.empty()) {
      return fail(Code::no_shape, types.front().pos.o,
                  fmt::format("no SHACL shape for {} or its superclasses; import the file that "
                              "defines it",
                              naming_.term(types.front().o)));
    }
    if (candidates.size() > 1) return ambiguous(candidates);
    return merge(candidates.front().o, value);
  }

 private:
  std::optional<TypedShape> fail(Code code, Location where, std::string detail) {
    failure_ = Failure{code, where, std::move(detail), {}, false};
    return std::nullopt;
  }

  // `type` and its superclasses, breadth-first, each once.
  std::vector<Ancestor> ancestry(rdf::Term type) const {
    std::vector<Ancestor> out{{type, 0}};
    std::unordered_set<rdf::Term> seen{type};
    for (std::size_t i = 0; i < out.size(); ++i) {
      // cls rdfs:subClassOf ?parent
      for (const rdf::Term parent : graph_.objects(out[i].cls, vocab_.rdfs_sub_class_of)) {
        if (parent.is_iri() && seen.insert(parent).second) {
          out.push_back({parent, out[i].distance + 1});
        }
      }
    }
    return out;
  }

  bool has_ancestor(rdf::Term type, rdf::Term ancestor) const {
    const auto line = ancestry(type);
    return std::any_of(line.begin() + 1, line.end(),
                       [&](const Ancestor& a) { return a.cls == ancestor; });
  }

  // Types with a shape of their own or through an ancestor. A type that is an ancestor of
  // another candidate adds nothing that the merge does not already take, so it is no rival.
  std::vector<rdf::Triple> candidate_types(const std::vector<rdf::Triple>& types) const {
    std::vector<rdf::Triple> out;
    for (const auto& type : types) {
      const auto line = ancestry(type.o);
      if (std::any_of(line.begin(), line.end(),
                      [&](const Ancestor& a) { return shapes_.has_shape(a.cls); })) {
        out.push_back(type);
      }
    }
    std::erase_if(out, [&](const rdf::Triple& general) {
      return std::any_of(out.begin(), out.end(), [&](const rdf::Triple& specific) {
        return has_ancestor(specific.o, general.o);
      });
    });
    return out;
  }

  std::optional<TypedShape> ambiguous(const std::vector<rdf::Triple>& candidates) {
    fail(Code::too_many_values, candidates[1].pos.o,
         fmt::format(
             "rdfl:TypedExtract needs exactly one rdf:type with a shape, found {} ({}, {}{})",
             candidates.size(), naming_.term(candidates[0].o), naming_.term(candidates[1].o),
             candidates.size() > 2 ? ", ..." : ""));
    failure_.notes.push_back(Note{candidates[0].pos.o, "the first type is here"});
    return std::nullopt;
  }

  std::optional<TypedShape> merge(rdf::Term type, const Value& value) {
    TypedShape out{type, {}};
    std::unordered_map<std::string, Ancestor> origin;  // field name -> class that defined it
    for (const auto& ancestor : ancestry(type)) {
      if (!shapes_.has_shape(ancestor.cls)) continue;
      const Shape* shape = shapes_.shape_of(ancestor.cls);
      if (shape == nullptr) {
        failure_.reported = true;  // several shapes for one class: already reported
        return std::nullopt;
      }
      for (const auto& field : shape->fields) {
        auto [known, inserted] = origin.try_emplace(field.name, ancestor);
        if (inserted) {
          out.fields.push_back(&field);
        } else if (known->second.distance == ancestor.distance) {
          return tie(field.name, known->second.cls, ancestor, type, value);
        }
      }
    }
    return out;
  }

  std::optional<TypedShape> tie(const std::string& name, rdf::Term first, const Ancestor& second,
                                rdf::Term type, const Value& value) {
    return fail(Code::bad_value, value.where,
                fmt::format("field '{}' is defined by both {} and {}, which are equally near "
                            "{} ({} rdfs:subClassOf steps)",
                            name, naming_.term(first), naming_.term(second.cls), naming_.term(type),
                            second.distance));
  }

  const rdf::Graph& graph_;
  const Vocabulary& vocab_;
  const Naming& naming_;
  ShapeIndex& shapes_;
  Failure& failure_;
};

}  // namespace

std::optional<TypedShape> typed_shape(const rdf::Graph& graph, const Vocabulary& vocab,
                                      const Naming& naming, ShapeIndex& shapes, const Value& value,
                                      Failure& failure) {
  return TypeChooser{graph, vocab, naming, shapes, failure}.choose(value);
}

}  // namespace cae::resolve
