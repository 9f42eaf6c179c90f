// Vocabularies compiled into cae, so that loading never touches the network
// (spec/vocabulary.md §2). They are parsed at build time by tools/compile_vocabularies, with the
// loader itself, into their terms and positioned statements: a run only inserts them into the
// graph, which is most of what made startup slow when every run parsed them again.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "rdf/loader.hpp"
#include "rdf/term.hpp"

namespace cae::rdf {

struct BundledTerm {
  static constexpr std::uint32_t no_datatype = UINT32_MAX;
  TermKind kind;
  // IRI, literal lexical form, or blank node label within the document (the loader prefixes
  // it with the file's number, as Serd's reader does for parsed documents).
  std::string_view text;
  std::uint32_t datatype;  // index of the literal's datatype IRI among the document's terms
  std::string_view lang;
};

// One statement as indexes into the document's terms, with where its terms were written.
struct BundledStatement {
  std::uint32_t s, p, o;
  std::uint32_t s_line, s_col, p_line, p_col, o_line, o_col;
};

struct BundledDocument {
  std::string_view iri;   // the document IRI, without trailing '#' or '/'
  std::string_view name;  // path below ontology/, used as the file name in diagnostics
  bool always_loaded;     // cae's own vocabulary and built-in processor shapes
  std::span<const BundledTerm> terms;  // a datatype comes before the literals that use it
  std::span<const BundledStatement> statements;  // in the order the loader added them
};

// Generated at build time (tools/compile_vocabularies).
std::span<const BundledDocument> bundled_documents();

// The bundled copy of `iri`, compared after dropping one trailing '#' or '/'; nullptr if none.
const BundledDocument* find_bundled(std::string_view iri);

// Reads the Turtle text of a bundled document, the base of its relative IRIs being `iri`, as file
// `name`: how tools/compile_vocabularies reads them (load_text's base is file:///NAME instead).
LoadedDocument load_bundled_text(std::string_view text, std::string_view name,
                                 std::string_view iri, Diagnostics& diagnostics);

}  // namespace cae::rdf
