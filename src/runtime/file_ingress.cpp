// conn:FileReaderChannel: feeds the channel from a file beneath the file root (spec/channels.md
// §7 "file"). The file is created empty when missing and its directory watched (uv_fs_event;
// uv_fs_poll where the file system gives no events), so that a file replaced by a rename is
// followed too. Replace mode emits the whole content after each change, as one message within
// --max-message-bytes; append mode emits the bytes added since the last read, a block of at most
// 64 KiB (and --max-message-bytes) a message, from 0 again when the file shrank. Files carry no
// end-of-stream: the end stays open until a drain or an abort closes its channel.
//
// While a write waits for queue space the end reads nothing; a change seen meanwhile, or the
// rest of an append, is read when the write completes. So a slow reader holds at most its queue
// of blocks, however far the writer is ahead. Reads are synchronous on the loop thread, as in
// file_egress.cpp.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <optional>
#include <string>

#include <fmt/format.h>

#include "base/diagnostic.hpp"
#include "runtime/file_beneath.hpp"
#include "runtime/handle.hpp"
#include "runtime/transports.hpp"
#include "runtime/writer_end.hpp"

namespace cae::runtime {
namespace {

constexpr unsigned poll_interval_ms = 250;
constexpr std::size_t read_block = 64 * 1024;

class FileIngress final : public IngressEnd {
 public:
  FileIngress(const model::Channel& model, std::string name, TransportServices& services)
      : IngressEnd(model, std::move(name), services),
        path_(model.settings.at("filePath").get<std::string>()),
        replace_(model.settings.value("fileOnReplace", false)),
        read_first_(model.settings.value("fileReadFirstContent", false)) {}

  [[nodiscard]] std::string address() const override { return display_path(path_); }

  void open() override {
    file_.emplace(options().file_root, path_);
    const Fd fd = file_->open(O_RDONLY | O_CREAT);
    if (!read_first_) skip_present(fd);
    watch();
    // Says when a change to the file is sure to be seen (what a test or an operator waits for).
    log(LogLevel::debug, replace_ || read_first_
                             ? std::string{"following the file"}
                             : fmt::format("following the file from byte {}", offset_));
    // The first look (and the content present at start) once the loop runs, so that the
    // first write happens as data from outside, not inside the open phase.
    uv_timer_init(services().loop(), first_look_.get());
    first_look_.initialized();
    first_look_.get()->data = this;
    uv_timer_start(
        first_look_.get(), [](uv_timer_t* timer) { static_cast<FileIngress*>(timer->data)->changed(); },
        0, 0);
  }

  void stop_accepting() noexcept override {
    if (over_ || failed()) return;
    over_ = true;
    close_handles();
    end_of_stream();
  }

  void close() noexcept override {
    over_ = true;
    close_handles();
    set_closed();
  }

 private:
  // Without conn:fileReadFirstContent, what is there at start counts as already read.
  void skip_present(const Fd& fd) {
    if (replace_) {
      last_ = read_whole(fd);
      seen_ = true;
    } else {
      offset_ = size_of(fd);
    }
  }

  // Watches the directory, not the file: a rename over the file replaces the inode.
  void watch() {
    const std::string directory = directory_path();
    uv_fs_event_init(services().loop(), event_.get());
    event_.initialized();
    event_.get()->data = this;
    const int status = uv_fs_event_start(
        event_.get(),
        [](uv_fs_event_t* handle, const char* filename, int /*events*/, int result) {
          auto* self = static_cast<FileIngress*>(handle->data);
          if (result < 0) {
            self->fail_transport(fmt::format("cannot watch the file: {}", uv_strerror(result)));
          } else if (filename == nullptr || self->file_->name() == filename) {
            self->changed();
          }
        },
        directory.c_str(), 0);
    if (status == 0) return;
    event_.close();
    log(LogLevel::debug, fmt::format("no file events ({}); polling", uv_strerror(status)));
    uv_fs_poll_init(services().loop(), poll_.get());
    poll_.initialized();
    poll_.get()->data = this;
    const int polling = uv_fs_poll_start(
        poll_.get(),
        [](uv_fs_poll_t* handle, int, const uv_stat_t*, const uv_stat_t*) {
          static_cast<FileIngress*>(handle->data)->changed();
        },
        path_.c_str(), poll_interval_ms);
    if (polling != 0) {
      throw std::runtime_error(fmt::format("cannot watch {}: {}", path_, uv_strerror(polling)));
    }
  }

  [[nodiscard]] std::string directory_path() const {
    const auto slash = path_.rfind('/');
    return slash == 0 ? std::string{"/"} : path_.substr(0, slash);
  }

  void changed() noexcept {
    if (over_ || failed()) return;
    if (waiting_) {
      dirty_ = true;  // read when the pending write completes
      return;
    }
    try {
      const Fd fd = file_->open(O_RDONLY);
      if (replace_) {
        if (auto content = whole_content(fd)) emit(std::move(*content));
        return;
      }
      follow_appends(fd);
    } catch (const std::exception& error) {
      fail_transport(error.what());
    }
  }

