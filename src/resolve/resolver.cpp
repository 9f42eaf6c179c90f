#include "resolve/resolver.hpp"

#include <filesystem>

#include <fmt/format.h>

#include "resolve/channels.hpp"
#include "resolve/context.hpp"
#include "resolve/extract.hpp"
#include "resolve/library.hpp"
#include "resolve/selection.hpp"

namespace cae::resolve {
namespace {

constexpr std::string_view cae_ontology_iri = "https://w3id.org/cae";

// The file index of the bundled cae ontology, whose shapes alone may describe transport classes.
std::uint32_t cae_ontology_file(const SourceMap& sources) {
  for (std::uint32_t i = 0; i < sources.size(); ++i) {
    if (sources.file(i).iri == cae_ontology_iri) return i;
  }
  return Location::no_file;
}

std::string absolute_file_root(const rdf::LoadedDocument& document, const ResolveOptions& options) {
  namespace fs = std::filesystem;
  if (!options.file_root.empty())
    return fs::absolute(options.file_root).lexically_normal().string();
  if (!document.entry_dir.empty()) return document.entry_dir;
  return fs::path{rdf::path_from_file_iri(document.entry_iri)}.parent_path().string();
}

class ProcessorResolver {
 public:
  ProcessorResolver(Context& context, Extractor& extractor)
      : context_{context}, extractor_{extractor}, libraries_{context} {}

  model::Processor resolve(const SelectedProcessor& selected) {
    const auto& naming = context_.naming;
    model::Processor out;
    out.id = naming.id(selected.node);
    out.type = selected.type.text();
    out.runner = selected.runner;
    out.where = selected.type_where;
    const Library& library = libraries_.of(selected.type);
    out.library = library.path;
    out.library_where = library.where;
    const std::string subject =
        fmt::format("processor {} ({})", naming.term(selected.node), naming.term(selected.type));
    const Shape* shape = context_.shapes.shape_of(selected.type);
    if (shape == nullptr) {
      if (!context_.shapes.has_shape(selected.type)) {
        context_.diagnostics.error(Code::no_shape, selected.type_where,
                                   fmt::format("{}: {} has no SHACL shape; import the file that "
                                               "defines it",
                                               subject, naming.term(selected.type)));
      }
      out.arguments = model::Json::object();
      return out;
    }
    Walk walk{subject, out.id, {}, {}};
    const Value focus{selected.node, context_.graph.first_position(selected.node), {}};
    out.arguments =
        extractor_.extract(*shape, selected.type, focus, walk).value_or(model::Json::object());
    out.extracted_types = std::move(walk.typed);
    return out;
  }

  // The rdfs:comment of the class and the description of each field, for `cae inspect`.
  model::ClassDoc document(rdf::Term cls) {
    model::ClassDoc doc;
    // cls rdfs:comment ?comment
    const rdf::Term comment = context_.graph.object(cls, context_.vocab.rdfs_comment);
    if (comment.is_literal()) doc.comment = comment.text();
    if (const Shape* shape = context_.shapes.shape_of(cls)) {
      for (const auto& field : shape->fields) {
        doc.arguments.emplace_back(field.name, field.description);
      }
    }
    return doc;
  }

 private:
  Context& context_;
  Extractor& extractor_;
  LibraryCheck libraries_;
};

}  // namespace

model::Pipeline resolve_pipeline(rdf::LoadedDocument& document, const ResolveOptions& options,
                                 Diagnostics& diagnostics) {
  rdf::Graph& graph = document.graph;
  const Vocabulary vocab{graph};
  const Naming naming{graph, document.entry_iri, document.prefixes};
  ShapeIndex shapes{graph,
                    vocab,
                    naming,
                    diagnostics,
                    [](rdf::Term cls) { return find_end_class(cls.text()) != nullptr; },
                    cae_ontology_file(document.sources)};
  ChannelTable channels{graph, vocab, naming};
  Context context{graph,      document.sources, vocab,   naming,
                  shapes,     channels,         options, absolute_file_root(document, options),
                  diagnostics};

  const std::size_t errors_before = diagnostics.error_count();
  const Selection selection = select_processors(context, document.entry_file, document.entry_iri);
  model::Pipeline out;
  out.iri = selection.pipeline;
  out.connector_mode = selection.connector_mode;
  out.runners = selection.runners;
  out.only_runner = selection.only_runner;
  Extractor extractor{context};
  ProcessorResolver processors{context, extractor};
  for (const auto& selected : selection.processors) {
    out.processors.push_back(processors.resolve(selected));
    if (!out.class_docs.contains(out.processors.back().type)) {
      out.class_docs.emplace(out.processors.back().type, processors.document(selected.type));
    }
  }
  out.channels =
      resolve_channels(context, extractor, selection, diagnostics.error_count() == errors_before);
  return out;
}

}  // namespace cae::resolve
