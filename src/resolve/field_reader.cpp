#include "resolve/field_reader.hpp"

#include <charconv>

#include <fmt/format.h>

#include "resolve/collection.hpp"

namespace cae::resolve {
namespace {

class FieldReader {
 public:
  FieldReader(const rdf::Graph& graph, const Vocabulary& vocab, const Naming& naming, rdf::Term cls,
              rdf::Term property, Problem& problem)
      : graph_{graph}, vocab_{vocab}, naming_{naming}, cls_{cls}, problem_{problem} {
    field_.node = property;
    field_.where = graph.first_position(property);
    problem_.where = field_.where;
  }

  std::optional<Field> read() {
    if (!read_name() || !read_path_value() || !read_kind() || !read_counts() || !read_defaults()) {
      return std::nullopt;
    }
    field_.description = text_of(vocab_.sh_description);
    if (field_.description.empty()) field_.description = text_of(vocab_.rdfs_comment);
    return std::move(field_);
  }

 private:
  // Records what is wrong, naming the property by its name once that is known.
  bool fail(std::string_view message) {
    const std::string label =
        field_.name.empty() ? naming_.term(field_.node) : fmt::format("'{}'", field_.name);
    problem_.message =
        fmt::format("property {} of the shape of {}: {}", label, naming_.term(cls_), message);
    return false;
  }

  // The objects of `property predicate ?o`, with their positions.
  std::vector<rdf::Triple> values(rdf::Term predicate) const {
    return graph_.match(field_.node, predicate, {});
  }

  // At most one value of `predicate`; `found` is left empty when there is none.
  bool at_most_one(rdf::Term predicate, std::optional<rdf::Triple>& found) {
    auto triples = values(predicate);
    if (triples.size() > 1) {
      return fail(fmt::format("expected at most one {}, found {}", naming_.term(predicate),
                              triples.size()));
    }
    if (!triples.empty()) found = triples.front();
    return true;
  }

  std::string text_of(rdf::Term predicate) const {
    const rdf::Term value = graph_.object(field_.node, predicate);
    return value.is_literal() ? std::string{value.text()} : std::string{};
  }

  bool read_name() {
    std::optional<rdf::Triple> name;
    if (!at_most_one(vocab_.sh_code_identifier, name)) return false;
    if (!name && !at_most_one(vocab_.sh_name, name)) return false;
    if (!name) return fail("no sh:codeIdentifier or sh:name");
    if (!name->o.is_literal() || name->o.text().empty()) {
      return fail(fmt::format("{} must be a non-empty literal, found {}", naming_.term(name->p),
                              naming_.term(name->o)));
    }
    field_.name = name->o.text();
    return true;
  }

  bool read_path_value() {
    auto paths = values(vocab_.sh_path);
    if (paths.size() != 1) {
      return fail(fmt::format("expected exactly one sh:path, found {}", paths.size()));
    }
    auto path = read_path(graph_, vocab_, paths.front().o, paths.front().pos.o, problem_);
    if (!path) {
      return fail(fmt::format("sh:path: {}", problem_.message));
    }
    field_.path = std::move(*path);
    field_.path_text = sparql(field_.path, naming_);
    problem_.where = field_.where;
    return true;
  }

  bool read_kind() {
    std::optional<rdf::Triple> cls;
    std::optional<rdf::Triple> datatype;
    if (!at_most_one(vocab_.sh_class, cls) || !at_most_one(vocab_.sh_datatype, datatype)) {
      return false;
    }
    const auto& kind = cls ? cls : datatype;
    if (!kind) return fail("no sh:class or sh:datatype");
    if (!kind->o.is_iri()) {
      return fail(
          fmt::format("{} must be an IRI, found {}", naming_.term(kind->p), naming_.term(kind->o)));
    }
    if (cls) {
      field_.cls = cls->o;
      field_.class_where = cls->pos.o;
    } else {
      field_.datatype = datatype->o;
    }
    return true;
  }

  // A count literal: a non-negative integer.
  bool read_count(rdf::Term predicate, std::optional<std::size_t>& count) {
    std::optional<rdf::Triple> found;
    if (!at_most_one(predicate, found)) return false;
    if (!found) return true;
    const std::string_view text = found->o.text();
    std::size_t number = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (!found->o.is_literal() || error != std::errc{} || end != text.data() + text.size()) {
      return fail(fmt::format("{} must be a non-negative integer, found {}",
                              naming_.term(predicate), naming_.term(found->o)));
    }
    count = number;
    return true;
  }

  bool read_counts() {
    std::optional<std::size_t> min;
    if (!read_count(vocab_.sh_min_count, min) || !read_count(vocab_.sh_max_count, field_.max)) {
      return false;
    }
    field_.min = min.value_or(0);
    if (field_.max && field_.min > *field_.max) {
      return fail(
          fmt::format("sh:minCount {} is greater than sh:maxCount {}", field_.min, *field_.max));
    }
    return true;
  }

  bool read_defaults() {
    for (const auto& triple : values(vocab_.sh_default_value)) {
      field_.defaults.push_back(Value{triple.o, triple.pos.o, {}});
    }
    if (field_.scalar() && field_.defaults.size() > 1) {
      return fail(fmt::format("a single-valued argument takes one sh:defaultValue, found {}",
                              field_.defaults.size()));
    }
    return true;
  }

  const rdf::Graph& graph_;
  const Vocabulary& vocab_;
  const Naming& naming_;
  rdf::Term cls_;
  Problem& problem_;
  Field field_;
};

}  // namespace

std::optional<Field> read_field(const rdf::Graph& graph, const Vocabulary& vocab,
                                const Naming& naming, rdf::Term cls, rdf::Term property,
                                Problem& problem) {
  return FieldReader{graph, vocab, naming, cls, property, problem}.read();
}

}  // namespace cae::resolve
