// File name patterns (glob(3): `*`, `?`, `[...]`), as used by processors that read several files.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace cae {

// True when `pattern` holds a wildcard, so that it names files only through matching.
bool has_wildcards(std::string_view pattern);

struct GlobMatches {
  std::vector<std::string> paths;  // sorted; empty when nothing matches
  std::string error;               // set when the expansion itself failed (out of memory)
};

// Expands `pattern`; a relative pattern is taken relative to `base_dir` (when not empty), whose
// own characters are matched literally. Unreadable directories are skipped, as a shell does.
GlobMatches expand_glob(std::string_view pattern, std::string_view base_dir = {});

}  // namespace cae
