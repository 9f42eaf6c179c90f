#include "rdf/graph.hpp"

#include <algorithm>
#include <string>
#include <unordered_map>

#include <fmt/format.h>

#include "rdf/owners.hpp"

namespace cae::rdf {
namespace {

struct TripleKey {
  const void* s;
  const void* p;
  const void* o;
  friend bool operator==(const TripleKey&, const TripleKey&) = default;
};

struct TripleKeyHash {
  std::size_t operator()(const TripleKey& k) const noexcept {
    const std::hash<const void*> h;
    return h(k.s) ^ (h(k.p) * 31U) ^ (h(k.o) * 1000003U);
  }
};

const uint8_t* bytes(const std::string& s) { return reinterpret_cast<const uint8_t*>(s.c_str()); }

SordNode* mut(Term t) { return const_cast<SordNode*>(t.node()); }

// Sord reports refused terms (a relative IRI) on stderr unless given a sink; the graph answers
// those with "no term" instead, so the message has nowhere to go.
SerdStatus ignore_sord_error(void* /*handle*/, const SerdError* /*error*/) { return SERD_SUCCESS; }

detail::WorldPtr new_world() {
  detail::WorldPtr world{sord_world_new()};
  sord_world_set_error_sink(world.get(), ignore_sord_error, nullptr);
  return world;
}

}  // namespace

struct Graph::Impl {
  detail::WorldPtr world{new_world()};
  detail::ModelPtr model{sord_new(world.get(), SORD_SPO | SORD_OPS | SORD_PSO, false)};
  // Our own references to interned nodes, keyed by their text, so that interning is idempotent
  // and every reference is given back exactly once (NodeRef's destructor).
  std::unordered_map<std::string, detail::NodeRef> iris;
  std::unordered_map<std::string, detail::NodeRef> blanks;
  std::unordered_map<std::string, detail::NodeRef> literals;
  std::vector<Triple> statements;
  std::unordered_map<TripleKey, std::size_t, TripleKeyHash> index;  // -> statements
  std::unordered_map<const void*, std::size_t> blank_numbers;
  std::unordered_map<const void*, Location> first_as_subject;
  std::unordered_map<const void*, Location> first_as_object;

  ~Impl() {
    // The model holds references of its own: free it before ours are given back.
    model.reset();
    iris.clear();
    blanks.clear();
    literals.clear();
  }

  Term intern(std::unordered_map<std::string, detail::NodeRef>& cache, std::string key,
              SordNode* (*make)(Impl&, const std::string&)) {
    auto found = cache.find(key);
    if (found != cache.end()) return Term{found->second.get()};
    SordNode* node = make(*this, key);
    if (node == nullptr) return {};
    auto [it, inserted] = cache.emplace(std::move(key), detail::NodeRef{world.get(), node});
    return Term{it->second.get()};
  }

  void note_blank(Term t) {
    if (t.is_blank()) blank_numbers.try_emplace(t.node(), blank_numbers.size() + 1);
  }

