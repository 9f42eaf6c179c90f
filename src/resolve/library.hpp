// The cae:library of a processor class (spec/vocabulary.md §4): resolved against the defining
// file and checked to exist; never loaded here.
#pragma once

#include <string>
#include <unordered_map>

#include "resolve/context.hpp"

namespace cae::resolve {

struct Library {
  std::string path;  // absolute filesystem path; empty for built-in classes
  Location where;    // the cae:library object
  bool ok = true;    // false when the library is missing or not a local file (reported once)
};

class LibraryCheck {
 public:
  explicit LibraryCheck(Context& context) : context_{context} {}

  // The library of the runnable class `cls`, checked the first time the class is asked for.
  const Library& of(rdf::Term cls);

 private:
  Library check(rdf::Term cls);

  Context& context_;
  std::unordered_map<rdf::Term, Library> known_;
};

}  // namespace cae::resolve
