#include "rdf/loader.hpp"

#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unordered_set>

#include <fmt/format.h>

#include "rdf/bundled.hpp"
#include "rdf/owners.hpp"
#include "rdf/position_feed.hpp"
#include "rdf/positions.hpp"
#include "rdf/vocab.hpp"

namespace cae::rdf {
namespace {

std::string_view view(const SerdNode* node) {
  return {reinterpret_cast<const char*>(node->buf), node->n_bytes};
}

std::string trim_trailing_newline(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

SerdSyntax serd_syntax(Syntax syntax) {
  switch (syntax) {
    case Syntax::turtle: return SERD_TURTLE;
    case Syntax::trig: return SERD_TRIG;
    case Syntax::ntriples: return SERD_NTRIPLES;
    case Syntax::nquads: return SERD_NQUADS;
  }
  return SERD_TURTLE;
}

struct Import {
  std::string iri;
  Location where;
};

// `<document> owl:imports <iri>`: only the document's own statement imports.
std::optional<Import> import_of(const Triple& t, Term owl_imports, std::string_view document_iri) {
  if (t.p != owl_imports || !t.s.is_iri() || t.s.text() != document_iri || !t.o.is_iri()) {
    return std::nullopt;
  }
  return Import{std::string{t.o.text()}, t.pos.o};
}

// Reads one document into the graph: Serd parses, the position scan locates every term.
class DocumentReader {
 public:
  DocumentReader(LoadedDocument& out, Diagnostics& diagnostics, std::uint32_t file,
                 std::string_view document_iri)
      : out_{out}, diagnostics_{diagnostics}, file_{file}, document_iri_{document_iri} {
    owl_imports_ = out_.graph.iri(fmt::format("{}imports", ns::owl));
  }

  // Returns false when the text has a syntax error.
  bool read(std::string_view text, Syntax syntax) {
    text_ = text;
    StatementScan scan = scan_document(text, syntax, file_);
    if (scan.refusal) {
      // Refused before Serd reads it: Serd would overflow its stack on such nesting, or let a
      // surrogate escape through.
      diagnostics_.error(Code::syntax, scan.refusal->where, std::move(scan.refusal->message));
      failed_ = true;
      return false;
    }
    feed_ = detail::PositionFeed{std::move(scan.statements), file_};
    const SerdNode base = serd_node_from_substring(
        SERD_URI, reinterpret_cast<const uint8_t*>(document_iri_.data()), document_iri_.size());
    env_.reset(serd_env_new(&base));
    detail::ReaderPtr reader{serd_reader_new(serd_syntax(syntax), this, nullptr, on_base,
                                             on_prefix, on_statement, nullptr)};
    serd_reader_set_strict(reader.get(), true);
    serd_reader_set_error_sink(reader.get(), on_error, this);
    const std::string blank_prefix = fmt::format("f{}.", file_);
    serd_reader_add_blank_prefix(reader.get(), reinterpret_cast<const uint8_t*>(blank_prefix.c_str()));
    const std::string name = out_.sources.file(file_).display;
    // One whole-document read: chunked reading in Serd 0.30 takes N-Quads graph terms for
    // syntax errors, and stops at two NUL bytes in a row without a word.
    const SerdStatus status =
        serd_reader_read_source(reader.get(), read_chunk, source_error, this,
                                reinterpret_cast<const uint8_t*>(name.c_str()), 4096);
    if (status > SERD_FAILURE && !failed_) {
      failed_ = true;
      diagnostics_.error(Code::syntax, Location{file_, 1, 1},
                         fmt::format("cannot parse the document: {}", reinterpret_cast<const char*>(serd_strerror(status))));
    }
    add_statements();
    return !failed_;
  }

  [[nodiscard]] const std::vector<Import>& imports() const { return imports_; }

 private:
  static std::size_t read_chunk(void* buf, std::size_t size, std::size_t nmemb, void* stream) {
    auto* self = static_cast<DocumentReader*>(stream);
    const std::size_t wanted = size * nmemb;
    const std::size_t left = self->text_.size() - self->offset_;
    const std::size_t n = wanted < left ? wanted : left;
    std::memcpy(buf, self->text_.data() + self->offset_, n);
    self->offset_ += n;
    return size == 0 ? 0 : n / size;
  }

  static int source_error(void*) { return 0; }

  static SerdStatus on_base(void* handle, const SerdNode* uri) {
    return serd_env_set_base_uri(static_cast<DocumentReader*>(handle)->env_.get(), uri);
  }

  static SerdStatus on_prefix(void* handle, const SerdNode* name, const SerdNode* uri) {
    auto* self = static_cast<DocumentReader*>(handle);
    const SerdStatus status = serd_env_set_prefix(self->env_.get(), name, uri);
    if (status == SERD_SUCCESS && self->file_ == self->out_.entry_file) self->note_prefix(name);
    return status;
  }

  // Records an entry-file prefix with its IRI resolved against the current base.
  void note_prefix(const SerdNode* name) {
    const std::string curie = fmt::format("{}:", view(name));
    const SerdNode node = serd_node_from_substring(
        SERD_CURIE, reinterpret_cast<const uint8_t*>(curie.data()), curie.size());
    std::string iri = expand(&node, Location{file_, 0, 0});
    auto& prefixes = out_.prefixes;
    std::erase_if(prefixes, [&](const auto& prefix) { return prefix.first == view(name); });
    prefixes.emplace_back(std::string{view(name)}, std::move(iri));
  }

  static SerdStatus on_error(void* handle, const SerdError* error) {
    auto* self = static_cast<DocumentReader*>(handle);
    std::va_list args;
    va_copy(args, *error->args);
    std::array<char, 512> message{};
    std::vsnprintf(message.data(), message.size(), reinterpret_cast<const char*>(error->fmt), args);
    va_end(args);
    if (!self->failed_) {
      self->diagnostics_.error(Code::syntax, Location{self->file_, error->line, error->col + 1},
                               trim_trailing_newline(message.data()));
    }
    self->failed_ = true;
    return SERD_SUCCESS;
  }

  static SerdStatus on_statement(void* handle, SerdStatementFlags /*flags*/,
                                 const SerdNode* /*graph*/, const SerdNode* s, const SerdNode* p,
                                 const SerdNode* o, const SerdNode* datatype,
                                 const SerdNode* lang) {
    return static_cast<DocumentReader*>(handle)->statement(s, p, o, datatype, lang);
  }

  SerdStatus statement(const SerdNode* s, const SerdNode* p, const SerdNode* o,
                       const SerdNode* datatype, const SerdNode* lang) {
    const TriplePos pos = feed_.next(kind_of(s), kind_of(p), kind_of(o));
    const Term subject = term(s, pos.s);
    const Term predicate = term(p, pos.p);
    const Term object = object_term(o, datatype, lang, pos.o);
    if (!subject || !predicate || !object) return SERD_ERR_BAD_SYNTAX;
    read_.push_back(Triple{subject, predicate, object, pos});
    return SERD_SUCCESS;
  }

  // The statements go into the graph once the whole text is read: only then is it known whether
  // the scan kept pace with Serd to the end. If it did not on a document Serd accepted, none of
  // its positions can be trusted and all of them name the file only.
  void add_statements() {
    if (!failed_ && !feed_.complete()) {
      ++out_.position_mismatches;
      for (Triple& t : read_) t.pos = feed_.file_only();
    }
    for (const Triple& t : read_) {
      out_.graph.add(t.s, t.p, t.o, t.pos);
      if (auto import = import_of(t, owl_imports_, document_iri_)) imports_.push_back(*import);
    }
  }

  static TermKind kind_of(const SerdNode* node) {
    switch (node->type) {
      case SERD_BLANK: return TermKind::blank;
      case SERD_LITERAL: return TermKind::literal;
      default: return TermKind::iri;
    }
  }

  // Expands prefixed names and resolves relative IRIs against the current base.
  std::string expand(const SerdNode* node, Location where) {
    SerdNode expanded = serd_env_expand_node(env_.get(), node);
    if (expanded.type == SERD_NOTHING) {
      if (!failed_) {
        diagnostics_.error(Code::syntax, where,
                           fmt::format("undefined prefix in '{}'", view(node)));
      }
      failed_ = true;
      return {};
    }
    const detail::SerdNodeOwner owner{expanded};
    return std::string{view(owner.get())};
  }

  Term term(const SerdNode* node, Location where) {
    switch (node->type) {
      case SERD_URI:
      case SERD_CURIE: {
        std::string iri = expand(node, where);
        return iri.empty() ? Term{} : out_.graph.iri(iri);
      }
      case SERD_BLANK: return out_.graph.blank(view(node));
      default: return {};
    }
  }

  Term object_term(const SerdNode* node, const SerdNode* datatype, const SerdNode* lang,
                   Location where) {
    if (node->type != SERD_LITERAL) return term(node, where);
    Term type;
    if (datatype != nullptr && datatype->type != SERD_NOTHING) {
      type = term(datatype, where);
      if (!type) return {};
    }
    const std::string_view language =
        lang != nullptr && lang->type != SERD_NOTHING ? view(lang) : std::string_view{};
    // Serd 0.30 drops the datatype of an integer that the statement's dot follows (`ex:n 1.`).
    if (!type && language.empty() && feed_.object_is_number()) {
      type = out_.graph.iri(fmt::format("{}integer", ns::xsd));
    }
    return out_.graph.literal(view(node), type, language);
  }

  LoadedDocument& out_;
  Diagnostics& diagnostics_;
  std::uint32_t file_;
  std::string_view document_iri_;
  std::string_view text_;
  std::size_t offset_ = 0;
  detail::EnvPtr env_;
  detail::PositionFeed feed_{{}, Location::no_file};
  std::vector<Triple> read_;  // in Serd's order, until add_statements
  std::vector<Import> imports_;
  Term owl_imports_;
  bool failed_ = false;
};

std::optional<std::string> read_file(const std::string& path, std::string& reason) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    reason = std::strerror(EISDIR);
    return std::nullopt;
  }
  std::ifstream in{path, std::ios::binary};
  if (!in) {
    reason = std::strerror(errno);
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) {
    reason = std::strerror(errno);
    return std::nullopt;
  }
  return std::move(text).str();
}

class Loader {
 public:
  Loader(LoadedDocument& out, Diagnostics& diagnostics) : out_{out}, diagnostics_{diagnostics} {}

