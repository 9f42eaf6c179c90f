// The extract/convert algorithm of spec/arguments.md §2: a node read through a shape becomes an
// argument object, each value converted by its field's class or datatype.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/pipeline.hpp"
#include "resolve/context.hpp"
#include "resolve/value.hpp"

namespace cae::resolve {

// A (class, node) pair being resolved, and the argument path that led to it.
struct Frame {
  rdf::Term cls;
  rdf::Term node;
  std::string path;
};

// One resolution: a processor's arguments or a channel's settings.
struct Walk {
  std::string subject;       // how messages name the owner: "processor <p> (ex:P)", "channel <c>"
  std::string processor;     // id recorded with the channel ends it uses; empty for channels
  std::vector<Frame> stack;  // for cycle detection
  // The class chosen for each rdfl:TypedExtract value, by argument path.
  std::vector<std::pair<std::string, std::string>> typed;
};

class Extractor;

// convert(f, v, path, stack) of spec §2: one value of one field.
class Converter {
 public:
  Converter(Context& context, Extractor& extractor) : context_{context}, extractor_{extractor} {}

  // The JSON of `value`; nothing when it failed (the failure is reported).
  std::optional<model::Json> convert(const Field& field, Value value, const std::string& path,
                                     Walk& walk);

 private:
  std::optional<model::Json> by_datatype(const Field& field, const Value& value,
                                         const std::string& path, Walk& walk);
  std::optional<model::Json> by_class(const Field& field, const Value& value,
                                      const std::string& path, Walk& walk);
  std::optional<model::Json> channel_end(Direction direction, const Field& field,
                                         const Value& value, const std::string& path, Walk& walk);
  std::optional<model::Json> lens(const Field& field, const Value& value, const std::string& path,
                                  Walk& walk);
  std::optional<model::Json> typed(const Field& field, const Value& value, const std::string& path,
                                   Walk& walk);
  std::optional<model::Json> nested(const Field& field, const Value& value, const std::string& path,
                                    Walk& walk);
  bool cycles(rdf::Term cls, const Value& value, const std::string& path, const Field& field,
              Walk& walk);
  std::optional<model::Json> fail(const Walk& walk, const std::string& path, const Field& field,
                                  Failure failure);
  [[nodiscard]] std::string found(const Value& value) const;

  Context& context_;
  Extractor& extractor_;
  std::optional<std::string> context_ntriples_;  // rdfl:Context: the whole graph, written once
};

// extract(S, C, n, path, stack) of spec §2.
class Extractor {
 public:
  explicit Extractor(Context& context) : context_{context}, converter_{context, *this} {}

  // The argument object of `focus` read with `fields` as an instance of `cls`; `path` is the
  // argument path of `focus` ("" at the top). Nothing when some field failed (each failure is
  // reported); resolution still visits every field. The caller checks for cycles first.
  std::optional<model::Json> extract(const std::vector<const Field*>& fields, rdf::Term cls,
                                     const Value& focus, const std::string& path, Walk& walk);
  std::optional<model::Json> extract(const Shape& shape, rdf::Term cls, const Value& focus,
                                     Walk& walk);

 private:
  bool extract_field(const Field& field, const Value& focus, const std::string& path,
                     model::Json& out, Walk& walk);
  std::optional<std::vector<Value>> values_of(const Field& field, const Value& focus,
                                              const std::string& path, Walk& walk);
  std::optional<std::vector<Value>> expand(const std::vector<Value>& values, const Field& field,
                                           const std::string& path, Walk& walk);
  bool count_fits(const Field& field, const std::vector<Value>& values, const Value& focus,
                  const std::string& path, Walk& walk);

  Context& context_;
  Converter converter_;
};

// Reports `failure` as an error about argument `path` of field `field` of the walk's owner:
// "SUBJECT: argument 'PATH' (SHACL path): DETAIL".
void report_failure(Context& context, const Walk& walk, const std::string& path, const Field& field,
                    Failure failure);

}  // namespace cae::resolve
