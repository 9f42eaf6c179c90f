#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace cae::rdf {

enum class Syntax : std::uint8_t { turtle, trig, ntriples, nquads };

// The syntax a file is read as, by its extension (spec/vocabulary.md §2): .nt, .nq, .trig, and
// Turtle for anything else. Refused formats (.jsonld, .jar, .zip) give no syntax; `refused`
// then names the format.
std::optional<Syntax> syntax_for_path(std::string_view path, std::string_view* refused = nullptr);

}  // namespace cae::rdf
