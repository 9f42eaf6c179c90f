#include "resolve/selection.hpp"

#include <algorithm>
#include <unordered_map>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "resolve/runnable.hpp"

namespace cae::resolve {
namespace {

void report_count(Context& context, Code code, Location where, std::string message,
                  Location first = {}, std::string first_note = {}) {
  auto& error = context.diagnostics.error(code, where, std::move(message));
  if (first.known()) error.notes.push_back(Note{first, std::move(first_note)});
}

// The one runnable rdf:type of `node`; none or several are reported.
std::optional<rdf::Triple> runnable_type(Context& context, Runnability& runnability, rdf::Term node,
                                         Location listed_at) {
  // node a ?type
  const auto types = context.graph.match(node, context.vocab.rdf_type, {});
  std::vector<rdf::Triple> runnable;
  std::copy_if(types.begin(), types.end(), std::back_inserter(runnable),
               [&](const rdf::Triple& t) { return runnability.runnable(t.o); });
  if (runnable.size() == 1) return runnable.front();
  if (runnable.empty()) {
    std::vector<rdf::Term> classes;
    for (const auto& t : types) classes.push_back(t.o);
    report_count(context, Code::unknown_type, types.empty() ? listed_at : types.front().pos.o,
                 no_runnable_type(context, runnability, node, classes));
    return std::nullopt;
  }
  report_count(
      context, Code::too_many_values, runnable[1].pos.o,
      fmt::format("processor {} has {} runnable types ({}, {}{}); it needs exactly one",
                  context.naming.term(node), runnable.size(), context.naming.term(runnable[0].o),
                  context.naming.term(runnable[1].o), runnable.size() > 2 ? ", ..." : ""),
      runnable[0].pos.o, "the first runnable type is here");
  return std::nullopt;
}

class PipelineSelector {
 public:
  // `wanted` is the runner IRI of --runner, or empty for every context.
  PipelineSelector(Context& context, Selection& out, std::string wanted)
      : context_{context},
        vocab_{context.vocab},
        out_{out},
        runnability_{context},
        wanted_{std::move(wanted)} {}

  void read(rdf::Term pipeline) {
    out_.pipeline = context_.naming.id(pipeline);
    // pipeline rdfc:consistsOf ?context
    const auto contexts = context_.graph.match(pipeline, vocab_.rdfc_consists_of, {});
    if (contexts.empty()) {
      report_count(context_, Code::missing_argument, context_.graph.first_position(pipeline),
                   fmt::format("pipeline {} has no rdfc:consistsOf; expected at least one "
                               "execution context",
                               context_.naming.term(pipeline)));
    }
    for (const auto& triple : contexts) read_context(triple.o, triple.pos.o);
    if (!wanted_.empty() && !wanted_found_) report_unknown_runner(pipeline);
  }

 private:
  std::string context_name(rdf::Term node) const {
    return fmt::format("execution context {}", context_.naming.term(node));
  }

  void read_context(rdf::Term node, Location where) {
    if (node.is_literal()) {
      report_count(
          context_, Code::bad_value, where,
          fmt::format("an execution context must be a node, found {}", context_.naming.term(node)));
      return;
    }
    const auto runner = read_runner(node);
    if (runner && !wanted_.empty() && runner->o.text() != wanted_) {
      note_foreign(node, runner->o);
      return;
    }
    wanted_found_ = wanted_found_ || runner.has_value();
    const bool runs = runner && handles_cpp(*runner);
    if (runs) note_runner(*runner);
    // context rdfc:processor ?processor
    const auto listed = context_.graph.match(node, vocab_.rdfc_processor, {});
    if (listed.empty()) {
      report_count(
          context_, Code::missing_argument, context_.graph.first_position(node),
          fmt::format("{} has no rdfc:processor; expected at least one", context_name(node)));
    }
    for (const auto& triple : listed) {
      if (runs) add_listed(node, triple, std::string{runner->o.text()});
    }
  }

