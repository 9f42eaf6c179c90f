#include "resolve/channels.hpp"

#include <algorithm>
#include <unordered_map>

#include <fmt/format.h>

#include "rdf/vocab.hpp"
#include "resolve/references.hpp"
#include "resolve/settings.hpp"

namespace cae::resolve {
namespace {

// The uses of one channel resource.
struct Group {
  rdf::Term channel;  // pairing node or end IRI
  std::string id;
  bool paired = false;
  std::vector<const ChannelUse*> uses;
  Location where;  // the earliest use, by source position
};

// The transport type of an end: one of the classes of spec/vocabulary.md §5, if any.
struct EndType {
  const EndClass* cls = nullptr;
  rdf::Term term;
};

// Where a processor of another runner names a channel end.
struct ForeignUse {
  const ForeignProcessor* processor;
  Location where;
};

void add_once(std::vector<std::string>& ids, const std::string& id) {
  if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
}

class ChannelResolver {
 public:
  ChannelResolver(Context& context, Extractor& extractor, const Selection& selection,
                  bool processors_complete)
      : context_{context},
        extractor_{extractor},
        selection_{selection},
        processors_complete_{processors_complete} {
    for (const auto& foreign : selection.foreign) {
      for (const auto& [iri, where] :
           named_iris(context.graph, foreign.node, context.vocab.rdf_type)) {
        foreign_uses_.try_emplace(iri, ForeignUse{&foreign, where});
      }
    }
  }

  std::vector<model::Channel> resolve() {
    std::vector<model::Channel> out;
    for (const auto& group : groups()) out.push_back(build(group));
    return out;
  }

 private:
  std::vector<Group> groups() const {
    std::vector<Group> out;
    std::unordered_map<rdf::Term, std::size_t> index;
    for (const auto& use : context_.channels.uses()) {
      auto [it, inserted] = index.try_emplace(use.channel, out.size());
      if (inserted) {
        out.push_back(Group{
            use.channel, context_.naming.id(use.channel), use.channel != use.end, {}, use.where});
      }
      Group& group = out[it->second];
      group.uses.push_back(&use);
      group.where = std::min(group.where, use.where);
    }
    std::sort(out.begin(), out.end(), [](const Group& a, const Group& b) { return a.id < b.id; });
    return out;
  }

  model::Channel build(const Group& group) {
    model::Channel channel;
    channel.id = group.id;
    channel.where = group.where;
    for (const ChannelUse* use : group.uses) {
      add_once(use->direction == Direction::writer ? channel.writers : channel.readers,
               use->processor);
    }
    bool ok = true;
    const EndType transport = check_ends(group, ok);
    if (transport.cls != nullptr) channel.transport = transport.cls->transport;
    if (ok && transport.cls == nullptr) ok = !crosses_runners(group, channel);
    if (ok) check_directions(group, channel, transport);
    if (ok) resolve_settings(group, transport, channel);
    return channel;
  }

  // Checks every end of the channel; returns the network or file transport type, if any.
  EndType check_ends(const Group& group, bool& ok) {
    if (!group.paired) {
      const EndType type = end_type(group, group.channel, ok);
      return type.cls != nullptr && type.cls->side != EndSide::memory ? type : EndType{};
    }
    for (const auto& end : context_.channels.ends_of(group.channel)) {
      if (!end.o.is_iri()) {
        ok = false;
        context_.diagnostics.error(
            Code::not_an_iri, end.pos.o,
            fmt::format("channel {}: a pairing end must be an IRI, found {}", group_name(group),
                        end.o.is_blank() ? "a blank node" : context_.naming.term(end.o)));
        continue;
      }
      check_paired_end(group, end.o, ok);
    }
    return {};
  }

  void check_paired_end(const Group& group, rdf::Term end, bool& ok) {
    const auto& pairings = context_.channels.pairings(end);
    if (pairings.size() > 1) {
      ok = channel_error(
          group, fmt::format("has end {} in {} pairing nodes ({}, {}); an end "
                             "may be in only one",
                             context_.naming.term(end), pairings.size(),
                             context_.naming.term(pairings[0]), context_.naming.term(pairings[1])));
    }
    const EndType type = end_type(group, end, ok);
    if (type.cls != nullptr && type.cls->side != EndSide::memory) {
      ok = channel_error(
          group, fmt::format("pairs end {}, which has the {} transport type {}; "
                             "pairing nodes join in-memory ends only",
                             context_.naming.term(end), model::transport_name(type.cls->transport),
                             context_.naming.term(type.term)));
    }
  }

  EndType end_type(const Group& group, rdf::Term end, bool& ok) {
    if (auto known = end_types_.find(end); known != end_types_.end()) return known->second;
    std::vector<EndType> found;
    // end a ?type
    for (const rdf::Term type : context_.graph.objects(end, context_.vocab.rdf_type)) {
      if (is_unsupported_end_class(type.text())) {
        ok = false;
        context_.diagnostics.error(
            Code::unknown_type, group.where,
            fmt::format("channel {}: {} ends are not supported by cae; use ws, http, file or tcp "
                        "ends, or an in-memory channel",
                        group_name(group), context_.naming.term(type)));
      } else if (const EndClass* cls = find_end_class(type.text())) {
        found.push_back(EndType{cls, type});
      }
    }
    if (found.size() > 1) {
      ok = channel_error(group, fmt::format("has end {} with {} transport types ({}, {}); expected "
                                            "at most one",
                                            context_.naming.term(end), found.size(),
                                            context_.naming.term(found[0].term),
                                            context_.naming.term(found[1].term)));
    }
    const EndType out = found.size() == 1 ? found.front() : EndType{};
    end_types_.emplace(end, out);
    return out;
  }

