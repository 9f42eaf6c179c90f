// Typed access to a processor's resolved arguments (spec/arguments.md §3 encoding). A processor
// reads them in its constructor; a missing or mistyped field raises ArgumentError naming it,
// which fails the processor in init.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "cae/channel.hpp"

namespace cae {

class ArgumentError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Where reader and writer arguments find their channel ends; the runtime implements it.
class ChannelEnds {
 public:
  [[nodiscard]] virtual Reader* find_reader(std::string_view channel) = 0;
  [[nodiscard]] virtual Writer* find_writer(std::string_view channel) = 0;

 protected:
  ~ChannelEnds() = default;
};

// A view over one JSON object of arguments. It refers to the JSON and the ends; both outlive
// the processor.
class Arguments {
 public:
  // `path` prefixes field names in error messages (nested objects: "io.outs[1]").
  Arguments(const nlohmann::json& values, ChannelEnds& ends, std::string path = {});

  [[nodiscard]] bool has(std::string_view field) const;

  [[nodiscard]] std::string string(std::string_view field) const;
  [[nodiscard]] std::optional<std::string> optional_string(std::string_view field) const;
  [[nodiscard]] std::vector<std::string> strings(std::string_view field) const;

  [[nodiscard]] std::int64_t integer(std::string_view field) const;
  [[nodiscard]] std::optional<std::int64_t> optional_integer(std::string_view field) const;
  [[nodiscard]] std::vector<std::int64_t> integers(std::string_view field) const;

  [[nodiscard]] double number(std::string_view field) const;
  [[nodiscard]] std::optional<double> optional_number(std::string_view field) const;

  [[nodiscard]] bool boolean(std::string_view field) const;
  [[nodiscard]] std::optional<bool> optional_boolean(std::string_view field) const;

  // xsd:iri / xsd:anyURI fields: the IRI text of {"iri": …}.
  [[nodiscard]] std::string iri(std::string_view field) const;
  [[nodiscard]] std::optional<std::string> optional_iri(std::string_view field) const;

  [[nodiscard]] Reader& reader(std::string_view field) const;
  [[nodiscard]] Reader* optional_reader(std::string_view field) const;
  [[nodiscard]] std::vector<Reader*> readers(std::string_view field) const;

  [[nodiscard]] Writer& writer(std::string_view field) const;
  [[nodiscard]] Writer* optional_writer(std::string_view field) const;
  [[nodiscard]] std::vector<Writer*> writers(std::string_view field) const;

  // Nested shapes and rdfl:TypedExtract values.
  [[nodiscard]] Arguments object(std::string_view field) const;
  [[nodiscard]] std::optional<Arguments> optional_object(std::string_view field) const;
  [[nodiscard]] std::vector<Arguments> objects(std::string_view field) const;

  // The raw JSON, for encodings the accessors do not cover (raw literals, N-Triples).
  [[nodiscard]] const nlohmann::json& json() const noexcept { return *values_; }
  [[nodiscard]] const nlohmann::json* find(std::string_view field) const;

 private:
  [[nodiscard]] const nlohmann::json& required(std::string_view field) const;
  [[nodiscard]] const nlohmann::json& list(std::string_view field) const;
  [[nodiscard]] std::string name(std::string_view field) const;
  [[nodiscard]] std::string item(std::string_view field, std::size_t index) const;

  const nlohmann::json* values_;
  ChannelEnds* ends_;
  std::string path_;
};

}  // namespace cae
