#include "validate/topology.hpp"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "rdf/vocab.hpp"
#include "resolve/naming.hpp"
#include "resolve/references.hpp"
#include "resolve/vocabulary.hpp"
#include "validate/node_id.hpp"

namespace cae::validate {
namespace {

// One `context rdfc:processor p` statement of the pipeline.
struct Listing {
  rdf::Term processor;
  rdf::Term runner;
  bool cae_runs = false;  // the runner handles cae:cppImplementationOf
  Location where;         // the rdfc:processor object
};

// A runner and the processors one execution context gives it.
struct Assignment {
  rdf::Term runner;
  Location runner_where;  // the rdfc:instantiates object
  bool cae_runs = false;
  std::vector<Listing> listings;
};

class TopologyChecker {
 public:
  TopologyChecker(rdf::LoadedDocument& document, const model::Pipeline& pipeline,
                  Diagnostics& diagnostics)
      : document_{document},
        graph_{document.graph},
        vocab_{document.graph},
        naming_{document.graph, document.entry_iri, document.prefixes},
        pipeline_{pipeline},
        diagnostics_{diagnostics},
        ids_{document.graph} {}

  void run() {
    read_assignments(ids_.find(pipeline_.iri));
    check_unlisted();
    check_two_runners();
    // With --runner the other contexts are not this run's business, and resolution has already
    // reported the in-memory channels they share with it.
    if (!pipeline_.only_runner.empty()) return;
    for (const auto& assignment : assignments_) {
      if (!assignment.cae_runs) check_foreign(assignment);
    }
  }

 private:
  void read_assignments(rdf::Term pipeline) {
    if (!pipeline) return;
    // pipeline rdfc:consistsOf ?context
    for (const rdf::Term context : graph_.objects(pipeline, vocab_.rdfc_consists_of)) {
      // context rdfc:instantiates ?runner
      const auto runners = graph_.match(context, vocab_.rdfc_instantiates, {});
      if (runners.size() != 1 || !runners.front().o.is_iri()) continue;  // resolution says why
      Assignment assignment{
          runners.front().o, runners.front().pos.o, handles_cpp(runners.front().o), {}};
      // context rdfc:processor ?processor
      for (const auto& listed : graph_.match(context, vocab_.rdfc_processor, {})) {
        assignment.listings.push_back(
            Listing{listed.o, assignment.runner, assignment.cae_runs, listed.pos.o});
        listed_.insert(listed.o);
      }
      assignments_.push_back(std::move(assignment));
    }
  }

  [[nodiscard]] bool handles_cpp(rdf::Term runner) const {
    // runner rdfc:handlesSubjectsOf ?property
    const auto handled = graph_.objects(runner, vocab_.rdfc_handles_subjects_of);
    return handled.size() == 1 && handled.front() == vocab_.cae_cpp_implementation_of;
  }

  // Instances of processor classes, typed in the user's documents, that no context lists.
  void check_unlisted() {
    std::unordered_set<rdf::Term> seen;
    for (const rdf::Term cls : processor_classes()) {
      // ?instance a cls
      for (const auto& type : graph_.match({}, vocab_.rdf_type, cls)) {
        if (!in_user_file(type.pos.o) || listed_.contains(type.s) || !seen.insert(type.s).second)
          continue;
        diagnostics_.warning(Code::topology, type.pos.o,
                             fmt::format("processor {} ({}) is in no execution context, so no "
                                         "runner starts it; list it with rdfc:processor",
                                         naming_.term(type.s), naming_.term(cls)));
      }
    }
  }

  // ?class ?implementationOf rdfc:Processor, for cae's and the other languages' properties.
  [[nodiscard]] std::vector<rdf::Term> processor_classes() const {
    std::vector<rdf::Term> out;
    const rdf::Term generic = graph_.find_iri(fmt::format("{}implementationOf", rdf::ns::rdfc));
    for (const rdf::Term property :
         {vocab_.cae_cpp_implementation_of, vocab_.rdfc_js_implementation_of,
          vocab_.rdfc_py_implementation_of, vocab_.rdfc_java_implementation_of, generic}) {
      if (!property) continue;
      for (const rdf::Term cls : graph_.subjects(property, vocab_.rdfc_processor_class)) {
        if (std::find(out.begin(), out.end(), cls) == out.end()) out.push_back(cls);
      }
    }
    return out;
  }