  void load_entry(std::string_view path) {
    std::error_code ec;
    const auto absolute = std::filesystem::absolute(std::filesystem::path{path}, ec);
    const std::string abs = absolute.lexically_normal().string();
    out_.entry_iri = file_iri_from_path(abs);
    out_.entry_dir = absolute.lexically_normal().parent_path().string();
    load_file(abs, out_.entry_iri, Location{});
    load_bundled();
  }

  // Only the vocabularies loaded with every pipeline: no entry file.
  void load_vocabularies() { load_bundled(); }

  void load_file(const std::string& path, const std::string& iri, Location imported_at) {
    loaded_.insert(iri);
    std::string_view refused;
    const auto syntax = syntax_for_path(path, &refused);
    if (!syntax) {
      diagnostics_.error(Code::import, imported_at,
                         fmt::format("cannot import <{}>: {} documents are not supported; convert "
                                     "it to Turtle or N-Triples",
                                     iri, refused));
      return;
    }
    std::string reason;
    const auto text = read_file(path, reason);
    if (!text) {
      const auto what = imported_at.known() ? fmt::format("cannot import <{}>", iri)
                                            : fmt::format("cannot read {}", display_path(path));
      diagnostics_.error(Code::import, imported_at, fmt::format("{}: {}: {}", what, path, reason));
      return;
    }
    const std::uint32_t file = out_.sources.add(path, iri);
    read(*text, *syntax, file, iri);
  }

