// CONSTRUCT and DESCRIBE results: Turtle grouped by subject for people, N-Triples for tools.
#include <fmt/format.h>

#include "query/format.hpp"
#include "rdf/vocab.hpp"

namespace cae::query::detail {
namespace {

// Statements grouped by subject, then by predicate, each in order of first appearance.
struct Group {
  Value subject;
  std::vector<std::pair<Value, std::vector<Value>>> predicates;
};

std::vector<Group> group(const std::vector<Statement>& statements) {
  std::vector<Group> groups;
  for (const auto& st : statements) {
    auto subject = std::find_if(groups.begin(), groups.end(),
                                [&](const Group& g) { return g.subject == st.s; });
    if (subject == groups.end()) subject = groups.insert(groups.end(), Group{st.s, {}});
    auto& predicates = subject->predicates;
    auto predicate = std::find_if(predicates.begin(), predicates.end(),
                                  [&](const auto& p) { return p.first == st.p; });
    if (predicate == predicates.end()) predicate = predicates.insert(predicates.end(), {st.p, {}});
    predicate->second.push_back(st.o);
  }
  return groups;
}

std::string predicate_name(const Value& predicate, const Names& names) {
  if (predicate.text == fmt::format("{}type", rdf::ns::rdf)) return "a";
  return names.term(predicate);
}

std::string format_group(const Group& group, const Names& names) {
  std::vector<std::string> lines;
  for (const auto& [predicate, objects] : group.predicates) {
    std::vector<std::string> terms;
    for (const auto& object : objects) terms.push_back(names.term(object));
    lines.push_back(fmt::format("{} {}", predicate_name(predicate, names), fmt::join(terms, ", ")));
  }
  return fmt::format("{} {} .\n", names.term(group.subject), fmt::join(lines, " ;\n    "));
}

}  // namespace

std::string format_turtle(const std::vector<Statement>& statements, const Names& names) {
  std::string body;
  for (const auto& group : group(statements)) body += format_group(group, names);
  // The header declares only what the body used, so it is written last.
  std::string header;
  if (names.used_base()) header += fmt::format("@base <{}> .\n", names.base_dir());
  for (const auto& [name, iri] : names.used_prefixes()) {
    header += fmt::format("@prefix {}: <{}> .\n", name, iri);
  }
  return header.empty() || body.empty() ? header + body : header + "\n" + body;
}

std::string format_ntriples(const std::vector<Statement>& statements) {
  std::string out;
  for (const auto& st : statements) {
    out += fmt::format("{} {} {} .\n", ntriples(st.s), ntriples(st.p), ntriples(st.o));
  }
  return out;
}

}  // namespace cae::query::detail