  [[nodiscard]] bool in_user_file(Location where) const {
    return where.known() && where.file < document_.sources.size() &&
           document_.sources.file(where.file).iri.starts_with("file:");
  }

  // Resolution reports a processor listed twice among contexts cae runs; the other pairs are
  // reported here.
  void check_two_runners() {
    std::unordered_map<rdf::Term, const Listing*> first;
    for (const auto& assignment : assignments_) {
      for (const auto& listing : assignment.listings) {
        auto [it, inserted] = first.try_emplace(listing.processor, &listing);
        const Listing& earlier = *it->second;
        if (inserted || earlier.runner == listing.runner || (earlier.cae_runs && listing.cae_runs))
          continue;
        diagnostics_
            .error(Code::topology, listing.where,
                   fmt::format("processor {} is assigned to two runners, {} and {}; a processor "
                               "runs under exactly one",
                               naming_.term(listing.processor), naming_.term(earlier.runner),
                               naming_.term(listing.runner)))
            .notes.push_back(Note{earlier.where, "it is first assigned here"});
      }
    }
  }

  // A processor cae runs under another context is reported by check_two_runners instead.
  void check_foreign(const Assignment& assignment) {
    std::vector<std::string> names;
    for (const auto& listing : assignment.listings) {
      if (pipeline_.find_processor(naming_.id(listing.processor)) != nullptr) continue;
      names.push_back(naming_.term(listing.processor));
      check_shared_memory(listing);
    }
    if (names.empty()) return;
    const bool one = names.size() == 1;
    diagnostics_.warning(
        Code::topology, assignment.runner_where,
        fmt::format("cae will not run {} {}: runner {} does not handle cae:cppImplementationOf, "
                    "so another program must start {}",
                    one ? "processor" : "processors", fmt::join(names, ", "),
                    naming_.term(assignment.runner), one ? "it" : "them"));
  }

  // The in-memory channels of cae's processors that `listing`'s processor names too.
  void check_shared_memory(const Listing& listing) {
    for (const auto& [end, where] :
         resolve::named_iris(graph_, listing.processor, vocab_.rdf_type)) {
      const model::Channel* channel = memory_channel_named(end);
      if (channel == nullptr) continue;
      const auto& locals = channel->writers.empty() ? channel->readers : channel->writers;
      diagnostics_.error(
          Code::topology, where,
          fmt::format("channel {} joins {} (runner {}) and {} (runner {}) in memory, but "
                      "different runners are different processes; give the channel a ws, http, "
                      "file or tcp end",
                      naming_.term(end), naming_.iri(locals.front()),
                      naming_.iri(processor_runner(locals.front())),
                      naming_.term(listing.processor), naming_.term(listing.runner)));
    }
  }

  // The resolved in-memory channel that `end` is, or is a paired end of.
  [[nodiscard]] const model::Channel* memory_channel_named(rdf::Term end) {
    for (const auto& channel : pipeline_.channels) {
      if (channel.transport != model::Transport::memory) continue;
      const rdf::Term id = ids_.find(channel.id);
      if (id == end || graph_.contains(id, vocab_.conn_reader, end) ||
          graph_.contains(id, vocab_.conn_writer, end)) {
        return &channel;
      }
    }
    return nullptr;
  }

  [[nodiscard]] std::string processor_runner(const std::string& id) const {
    const model::Processor* processor = pipeline_.find_processor(id);
    return processor != nullptr ? processor->runner : std::string{};
  }

  rdf::LoadedDocument& document_;
  rdf::Graph& graph_;
  resolve::Vocabulary vocab_;
  resolve::Naming naming_;
  const model::Pipeline& pipeline_;
  Diagnostics& diagnostics_;
  std::vector<Assignment> assignments_;
  std::unordered_set<rdf::Term> listed_;  // every processor some context lists
  NodeIds ids_;
};

}  // namespace

void check_topology(rdf::LoadedDocument& document, const model::Pipeline& pipeline,
                    Diagnostics& diagnostics) {
  if (pipeline.connector_mode) return;
  TopologyChecker{document, pipeline, diagnostics}.run();
}

}  // namespace cae::validate
