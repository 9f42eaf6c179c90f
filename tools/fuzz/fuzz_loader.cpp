// libFuzzer harness: arbitrary bytes read as Turtle, TriG, N-Triples and N-Quads by the loader,
// which runs the position scan and Serd side by side. Besides crashes, leaks and hangs it checks
// the scan's promise: text the loader reads without error has every position confirmed by Serd,
// and every position lies inside the text.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "rdf/loader.hpp"
#include "rdf/positions.hpp"

namespace {

using namespace cae;
using namespace cae::rdf;

std::uint32_t count_lines(std::string_view text) {
  std::uint32_t lines = 1;
  for (const char c : text) lines += c == '\n' ? 1 : 0;
  return lines;
}

bool inside(const Location& where, std::uint32_t lines, std::size_t size) {
  return where.line >= 1 && where.line <= lines && where.col >= 1 && where.col <= size + 1;
}

void check_scan(std::string_view text, Syntax syntax) {
  const std::uint32_t lines = count_lines(text);
  for (const ScannedStatement& st : scan_statements(text, syntax, 0)) {
    for (const ScannedTerm& term : {st.s, st.p, st.o}) {
      if (!inside(term.where, lines, text.size())) std::abort();
    }
  }
}

void check_loader(std::string_view text, Syntax syntax) {
  Diagnostics diagnostics;
  const LoadedDocument loaded = load_text(text, "fuzz", diagnostics, syntax);
  if (!diagnostics.has_errors() && loaded.position_mismatches != 0) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text{reinterpret_cast<const char*>(data), size};
  for (const Syntax syntax : {Syntax::turtle, Syntax::trig, Syntax::ntriples, Syntax::nquads}) {
    check_scan(text, syntax);
    check_loader(text, syntax);
  }
  return 0;
}