  // The context's one runner, an IRI.
  std::optional<rdf::Triple> read_runner(rdf::Term node) {
    // context rdfc:instantiates ?runner
    const auto runners = context_.graph.match(node, vocab_.rdfc_instantiates, {});
    if (runners.size() != 1) {
      report_count(context_, runners.empty() ? Code::missing_argument : Code::too_many_values,
                   runners.empty() ? context_.graph.first_position(node) : runners[1].pos.o,
                   fmt::format("{} needs exactly one rdfc:instantiates, found {}",
                               context_name(node), runners.size()),
                   runners.empty() ? Location{} : runners[0].pos.o, "the first runner is here");
      return std::nullopt;
    }
    const rdf::Triple& runner = runners.front();
    if (!runner.o.is_iri()) {
      report_count(
          context_, Code::not_an_iri, runner.pos.o,
          fmt::format("{}: the runner must be an IRI, found {}", context_name(node),
                      runner.o.is_blank() ? "a blank node" : context_.naming.term(runner.o)));
      return std::nullopt;
    }
    if (std::find(seen_runners_.begin(), seen_runners_.end(), runner.o) == seen_runners_.end())
      seen_runners_.push_back(runner.o);
    return runner;
  }

  // Another runner's context: only its listings are kept, to find channels that cross runners.
  void note_foreign(rdf::Term node, rdf::Term runner) {
    // context rdfc:processor ?processor
    for (const auto& listed : context_.graph.match(node, vocab_.rdfc_processor, {})) {
      if (listed.o.is_iri()) out_.foreign.push_back(ForeignProcessor{listed.o, runner, listed.pos.o});
    }
  }

  void report_unknown_runner(rdf::Term pipeline) {
    std::vector<std::string> names;
    for (const rdf::Term runner : seen_runners_) names.push_back(context_.naming.term(runner));
    context_.diagnostics.error(
        Code::usage, {},
        fmt::format("--runner {}: no execution context of pipeline {} instantiates <{}>; {}",
                    context_.options.runner, context_.naming.term(pipeline), wanted_,
                    names.empty() ? std::string{"the pipeline names no runner"}
                                  : fmt::format("its runners are {}", fmt::join(names, ", "))));
  }

  bool handles_cpp(const rdf::Triple& runner) {
    // runner rdfc:handlesSubjectsOf ?property
    const auto handled = context_.graph.objects(runner.o, vocab_.rdfc_handles_subjects_of);
    const std::string name = context_.naming.term(runner.o);
    if (handled.size() == 1 && handled.front() == vocab_.cae_cpp_implementation_of) return true;
    std::string what =
        handled.empty() ? fmt::format("runner {} declares no rdfc:handlesSubjectsOf", name)
        : handled.size() > 1
            ? fmt::format("runner {} has {} rdfc:handlesSubjectsOf values", name, handled.size())
            : fmt::format("runner {} handles {}", name, context_.naming.term(handled.front()));
    report_count(context_, handled.size() > 1 ? Code::too_many_values : Code::unknown_type,
                 runner.pos.o,
                 fmt::format("{}; cae runs only runners that handle cae:cppImplementationOf, "
                             "such as cae:CppRunner",
                             what));
    return false;
  }

  void note_runner(const rdf::Triple& runner) {
    const std::string id{runner.o.text()};
    const bool known = std::any_of(out_.runners.begin(), out_.runners.end(),
                                   [&](const model::Runner& r) { return r.id == id; });
    if (!known) {
      out_.runners.push_back(
          model::Runner{id, std::string{vocab_.cae_cpp_implementation_of.text()}, runner.pos.o});
    }
  }

  void add_listed(rdf::Term context_node, const rdf::Triple& listed, const std::string& runner) {
    if (!listed.o.is_iri()) {
      report_count(
          context_, Code::not_an_iri, listed.pos.o,
          fmt::format("{}: a processor must be an IRI, found {}", context_name(context_node),
                      listed.o.is_blank() ? "a blank node" : context_.naming.term(listed.o)));
      return;
    }
    auto [first, inserted] = listed_at_.try_emplace(listed.o, listed.pos.o);
    if (!inserted) {
      report_count(context_, Code::too_many_values, listed.pos.o,
                   fmt::format("processor {} is listed in two execution contexts; a processor "
                               "may sit in only one",
                               context_.naming.term(listed.o)),
                   first->second, "it is first listed here");
      return;
    }
    auto type = runnable_type(context_, runnability_, listed.o, listed.pos.o);
    if (type) out_.processors.push_back(SelectedProcessor{listed.o, type->o, type->pos.o, runner});
  }

