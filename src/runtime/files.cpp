#include "runtime/files.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>

#include <fmt/format.h>

#include "base/glob.hpp"

namespace cae::runtime {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view file_scheme = "file://";

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The path of a file: IRI with its %XX escapes decoded; only local IRIs (no host, or
// "localhost") name a file this process can open.
std::string path_of_file_iri(std::string_view iri) {
  std::string_view rest = iri.substr(file_scheme.size());
  if (rest.starts_with("localhost/")) rest.remove_prefix(std::string_view{"localhost"}.size());
  if (!rest.starts_with('/')) {
    throw std::runtime_error(fmt::format("{} is not a local file IRI", iri));
  }
  std::string path;
  for (std::size_t i = 0; i < rest.size(); ++i) {
    if (rest[i] == '%' && i + 2 < rest.size() && hex_value(rest[i + 1]) >= 0 &&
        hex_value(rest[i + 2]) >= 0) {
      path += static_cast<char>(hex_value(rest[i + 1]) * 16 + hex_value(rest[i + 2]));
      i += 2;
    } else {
      path += rest[i];
    }
  }
  return path;
}

bool is_lexically_beneath(const fs::path& path, const fs::path& root) {
  const fs::path relative = path.lexically_relative(root);
  return !relative.empty() && *relative.begin() != ".." && relative != ".";
}

// Beneath in name and, following the symbolic links that exist now, in fact.
bool is_beneath(const fs::path& path, const fs::path& root) {
  return is_lexically_beneath(path, root) &&
         is_lexically_beneath(fs::weakly_canonical(path), fs::weakly_canonical(root));
}

std::string local_path(std::string_view argument) {
  if (argument.starts_with(file_scheme)) return path_of_file_iri(argument);
  return std::string{argument};
}

void check_readable(const std::string& path) {
  if (::access(path.c_str(), R_OK) != 0) {
    throw std::runtime_error(fmt::format("cannot read {}: {}", path, std::strerror(errno)));
  }
}

}  // namespace

std::string file_root(const Context& context) {
  const auto* root = dynamic_cast<const FileRoot*>(&context);
  if (root == nullptr || root->file_root().empty()) {
    throw std::runtime_error("this run has no file root, so file paths cannot be checked");
  }
  return std::string{root->file_root()};
}

std::string path_beneath(std::string_view root, std::string_view argument) {
  const fs::path base = fs::path{root}.lexically_normal();
  const std::string given = local_path(argument);
  const fs::path path = (base / given).lexically_normal();
  if (!is_beneath(path, base)) {
    throw std::runtime_error(
        fmt::format("'{}' is not beneath the file root {}; use --file-root to allow another "
                    "directory",
                    argument, base.string()));
  }
  return path.string();
}

std::vector<std::string> readable_files(std::string_view root,
                                        const std::vector<std::string>& arguments) {
  std::vector<std::string> files;
  for (const auto& argument : arguments) {
    const std::string given = local_path(argument);
    if (!has_wildcards(given)) {
      files.push_back(path_beneath(root, argument));
      continue;
    }
    const GlobMatches matches = expand_glob(given, root);
    if (!matches.error.empty()) throw std::runtime_error(matches.error);
    if (matches.paths.empty()) {
      throw std::runtime_error(fmt::format("no file matches '{}'", argument));
    }
    for (const auto& match : matches.paths) files.push_back(path_beneath(root, match));
  }
  for (const auto& file : files) check_readable(file);
  return files;
}

}  // namespace cae::runtime
