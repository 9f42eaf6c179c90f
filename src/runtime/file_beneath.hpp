// Opening files beneath the file root with openat2(RESOLVE_BENEATH), so that no path or symbolic
// link can lead a file transport end outside it (spec/channels.md §8). Resolution already checked
// the path lexically; this is the check that holds against the file system as it is at open.
#pragma once

#include <cstddef>
#include <string>
#include <utility>

namespace cae::runtime {

// A file descriptor, closed with the object; moving hands it over.
class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) noexcept : fd_(fd) {}
  Fd(Fd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  Fd& operator=(Fd&& other) noexcept;
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { reset(); }

  [[nodiscard]] int get() const noexcept { return fd_; }
  [[nodiscard]] explicit operator bool() const noexcept { return fd_ >= 0; }
  void reset() noexcept;

 private:
  int fd_ = -1;
};

// A file or directory of the file root: `path` is absolute and lexically beneath `root`.
class BeneathRoot {
 public:
  // Opens the root directory. Throws std::runtime_error when it cannot.
  BeneathRoot(const std::string& root, const std::string& path);

  // openat2(RESOLVE_BENEATH) of the path itself. Throws std::runtime_error naming the path and
  // the reason; a path that leads outside the root says so.
  [[nodiscard]] Fd open(int flags, unsigned mode = 0644) const;
  // The path's directory, opened the same way, for temporary files and renames.
  [[nodiscard]] Fd open_directory() const;
  // The path's last component.
  [[nodiscard]] const std::string& name() const noexcept { return name_; }
  [[nodiscard]] const std::string& directory() const noexcept { return directory_; }

 private:
  [[nodiscard]] Fd open_relative(const std::string& relative, int flags, unsigned mode) const;

  std::string root_;
  Fd root_fd_;
  std::string relative_;   // the path relative to the root
  std::string directory_;  // its directory, relative to the root ("." for the root itself)
  std::string name_;
};

// Writes all of `size` bytes at the file's position. Throws std::runtime_error on failure.
void write_all(int fd, const char* data, std::size_t size, const std::string& what);

}  // namespace cae::runtime