  // Block after block while the channel takes them; what is left when a write must wait is
  // read once it completes.
  void follow_appends(const Fd& fd) {
    while (auto block = appended(fd)) {
      emit(std::move(*block));
      if (waiting_) {
        dirty_ = true;
        return;
      }
      if (over_ || failed()) return;
    }
  }

  // The content after a change; nothing when it is what was last emitted (one change often
  // brings several events) or empty.
  std::optional<std::string> whole_content(const Fd& fd) {
    std::string content = read_whole(fd);
    // An empty file is how a writer that truncates and rewrites looks half way: never a message.
    if (content.empty() || (seen_ && content == last_)) return std::nullopt;
    seen_ = true;
    last_ = content;
    return content;
  }

  std::optional<std::string> appended(const Fd& fd) {
    const std::uint64_t size = size_of(fd);
    if (size < offset_) {
      log(LogLevel::debug, "the file shrank; reading it again from the start");
      offset_ = 0;
    }
    if (size == offset_) return std::nullopt;
    // Never a block above the message limit either: no file is too large in append mode.
    const std::uint64_t block = std::min<std::uint64_t>(read_block, options().max_message_bytes);
    std::string added = read_range(fd, offset_, std::min(size, offset_ + block));
    offset_ += added.size();
    return added.empty() ? std::nullopt : std::optional{std::move(added)};
  }

  void emit(std::string bytes) {
    const Flow flow = writer().write(Message{std::move(bytes)});
    if (flow.ready()) return;
    waiting_ = true;
    flow.then([this](Outcome) {
      waiting_ = false;
      if (std::exchange(dirty_, false)) changed();
    });
  }

  [[nodiscard]] std::uint64_t size_of(const Fd& fd) const {
    struct stat status {};
    if (::fstat(fd.get(), &status) != 0) throw std::runtime_error(io_error("cannot stat"));
    return static_cast<std::uint64_t>(status.st_size);
  }

  // Replace mode: the whole file is one message, so it must fit the message limit. One byte more
  // than the limit is read, never the whole of a file of any size.
  [[nodiscard]] std::string read_whole(const Fd& fd) const {
    const std::uint64_t limit = options().max_message_bytes;
    std::string content = read_range(fd, 0, limit == UINT64_MAX ? limit : limit + 1);
    if (content.size() > limit) {
      throw std::runtime_error(fmt::format(
          "the file holds {} bytes, above --max-message-bytes ({} bytes); in replace mode the "
          "whole file is one message",
          std::max<std::uint64_t>(size_of(fd), content.size()), limit));
    }
    return content;
  }

  // Bytes [from, to) or up to the end of the file, whichever comes first.
  [[nodiscard]] std::string read_range(const Fd& fd, std::uint64_t from, std::uint64_t to) const {
    std::string out;
    char block[read_block];
    while (from < to) {
      const auto want = static_cast<std::size_t>(std::min<std::uint64_t>(read_block, to - from));
      const ssize_t got = ::pread(fd.get(), block, want, static_cast<off_t>(from));
      if (got < 0 && errno == EINTR) continue;
      if (got < 0) throw std::runtime_error(io_error("cannot read"));
      if (got == 0) break;
      out.append(block, static_cast<std::size_t>(got));
      from += static_cast<std::uint64_t>(got);
    }
    return out;
  }

  [[nodiscard]] std::string io_error(std::string_view what) const {
    return fmt::format("{} {}: {}", what, display_path(path_), std::strerror(errno));
  }

  void fail_transport(const std::string& message) noexcept override {
    over_ = true;
    close_handles();
    IngressEnd::fail_transport(message);
  }

  void close_handles() noexcept {
    event_.close();
    poll_.close();
    first_look_.close();
  }

  std::string path_;  // absolute, lexically beneath the file root
  bool replace_;
  bool read_first_;
  std::optional<BeneathRoot> file_;
  Handle<uv_fs_event_t> event_;
  Handle<uv_fs_poll_t> poll_;
  Handle<uv_timer_t> first_look_;
  std::uint64_t offset_ = 0;  // append mode: bytes already emitted
  std::string last_;          // replace mode: the content last emitted (or present at start)
  bool seen_ = false;         // replace mode: last_ holds something
  bool waiting_ = false;      // a write is pending
  bool dirty_ = false;        // a change arrived while waiting
  bool over_ = false;         // stopped: drain, abort or failure
};

}  // namespace

std::unique_ptr<TransportEnd> make_file_ingress(const model::Channel& model, std::string name,
                                                TransportServices& services) {
  return std::make_unique<FileIngress>(model, std::move(name), services);
}

}  // namespace cae::runtime
