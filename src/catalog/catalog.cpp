#include "catalog/catalog.hpp"

#include <algorithm>
#include <array>
#include <unordered_set>

#include <fmt/format.h>

#include "query/names.hpp"
#include "resolve/naming.hpp"
#include "resolve/path.hpp"
#include "resolve/shapes.hpp"
#include "resolve/vocabulary.hpp"

namespace cae::catalog {
namespace {

// The rdfc:*ImplementationOf properties, most specific first: a class declared with several is
// listed under the first.
struct Implementation {
  rdf::Term resolve::Vocabulary::*property;
  std::string_view runs;  // for classes cae does not run
};

constexpr std::array<Implementation, 4> implementations = {{
    {&resolve::Vocabulary::cae_cpp_implementation_of, ""},
    {&resolve::Vocabulary::rdfc_js_implementation_of, "JavaScript runner"},
    {&resolve::Vocabulary::rdfc_py_implementation_of, "Python runner"},
    {&resolve::Vocabulary::rdfc_java_implementation_of, "Java runner"},
}};

std::string count_text(std::size_t min, std::optional<std::size_t> max) {
  if (!max) return fmt::format("{}..*", min);
  if (*max == min) return fmt::format("{}", min);
  return fmt::format("{}..{}", min, *max);
}

bool absolute_iri(std::string_view text) {
  const auto colon = text.find(':');
  return (colon != std::string_view::npos && text.substr(colon).starts_with("://")) ||
         text.starts_with("file:") || text.starts_with("urn:");
}

}  // namespace

struct Catalog::Impl {
  Impl(rdf::LoadedDocument& doc, std::vector<std::string> builtin_iris)
      : document{doc},
        vocab{doc.graph},
        prefixes{query::known_prefixes(doc)},
        naming{doc.graph, doc.entry_iri, prefixes},
        builtins{std::move(builtin_iris)} {}

  [[nodiscard]] bool is_builtin(std::string_view iri) const {
    return std::find(builtins.begin(), builtins.end(), iri) != builtins.end();
  }

  // ?class <implementation property> rdfc:Processor, each class once, in source order.
  [[nodiscard]] std::vector<std::pair<rdf::Term, const Implementation*>> declared() const {
    std::vector<std::pair<rdf::Term, const Implementation*>> out;
    std::unordered_set<rdf::Term> seen;
    for (const auto& implementation : implementations) {
      const rdf::Term property = vocab.*implementation.property;
      for (const rdf::Term cls : document.graph.subjects(property, vocab.rdfc_processor_class)) {
        if (cls.is_iri() && seen.insert(cls).second) out.emplace_back(cls, &implementation);
      }
    }
    return out;
  }

  [[nodiscard]] ProcessorClass describe_class(rdf::Term cls, const Implementation& how) const {
    ProcessorClass out;
    out.iri = cls.text();
    out.name = naming.iri(out.iri);
    const rdf::Term comment = document.graph.object(cls, vocab.rdfs_comment);
    if (comment.is_literal()) out.comment = comment.text();
    if (!how.runs.empty()) {
      out.runs = how.runs;
      return out;
    }
    const auto libraries = document.graph.objects(cls, vocab.cae_library);
    out.runnable = is_builtin(out.iri) || libraries.size() == 1;
    if (is_builtin(out.iri)) {
      out.runs = "built in";
    } else if (libraries.size() == 1) {
      out.runs = fmt::format("library {}", naming.term(libraries.front()));
    } else {
      out.runs = libraries.empty() ? "C++, no cae:library" : "C++, several cae:library values";
    }
    return out;
  }

  [[nodiscard]] std::string runner(const ProcessorClass& cls) const {
    const std::string cpp_runner = naming.iri(vocab.cae_cpp_runner.text());
    if (cls.runnable) return fmt::format("{}, inside the cae process", cpp_runner);
    if (cls.runs.starts_with("C++")) {
      return fmt::format("{}, once the class is built in or names exactly one cae:library",
                         cpp_runner);
    }
    return fmt::format("a {}; cae does not run it", cls.runs);
  }

  [[nodiscard]] Argument argument(const resolve::Field& field) const {
    Argument out;
    out.name = field.name;
    out.path = resolve::sparql(field.path, naming);
    if (field.cls) {
      out.type = naming.iri(field.cls.text());
    } else if (field.datatype) {
      out.type = naming.iri(field.datatype.text());
    }
    out.required = field.min > 0;
    out.list = !field.scalar();
    out.count = count_text(field.min, field.max);
    for (const auto& value : field.defaults) out.defaults.push_back(naming.term(value.term));
    out.description = field.description;
    return out;
  }

  rdf::LoadedDocument& document;
  resolve::Vocabulary vocab;
  query::Prefixes prefixes;
  resolve::Naming naming;
  std::vector<std::string> builtins;
};

Catalog::Catalog(rdf::LoadedDocument& document, std::vector<std::string> builtins)
    : impl_{std::make_unique<Impl>(document, std::move(builtins))} {}

Catalog::~Catalog() = default;

std::vector<ProcessorClass> Catalog::classes() const {
  std::vector<ProcessorClass> out;
  for (const auto& [cls, how] : impl_->declared()) out.push_back(impl_->describe_class(cls, *how));
  std::sort(out.begin(), out.end(),
            [](const ProcessorClass& a, const ProcessorClass& b) { return a.name < b.name; });
  return out;
}

std::optional<std::string> Catalog::expand(std::string_view name) const {
  if (name.size() > 2 && name.front() == '<' && name.back() == '>') {
    const std::string_view inner = name.substr(1, name.size() - 2);
    if (absolute_iri(inner)) return std::string{inner};
    const auto& entry = impl_->document.entry_iri;
    return entry.substr(0, entry.rfind('/') + 1) + std::string{inner};
  }
  if (absolute_iri(name)) return std::string{name};
  const auto colon = name.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  for (const auto& [prefix, ns] : impl_->prefixes) {
    if (prefix == name.substr(0, colon)) return ns + std::string{name.substr(colon + 1)};
  }
  return std::nullopt;
}

std::optional<Description> Catalog::describe(std::string_view iri, Diagnostics& diagnostics) {
  const rdf::Term cls = impl_->document.graph.find_iri(iri);
  const auto declared = impl_->declared();
  const auto found = std::find_if(declared.begin(), declared.end(),
                                  [&](const auto& entry) { return cls && entry.first == cls; });
  if (found == declared.end()) return std::nullopt;
  Description out;
  out.cls = impl_->describe_class(cls, *found->second);
  out.runner = impl_->runner(out.cls);
  // Transport classes play no part here, so no shape is restricted to the cae ontology.
  resolve::ShapeIndex shapes{impl_->document.graph,
                             impl_->vocab,
                             impl_->naming,
                             diagnostics,
                             [](rdf::Term) { return false; },
                             0};
  if (const resolve::Shape* shape = shapes.shape_of(cls)) {
    out.has_shape = true;
    for (const auto& field : shape->fields) out.arguments.push_back(impl_->argument(field));
  }
  return out;
}

rdf::LoadedDocument load_known_classes(const std::string& pipeline, Diagnostics& diagnostics) {
  return pipeline.empty() ? rdf::load_vocabularies(diagnostics)
                          : rdf::load_document(pipeline, diagnostics);
}

}  // namespace cae::catalog