 private:
  void read(std::string_view text, Syntax syntax, std::uint32_t file, const std::string& iri) {
    ++out_.documents;
    DocumentReader reader{out_, diagnostics_, file, iri};
    reader.read(text, syntax);
    for (const auto& import : reader.imports()) follow(import);
  }

  void follow(const Import& import) {
    if (const BundledDocument* bundled = find_bundled(import.iri)) {
      bundled_order_.push_back(bundled);
      return;
    }
    if (loaded_.contains(import.iri)) return;
    const std::string path = path_from_file_iri(import.iri);
    if (path.empty()) {
      loaded_.insert(import.iri);
      diagnostics_.error(Code::import, import.where,
                         fmt::format("cannot import <{}>: cae never fetches documents over the "
                                     "network; save a copy next to the pipeline and import that "
                                     "file instead",
                                     import.iri));
      return;
    }
    load_file(path, import.iri, import.where);
  }

  void load_bundled() {
    for (const auto& document : bundled_documents()) {
      if (document.always_loaded) bundled_order_.push_back(&document);
    }
    // By index: inserting a document may queue the bundled documents it imports.
    for (std::size_t i = 0; i < bundled_order_.size(); ++i) {
      const BundledDocument& document = *bundled_order_[i];
      const std::string iri{document.iri};
      if (!loaded_.insert(iri).second) continue;
      const std::uint32_t file =
          out_.sources.add(fmt::format("<bundled>/{}", document.name), iri);
      insert(document, file, iri);
    }
  }

