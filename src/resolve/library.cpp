#include "resolve/library.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "rdf/loader.hpp"
#include "resolve/datatypes.hpp"

namespace cae::resolve {

const Library& LibraryCheck::of(rdf::Term cls) {
  auto known = known_.find(cls);
  if (known == known_.end()) known = known_.emplace(cls, check(cls)).first;
  return known->second;
}

Library LibraryCheck::check(rdf::Term cls) {
  const auto& options = context_.options;
  if (options.is_builtin && options.is_builtin(cls.text())) return {};
  // cls cae:library ?library
  const auto libraries = context_.graph.match(cls, context_.vocab.cae_library, {});
  if (libraries.size() != 1) return Library{{}, {}, false};  // not runnable: reported as such
  const rdf::Triple& library = libraries.front();
  Library out{{}, library.pos.o, false};
  const std::string_view iri = library.o.text();
  const std::string name = context_.naming.term(cls);
  if (library.o.is_blank() || (library.o.is_literal() && !is_absolute_iri(iri))) {
    context_.diagnostics.error(Code::bad_value, out.where,
                               fmt::format("the cae:library of {} must be a file: IRI, found {}",
                                           name, context_.naming.term(library.o)));
    return out;
  }
  out.path = rdf::path_from_file_iri(iri);
  if (out.path.empty()) {
    context_.diagnostics.error(Code::import, out.where,
                               fmt::format("the cae:library of {} must be a local file: IRI, "
                                           "found <{}>",
                                           name, iri));
    return out;
  }
  struct stat info {};
  if (::stat(out.path.c_str(), &info) != 0) {
    context_.diagnostics.error(
        Code::import, out.where,
        fmt::format("cannot find the library {} of {}: {}: {}", context_.naming.term(library.o),
                    name, out.path, std::strerror(errno)));
    return out;
  }
  out.ok = true;
  return out;
}

}  // namespace cae::resolve
