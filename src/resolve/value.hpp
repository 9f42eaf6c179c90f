// A value found for an argument, with the place it is written, which is where its errors point.
#pragma once

#include <string>
#include <vector>

#include "base/diagnostic.hpp"
#include "rdf/term.hpp"

namespace cae::resolve {

struct Value {
  rdf::Term term;
  Location where;       // usually the object of the triple that leads to the value
  std::string env_key;  // the environment variable the value came from, if any (spec §2.4)
};

// Why a shape, path or collection could not be read, and where the fault is.
struct Problem {
  Location where;
  std::string message;
};

// A value that failed: the error code, where it points, and what the message says after the
// argument it belongs to.
struct Failure {
  Code code = Code::bad_value;
  Location where;
  std::string detail;
  std::vector<Note> notes;
  bool reported = false;  // already in the diagnostics (such as a defective shape): say nothing
};

}  // namespace cae::resolve
