#include "runtime/channel.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "runtime/reader_end.hpp"
#include "runtime/writer_end.hpp"

namespace cae::runtime {
namespace {

// The first 64 bytes of a message for its log line, non-printable bytes escaped.
std::string preview(const Message& message) {
  constexpr std::size_t shown = 64;
  std::string out;
  for (const char c : message.text().substr(0, shown)) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte == '"' || byte == '\\') {
      out += '\\';
      out += c;
    } else if (byte >= 0x20 && byte < 0x7f) {
      out += c;
    } else {
      out += fmt::format("\\x{:02x}", byte);
    }
  }
  return message.size() > shown ? fmt::format("\"{}\"...", out) : fmt::format("\"{}\"", out);
}

bool counts_as_message(Part part) {
  return part == Part::whole || part == Part::begin;
}

}  // namespace

Channel::Channel(std::string id, std::string name, QueueBounds bounds, ChannelEnv& env)
    : id_(std::move(id)), name_(std::move(name)), bounds_(bounds), env_(env) {}

Channel::~Channel() = default;

ReaderEnd& Channel::add_reader(EndHost& host) {
  readers_.push_back(std::make_unique<ReaderEnd>(*this, host, env_));
  live_.push_back(readers_.back().get());
  return *readers_.back();
}

WriterEnd& Channel::add_writer(EndHost& host) {
  writers_.push_back(std::make_unique<WriterEnd>(*this, host, env_));
  ++open_writers_;
  return *writers_.back();
}

std::uint64_t Channel::queued() const noexcept {
  std::uint64_t total = 0;
  for (const auto* reader : live_) total += reader->queue().size();
  return total;
}

Flow Channel::all_taken() {
  if (queued() == 0) return Flow::done();
  return all_taken_.flow();
}

void Channel::check_all_taken() {
  if (queued() == 0) all_taken_.complete();
}

std::size_t Channel::peak_queue() const noexcept {
  std::size_t peak = 0;
  for (const auto& reader : readers_) peak = std::max(peak, reader->peak_entries());
  return peak;
}

bool Channel::all_have_room(std::size_t size) const noexcept {
  return std::all_of(live_.begin(), live_.end(),
                     [&](const ReaderEnd* reader) { return reader->has_room(size, bounds_); });
}

// A writer waits while another writer's stream is open, while a queue lacks room, and behind
// parked writers that only wait for room, so that a large message is not starved by small ones.
bool Channel::must_wait(const WriterEnd& writer, std::size_t size) const noexcept {
  if (streaming_ != nullptr && streaming_ != &writer) return true;
  for (const auto* parked : waiting_) {
    if (streaming_ == nullptr || streaming_ == parked) return true;
  }
  return !all_have_room(size);
}

Flow Channel::offer(WriterEnd& writer, Entry&& entry) {
  if (offer_simple(entry)) return Flow::done();
  if (error_) return Flow::failed();
  if (live_.empty()) {
    if (counts_as_message(entry.part)) ++env_.discarded;
    return Flow::cancelled();
  }
  if (must_wait(writer, entry.bytes.size())) {
    waiting_.push_back(&writer);
    return writer.park(std::move(entry));
  }
  accept(writer, std::move(entry));
  return Flow::done();
}

// The hot path of a pipeline: a plain message to a channel with one reader whose queue has
// room, nobody parked, no stream open, no error and no message log. It does what offer() and
// accept() would do in that case, without their loops and branches; anything else returns
// false and takes the general path. Measured with tools/bench_channels (docs/benchmarks.md).
bool Channel::offer_simple(Entry& entry) {
  if (live_.size() != 1 || !waiting_.empty() || streaming_ != nullptr || error_ ||
      message_log_ || entry.part != Part::whole) {
    return false;
  }
  ReaderEnd& reader = *live_.front();
  const std::size_t size = entry.bytes.size();
  if (!reader.has_room(size, bounds_)) return false;
  ++counts_.messages;
  counts_.bytes += size;
  reader.enqueue(std::move(entry));
  return true;
}

