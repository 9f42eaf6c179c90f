// Typed accessors over resolved arguments (cae/arguments.hpp).
#include "cae/arguments.hpp"

#include <fmt/format.h>

namespace cae {
namespace {

using Json = nlohmann::json;

// How a found value is described in an error message.
std::string describe(const Json& value) {
  if (value.is_string()) return fmt::format("the string {}", value.dump());
  if (value.is_number_integer()) return fmt::format("the integer {}", value.dump());
  if (value.is_number()) return fmt::format("the number {}", value.dump());
  if (value.is_boolean()) return fmt::format("the boolean {}", value.dump());
  if (value.is_array()) return fmt::format("a list of {} values", value.size());
  if (value.is_object() && value.contains("reader")) return "a reader";
  if (value.is_object() && value.contains("writer")) return "a writer";
  if (value.is_object() && value.contains("iri")) return "an IRI";
  if (value.is_object()) return "an object";
  return "null";
}

bool is_end(const Json& value, const char* key) {
  return value.is_object() && value.size() == 1 && value.contains(key) && value[key].is_string();
}

}  // namespace

Arguments::Arguments(const Json& values, ChannelEnds& ends, std::string path)
    : values_(&values), ends_(&ends), path_(std::move(path)) {}

std::string Arguments::name(std::string_view field) const {
  return path_.empty() ? std::string{field} : fmt::format("{}.{}", path_, field);
}

std::string Arguments::item(std::string_view field, std::size_t index) const {
  return fmt::format("{}[{}]", name(field), index);
}

const Json* Arguments::find(std::string_view field) const {
  if (!values_->is_object()) return nullptr;
  const auto it = values_->find(field);
  return it == values_->end() ? nullptr : &*it;
}

bool Arguments::has(std::string_view field) const {
  return find(field) != nullptr;
}

const Json& Arguments::required(std::string_view field) const {
  const Json* value = find(field);
  if (value == nullptr) throw ArgumentError(fmt::format("argument '{}' is missing", name(field)));
  return *value;
}

const Json& Arguments::list(std::string_view field) const {
  const Json* value = find(field);
  static const Json empty = Json::array();
  if (value == nullptr) return empty;
  if (!value->is_array()) {
    throw ArgumentError(
        fmt::format("argument '{}': expected a list, found {}", name(field), describe(*value)));
  }
  return *value;
}

namespace {

[[noreturn]] void mistyped(const std::string& name, const char* expected, const Json& value) {
  throw ArgumentError(
      fmt::format("argument '{}': expected {}, found {}", name, expected, describe(value)));
}

std::string as_string(const std::string& name, const Json& value) {
  if (!value.is_string()) mistyped(name, "a string", value);
  return value.get<std::string>();
}

std::int64_t as_integer(const std::string& name, const Json& value) {
  if (!value.is_number_integer()) mistyped(name, "an integer", value);
  return value.get<std::int64_t>();
}

double as_number(const std::string& name, const Json& value) {
  if (!value.is_number()) mistyped(name, "a number", value);
  return value.get<double>();
}

bool as_boolean(const std::string& name, const Json& value) {
  if (!value.is_boolean()) mistyped(name, "a boolean", value);
  return value.get<bool>();
}

std::string as_iri(const std::string& name, const Json& value) {
  if (!is_end(value, "iri")) mistyped(name, "an IRI", value);
  return value["iri"].get<std::string>();
}

}  // namespace

std::string Arguments::string(std::string_view field) const {
  return as_string(name(field), required(field));
}

std::optional<std::string> Arguments::optional_string(std::string_view field) const {
  const Json* value = find(field);
  if (value == nullptr) return std::nullopt;
  return as_string(name(field), *value);
}

std::vector<std::string> Arguments::strings(std::string_view field) const {
  std::vector<std::string> out;
  const Json& values = list(field);
  for (std::size_t i = 0; i < values.size(); ++i)
    out.push_back(as_string(item(field, i), values[i]));
  return out;
}

std::int64_t Arguments::integer(std::string_view field) const {
  return as_integer(name(field), required(field));
}

std::optional<std::int64_t> Arguments::optional_integer(std::string_view field) const {
  const Json* value = find(field);
  if (value == nullptr) return std::nullopt;
  return as_integer(name(field), *value);
}

std::vector<std::int64_t> Arguments::integers(std::string_view field) const {
  std::vector<std::int64_t> out;
  const Json& values = list(field);
  for (std::size_t i = 0; i < values.size(); ++i) {
    out.push_back(as_integer(item(field, i), values[i]));
  }
  return out;
}

double Arguments::number(std::string_view field) const {
  return as_number(name(field), required(field));
}

std::optional<double> Arguments::optional_number(std::string_view field) const {
  const Json* value = find(field);
  if (value == nullptr) return std::nullopt;
  return as_number(name(field), *value);
}

bool Arguments::boolean(std::string_view field) const {
  return as_boolean(name(field), required(field));
}

std::optional<bool> Arguments::optional_boolean(std::string_view field) const {
  const Json* value = find(field);
  if (value == nullptr) return std::nullopt;
  return as_boolean(name(field), *value);
}

std::string Arguments::iri(std::string_view field) const {
  return as_iri(name(field), required(field));
}

std::optional<std::string> Arguments::optional_iri(std::string_view field) const {
  const Json* value = find(field);
  if (value == nullptr) return std::nullopt;
  return as_iri(name(field), *value);
}

namespace {

template <typename End, typename Find>
End& channel_end(const std::string& name, const Json& value, const char* key, Find find) {
  if (!is_end(value, key)) mistyped(name, key[0] == 'r' ? "a reader" : "a writer", value);
  const auto& channel = value[key].get_ref<const std::string&>();
  End* end = find(channel);
  if (end == nullptr) {
    throw ArgumentError(fmt::format("argument '{}': channel {} has no {} end for this processor",
                                    name, channel, key));
  }
  return *end;
}

}  // namespace

Reader& Arguments::reader(std::string_view field) const {
  return channel_end<Reader>(name(field), required(field), "reader",
                             [this](std::string_view id) { return ends_->find_reader(id); });
}

Reader* Arguments::optional_reader(std::string_view field) const {
  return has(field) ? &reader(field) : nullptr;
}

std::vector<Reader*> Arguments::readers(std::string_view field) const {
  std::vector<Reader*> out;
  const Json& values = list(field);
  for (std::size_t i = 0; i < values.size(); ++i) {
    out.push_back(&channel_end<Reader>(item(field, i), values[i], "reader",
                                       [this](auto id) { return ends_->find_reader(id); }));
  }
  return out;
}

Writer& Arguments::writer(std::string_view field) const {
  return channel_end<Writer>(name(field), required(field), "writer",
                             [this](std::string_view id) { return ends_->find_writer(id); });
}

Writer* Arguments::optional_writer(std::string_view field) const {
  return has(field) ? &writer(field) : nullptr;
}

std::vector<Writer*> Arguments::writers(std::string_view field) const {
  std::vector<Writer*> out;
  const Json& values = list(field);
  for (std::size_t i = 0; i < values.size(); ++i) {
    out.push_back(&channel_end<Writer>(item(field, i), values[i], "writer",
                                       [this](auto id) { return ends_->find_writer(id); }));
  }
  return out;
}

Arguments Arguments::object(std::string_view field) const {
  const Json& value = required(field);
  if (!value.is_object()) mistyped(name(field), "an object", value);
  return Arguments{value, *ends_, name(field)};
}

std::optional<Arguments> Arguments::optional_object(std::string_view field) const {
  if (!has(field)) return std::nullopt;
  return object(field);
}

std::vector<Arguments> Arguments::objects(std::string_view field) const {
  std::vector<Arguments> out;
  const Json& values = list(field);
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!values[i].is_object()) mistyped(item(field, i), "an object", values[i]);
    out.emplace_back(values[i], *ends_, item(field, i));
  }
  return out;
}

}  // namespace cae
