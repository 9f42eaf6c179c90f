#include "runtime/file_beneath.hpp"

#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>

#include <fmt/format.h>

namespace cae::runtime {
namespace {

// glibc 2.36 has no wrapper for openat2.
int openat2_beneath(int directory, const std::string& path, int flags, unsigned mode) {
  open_how how{};
  how.flags = static_cast<std::uint64_t>(flags | O_CLOEXEC);
  how.mode = (flags & O_CREAT) != 0 ? mode : 0;
  how.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS;
  long fd = 0;
  do {
    fd = ::syscall(SYS_openat2, directory, path.c_str(), &how, sizeof how);
  } while (fd < 0 && (errno == EINTR || errno == EAGAIN));
  return static_cast<int>(fd);
}

}  // namespace

Fd& Fd::operator=(Fd&& other) noexcept {
  if (this != &other) {
    reset();
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

void Fd::reset() noexcept {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

BeneathRoot::BeneathRoot(const std::string& root, const std::string& path) : root_(root) {
  namespace fs = std::filesystem;
  const fs::path relative = fs::path{path}.lexically_normal().lexically_relative(
      fs::path{root}.lexically_normal());
  relative_ = relative.string();
  directory_ = relative.has_parent_path() ? relative.parent_path().string() : ".";
  name_ = relative.filename().string();
  root_fd_ = Fd{::open(root.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC)};
  if (!root_fd_) {
    throw std::runtime_error(
        fmt::format("cannot open the file root {}: {}", root, std::strerror(errno)));
  }
}

Fd BeneathRoot::open(int flags, unsigned mode) const {
  return open_relative(relative_, flags, mode);
}

Fd BeneathRoot::open_directory() const {
  return open_relative(directory_, O_PATH | O_DIRECTORY, 0);
}

Fd BeneathRoot::open_relative(const std::string& relative, int flags, unsigned mode) const {
  Fd fd{openat2_beneath(root_fd_.get(), relative, flags, mode)};
  if (fd) return fd;
  if (errno == EXDEV) {
    throw std::runtime_error(fmt::format("cannot open {}: a symbolic link leads outside the file "
                                         "root {}",
                                         relative, root_));
  }
  if (errno == ENOSYS) {
    throw std::runtime_error(fmt::format("cannot open {}: this kernel has no openat2 (Linux 5.6 "
                                         "or later), so cae cannot keep the path beneath the "
                                         "file root",
                                         relative));
  }
  throw std::runtime_error(fmt::format("cannot open {}: {}", relative, std::strerror(errno)));
}

void write_all(int fd, const char* data, std::size_t size, const std::string& what) {
  while (size > 0) {
    const ssize_t written = ::write(fd, data, size);
    if (written < 0 && errno == EINTR) continue;
    if (written < 0) {
      throw std::runtime_error(fmt::format("cannot write {}: {}", what, std::strerror(errno)));
    }
    data += written;
    size -= static_cast<std::size_t>(written);
  }
}

}  // namespace cae::runtime
