#include "resolve/env_value.hpp"

#include <fmt/format.h>

#include "resolve/datatypes.hpp"

namespace cae::resolve {
namespace {

class EnvReader {
 public:
  EnvReader(rdf::Graph& graph, const Vocabulary& vocab, const Naming& naming, const Value& node,
            Failure& failure)
      : graph_{graph}, vocab_{vocab}, naming_{naming}, node_{node}, failure_{failure} {}

  std::optional<Value> read(const Environment& environment, const Field& field) {
    const auto keys = values(vocab_.rdfl_env_key, vocab_.conn_env_key);
    const auto defaults = values(vocab_.rdfl_env_default, vocab_.conn_env_default);
    const auto datatypes = values(vocab_.rdfl_datatype);
    if (!single(keys, "rdfl:envKey", true, false) ||
        !single(defaults, "rdfl:envDefault", false, false) ||
        !single(datatypes, "rdfl:datatype", false, true)) {
      return std::nullopt;
    }
    const rdf::Triple& key = keys.front();
    const std::string name{key.o.text()};
    std::string text;
    if (const std::string* set = environment.find(name)) {
      text = *set;
    } else if (!defaults.empty()) {
      text = defaults.front().o.text();
    } else {
      fail(Code::env_unset, key.pos.o,
           fmt::format("environment variable {} is not set and has no rdfl:envDefault", name));
      return std::nullopt;
    }
    const rdf::Term datatype = datatypes.empty() ? rdf::Term{} : datatypes.front().o;
    return typed(text, datatype, field, Value{{}, key.pos.o, name});
  }

 private:
  // The statements of the node for `rdfl_predicate` and its legacy conn: spelling, if any.
  std::vector<rdf::Triple> values(rdf::Term rdfl_predicate, rdf::Term conn_predicate = {}) const {
    auto found = graph_.match(node_.term, rdfl_predicate, {});
    if (conn_predicate) {
      for (auto& triple : graph_.match(node_.term, conn_predicate, {})) found.push_back(triple);
    }
    return found;
  }

  // At most one statement (at least one when `required`), whose object is a literal, or an IRI
  // when `iri` is set.
  bool single(const std::vector<rdf::Triple>& found, std::string_view what, bool required,
              bool iri) {
    if (found.empty() && required) {
      return fail(Code::missing_argument, node_.where,
                  fmt::format("the environment variable node has no {}", what));
    }
    if (found.size() > 1) {
      return fail(Code::too_many_values, found[1].pos.o,
                  fmt::format("the environment variable node has {} values of {}, expected one",
                              found.size(), what));
    }
    if (!found.empty() && (iri ? !found[0].o.is_iri() : !found[0].o.is_literal())) {
      return fail(Code::bad_value, found[0].pos.o,
                  fmt::format("{} must be {}, found {}", what, iri ? "an IRI" : "a literal",
                              naming_.term(found[0].o)));
    }
    return true;
  }

  bool fail(Code code, Location where, std::string detail) {
    failure_ = Failure{code, where, std::move(detail), {}, false};
    return false;
  }

  // The node becomes a literal for a datatype field; for a class field an IRI when the
  // variable's rdfl:datatype says so, else a plain literal.
  std::optional<Value> typed(const std::string& text, rdf::Term datatype, const Field& field,
                             Value out) {
    if (!field.cls) {
      out.term = graph_.literal(text, datatype ? datatype : field.datatype);
      return out;
    }
    if (datatype != vocab_.xsd_iri && datatype != vocab_.xsd_any_uri) {
      out.term = graph_.literal(text);
      return out;
    }
    if (!is_absolute_iri(text)) {
      fail(Code::bad_value, out.where,
           fmt::format("expected an absolute IRI, found {} (from environment variable {})",
                       turtle_string(text), out.env_key));
      return std::nullopt;
    }
    out.term = graph_.iri(text);
    return out;
  }

  rdf::Graph& graph_;
  const Vocabulary& vocab_;
  const Naming& naming_;
  const Value& node_;
  Failure& failure_;
};

}  // namespace

bool is_env_variable(const rdf::Graph& graph, const Vocabulary& vocab, rdf::Term node) {
  if (node.is_literal()) return false;
  // node a rdfl:EnvVariable   /   node a conn:EnvVariable
  return graph.contains(node, vocab.rdf_type, vocab.rdfl_env_variable) ||
         graph.contains(node, vocab.rdf_type, vocab.conn_env_variable);
}

std::optional<Value> env_value(rdf::Graph& graph, const Vocabulary& vocab, const Naming& naming,
                               const Environment& environment, const Value& node,
                               const Field& field, Failure& failure) {
  return EnvReader{graph, vocab, naming, node, failure}.read(environment, field);
}

}  // namespace cae::resolve
