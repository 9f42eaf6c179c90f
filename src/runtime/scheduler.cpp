#include "runtime/scheduler.hpp"

#include <stdexcept>
#include <string>

namespace cae::runtime {

Scheduler::Scheduler(uv_loop_t* loop) {
  const int status = uv_idle_init(loop, idle_.get());
  if (status != 0) throw std::runtime_error(std::string{"uv_idle_init: "} + uv_strerror(status));
  idle_.initialized();
  idle_.get()->data = this;
}

void Scheduler::wake() noexcept {
  if (idling_ || !idle_.is_open()) return;
  idling_ = true;
  uv_idle_start(idle_.get(),
                [](uv_idle_t* idle) { static_cast<Scheduler*>(idle->data)->run_turn(); });
}

void Scheduler::run_turn() noexcept {
  for (std::size_t done = 0; head_ != nullptr && done < tasks_per_turn; ++done) {
    Task* task = head_;
    head_ = task->next_;
    if (head_ == nullptr) tail_ = nullptr;
    task->next_ = nullptr;
    task->queued_ = false;
    task->run();
  }
  if (head_ == nullptr && idling_) {
    idling_ = false;
    uv_idle_stop(idle_.get());
  }
}

void Scheduler::cancel(Task& task) noexcept {
  if (!task.queued_) return;
  Task* previous = nullptr;
  for (Task* current = head_; current != nullptr; previous = current, current = current->next_) {
    if (current != &task) continue;
    (previous == nullptr ? head_ : previous->next_) = current->next_;
    if (tail_ == current) tail_ = previous;
    break;
  }
  task.next_ = nullptr;
  task.queued_ = false;
}

void Scheduler::clear() noexcept {
  while (head_ != nullptr) {
    Task* task = head_;
    head_ = task->next_;
    task->next_ = nullptr;
    task->queued_ = false;
  }
  tail_ = nullptr;
  if (idling_ && idle_.is_open()) uv_idle_stop(idle_.get());
  idling_ = false;
}

}  // namespace cae::runtime
