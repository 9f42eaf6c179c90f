// Reading SHACL property paths from the graph, and printing them.
#include <array>
#include <unordered_set>

#include <fmt/format.h>

#include "resolve/collection.hpp"
#include "resolve/path.hpp"

namespace cae::resolve {
namespace {

class PathReader {
 public:
  PathReader(const rdf::Graph& graph, const Vocabulary& vocab, Problem& problem)
      : graph_{graph}, vocab_{vocab}, problem_{problem} {
    operators_ = {{{vocab.sh_inverse_path, Path::Kind::inverse},
                   {vocab.sh_alternative_path, Path::Kind::alternative},
                   {vocab.sh_zero_or_more_path, Path::Kind::zero_or_more},
                   {vocab.sh_one_or_more_path, Path::Kind::one_or_more},
                   {vocab.sh_zero_or_one_path, Path::Kind::zero_or_one}}};
  }

  std::optional<Path> read(rdf::Term node, Location where) {
    if (node == vocab_.rdf_nil) return Path{Path::Kind::identity, {}, {}};
    if (node.is_iri()) return Path{Path::Kind::predicate, node, {}};
    if (node.is_literal()) return fail(where, "a literal is not a SHACL path");
    if (!in_progress_.insert(node).second) return fail(where, "the path contains itself");
    auto path = is_collection(graph_, vocab_, node) ? read_sequence(node, where)
                                                    : read_operator(node, where);
    in_progress_.erase(node);
    return path;
  }

 private:
  struct Operator {
    rdf::Term predicate;
    Path::Kind kind;
  };

  std::optional<Path> fail(Location where, std::string message) {
    problem_ = Problem{where, std::move(message)};
    return std::nullopt;
  }

  std::optional<std::vector<Path>> read_members(const Value& list) {
    auto members = read_collection(graph_, vocab_, list, problem_);
    if (!members) return std::nullopt;
    std::vector<Path> parts;
    for (const auto& member : *members) {
      auto part = read(member.term, member.where);
      if (!part) return std::nullopt;
      parts.push_back(std::move(*part));
    }
    return parts;
  }

  // ( p1 p2 ... ): one member is that path, several a sequence.
  std::optional<Path> read_sequence(rdf::Term node, Location where) {
    auto parts = read_members(Value{node, where, {}});
    if (!parts) return std::nullopt;
    if (parts->size() == 1) return std::move(parts->front());
    return Path{Path::Kind::sequence, {}, std::move(*parts)};
  }

  std::optional<Path> read_operator(rdf::Term node, Location where) {
    std::vector<rdf::Triple> found;
    Path::Kind kind = Path::Kind::identity;
    for (const auto& op : operators_) {
      // node sh:inversePath|sh:alternativePath|... ?operand
      for (auto& triple : graph_.match(node, op.predicate, {})) {
        found.push_back(triple);
        kind = op.kind;
      }
    }
    if (found.size() != 1) {
      return fail(where, found.empty() ? "not a SHACL path: expected an IRI, a list, or a node "
                                         "with one of sh:inversePath, sh:alternativePath, "
                                         "sh:zeroOrMorePath, sh:oneOrMorePath, sh:zeroOrOnePath"
                                       : "a path node must have exactly one path operator");
    }
    const rdf::Triple& operand = found.front();
    if (kind == Path::Kind::alternative) return read_alternative(operand);
    auto inner = read(operand.o, operand.pos.o);
    if (!inner) return std::nullopt;
    return Path{kind, {}, {std::move(*inner)}};
  }

  std::optional<Path> read_alternative(const rdf::Triple& operand) {
    if (!is_collection(graph_, vocab_, operand.o) || operand.o == vocab_.rdf_nil) {
      return fail(operand.pos.o, "sh:alternativePath needs a non-empty list of paths");
    }
    auto parts = read_members(Value{operand.o, operand.pos.o, {}});
    if (!parts) return std::nullopt;
    return Path{Path::Kind::alternative, {}, std::move(*parts)};
  }

  const rdf::Graph& graph_;
  const Vocabulary& vocab_;
  Problem& problem_;
  std::array<Operator, 5> operators_;
  std::unordered_set<rdf::Term> in_progress_;
};

bool is_compound(const Path& path) {
  return path.kind == Path::Kind::sequence || path.kind == Path::Kind::alternative ||
         path.kind == Path::Kind::inverse;
}

std::string operand(const Path& path, const Naming& naming) {
  const std::string text = sparql(path, naming);
  return is_compound(path) ? fmt::format("({})", text) : text;
}

std::string joined(const std::vector<Path>& parts, std::string_view separator,
                   const Naming& naming) {
  std::string out;
  for (const auto& part : parts) {
    if (!out.empty()) out += separator;
    // A sequence inside an alternative needs no brackets; the reverse does.
    const bool bracket = part.kind == Path::Kind::alternative && separator == "/";
    out += bracket ? fmt::format("({})", sparql(part, naming)) : sparql(part, naming);
  }
  return out;
}

}  // namespace

std::optional<Path> read_path(const rdf::Graph& graph, const Vocabulary& vocab, rdf::Term node,
                              Location where, Problem& problem) {
  return PathReader{graph, vocab, problem}.read(node, where);
}

std::string sparql(const Path& path, const Naming& naming) {
  switch (path.kind) {
    case Path::Kind::predicate: return naming.iri(path.predicate.text());
    case Path::Kind::identity: return "()";
    case Path::Kind::sequence: return joined(path.parts, "/", naming);
    case Path::Kind::alternative: return joined(path.parts, "|", naming);
    case Path::Kind::inverse: return fmt::format("^{}", operand(path.parts.front(), naming));
    case Path::Kind::zero_or_more: return operand(path.parts.front(), naming) + "*";
    case Path::Kind::one_or_more: return operand(path.parts.front(), naming) + "+";
    case Path::Kind::zero_or_one: return operand(path.parts.front(), naming) + "?";
  }
  return {};
}

}  // namespace cae::resolve
