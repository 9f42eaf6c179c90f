#include "base/glob.hpp"

#include <glob.h>

namespace cae {
namespace {

constexpr std::string_view wildcards = "*?[";

// glob_t owns the matches it returns until globfree.
class GlobResult {
 public:
  GlobResult() = default;
  GlobResult(const GlobResult&) = delete;
  GlobResult& operator=(const GlobResult&) = delete;
  ~GlobResult() { ::globfree(&result_); }
  glob_t* get() { return &result_; }

 private:
  glob_t result_{};
};

// Backslashes make glob(3) match the directory's own `*`, `?`, `[` and `\` literally.
std::string escape_for_glob(std::string_view text) {
  std::string escaped;
  escaped.reserve(text.size());
  for (const char c : text) {
    if (c == '\\' || wildcards.find(c) != std::string_view::npos) escaped += '\\';
    escaped += c;
  }
  return escaped;
}

std::string anchored_pattern(std::string_view pattern, std::string_view base_dir) {
  if (base_dir.empty() || pattern.starts_with('/')) return std::string{pattern};
  std::string full = escape_for_glob(base_dir);
  if (!full.ends_with('/')) full += '/';
  full += pattern;
  return full;
}

}  // namespace

bool has_wildcards(std::string_view pattern) {
  return pattern.find_first_of(wildcards) != std::string_view::npos;
}

GlobMatches expand_glob(std::string_view pattern, std::string_view base_dir) {
  const std::string full = anchored_pattern(pattern, base_dir);
  GlobResult result;
  GlobMatches matches;
  switch (::glob(full.c_str(), 0, nullptr, result.get())) {
    case 0: break;
    case GLOB_NOMATCH: return matches;
    default: matches.error = "out of memory while expanding '" + full + "'"; return matches;
  }
  const glob_t& found = *result.get();
  matches.paths.assign(found.gl_pathv, found.gl_pathv + found.gl_pathc);
  return matches;
}

}  // namespace cae
