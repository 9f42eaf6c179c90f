#include "resolve/channel_table.hpp"

#include <algorithm>

namespace cae::resolve {

ChannelTable::ChannelTable(const rdf::Graph& graph, const Vocabulary& vocab, const Naming& naming)
    : graph_{graph}, vocab_{vocab}, naming_{naming} {
  for (const rdf::Term type : {vocab.conn_channel, vocab.js_js_channel, vocab.conn_js_channel}) {
    // ?pairing a conn:Channel
    for (const rdf::Term pairing : graph.subjects(vocab.rdf_type, type)) {
      for (const auto& end : ends_of(pairing)) {
        auto& list = pairings_[end.o];
        if (std::find(list.begin(), list.end(), pairing) == list.end()) list.push_back(pairing);
      }
    }
  }
  for (auto& [end, list] : pairings_) {
    std::stable_sort(list.begin(), list.end(), [&](rdf::Term a, rdf::Term b) {
      return graph.first_position(a) < graph.first_position(b);
    });
  }
}

std::string ChannelTable::use(rdf::Term end, Direction direction, const std::string& processor,
                              Location where) {
  const auto& paired = pairings(end);
  const rdf::Term channel = paired.empty() ? end : paired.front();
  uses_.push_back(ChannelUse{end, channel, processor, direction, where});
  return naming_.id(channel);
}

const std::vector<rdf::Term>& ChannelTable::pairings(rdf::Term end) const {
  static const std::vector<rdf::Term> none;
  auto found = pairings_.find(end);
  return found == pairings_.end() ? none : found->second;
}

std::vector<rdf::Triple> ChannelTable::ends_of(rdf::Term pairing) const {
  // pairing conn:reader ?end   /   pairing conn:writer ?end
  auto ends = graph_.match(pairing, vocab_.conn_reader, {});
  for (auto& triple : graph_.match(pairing, vocab_.conn_writer, {})) ends.push_back(triple);
  std::stable_sort(ends.begin(), ends.end(),
                   [](const rdf::Triple& a, const rdf::Triple& b) { return a.pos.o < b.pos.o; });
  return ends;
}

}  // namespace cae::resolve
