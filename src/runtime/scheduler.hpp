// The run queue of the loop. Channel ends and the lifecycle schedule Tasks instead of calling
// each other, so no processor code runs inside another processor's call and deliveries are
// batched. A uv_idle_t keeps the loop polling (without blocking) while tasks are queued.
#pragma once

#include <cstddef>

#include "runtime/handle.hpp"

namespace cae::runtime {

class Task {
 public:
  virtual void run() noexcept = 0;

 protected:
  Task() = default;
  virtual ~Task() = default;
  Task(const Task&) = delete;
  Task& operator=(const Task&) = delete;

 private:
  friend class Scheduler;
  Task* next_ = nullptr;
  bool queued_ = false;
};

class Scheduler {
 public:
  explicit Scheduler(uv_loop_t* loop);
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  // Queues `task` once: scheduling a queued task again does nothing. Tasks must stay alive
  // while queued (or be dropped with clear()).
  void schedule(Task& task) noexcept {
    if (task.queued_) return;
    task.queued_ = true;
    if (tail_ == nullptr) {
      head_ = &task;
      wake();
    } else {
      tail_->next_ = &task;
    }
    tail_ = &task;
  }

  // Takes `task` out of the queue, for owners that go away while it may be queued.
  void cancel(Task& task) noexcept;
  // Forgets every queued task; for shutdown.
  void clear() noexcept;
  void close() noexcept { idle_.close(); }
  [[nodiscard]] bool closed() const noexcept { return idle_.closed(); }

 private:
  // Tasks run per loop iteration before the loop polls for I/O again.
  static constexpr std::size_t tasks_per_turn = 4096;

  void wake() noexcept;
  void run_turn() noexcept;

  Handle<uv_idle_t> idle_;
  Task* head_ = nullptr;
  Task* tail_ = nullptr;
  bool idling_ = false;
};

}  // namespace cae::runtime
