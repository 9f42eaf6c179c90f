#include "resolve/extract.hpp"

#include <fmt/format.h>

#include "resolve/collection.hpp"
#include "resolve/path.hpp"

namespace cae::resolve {
namespace {

std::string values_text(std::size_t count) {
  return fmt::format("{} value{}", count, count == 1 ? "" : "s");
}

std::string argument_path(const std::string& parent, const std::string& name) {
  return parent.empty() ? name : fmt::format("{}.{}", parent, name);
}

}  // namespace

void report_failure(Context& context, const Walk& walk, const std::string& path, const Field& field,
                    Failure failure) {
  if (failure.reported) return;
  auto& error = context.diagnostics.error(failure.code, failure.where,
                                          fmt::format("{}: argument '{}' ({}): {}", walk.subject,
                                                      path, field.path_text, failure.detail));
  error.notes = std::move(failure.notes);
}

std::optional<model::Json> Extractor::extract(const Shape& shape, rdf::Term cls, const Value& focus,
                                              Walk& walk) {
  std::vector<const Field*> fields;
  fields.reserve(shape.fields.size());
  for (const auto& field : shape.fields) fields.push_back(&field);
  return extract(fields, cls, focus, "", walk);
}

std::optional<model::Json> Extractor::extract(const std::vector<const Field*>& fields,
                                              rdf::Term cls, const Value& focus,
                                              const std::string& path, Walk& walk) {
  walk.stack.push_back(Frame{cls, focus.term, path});
  model::Json out = model::Json::object();
  bool ok = true;
  for (const Field* field : fields) {
    ok = extract_field(*field, focus, argument_path(path, field->name), out, walk) && ok;
  }
  walk.stack.pop_back();
  if (!ok) return std::nullopt;
  return out;
}

bool Extractor::extract_field(const Field& field, const Value& focus, const std::string& path,
                              model::Json& out, Walk& walk) {
  auto values = values_of(field, focus, path, walk);
  if (!values || !count_fits(field, *values, focus, path, walk)) return false;
  if (field.scalar()) {
    if (values->empty()) return true;  // an absent optional scalar has no key
    auto json = converter_.convert(field, values->front(), path, walk);
    if (json) out[field.name] = std::move(*json);
    return json.has_value();
  }
  model::Json list = model::Json::array();
  bool ok = true;
  for (std::size_t i = 0; i < values->size(); ++i) {
    auto json = converter_.convert(field, (*values)[i], fmt::format("{}[{}]", path, i), walk);
    if (json) list.push_back(std::move(*json));
    ok = ok && json.has_value();
  }
  out[field.name] = std::move(list);
  return ok;
}

// The path's values, collections expanded for a list field, else the defaults.
std::optional<std::vector<Value>> Extractor::values_of(const Field& field, const Value& focus,
                                                       const std::string& path, Walk& walk) {
  auto values = evaluate(context_.graph, field.path, focus);
  if (field.scalar()) return values.empty() ? field.defaults : values;
  auto expanded = expand(values, field, path, walk);
  if (expanded && expanded->empty()) return expand(field.defaults, field, path, walk);
  return expanded;
}

// Replaces each value heading an RDF collection by its members (one level only).
std::optional<std::vector<Value>> Extractor::expand(const std::vector<Value>& values,
                                                    const Field& field, const std::string& path,
                                                    Walk& walk) {
  std::vector<Value> out;
  for (const auto& value : values) {
    if (!is_collection(context_.graph, context_.vocab, value.term)) {
      out.push_back(value);
      continue;
    }
    Problem problem;
    auto members = read_collection(context_.graph, context_.vocab, value, problem);
    if (!members) {
      report_failure(context_, walk, path, field,
                     Failure{Code::bad_value,
                             problem.where,
                             fmt::format("broken RDF list: {}", problem.message),
                             {},
                             false});
      return std::nullopt;
    }
    out.insert(out.end(), members->begin(), members->end());
  }
  return out;
}

bool Extractor::count_fits(const Field& field, const std::vector<Value>& values, const Value& focus,
                           const std::string& path, Walk& walk) {
  const auto& graph = context_.graph;
  if (values.size() < field.min) {
    // The focus node's first statement as a subject; a node never written as a subject is
    // located at the value that leads to it.
    const Location where =
        graph.has_subject(focus.term) ? graph.first_position(focus.term) : focus.where;
    report_failure(
        context_, walk, path, field,
        Failure{
            Code::missing_argument,
            where,
            fmt::format("expected at least {}, found {}", values_text(field.min), values.size()),
            {Note{field.where, fmt::format("argument '{}' is declared here", field.name)}},
            false});
    return false;
  }
  if (field.max && values.size() > *field.max) {
    const Value& first = values.front();
    report_failure(context_, walk, path, field,
                   Failure{Code::too_many_values,
                           values[*field.max].where,
                           fmt::format("expected at most {}, found {}", values_text(*field.max),
                                       values.size()),
                           {Note{first.where, fmt::format("first value {} is here",
                                                          context_.naming.term(first.term))}},
                           false});
    return false;
  }
  return true;
}

}  // namespace cae::resolve
