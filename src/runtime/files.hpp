// Where the file processors (cae:ReadFile, cae:WriteFile) may read and write: beneath a root
// directory, as conn:filePath must stay beneath the file root (spec/channels.md §8).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "cae/context.hpp"

namespace cae::runtime {

// What a Context that runs file processors also implements: the directory that relative path
// arguments start from and must stay beneath (--file-root, else the entry document's
// directory, as for conn:filePath).
class FileRoot {
 public:
  [[nodiscard]] virtual std::string_view file_root() const noexcept = 0;

 protected:
  ~FileRoot() = default;
};

// The file root of the run that `context` belongs to. Throws std::runtime_error when the
// context has none.
std::string file_root(const Context& context);

// The absolute, normalised path a path argument names. The argument is a path or a file: IRI
// (what a relative IRI such as <data/in.ttl> in a pipeline document resolves to); a relative
// path is taken relative to `root`. Throws std::runtime_error when the result is not beneath
// `root`, or when the IRI is not a local file: IRI.
std::string path_beneath(std::string_view root, std::string_view argument);

// The files that path arguments name, in order: each argument is a path or a glob(3) pattern
// (`*`, `?`, `[...]`; its matches sorted). Throws std::runtime_error for a pattern that matches
// nothing, a path outside `root`, or a file that cannot be read.
std::vector<std::string> readable_files(std::string_view root,
                                        const std::vector<std::string>& arguments);

}  // namespace cae::runtime
