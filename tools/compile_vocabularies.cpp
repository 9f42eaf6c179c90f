// Compiles the bundled vocabularies (ontology/) into C++ data at build time: each document is
// read with cae's own loader, exactly as a run used to read it, and its terms and positioned
// statements are written out, so that a run only inserts them (src/rdf/bundled.hpp). A document
// that does not load cleanly fails the build.
//
//   compile_vocabularies OUTPUT.cpp ONTOLOGY_DIR IRI=PATH[=always]...
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "rdf/bundled.hpp"
#include "rdf/loader.hpp"

namespace cae::rdf {

// This tool makes the bundled documents, so the loader it runs has none.
std::span<const BundledDocument> bundled_documents() { return {}; }

}  // namespace cae::rdf

namespace {

using namespace cae;

struct Entry {
  std::string iri;
  std::string path;
  bool always = false;
};

Entry parse_entry(const std::string& text) {
  Entry entry;
  const auto first = text.find('=');
  const auto second = text.find('=', first + 1);
  entry.iri = text.substr(0, first);
  entry.path = text.substr(first + 1, second == std::string::npos ? second : second - first - 1);
  entry.always = second != std::string::npos && text.substr(second + 1) == "always";
  return entry;
}

// A C++ string_view of any bytes: octal escapes for everything but plain printable ASCII.
std::string view_literal(std::string_view text) {
  std::string out = "{\"";
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 && byte < 0x7f && c != '"' && c != '\\' && c != '?') {
      out += c;
    } else {
      out += fmt::format("\\{:03o}", byte);
    }
  }
  return out + fmt::format("\", {}}}", text.size());
}

const char* kind_name(rdf::TermKind kind) {
  switch (kind) {
    case rdf::TermKind::iri: return "TermKind::iri";
    case rdf::TermKind::blank: return "TermKind::blank";
    case rdf::TermKind::literal: return "TermKind::literal";
  }
  return "";
}

// One document's terms, numbered in order of first use, a datatype before its literals.
class TermTable {
 public:
  explicit TermTable(std::string blank_prefix) : blank_prefix_{std::move(blank_prefix)} {}

  std::uint32_t id(rdf::Term term) {
    if (auto found = ids_.find(term); found != ids_.end()) return found->second;
    std::uint32_t datatype = rdf::BundledTerm::no_datatype;
    if (term.is_literal() && term.datatype()) datatype = id(term.datatype());
    std::string_view text = term.text();
    if (term.is_blank()) {
      // The loader labels the blank nodes of file N "fN.": a run gives them its own file's N.
      if (!text.starts_with(blank_prefix_)) throw std::runtime_error{"unprefixed blank node"};
      text.remove_prefix(blank_prefix_.size());
    }
    const std::string type =
        datatype == rdf::BundledTerm::no_datatype ? "no_datatype" : std::to_string(datatype);
    rows_.push_back(fmt::format("    {{{}, {}, {}, {}}},", kind_name(term.kind()),
                                view_literal(text), type, view_literal(term.lang())));
    return ids_.emplace(term, static_cast<std::uint32_t>(ids_.size())).first->second;
  }

  [[nodiscard]] const std::vector<std::string>& rows() const { return rows_; }

 private:
  std::string blank_prefix_;
  std::unordered_map<rdf::Term, std::uint32_t> ids_;
  std::vector<std::string> rows_;
};

std::string read_file(const std::string& path) {
  std::ifstream in{path, std::ios::binary};
  std::ostringstream text;
  text << in.rdbuf();
  if (!in) throw std::runtime_error{fmt::format("cannot read {}", path)};
  return std::move(text).str();
}

// The arrays of document `index`, or an error message.
std::string compile(const Entry& entry, const std::string& root, std::size_t index) {
  const std::string name = "<bundled>/" + entry.path;
  Diagnostics diagnostics;
  const rdf::LoadedDocument loaded =
      rdf::load_bundled_text(read_file(root + "/" + entry.path), name, entry.iri, diagnostics);
  if (!diagnostics.empty() || loaded.position_mismatches != 0) {
    throw std::runtime_error{fmt::format("{} does not load cleanly:\n{}", entry.path,
                                         diagnostics.format(loaded.sources))};
  }
  TermTable terms{fmt::format("f{}.", loaded.entry_file)};
  std::vector<std::string> statements;
  for (const auto& t : loaded.graph.statements()) {
    const std::uint32_t s = terms.id(t.s);
    const std::uint32_t p = terms.id(t.p);
    const std::uint32_t o = terms.id(t.o);
    statements.push_back(fmt::format("    {{{}, {}, {}, {}, {}, {}, {}, {}, {}}},", s, p, o,
                                     t.pos.s.line, t.pos.s.col, t.pos.p.line, t.pos.p.col,
                                     t.pos.o.line, t.pos.o.col));
  }
  return fmt::format("// {}\nconstexpr BundledTerm terms_{}[] = {{\n{}\n}};\n"
                     "constexpr BundledStatement statements_{}[] = {{\n{}\n}};\n\n",
                     entry.path, index, fmt::join(terms.rows(), "\n"), index,
                     fmt::join(statements, "\n"));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fputs("usage: compile_vocabularies OUTPUT.cpp ONTOLOGY_DIR IRI=PATH[=always]...\n",
               stderr);
    return 2;
  }
  try {
    std::string arrays;
    std::vector<std::string> documents;
    for (int i = 3; i < argc; ++i) {
      const Entry entry = parse_entry(argv[i]);
      const auto index = static_cast<std::size_t>(i - 3);
      arrays += compile(entry, argv[2], index);
      documents.push_back(fmt::format("    {{\"{}\", \"{}\", {}, terms_{}, statements_{}}},",
                                      entry.iri, entry.path, entry.always, index, index));
    }
    std::ofstream out{argv[1], std::ios::binary};
    out << "// Generated by tools/compile_vocabularies from ontology/: do not edit.\n"
        << "#include \"rdf/bundled.hpp\"\n\nnamespace cae::rdf {\nnamespace {\n\n"
        << "constexpr std::uint32_t no_datatype = BundledTerm::no_datatype;\n\n"
        << arrays << "}  // namespace\n\n"
        << "std::span<const BundledDocument> bundled_documents() {\n"
        << "  static constexpr BundledDocument documents[] = {\n"
        << fmt::format("{}", fmt::join(documents, "\n"))
        << "\n  };\n  return documents;\n}\n\n}  // namespace cae::rdf\n";
    if (!out) throw std::runtime_error{fmt::format("cannot write {}", argv[1])};
    return 0;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "compile_vocabularies: %s\n", error.what());
    return 1;
  }
}
