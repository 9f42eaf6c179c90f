// conn:FileWriterChannel: writes the channel's messages to a file beneath the file root
// (spec/channels.md §7 "file"). Append mode truncates the file when it opens and appends each
// message; replace mode writes each message to a temporary file in the same directory and
// renames it over the file, so a reader never sees half a message. Files carry no
// end-of-stream: the end is finished once the channel has closed and the file is complete.
//
// Writes are synchronous on the loop thread: local files are fast enough that a thread hop per
// message would cost more than it saves, and no request can outlive the end at shutdown.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "base/diagnostic.hpp"
#include "runtime/file_beneath.hpp"
#include "runtime/transports.hpp"

namespace cae::runtime {
namespace {

class FileEgress final : public EgressEnd {
 public:
  FileEgress(const model::Channel& model, std::string name, TransportServices& services)
      : EgressEnd(model, std::move(name), services),
        path_(model.settings.at("filePath").get<std::string>()),
        replace_(model.settings.value("fileOnReplace", false)) {}

  [[nodiscard]] std::string address() const override { return display_path(path_); }

  void open() override {
    file_.emplace(options().file_root, path_);
    if (replace_) {
      directory_ = file_->open_directory();
    } else {
      out_ = file_->open(O_WRONLY | O_CREAT | O_TRUNC);
    }
  }

  void close() noexcept override {
    discard_temporary();
    out_.reset();
    directory_.reset();
    set_closed();
  }

 private:
  Flow send_chunk(Chunk chunk) override {
    try {
      if (replace_ && chunk.first) begin_replacement();
      write_all(out_.get(), chunk.bytes.data(), chunk.bytes.size(), path_);
      if (replace_ && chunk.last) finish_replacement();
    } catch (const std::exception& error) {
      fail_transport(error.what());
    }
    return Flow::done();
  }

  void send_close(const std::optional<std::string>& error) override {
    if (error) log(LogLevel::debug, "the channel closed with an error; the file keeps what it has");
    discard_temporary();  // a stream cut short never replaces the file
    out_.reset();
    set_finished();
  }

  // The temporary file is hidden, beside the file, and unique to this process.
  void begin_replacement() {
    temporary_ = fmt::format(".{}.{}.tmp", file_->name(), ::getpid());
    const int fd = ::openat(directory_.get(), temporary_.c_str(),
                            O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0) throw std::runtime_error(io_error("cannot create the temporary file"));
    out_ = Fd{fd};
  }

  void finish_replacement() {
    out_.reset();
    // Both names are of one directory, opened beneath the root: the rename cannot leave it.
    if (::renameat(directory_.get(), temporary_.c_str(), directory_.get(),
                   file_->name().c_str()) != 0) {
      throw std::runtime_error(io_error("cannot rename the temporary file over it"));
    }
    temporary_.clear();
  }

  void discard_temporary() noexcept {
    if (temporary_.empty() || !directory_) return;
    ::unlinkat(directory_.get(), temporary_.c_str(), 0);
    temporary_.clear();
  }

  [[nodiscard]] std::string io_error(std::string_view what) const {
    return fmt::format("{} {}: {}", what, temporary_, std::strerror(errno));
  }

  void fail_transport(const std::string& message) noexcept override {
    discard_temporary();
    out_.reset();
    EgressEnd::fail_transport(message);
  }

  std::string path_;  // absolute, lexically beneath the file root
  bool replace_;
  std::optional<BeneathRoot> file_;
  Fd directory_;         // replace mode
  Fd out_;               // the file (append mode) or the temporary file being written
  std::string temporary_;
};

}  // namespace

std::unique_ptr<TransportEnd> make_file_egress(const model::Channel& model, std::string name,
                                               TransportServices& services) {
  return std::make_unique<FileEgress>(model, std::move(name), services);
}

}  // namespace cae::runtime
