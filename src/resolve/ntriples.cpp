#include "resolve/ntriples.hpp"

#include <algorithm>
#include <charconv>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <fmt/format.h>

#include "rdf/vocab.hpp"

namespace cae::resolve {
namespace {

std::string uchar(unsigned char c) {
  return fmt::format("\\u{:04X}", c);
}

// Characters IRIREF does not allow as such are written as \uXXXX.
std::string escape_iri(std::string_view iri) {
  std::string out;
  for (const char c : iri) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || std::string_view{"<>\"{}|^`\\"}.find(c) != std::string_view::npos) {
      out += uchar(byte);
    } else {
      out += c;
    }
  }
  return out;
}

// The canonical form escapes exactly these: ECHAR where one exists, else UCHAR for controls.
std::string escape_string(std::string_view text) {
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    switch (c) {
      case '\b': out += "\\b"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\f': out += "\\f"; break;
      case '\r': out += "\\r"; break;
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      default: out += (byte < 0x20 || byte == 0x7F) ? uchar(byte) : std::string(1, c);
    }
  }
  return out;
}

std::string literal_text(rdf::Term literal) {
  std::string out = fmt::format("\"{}\"", escape_string(literal.text()));
  if (!literal.lang().empty()) return fmt::format("{}@{}", out, literal.lang());
  const rdf::Term datatype = literal.datatype();
  if (datatype && datatype.text() != fmt::format("{}string", rdf::ns::xsd)) {
    out += fmt::format("^^<{}>", escape_iri(datatype.text()));
  }
  return out;
}

// The number N of a blank node's display label _:bN: its rank in load order.
std::size_t blank_ordinal(const rdf::Graph& graph, rdf::Term blank) {
  const std::string label = graph.blank_label(blank);
  std::size_t number = 0;
  std::from_chars(label.data() + 3, label.data() + label.size(), number);
  return number;
}

// Writes the triples as sorted lines, relabelling blank nodes by their rank in load order.
std::string canonical(const rdf::Graph& graph, const std::vector<const rdf::Triple*>& triples) {
  std::vector<std::pair<std::size_t, rdf::Term>> blanks;  // (rank in load order, node)
  std::unordered_set<rdf::Term> seen;
  for (const rdf::Triple* t : triples) {
    for (const rdf::Term term : {t->s, t->o}) {
      if (term.is_blank() && seen.insert(term).second) {
        blanks.emplace_back(blank_ordinal(graph, term), term);
      }
    }
  }
  std::sort(blanks.begin(), blanks.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  std::unordered_map<rdf::Term, std::string> labels;
  for (std::size_t i = 0; i < blanks.size(); ++i) {
    labels.emplace(blanks[i].second, fmt::format("c{}", i));
  }
  const auto label = [&](rdf::Term blank) { return labels.at(blank); };
  std::vector<std::string> lines;
  lines.reserve(triples.size());
  for (const rdf::Triple* t : triples) {
    lines.push_back(fmt::format("{} {} {} .\n", ntriples_term(t->s, label),
                                ntriples_term(t->p, label), ntriples_term(t->o, label)));
  }
  std::sort(lines.begin(), lines.end());
  std::string out;
  for (const auto& line : lines) out += line;
  return out;
}

}  // namespace

std::string ntriples_term(rdf::Term term,
                          const std::function<std::string(rdf::Term)>& blank_label) {
  switch (term.kind()) {
    case rdf::TermKind::iri: return fmt::format("<{}>", escape_iri(term.text()));
    case rdf::TermKind::blank: return fmt::format("_:{}", blank_label(term));
    case rdf::TermKind::literal: return literal_text(term);
  }
  return {};
}

std::string cbd_ntriples(const rdf::Graph& graph, rdf::Term node) {
  std::vector<rdf::Triple> found;
  std::unordered_set<rdf::Term> visited{node};
  std::vector<rdf::Term> pending{node};
  while (!pending.empty()) {
    const rdf::Term subject = pending.back();
    pending.pop_back();
    // subject ?p ?o
    for (auto& triple : graph.match(subject, {}, {})) {
      if (triple.o.is_blank() && visited.insert(triple.o).second) pending.push_back(triple.o);
      found.push_back(triple);
    }
  }
  std::vector<const rdf::Triple*> triples;
  for (const auto& triple : found) triples.push_back(&triple);
  return canonical(graph, triples);
}

std::string graph_ntriples(const rdf::Graph& graph) {
  std::vector<const rdf::Triple*> triples;
  for (const auto& triple : graph.statements()) triples.push_back(&triple);
  return canonical(graph, triples);
}

}  // namespace cae::resolve