  // With --runner: is this in-memory channel named by a processor of another runner too?
  bool crosses_runners(const Group& group, const model::Channel& channel) {
    std::vector<rdf::Term> ends{group.channel};
    if (group.paired) {
      for (const auto& end : context_.channels.ends_of(group.channel)) ends.push_back(end.o);
    }
    for (const rdf::Term end : ends) {
      const auto found = foreign_uses_.find(end);
      if (found == foreign_uses_.end()) continue;
      const ForeignProcessor& other = *found->second.processor;
      const auto& locals = channel.writers.empty() ? channel.readers : channel.writers;
      const std::string here = context_.naming.iri(selection_.only_runner);
      context_.diagnostics
          .error(Code::channel, group.where,
                 fmt::format("channel {} joins {} (runner {}) and {} (runner {}) in memory, but "
                             "only runner {} runs in this process (--runner); a channel between "
                             "runners needs a transport: give it ends such as "
                             "cae:TcpWriterChannel for the writers and cae:TcpReaderChannel for "
                             "the readers (or ws, http or file ends)",
                             group_name(group), processor_name(locals.front()), here,
                             context_.naming.term(other.node), context_.naming.term(other.runner),
                             here))
          .notes.push_back(Note{found->second.where,
                                fmt::format("{} names it here", context_.naming.term(other.node))});
      return true;
    }
    return false;
  }

  void check_directions(const Group& group, const model::Channel& channel,
                        const EndType& transport) {
    for (const ChannelUse* use : group.uses) {
      bool ok = true;
      const EndType type = end_type(group, use->end, ok);
      if (type.cls == nullptr || type.cls->side != EndSide::memory ||
          type.cls->direction == use->direction) {
        continue;
      }
      channel_error(
          group,
          fmt::format("has end {}, {}, but {} uses it as a {}", context_.naming.term(use->end),
                      with_article(context_.naming.term(type.term)), processor_name(use->processor),
                      direction_name(use->direction)));
    }
    check_topology(group, channel, transport);
  }

  void check_topology(const Group& group, const model::Channel& channel, const EndType& transport) {
    if (transport.cls == nullptr) {
      if (processors_complete_ && (channel.readers.empty() || channel.writers.empty())) {
        channel_error(group,
                      channel.readers.empty()
                          ? fmt::format("has {} but no reader", list("writer", channel.writers))
                          : fmt::format("has {} but no writer", list("reader", channel.readers)));
      }
      return;
    }
    const bool ingress = transport.cls->side == EndSide::ingress;
    const auto& wrong = ingress ? channel.writers : channel.readers;
    if (wrong.empty()) return;
    channel_error(
        group, fmt::format("is an {} end ({}) that local processors may only {}, but it "
                           "has {}",
                           ingress ? "ingress" : "egress", context_.naming.term(transport.term),
                           ingress ? "read" : "write", list(ingress ? "writer" : "reader", wrong)));
  }

  void resolve_settings(const Group& group, const EndType& transport, model::Channel& channel) {
    auto& shapes = context_.shapes;
    const rdf::Term shape_class =
        transport.cls != nullptr ? transport.term
                                 : context_.graph.iri(fmt::format("{}ChannelShape", rdf::ns::cae));
    const Shape* shape =
        transport.cls != nullptr ? shapes.shape_of(shape_class) : shapes.named_shape(shape_class);
    if (shape == nullptr) return;
    Walk walk{fmt::format("channel {}", group_name(group)), {}, {}, {}};
    auto settings =
        extractor_.extract(*shape, shape_class, Value{group.channel, group.where, {}}, walk);
    if (!settings) return;
    const SettingsCheck check{context_, walk, *shape, group.channel, transport.cls};
    if (check.run(*settings)) apply_settings(std::move(*settings), channel);
  }

  bool channel_error(const Group& group, const std::string& what) {
    context_.diagnostics.error(Code::channel, group.where,
                               fmt::format("channel {} {}", group_name(group), what));
    return false;
  }

  std::string group_name(const Group& group) const { return context_.naming.term(group.channel); }

  std::string processor_name(const std::string& id) const {
    return id.starts_with("_:") ? id : context_.naming.iri(id);
  }

  // "a writer (<a>)" or "writers (<a>, <b>)".
  std::string list(std::string_view role, const std::vector<std::string>& ids) const {
    std::string names;
    for (const auto& id : ids)
      names += fmt::format("{}{}", names.empty() ? "" : ", ", processor_name(id));
    return ids.size() == 1 ? fmt::format("a {} ({})", role, names)
                           : fmt::format("{}s ({})", role, names);
  }

  Context& context_;
  Extractor& extractor_;
  const Selection& selection_;
  bool processors_complete_;
  std::unordered_map<rdf::Term, EndType> end_types_;
  std::unordered_map<rdf::Term, ForeignUse> foreign_uses_;  // by end IRI
};

}  // namespace

std::vector<model::Channel> resolve_channels(Context& context, Extractor& extractor,
                                             const Selection& selection, bool processors_complete) {
  return ChannelResolver{context, extractor, selection, processors_complete}.resolve();
}

}  // namespace cae::resolve
