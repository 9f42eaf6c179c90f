// The channel ends processors use, and the in-memory pairing nodes that join ends into one
// channel (spec/vocabulary.md §5, spec/arguments.md §2.5).
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "base/diagnostic.hpp"
#include "rdf/graph.hpp"
#include "resolve/end_classes.hpp"
#include "resolve/naming.hpp"
#include "resolve/vocabulary.hpp"

namespace cae::resolve {

struct ChannelUse {
  rdf::Term end;          // the IRI a reader or writer argument names
  rdf::Term channel;      // the channel resource: the end's pairing node, else the end
  std::string processor;  // id of the processor that uses it
  Direction direction;
  Location where;  // the argument value
};

class ChannelTable {
 public:
  // Indexes the pairing nodes of `graph` (`a conn:Channel`, `js:JsChannel` or `conn:JsChannel`).
  ChannelTable(const rdf::Graph& graph, const Vocabulary& vocab, const Naming& naming);

  // Records that `processor` reads or writes `end` and returns the channel id the argument
  // shows: the pairing node when `end` is paired, else `end` itself.
  std::string use(rdf::Term end, Direction direction, const std::string& processor, Location where);

  [[nodiscard]] const std::vector<ChannelUse>& uses() const { return uses_; }
  // The pairing nodes that name `end`, in source order.
  [[nodiscard]] const std::vector<rdf::Term>& pairings(rdf::Term end) const;
  // The conn:reader and conn:writer statements of a pairing node, in source order.
  [[nodiscard]] std::vector<rdf::Triple> ends_of(rdf::Term pairing) const;

 private:
  const rdf::Graph& graph_;
  const Vocabulary& vocab_;
  const Naming& naming_;
  std::unordered_map<rdf::Term, std::vector<rdf::Term>> pairings_;  // by end
  std::vector<ChannelUse> uses_;
};

}  // namespace cae::resolve