  [[nodiscard]] const Triple* find(Term s, Term p, Term o) const {
    auto it = index.find(TripleKey{s.node(), p.node(), o.node()});
    return it == index.end() ? nullptr : &statements[it->second];
  }
};

Graph::Graph() : impl_{std::make_unique<Impl>()} {}
Graph::~Graph() = default;
Graph::Graph(Graph&&) noexcept = default;
Graph& Graph::operator=(Graph&&) noexcept = default;

Term Graph::iri(std::string_view iri) {
  return impl_->intern(impl_->iris, std::string{iri}, [](Impl& g, const std::string& text) {
    return sord_new_uri(g.world.get(), bytes(text));
  });
}

Term Graph::blank(std::string_view label) {
  return impl_->intern(impl_->blanks, std::string{label}, [](Impl& g, const std::string& text) {
    return sord_new_blank(g.world.get(), bytes(text));
  });
}

Term Graph::literal(std::string_view lexical, Term datatype, std::string_view lang) {
  // The key keeps the three parts apart with NUL bytes, which none of them can contain.
  std::string key{lexical};
  key += '\0';
  key += datatype.text();
  key += '\0';
  key += lang;
  auto found = impl_->literals.find(key);
  if (found != impl_->literals.end()) return Term{found->second.get()};
  const std::string lex{lexical};
  const std::string language{lang};
  SordNode* node = sord_new_literal(impl_->world.get(), mut(datatype), bytes(lex),
                                    language.empty() ? nullptr : language.c_str());
  auto [it, inserted] =
      impl_->literals.emplace(std::move(key), detail::NodeRef{impl_->world.get(), node});
  return Term{it->second.get()};
}

Term Graph::find_iri(std::string_view iri) const {
  auto found = impl_->iris.find(std::string{iri});
  return found == impl_->iris.end() ? Term{} : Term{found->second.get()};
}

bool Graph::add(Term s, Term p, Term o, const TriplePos& pos) {
  if (!s || !p || !o) return false;
  const TripleKey key{s.node(), p.node(), o.node()};
  if (impl_->index.contains(key)) return false;
  const SordQuad quad = {mut(s), mut(p), mut(o), nullptr};
  sord_add(impl_->model.get(), quad);
  impl_->index.emplace(key, impl_->statements.size());
  impl_->statements.push_back(Triple{s, p, o, pos});
  impl_->note_blank(s);
  impl_->note_blank(o);
  impl_->first_as_subject.try_emplace(s.node(), pos.s);
  impl_->first_as_object.try_emplace(o.node(), pos.o);
  return true;
}

std::vector<Triple> Graph::match(Term s, Term p, Term o) const {
  std::vector<const Triple*> found;
  // ?s ?p ?o with any of them bound: Sord picks the index.
  detail::IterPtr iter{sord_search(impl_->model.get(), mut(s), mut(p), mut(o), nullptr)};
  for (; iter && !sord_iter_end(iter.get()); sord_iter_next(iter.get())) {
    SordQuad quad;
    sord_iter_get(iter.get(), quad);
    if (const Triple* t = impl_->find(Term{quad[0]}, Term{quad[1]}, Term{quad[2]})) {
      found.push_back(t);
    }
  }
  std::sort(found.begin(), found.end(), [](const Triple* a, const Triple* b) {
    if (a->pos.o != b->pos.o) return a->pos.o < b->pos.o;
    return a < b;  // statements are stored in load order
  });
  std::vector<Triple> out;
  out.reserve(found.size());
  for (const Triple* t : found) out.push_back(*t);
  return out;
}

std::vector<Term> Graph::objects(Term s, Term p) const {
  std::vector<Term> out;
  for (const auto& t : match(s, p, {})) out.push_back(t.o);
  return out;
}

std::vector<Term> Graph::subjects(Term p, Term o) const {
  auto triples = match({}, p, o);
  std::sort(triples.begin(), triples.end(),
            [](const Triple& a, const Triple& b) { return a.pos.s < b.pos.s; });
  std::vector<Term> out;
  for (const auto& t : triples) out.push_back(t.s);
  return out;
}

Term Graph::object(Term s, Term p) const {
  auto values = objects(s, p);
  return values.empty() ? Term{} : values.front();
}

bool Graph::contains(Term s, Term p, Term o) const {
  return impl_->find(s, p, o) != nullptr;
}

bool Graph::has_subject(Term s) const { return impl_->first_as_subject.contains(s.node()); }

const TriplePos* Graph::position(Term s, Term p, Term o) const {
  const Triple* t = impl_->find(s, p, o);
  return t == nullptr ? nullptr : &t->pos;
}

Location Graph::first_position(Term node) const {
  if (auto it = impl_->first_as_subject.find(node.node()); it != impl_->first_as_subject.end()) {
    return it->second;
  }
  if (auto it = impl_->first_as_object.find(node.node()); it != impl_->first_as_object.end()) {
    return it->second;
  }
  return {};
}

std::string Graph::blank_label(Term blank) const {
  auto it = impl_->blank_numbers.find(blank.node());
  if (it == impl_->blank_numbers.end()) return fmt::format("_:{}", blank.text());
  return fmt::format("_:b{}", it->second);
}

std::size_t Graph::size() const { return impl_->statements.size(); }

const std::vector<Triple>& Graph::statements() const { return impl_->statements; }

}  // namespace cae::rdf
