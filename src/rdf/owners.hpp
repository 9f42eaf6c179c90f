// RAII owners for Serd and Sord objects. Internal to src/rdf: the only header besides the .cpp
// files of this folder that includes serd.h and sord.h. Every owner is a move-only unique_ptr
// whose move leaves the source empty, so no object is freed twice.
#pragma once

#include <memory>

#include <serd/serd.h>
#include <sord/sord.h>

namespace cae::rdf::detail {

template <auto Free>
struct Deleter {
  template <typename T>
  void operator()(T* object) const noexcept {
    Free(object);
  }
};

using WorldPtr = std::unique_ptr<SordWorld, Deleter<sord_world_free>>;
using ModelPtr = std::unique_ptr<SordModel, Deleter<sord_free>>;
using IterPtr = std::unique_ptr<SordIter, Deleter<sord_iter_free>>;
using EnvPtr = std::unique_ptr<SerdEnv, Deleter<serd_env_free>>;
using ReaderPtr = std::unique_ptr<SerdReader, Deleter<serd_reader_free>>;
using WriterPtr = std::unique_ptr<SerdWriter, Deleter<serd_writer_free>>;

// A counted reference to an interned Sord node. Sord nodes are reference counted per world, so
// the owner keeps its world to give the reference back.
class NodeRef {
 public:
  NodeRef() = default;
  NodeRef(SordWorld* world, SordNode* node) : world_{world}, node_{node} {}
  NodeRef(const NodeRef&) = delete;
  NodeRef& operator=(const NodeRef&) = delete;
  NodeRef(NodeRef&& other) noexcept : world_{other.world_}, node_{other.release()} {}
  NodeRef& operator=(NodeRef&& other) noexcept {
    if (this != &other) {
      reset();
      world_ = other.world_;
      node_ = other.release();
    }
    return *this;
  }
  ~NodeRef() { reset(); }

  [[nodiscard]] SordNode* get() const { return node_; }
  SordNode* release() {
    SordNode* node = node_;
    node_ = nullptr;
    return node;
  }
  void reset() {
    if (node_ != nullptr) sord_node_free(world_, node_);
    node_ = nullptr;
  }

 private:
  SordWorld* world_ = nullptr;
  SordNode* node_ = nullptr;
};

// A Serd node that owns its buffer (serd_node_new_* results).
class SerdNodeOwner {
 public:
  explicit SerdNodeOwner(SerdNode node) : node_{node} {}
  SerdNodeOwner(const SerdNodeOwner&) = delete;
  SerdNodeOwner& operator=(const SerdNodeOwner&) = delete;
  SerdNodeOwner(SerdNodeOwner&& other) noexcept : node_{other.node_} { other.node_ = SERD_NODE_NULL; }
  SerdNodeOwner& operator=(SerdNodeOwner&& other) noexcept {
    if (this != &other) {
      serd_node_free(&node_);
      node_ = other.node_;
      other.node_ = SERD_NODE_NULL;
    }
    return *this;
  }
  ~SerdNodeOwner() { serd_node_free(&node_); }

  [[nodiscard]] const SerdNode* get() const { return &node_; }

 private:
  SerdNode node_;
};

}  // namespace cae::rdf::detail
