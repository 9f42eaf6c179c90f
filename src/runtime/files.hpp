// Where the file processors (cae:ReadFile, cae:WriteFile) may read and write: beneath a root
// directory, as conn:filePath must stay beneath the file root (spec/channels.md §8).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace cae::runtime {

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
