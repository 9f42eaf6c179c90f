// Custom rules of `cae validate --rules FILE.rq`: SPARQL SELECT queries over the merged graph.
// Every solution is one violation. ?message says what is wrong; ?focus names the node it is
// about, and the violation points where that node is first written; ?severity "warning" makes
// it a warning. Unbound, they default to a generic message, the rule file and an error.
#pragma once

#include <string_view>

#include "base/diagnostic.hpp"
#include "query/query.hpp"

namespace cae::validate {

// Runs one rule; `rule.file` is the rule's entry in `document.sources`. A rule that does not
// parse or is not a SELECT query is a `usage` error at the rule file.
void check_rule(const rdf::LoadedDocument& document, const query::QueryText& rule,
                Diagnostics& diagnostics);

}  // namespace cae::validate