void Channel::accept(WriterEnd& writer, Entry&& entry) {
  if (counts_as_message(entry.part)) ++counts_.messages;
  counts_.bytes += entry.bytes.size();
  if (message_log_) log_entry(writer, entry);
  if (entry.part == Part::begin) streaming_ = &writer;
  if (entry.part == Part::end) streaming_ = nullptr;
  // Every reader shares the buffer: copies of the handle for all but the last, which takes it.
  const std::size_t last = live_.size() - 1;
  for (std::size_t i = 0; i < last; ++i) live_[i]->enqueue(Entry{entry});
  live_[last]->enqueue(std::move(entry));
}

void Channel::admit_waiting() {
  std::size_t i = 0;
  while (i < waiting_.size() && !live_.empty()) {
    WriterEnd* writer = waiting_[i];
    if (streaming_ != nullptr && streaming_ != writer) {
      ++i;  // waits for the open stream to end
      continue;
    }
    if (!all_have_room(writer->parked_size())) return;
    waiting_.erase(waiting_.begin() + static_cast<std::ptrdiff_t>(i));
    accept(*writer, writer->unpark());
    writer->resume(Outcome::done);
    if (writer->close_requested()) writer_closed(*writer);
    i = 0;  // a stream may have ended: writers skipped above may go now
  }
}

void Channel::release_waiting(Outcome outcome) {
  auto parked = std::move(waiting_);
  waiting_.clear();
  streaming_ = nullptr;
  for (auto* writer : parked) {
    if (counts_as_message(writer->unpark().part)) ++env_.discarded;
    writer->resume(outcome);
    if (writer->close_requested()) writer_closed(*writer);
  }
}

void Channel::writer_closed(WriterEnd& writer) {
  if (writer.parked()) return;  // closes once its pending message is admitted or released
  if (open_writers_ > 0) --open_writers_;
  if (open_writers_ == 0 && !closed_) close_readers(std::nullopt);
}

void Channel::writer_failed(WriterEnd& writer, const std::string& error) {
  if (writer.parked()) {
    waiting_.erase(std::find(waiting_.begin(), waiting_.end(), &writer));
    if (counts_as_message(writer.unpark().part)) ++env_.discarded;
  }
  if (open_writers_ > 0) --open_writers_;
  if (closed_) return;
  error_ = error;
  release_waiting(Outcome::failed);
  close_readers(error_);
}

void Channel::close_readers(const std::optional<std::string>& error) {
  closed_ = true;
  if (message_log_) {
    env_.logger.write(*message_log_, name_,
                      error ? fmt::format("closed with an error: {}", *error) : "closed");
  }
  for (auto* reader : live_) reader->close_arrived(error);
}

void Channel::reader_detached(ReaderEnd& reader) {
  live_.erase(std::find(live_.begin(), live_.end(), &reader));
  if (all_taken_.pending()) check_all_taken();
  if (live_.empty()) {
    release_waiting(Outcome::cancelled);
  } else if (!waiting_.empty()) {
    admit_waiting();
  }
}

std::uint64_t Channel::abort() {
  std::uint64_t dropped = 0;
  for (auto* reader : live_) dropped += reader->abandon();
  for (auto* writer : waiting_) {
    if (counts_as_message(writer->unpark().part)) ++dropped;
  }
  waiting_.clear();
  live_.clear();
  streaming_ = nullptr;
  closed_ = true;
  if (!error_) error_ = "the run was aborted";
  env_.discarded += dropped;
  all_taken_.complete(Outcome::cancelled);
  return dropped;
}

void Channel::log_entry(const WriterEnd& writer, const Entry& entry) {
  static constexpr std::array<std::string_view, 4> parts = {"", "stream ", "chunk ", "stream end "};
  const auto part = parts.at(static_cast<std::size_t>(entry.part));
  // Chunks carry the number of their stream.
  const std::uint64_t number = counts_as_message(entry.part) ? sequence_++ : sequence_ - 1;
  env_.logger.write(*message_log_, name_,
                    fmt::format("#{} {}from {}: {} bytes {}", number, part, writer.host().name(),
                                entry.bytes.size(), preview(entry.bytes)));
}

}  // namespace cae::runtime
