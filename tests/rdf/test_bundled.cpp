// The bundled vocabularies are compiled at build time (tools/compile_vocabularies): loading
// them must give the graph that reading their text with the loader gives, positions included.
#include <doctest/doctest.h>

#include <fmt/format.h>

#include <fstream>
#include <sstream>
#include <string>

#include "rdf/bundled.hpp"
#include "rdf/loader.hpp"

using namespace cae;
using namespace cae::rdf;

namespace {

std::string read_ontology(std::string_view name) {
  std::ifstream in{fmt::format("{}/ontology/{}", CAE_SOURCE_ROOT, name), std::ios::binary};
  std::ostringstream text;
  text << in.rdbuf();
  return std::move(text).str();
}

// The term of `into` for a term read from text as file `from`, as file `to` would name it.
Term same_term(Graph& into, Term term, std::uint32_t from, std::uint32_t to) {
  switch (term.kind()) {
    case TermKind::iri: return into.find_iri(term.text());
    case TermKind::blank: {
      const std::string prefix = fmt::format("f{}.", from);
      REQUIRE(term.text().starts_with(prefix));
      return into.blank(fmt::format("f{}.{}", to, term.text().substr(prefix.size())));
    }
    case TermKind::literal: break;
  }
  const Term datatype = term.datatype() ? into.find_iri(term.datatype().text()) : Term{};
  return into.literal(term.text(), datatype, term.lang());
}

}  // namespace

TEST_CASE("the compiled vocabularies load as their text reads, positions included") {
  Diagnostics diagnostics;
  LoadedDocument vocabularies = load_vocabularies(diagnostics);
  REQUIRE(diagnostics.empty());
  REQUIRE(vocabularies.sources.size() > 1);
  std::size_t compared = 0;
  for (std::uint32_t file = 0; file < vocabularies.sources.size(); ++file) {
    const auto& source = vocabularies.sources.file(file);
    const BundledDocument* bundled = find_bundled(source.iri);
    REQUIRE(bundled != nullptr);
    CHECK(source.display == fmt::format("<bundled>/{}", bundled->name));
    Diagnostics read_diagnostics;
    const LoadedDocument read = load_bundled_text(read_ontology(bundled->name), source.display,
                                             source.iri, read_diagnostics);
    REQUIRE(read_diagnostics.empty());
    CHECK(read.graph.size() == bundled->statements.size());
    for (const Triple& t : read.graph.statements()) {
      Graph& graph = vocabularies.graph;
      const Term s = same_term(graph, t.s, read.entry_file, file);
      const Term p = same_term(graph, t.p, read.entry_file, file);
      const Term o = same_term(graph, t.o, read.entry_file, file);
      const TriplePos* at = graph.position(s, p, o);
      REQUIRE_MESSAGE(at != nullptr, fmt::format("{} {} {}", t.s.text(), t.p.text(), t.o.text()));
      if (at->s.file != file) continue;  // an earlier document states it too, and keeps it
      const TriplePos expected{{file, t.pos.s.line, t.pos.s.col}, {file, t.pos.p.line, t.pos.p.col},
                               {file, t.pos.o.line, t.pos.o.col}};
      CHECK(at->s == expected.s);
      CHECK(at->p == expected.p);
      CHECK(at->o == expected.o);
      ++compared;
    }
  }
  // Each statement of the graph was first stated by one document, and compared there.
  CHECK(compared == vocabularies.graph.size());
}
