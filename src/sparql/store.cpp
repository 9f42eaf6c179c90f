#include "sparql/store.hpp"

#include <array>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <vector>

namespace cae::sparql {
namespace {

constexpr std::string_view xsd_string = "http://www.w3.org/2001/XMLSchema#string";
constexpr std::array<unsigned, 3> part_bits = {RASQAL_TRIPLE_SUBJECT, RASQAL_TRIPLE_PREDICATE,
                                               RASQAL_TRIPLE_OBJECT};

// Two nodes are the same RDF term when their keys are equal. The parts are kept apart with NUL
// bytes, which none of them can contain.
std::string key_of(const query::Value& value) {
  std::string key(1, static_cast<char>('0' + static_cast<int>(value.kind)));
  key += value.text;
  key += '\0';
  key += value.datatype;
  key += '\0';
  key += value.lang;
  return key;
}

// Rasqal takes ownership of the strings it is given and frees them with free().
unsigned char* copy_for_rasqal(std::string_view text) {
  auto* copy = static_cast<char*>(std::malloc(text.size() + 1));
  if (copy == nullptr) return nullptr;
  std::memcpy(copy, text.data(), text.size());
  copy[text.size()] = '\0';
  return reinterpret_cast<unsigned char*>(copy);
}

raptor_uri* new_uri(rasqal_world* world, const std::string& iri) {
  return raptor_new_uri(rasqal_world_get_raptor(world),
                        reinterpret_cast<const unsigned char*>(iri.c_str()));
}

rasqal_literal* make_literal(rasqal_world* world, const query::Value& value) {
  switch (value.kind) {
    case rdf::TermKind::iri: return rasqal_new_uri_literal(world, new_uri(world, value.text));
    case rdf::TermKind::blank:
      return rasqal_new_simple_literal(world, RASQAL_LITERAL_BLANK, copy_for_rasqal(value.text));
    case rdf::TermKind::literal: break;
  }
  char* lang = value.lang.empty() ? nullptr : reinterpret_cast<char*>(copy_for_rasqal(value.lang));
  raptor_uri* datatype = value.datatype.empty() ? nullptr : new_uri(world, value.datatype);
  return rasqal_new_string_literal(world, copy_for_rasqal(value.text), lang, datatype, nullptr);
}

rasqal_literal* part(const rasqal_triple& pattern, std::size_t index) {
  return std::array{pattern.subject, pattern.predicate, pattern.object}.at(index);
}

// The statements matching one triple pattern, consumed in source order. A variable written
// twice in the pattern (`?x ?p ?x`) admits only statements that give both places one term.
struct Match {
  Store* source = nullptr;
  std::vector<Triple> triples;
  std::size_t next = 0;
  std::array<rasqal_variable*, 3> variables{};

  [[nodiscard]] bool consistent(const Triple& triple) const {
    for (std::size_t i = 0; i < 3; ++i) {
      for (std::size_t j = i + 1; j < 3; ++j) {
        if (variables[i] != nullptr && variables[i] == variables[j] &&
            triple.at(i) != triple.at(j)) {
          return false;
        }
      }
    }
    return true;
  }

