// The classes of channel ends (spec/vocabulary.md §5, spec/arguments.md §2): which field
// classes make readers and writers, and which rdf:type of an end picks its transport.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "model/pipeline.hpp"

namespace cae::resolve {

enum class Direction : std::uint8_t { reader, writer };

enum class EndSide : std::uint8_t {
  ingress,  // a network or file end that local processors only read
  egress,   // one that local processors only write
  memory,   // an in-memory end type (js:JsReaderChannel ...): its direction must match the field
};

struct EndClass {
  std::string_view iri;
  model::Transport transport;
  EndSide side;
  Direction direction;  // the field direction the class stands for
};

// The end class named `iri`, or nullptr when it is not one.
const EndClass* find_end_class(std::string_view iri);

// Kafka and NiFi ends: known to the connector architecture, not supported by cae.
bool is_unsupported_end_class(std::string_view iri);

// The direction a field of sh:class `iri` gives its values: rdfc:Reader, conn:ReaderChannel,
// the js: memory reader classes and the ingress classes make readers; likewise for writers.
std::optional<Direction> field_direction(std::string_view iri);

std::string_view direction_name(Direction direction);

}  // namespace cae::resolve