  Context& context_;
  const Vocabulary& vocab_;
  Selection& out_;
  Runnability runnability_;
  std::unordered_map<rdf::Term, Location> listed_at_;
  std::string wanted_;
  bool wanted_found_ = false;
  std::vector<rdf::Term> seen_runners_;  // in the order their contexts are read
};

// Connector-architecture mode: every instance of a runnable class, in source order of its
// type statement. Instances of classes declared for cae that cannot run are reported.
void select_connector_mode(Context& context, Selection& out) {
  Runnability runnability{context};
  const auto& vocab = context.vocab;
  std::vector<rdf::Term> nodes;
  std::unordered_map<rdf::Term, std::vector<rdf::Triple>> runnable_types;
  // ?class cae:cppImplementationOf rdfc:Processor
  for (const rdf::Term cls :
       context.graph.subjects(vocab.cae_cpp_implementation_of, vocab.rdfc_processor_class)) {
    // ?instance a class
    for (const auto& type : context.graph.match({}, vocab.rdf_type, cls)) {
      auto& found = runnable_types[type.s];
      if (found.empty()) nodes.push_back(type.s);
      if (runnability.runnable(cls)) found.push_back(type);
    }
  }
  std::vector<std::pair<Location, SelectedProcessor>> selected;
  for (const rdf::Term node : nodes) {
    auto& types = runnable_types[node];
    std::sort(types.begin(), types.end(),
              [](const rdf::Triple& a, const rdf::Triple& b) { return a.pos.o < b.pos.o; });
    if (types.size() != 1) {
      runnable_type(context, runnability, node, context.graph.first_position(node));
      continue;
    }
    selected.emplace_back(types.front().pos.o,
                          SelectedProcessor{node, types.front().o, types.front().pos.o,
                                            std::string{vocab.cae_cpp_runner.text()}});
  }
  std::stable_sort(selected.begin(), selected.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [where, processor] : selected) out.processors.push_back(std::move(processor));
  out.runners.push_back(model::Runner{std::string{vocab.cae_cpp_runner.text()},
                                      std::string{vocab.cae_cpp_implementation_of.text()},
                                      {}});
}

// Subjects of `a rdfc:Pipeline` or `rdfc:consistsOf` statements written in the entry file, in
// source order.
std::vector<rdf::Triple> pipeline_candidates(const Context& context, std::uint32_t entry_file) {
  const auto& vocab = context.vocab;
  std::vector<rdf::Triple> out;
  auto add = [&](const std::vector<rdf::Triple>& triples) {
    for (const auto& t : triples) {
      const bool known =
          std::any_of(out.begin(), out.end(), [&](const rdf::Triple& c) { return c.s == t.s; });
      if (t.pos.s.file == entry_file && !known) out.push_back(t);
    }
  };
  add(context.graph.match({}, vocab.rdf_type, vocab.rdfc_pipeline));  // ?p a rdfc:Pipeline
  add(context.graph.match({}, vocab.rdfc_consists_of, {}));           // ?p rdfc:consistsOf ?c
  std::stable_sort(out.begin(), out.end(),
                   [](const rdf::Triple& a, const rdf::Triple& b) { return a.pos.s < b.pos.s; });
  return out;
}

}  // namespace

Selection select_processors(Context& context, std::uint32_t entry_file,
                            std::string_view entry_iri) {
  Selection out;
  const auto candidates = pipeline_candidates(context, entry_file);
  if (candidates.empty()) {
    out.pipeline = entry_iri;
    if (!context.options.runner.empty()) {
      context.diagnostics.error(
          Code::usage, {},
          fmt::format("--runner {}: the document has no pipeline resource, so no execution "
                      "contexts to choose from; it runs in connector-architecture mode, where "
                      "cae runs every processor it can",
                      context.options.runner));
      return out;
    }
    out.connector_mode = true;
    select_connector_mode(context, out);
    return out;
  }
  auto chosen = std::find_if(candidates.begin(), candidates.end(), [&](const rdf::Triple& c) {
    return c.s.is_iri() && c.s.text() == entry_iri;
  });
  if (chosen == candidates.end() && candidates.size() > 1) {
    report_count(
        context, Code::too_many_values, candidates[1].pos.s,
        fmt::format("the document describes {} pipelines ({}, {}{}); keep one, or make "
                    "the document itself (<>) the pipeline",
                    candidates.size(), context.naming.term(candidates[0].s),
                    context.naming.term(candidates[1].s), candidates.size() > 2 ? ", ..." : ""),
        candidates[0].pos.s, "the first pipeline is here");
    return out;
  }
  if (chosen == candidates.end()) chosen = candidates.begin();
  const std::string wanted =
      context.options.runner.empty() ? std::string{} : context.naming.expand(context.options.runner);
  out.only_runner = wanted;
  PipelineSelector{context, out, wanted}.read(chosen->s);
  return out;
}

}  // namespace cae::resolve
