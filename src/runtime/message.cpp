// Allocation of message buffers (cae/message.hpp).
#include "cae/message.hpp"

#include <cstring>
#include <new>

namespace cae {
namespace {

// Copied bytes follow the header in one allocation.
void destroy_inline(detail::MessageBlock* block) noexcept {
  block->~MessageBlock();
  ::operator delete(block);
}

detail::MessageBlock* allocate_inline(const void* bytes, std::size_t size) {
  void* memory = ::operator new(sizeof(detail::MessageBlock) + size);
  auto* block = new (memory) detail::MessageBlock{};
  char* payload = static_cast<char*>(memory) + sizeof(detail::MessageBlock);
  if (size > 0) std::memcpy(payload, bytes, size);
  block->data = payload;
  block->size = size;
  block->destroy = destroy_inline;
  return block;
}

// An adopted string keeps its own heap buffer; the header and the string object share one
// allocation.
struct AdoptedString : detail::MessageBlock {
  std::string text;
};

void destroy_adopted(detail::MessageBlock* block) noexcept {
  delete static_cast<AdoptedString*>(block);
}

}  // namespace

Message::Message(std::string&& bytes) {
  auto* block = new AdoptedString{};
  block->text = std::move(bytes);
  block->data = block->text.data();
  block->size = block->text.size();
  block->destroy = destroy_adopted;
  block_ = block;
}

Message Message::copy(std::string_view bytes) {
  return Message{allocate_inline(bytes.data(), bytes.size())};
}

Message Message::copy(std::span<const std::byte> bytes) {
  return Message{allocate_inline(bytes.data(), bytes.size())};
}

}  // namespace cae
