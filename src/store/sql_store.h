// Internal: a Store over a pool of sql::Connections. The backends provide
// only the connection; transactions, pooling and migrations are shared.
#pragma once

#include <condition_variable>
#include <deque>

#include <thread>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/sql.h"
#include "store/store.h"

namespace jigsaw::store::internal {

class SqlStore final : public Store {
 public:
  using Connect = std::function<Result<std::unique_ptr<sql::Connection>>()>;
  // Healthy: whether a connection that just failed can be reused.
  using Healthy = std::function<bool(sql::Connection&)>;

  // Opens one connection to check the database is reachable, then migrates
  // if asked.
  static Result<std::unique_ptr<SqlStore>> Create(std::string backend, Connect connect,
                                                  Healthy healthy, int pool_size, bool migrate,
                                                  std::shared_ptr<ContentKeys> content_keys = nullptr);

  ~SqlStore() override;
  Status Write(const Work& work) override;
  Status Read(const Work& work) override;
  std::string_view Backend() const override { return backend_; }
  Result<int> SchemaVersion() override;
  Status Compact() override;
  Result<std::int64_t> SealStoredContent() override;

 private:
  SqlStore(std::string backend, Connect connect, Healthy healthy, int pool_size);
  Status Run(bool write, const std::function<Status(sql::Connection&)>& body);
  Status ReadWork(const Work& work);
  Result<std::unique_ptr<sql::Connection>> Acquire();
  void Release(std::unique_ptr<sql::Connection> c, bool reusable);

  // Destroys the keys listed in shredded_keys (Compact).
  Status ShredKeys(sql::Connection& c);

  std::string backend_;
  std::shared_ptr<ContentKeys> content_keys_;
  Connect connect_;
  Healthy healthy_;
  int pool_size_;
  std::mutex mu_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<sql::Connection>> idle_;
  int open_ = 0;  // connections handed out or idle

  // Group commit: writes queue here and one thread commits them in batches.
  // Lives on the waiting caller's stack; the writer fills in `result` and
  // wakes the caller. A mutex and condition variable, not a semaphore:
  // libstdc++'s semaphore spins before sleeping, and hundreds of spinning
  // waiters starve the writer on a small machine.
  struct PendingWrite {
    explicit PendingWrite(const Work* w) : work(w) {}
    const Work* work;
    Status result;
    std::mutex mu;
    std::condition_variable cv;
    bool done = false;
    // The callers this one wakes once it is awake (see WakeAll).
    PendingWrite* wakes[2] = {nullptr, nullptr};
  };
  static void Wake(PendingWrite* p);
  // Wakes every caller of a finished batch, whose results are set.
  static void WakeAll(const std::vector<PendingWrite*>& batch);
  void WriterLoop();
  void CommitBatch(std::vector<PendingWrite*>& batch);
  std::mutex write_mu_;
  std::condition_variable write_ready_;
  std::deque<PendingWrite*> write_queue_;
  bool stopping_ = false;
  std::unique_ptr<sql::Connection> writer_;
  std::thread writer_thread_;
};

}  // namespace jigsaw::store::internal