  // What reading the document's text did, from the terms and statements it was compiled to.
  void insert(const BundledDocument& document, std::uint32_t file, const std::string& iri) {
    ++out_.documents;
    Graph& graph = out_.graph;
    std::vector<Term> terms;
    terms.reserve(document.terms.size());
    for (const BundledTerm& term : document.terms) {
      switch (term.kind) {
        case TermKind::iri: terms.push_back(graph.iri(term.text)); break;
        case TermKind::blank:  // labelled per file, as the reader's blank prefix does
          terms.push_back(graph.blank(fmt::format("f{}.{}", file, term.text)));
          break;
        case TermKind::literal: {
          const Term datatype =
              term.datatype == BundledTerm::no_datatype ? Term{} : terms.at(term.datatype);
          terms.push_back(graph.literal(term.text, datatype, term.lang));
        }
      }
    }
    const Term owl_imports = graph.iri(fmt::format("{}imports", ns::owl));
    std::vector<Import> imports;
    for (const BundledStatement& st : document.statements) {
      const TriplePos pos{Location{file, st.s_line, st.s_col}, Location{file, st.p_line, st.p_col},
                          Location{file, st.o_line, st.o_col}};
      const Triple t{terms.at(st.s), terms.at(st.p), terms.at(st.o), pos};
      graph.add(t.s, t.p, t.o, t.pos);
      if (auto import = import_of(t, owl_imports, iri)) imports.push_back(*import);
    }
    for (const auto& import : imports) follow(import);
  }

  LoadedDocument& out_;
  Diagnostics& diagnostics_;
  std::unordered_set<std::string> loaded_;
  std::vector<const BundledDocument*> bundled_order_;
};

}  // namespace

std::string file_iri_from_path(std::string_view absolute_path) {
  const std::string path{absolute_path};
  const detail::SerdNodeOwner uri{serd_node_new_file_uri(
      reinterpret_cast<const uint8_t*>(path.c_str()), nullptr, nullptr, true)};
  return std::string{view(uri.get())};
}

std::string path_from_file_iri(std::string_view iri) {
  if (!iri.starts_with("file:")) return {};
  const std::string text{iri};
  uint8_t* hostname = nullptr;
  uint8_t* path = serd_file_uri_parse(reinterpret_cast<const uint8_t*>(text.c_str()), &hostname);
  std::string out = path == nullptr ? std::string{} : std::string{reinterpret_cast<char*>(path)};
  const bool remote_host = hostname != nullptr && std::strcmp(reinterpret_cast<char*>(hostname), "localhost") != 0;
  serd_free(path);
  serd_free(hostname);
  return remote_host ? std::string{} : out;
}

LoadedDocument load_document(std::string_view path, Diagnostics& diagnostics) {
  LoadedDocument out;
  Loader{out, diagnostics}.load_entry(path);
  return out;
}

LoadedDocument load_vocabularies(Diagnostics& diagnostics) {
  LoadedDocument out;
  out.entry_file = Location::no_file;
  Loader{out, diagnostics}.load_vocabularies();
  return out;
}

namespace {

LoadedDocument read_text(std::string_view text, std::string_view name, std::string_view iri,
                         Diagnostics& diagnostics, Syntax syntax) {
  LoadedDocument out;
  out.entry_iri = iri;
  out.entry_file = out.sources.add(std::string{name}, out.entry_iri);
  ++out.documents;
  DocumentReader reader{out, diagnostics, out.entry_file, out.entry_iri};
  reader.read(text, syntax);
  return out;
}

}  // namespace

LoadedDocument load_text(std::string_view text, std::string_view name, Diagnostics& diagnostics,
                         Syntax syntax) {
  return read_text(text, name, fmt::format("file:///{}", name), diagnostics, syntax);
}

LoadedDocument load_bundled_text(std::string_view text, std::string_view name,
                                 std::string_view iri, Diagnostics& diagnostics) {
  return read_text(text, name, iri, diagnostics, Syntax::turtle);
}

}  // namespace cae::rdf
