// What a query gives: plain values, the same whichever engine ran it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "query/value.hpp"

namespace cae::query {

enum class Form : std::uint8_t { select, ask, construct };

// One row per solution, one cell per variable; an unbound variable is an empty cell.
struct Solutions {
  std::vector<std::string> variables;
  std::vector<std::vector<std::optional<Value>>> rows;
};

struct Statement {
  Value s;
  Value p;
  Value o;
};

struct Result {
  Form form = Form::select;
  Solutions solutions;                // SELECT
  bool boolean = false;               // ASK
  std::vector<Statement> statements;  // CONSTRUCT and DESCRIBE, in the order they were made
};

}  // namespace cae::query