  void skip_inconsistent() {
    while (next < triples.size() && !consistent(triples[next])) ++next;
  }
};

Match* match_of(rasqal_triples_match* rtm) {
  return static_cast<Match*>(rtm->user_data);
}

rasqal_triple_parts bind_match(rasqal_triples_match* rtm, void* /*user_data*/,
                               rasqal_variable* bindings[4], rasqal_triple_parts parts) {
  Match* match = match_of(rtm);
  const Triple& triple = match->triples[match->next];
  unsigned bound = 0;
  for (std::size_t i = 0; i < 3; ++i) {
    if (bindings[i] == nullptr || (parts & part_bits[i]) == 0) continue;
    rasqal_literal* value = match->source->literal(triple.at(i));
    rasqal_variable_set_value(bindings[i], rasqal_new_literal_from_literal(value));
    bound |= part_bits[i];
  }
  return static_cast<rasqal_triple_parts>(bound);
}

void next_match(rasqal_triples_match* rtm, void* /*user_data*/) {
  Match* match = match_of(rtm);
  ++match->next;
  match->skip_inconsistent();
}

int is_end(rasqal_triples_match* rtm, void* /*user_data*/) {
  const Match* match = match_of(rtm);
  return match == nullptr || match->next >= match->triples.size() ? 1 : 0;
}

void finish(rasqal_triples_match* rtm, void* /*user_data*/) {
  delete match_of(rtm);
  rtm->user_data = nullptr;
}

// What Rasqal keeps for a triples source: it allocates `user_data_size` bytes for it.
struct SourceHandle {
  Store* source;
};

Store* source_of(void* user_data) {
  return static_cast<SourceHandle*>(user_data)->source;
}

// Fills `match` for one pattern: its constants, and the variables another pattern already bound,
// select statements; the variables this pattern binds (`m->parts`) are wildcards.
void start_match(Match& match, rasqal_triple_meta* m, rasqal_triple* pattern) {
  Triple wanted{no_term, no_term, no_term};
  bool possible = pattern->origin == nullptr;  // the dataset has no named graphs
  for (std::size_t i = 0; i < 3; ++i) {
    rasqal_literal* node = part(*pattern, i);
    rasqal_variable* variable = rasqal_literal_as_variable(node);
    m->bindings[i] = variable;
    match.variables[i] = variable;
    if (variable != nullptr && (m->parts & part_bits[i]) != 0) {
      rasqal_variable_set_value(variable, nullptr);
      continue;
    }
    rasqal_literal* constant = variable != nullptr ? variable->value : node;
    if (constant == nullptr) continue;
    wanted.at(i) = match.source->term(constant);
    possible = possible && wanted.at(i) != no_term;
  }
  m->bindings[3] = nullptr;
  if (possible) match.triples = match.source->match(wanted);
  match.skip_inconsistent();
}

int init_triples_match(rasqal_triples_match* rtm, rasqal_triples_source* /*rts*/, void* user_data,
                       rasqal_triple_meta* m, rasqal_triple* pattern) {
  rtm->bind_match = bind_match;
  rtm->next_match = next_match;
  rtm->is_end = is_end;
  rtm->finish = finish;
  try {
    auto match = std::make_unique<Match>();
    match->source = source_of(user_data);
    start_match(*match, m, pattern);
    rtm->user_data = match.release();
    return 0;
  } catch (const std::exception&) {  // no exception may cross into Rasqal
    return 1;
  }
}

int triple_present(rasqal_triples_source* /*rts*/, void* user_data, rasqal_triple* triple) {
  const Store* source = source_of(user_data);
  if (triple->origin != nullptr) return 0;
  const Triple wanted{source->term(triple->subject), source->term(triple->predicate),
                      source->term(triple->object)};
  const bool known = wanted[0] != no_term && wanted[1] != no_term && wanted[2] != no_term;
  return known && source->contains(wanted) ? 1 : 0;
}

void free_triples_source(void* /*user_data*/) {}  // the Store is owned by its caller

int support_feature(void* /*user_data*/, rasqal_triples_source_feature /*feature*/) {
  return 0;
}

int init_triples_source(rasqal_world* /*world*/, raptor_sequence* /*data_graphs*/,
                        void* factory_user_data, void* user_data, rasqal_triples_source* rts,
                        rasqal_triples_error_handler2 /*handler*/, unsigned int /*flags*/) {
  static_cast<SourceHandle*>(user_data)->source = static_cast<Store*>(factory_user_data);
  rts->version = 2;
  rts->init_triples_match = init_triples_match;
  rts->triple_present = triple_present;
  rts->free_triples_source = free_triples_source;
  rts->support_feature = support_feature;
  return 0;
}

int register_factory(rasqal_triples_source_factory* factory) {
  factory->version = 3;
  factory->user_data_size = sizeof(SourceHandle);
  factory->init_triples_source2 = init_triples_source;
  return 0;
}

}  // namespace

query::Value value_of(rasqal_literal* node) {
  const LiteralPtr as_node{rasqal_literal_as_node(node)};
  query::Value value;
  if (!as_node) return value;
  value.text = reinterpret_cast<const char*>(rasqal_literal_as_string(as_node.get()));
  switch (rasqal_literal_get_rdf_term_type(as_node.get())) {
    case RASQAL_LITERAL_URI: value.kind = rdf::TermKind::iri; return value;
    case RASQAL_LITERAL_BLANK: value.kind = rdf::TermKind::blank; return value;
    default: value.kind = rdf::TermKind::literal; break;
  }
  if (raptor_uri* datatype = rasqal_literal_datatype(as_node.get())) {
    value.datatype = reinterpret_cast<const char*>(raptor_uri_as_string(datatype));
  }
  if (value.datatype == xsd_string) value.datatype.clear();  // RDF 1.1: the same term
  if (as_node->language != nullptr) value.lang = as_node->language;
  return value;
}

Store::Store(const query::Dataset& dataset, rasqal_world* world)
    : dataset_{dataset}, world_{world} {
  // The terms come in order of first use in load order: the first of two terms with one key
  // (a plain literal and its xsd:string twin) is the one a query constant names.
  for (TermId id = 0; id < dataset.terms.size(); ++id) {
    terms_.try_emplace(key_of(dataset.terms[id]), id);
  }
  for (std::uint32_t t = 0; t < dataset.triples.size(); ++t) {
    for (std::size_t i = 0; i < 3; ++i) by_part_.at(i)[dataset.triples[t].at(i)].push_back(t);
  }
}

void Store::install() {
  rasqal_set_triples_source_factory(world_, register_factory, this);
}

rasqal_literal* Store::literal(TermId term) {
  auto found = literals_.find(term);
  if (found != literals_.end()) return found->second.get();
  LiteralPtr made{make_literal(world_, dataset_.terms.at(term))};
  return literals_.emplace(term, std::move(made)).first->second.get();
}

TermId Store::term(rasqal_literal* node) const {
  auto found = terms_.find(key_of(sparql::value_of(node)));
  return found == terms_.end() ? no_term : found->second;
}

std::vector<Triple> Store::match(const Triple& pattern) const {
  static const std::vector<std::uint32_t> none;
  const std::vector<std::uint32_t>* shortest = nullptr;
  for (std::size_t i = 0; i < 3; ++i) {
    if (pattern.at(i) == no_term) continue;
    auto found = by_part_.at(i).find(pattern.at(i));
    const auto* list = found == by_part_.at(i).end() ? &none : &found->second;
    if (shortest == nullptr || list->size() < shortest->size()) shortest = list;
  }
  const auto fits = [&](const Triple& triple) {
    for (std::size_t i = 0; i < 3; ++i) {
      if (pattern.at(i) != no_term && pattern.at(i) != triple.at(i)) return false;
    }
    return true;
  };
  if (shortest == nullptr) return dataset_.triples;
  std::vector<Triple> out;
  for (const std::uint32_t t : *shortest) {
    if (fits(dataset_.triples[t])) out.push_back(dataset_.triples[t]);
  }
  return out;
}

bool Store::contains(const Triple& triple) const { return !match(triple).empty(); }

}  // namespace cae::sparql
