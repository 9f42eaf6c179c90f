// Evaluating SHACL property paths (spec/arguments.md §2.1).
#include <algorithm>
#include <unordered_set>

#include "resolve/path.hpp"

namespace cae::resolve {
namespace {

// Appends the values not yet in `out`, keeping the first occurrence of each term.
class Collector {
 public:
  void add(const Value& value) {
    if (seen_.insert(value.term).second) values_.push_back(value);
  }
  void add(const std::vector<Value>& values) {
    for (const auto& value : values) add(value);
  }
  std::vector<Value> take() { return std::move(values_); }

 private:
  std::unordered_set<rdf::Term> seen_;
  std::vector<Value> values_;
};

class Evaluator {
 public:
  explicit Evaluator(const rdf::Graph& graph) : graph_{graph} {}

  // Values reached from `from`; `inverse` walks every step backwards.
  std::vector<Value> eval(const Path& path, const std::vector<Value>& from, bool inverse) {
    switch (path.kind) {
      case Path::Kind::predicate: return step(path.predicate, from, inverse);
      case Path::Kind::identity: return from;
      case Path::Kind::sequence: return sequence(path.parts, from, inverse);
      case Path::Kind::inverse: return eval(path.parts.front(), from, !inverse);
      case Path::Kind::alternative: return alternative(path.parts, from, inverse);
      case Path::Kind::zero_or_more: return closure(path.parts.front(), from, inverse, true);
      case Path::Kind::one_or_more: return closure(path.parts.front(), from, inverse, false);
      case Path::Kind::zero_or_one: return zero_or_one(path.parts.front(), from, inverse);
    }
    return {};
  }

 private:
  std::vector<Value> step(rdf::Term predicate, const std::vector<Value>& from, bool inverse) {
    Collector out;
    for (const auto& value : from) {
      if (value.term.is_literal()) continue;
      if (inverse) {
        // ?s predicate value, by source position of the triple
        for (const auto& t : subjects_by_position(predicate, value.term)) {
          out.add(Value{t.s, t.pos.s, {}});
        }
      } else {
        // value predicate ?o, in value order
        for (const auto& t : graph_.match(value.term, predicate, {})) {
          out.add(Value{t.o, t.pos.o, {}});
        }
      }
    }
    return out.take();
  }

  std::vector<rdf::Triple> subjects_by_position(rdf::Term predicate, rdf::Term object) {
    auto triples = graph_.match({}, predicate, object);
    std::stable_sort(triples.begin(), triples.end(),
                     [](const rdf::Triple& a, const rdf::Triple& b) { return a.pos.s < b.pos.s; });
    return triples;
  }

  std::vector<Value> sequence(const std::vector<Path>& parts, std::vector<Value> values,
                              bool inverse) {
    if (inverse) {
      for (auto it = parts.rbegin(); it != parts.rend(); ++it) values = eval(*it, values, true);
    } else {
      for (const auto& part : parts) values = eval(part, values, false);
    }
    return values;
  }

  std::vector<Value> alternative(const std::vector<Path>& parts, const std::vector<Value>& from,
                                 bool inverse) {
    Collector out;
    for (const auto& part : parts) out.add(eval(part, from, inverse));
    return out.take();
  }

  // Breadth-first repetition of `path`; the start nodes count only with `include_start`.
  std::vector<Value> closure(const Path& path, const std::vector<Value>& from, bool inverse,
                             bool include_start) {
    Collector out;
    if (include_start) out.add(from);
    std::unordered_set<rdf::Term> reached;
    for (const auto& value : from) {
      if (include_start) reached.insert(value.term);
    }
    std::vector<Value> frontier = from;
    while (!frontier.empty()) {
      std::vector<Value> next;
      for (const auto& value : eval(path, frontier, inverse)) {
        if (reached.insert(value.term).second) next.push_back(value);
      }
      out.add(next);
      frontier = std::move(next);
    }
    return out.take();
  }

  std::vector<Value> zero_or_one(const Path& path, const std::vector<Value>& from, bool inverse) {
    Collector out;
    out.add(from);
    out.add(eval(path, from, inverse));
    return out.take();
  }

  const rdf::Graph& graph_;
};

}  // namespace

std::vector<Value> evaluate(const rdf::Graph& graph, const Path& path, const Value& focus) {
  Collector out;
  out.add(Evaluator{graph}.eval(path, {focus}, false));
  return out.take();
}

}  // namespace cae::resolve
