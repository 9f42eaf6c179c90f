#include <fmt/format.h>

#include "resolve/collection.hpp"
#include "resolve/datatypes.hpp"
#include "resolve/env_value.hpp"
#include "resolve/extract.hpp"
#include "resolve/ntriples.hpp"
#include "resolve/typed_extract.hpp"

namespace cae::resolve {
namespace {

using model::Json;

// What a single-valued field takes, for the hint given when it receives a list.
std::string single_kind(const Vocabulary& vocab, const Field& field) {
  if (field.cls) return field_direction(field.cls.text()) ? "one channel IRI" : "one node";
  if (field.datatype == vocab.xsd_iri || field.datatype == vocab.xsd_any_uri) return "one IRI";
  return "one literal";
}

}  // namespace

std::optional<Json> Converter::convert(const Field& field, Value value, const std::string& path,
                                       Walk& walk) {
  const auto& vocab = context_.vocab;
  if (is_env_variable(context_.graph, vocab, value.term)) {
    Failure failure;
    auto replaced = env_value(context_.graph, vocab, context_.naming, context_.options.environment,
                              value, field, failure);
    if (!replaced) return fail(walk, path, field, std::move(failure));
    value = std::move(*replaced);
  } else if (field.scalar() && is_collection(context_.graph, vocab, value.term)) {
    return fail(walk, path, field,
                Failure{Code::bad_value,
                        value.where,
                        fmt::format("expected {}, found an RDF list; this argument takes a single "
                                    "value",
                                    single_kind(vocab, field)),
                        {},
                        false});
  }
  return field.cls ? by_class(field, value, path, walk) : by_datatype(field, value, path, walk);
}

std::optional<Json> Converter::by_datatype(const Field& field, const Value& value,
                                           const std::string& path, Walk& walk) {
  std::string why;
  auto json = convert_datatype(context_.vocab, field.datatype, value.term, why);
  if (json) return json;
  if (!value.env_key.empty()) {
    why += fmt::format("{}from environment variable {}", why.empty() ? "" : "; ", value.env_key);
  }
  return fail(walk, path, field,
              Failure{Code::bad_value,
                      value.where,
                      fmt::format("expected {}, found {}{}",
                                  with_article(context_.naming.term(field.datatype)), found(value),
                                  why.empty() ? "" : fmt::format(" ({})", why)),
                      {},
                      false});
}

std::optional<Json> Converter::by_class(const Field& field, const Value& value,
                                        const std::string& path, Walk& walk) {
  const auto& vocab = context_.vocab;
  if (auto direction = field_direction(field.cls.text())) {
    return channel_end(*direction, field, value, path, walk);
  }
  if (field.cls == vocab.rdfl_typed_extract) return typed(field, value, path, walk);
  if (field.cls == vocab.rdfl_cbd || field.cls == vocab.rdfl_path ||
      field.cls == vocab.rdfl_path_lens || field.cls == vocab.rdfl_context) {
    return lens(field, value, path, walk);
  }
  return nested(field, value, path, walk);
}

std::optional<Json> Converter::channel_end(Direction direction, const Field& field,
                                           const Value& value, const std::string& path,
                                           Walk& walk) {
  const std::string_view kind = direction_name(direction);
  if (!value.term.is_iri()) {
    return fail(walk, path, field,
                Failure{Code::not_an_iri,
                        value.where,
                        fmt::format("a {} must be a channel IRI, found {}", kind, found(value)),
                        {},
                        false});
  }
  const std::string id = context_.channels.use(value.term, direction, walk.processor, value.where);
  return Json{{std::string{kind}, id}};
}

// rdfl:CBD, rdfl:Path, rdfl:PathLens and rdfl:Context: graph fragments as N-Triples.
std::optional<Json> Converter::lens(const Field& field, const Value& value, const std::string& path,
                                    Walk& walk) {
  const auto& vocab = context_.vocab;
  if (field.cls == vocab.rdfl_context) {
    if (!context_ntriples_) context_ntriples_ = graph_ntriples(context_.graph);
    return Json{{"ntriples", *context_ntriples_}};
  }
  if (value.term.is_literal()) {
    return fail(walk, path, field,
                Failure{Code::bad_value,
                        value.where,
                        fmt::format("{} needs an IRI or blank node, found {}",
                                    context_.naming.term(field.cls), found(value)),
                        {},
                        false});
  }
  if (field.cls == vocab.rdfl_path || field.cls == vocab.rdfl_path_lens) {
    Problem problem;
    if (!read_path(context_.graph, vocab, value.term, value.where, problem)) {
      return fail(walk, path, field,
                  Failure{Code::bad_value,
                          problem.where,
                          fmt::format("not a SHACL property path: {}", problem.message),
                          {},
                          false});
    }
  }
  return Json{{"ntriples", cbd_ntriples(context_.graph, value.term)}};
}

std::optional<Json> Converter::typed(const Field& field, const Value& value,
                                     const std::string& path, Walk& walk) {
  Failure failure;
  auto shape =
      typed_shape(context_.graph, context_.vocab, context_.naming, context_.shapes, value, failure);
  if (!shape) return fail(walk, path, field, std::move(failure));
  if (cycles(shape->type, value, path, field, walk)) return std::nullopt;
  walk.typed.emplace_back(path, std::string{shape->type.text()});
  return extractor_.extract(shape->fields, shape->type, value, path, walk);
}

std::optional<Json> Converter::nested(const Field& field, const Value& value,
                                      const std::string& path, Walk& walk) {
  const Shape* shape = context_.shapes.shape_of(field.cls);
  if (shape == nullptr) {
    if (context_.shapes.has_shape(field.cls)) return std::nullopt;  // reported by the index
    return fail(walk, path, field,
                Failure{Code::no_shape,
                        field.class_where,
                        fmt::format("{} has no SHACL shape; import the file that defines it",
                                    context_.naming.term(field.cls)),
                        {},
                        false});
  }
  if (value.term.is_literal()) {
    return fail(walk, path, field,
                Failure{Code::bad_value,
                        value.where,
                        fmt::format("expected an IRI or blank node described by {}, found {}",
                                    context_.naming.term(field.cls), found(value)),
                        {},
                        false});
  }
  if (cycles(field.cls, value, path, field, walk)) return std::nullopt;
  std::vector<const Field*> fields;
  for (const auto& nested_field : shape->fields) fields.push_back(&nested_field);
  return extractor_.extract(fields, field.cls, value, path, walk);
}

// Nested resolution that meets a (class, node) pair already on its path is a cycle.
bool Converter::cycles(rdf::Term cls, const Value& value, const std::string& path,
                       const Field& field, Walk& walk) {
  for (const auto& frame : walk.stack) {
    if (frame.cls != cls || frame.node != value.term) continue;
    const std::string first =
        frame.path.empty() ? std::string{"the top level"} : fmt::format("'{}'", frame.path);
    fail(walk, path, field,
         Failure{Code::cycle,
                 value.where,
                 fmt::format("{} is already being resolved as {} at {}",
                             context_.naming.term(value.term), context_.naming.term(cls), first),
                 {},
                 false});
    return true;
  }
  return false;
}

std::optional<Json> Converter::fail(const Walk& walk, const std::string& path, const Field& field,
                                    Failure failure) {
  report_failure(context_, walk, path, field, std::move(failure));
  return std::nullopt;
}

// The value as a message shows it; environment values by their text alone.
std::string Converter::found(const Value& value) const {
  if (value.term.is_blank()) return "a blank node";
  if (!value.env_key.empty() && value.term.is_literal()) return turtle_string(value.term.text());
  return context_.naming.term(value.term);
}

}  // namespace cae::resolve
