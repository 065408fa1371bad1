// Internal: a Store over a pool of sql::Connections. The backends provide
// only the connection; transactions, pooling and migrations are shared.
#pragma once

#include <condition_variable>
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
                                                  Healthy healthy, int pool_size, bool migrate);

  Status Write(const Work& work) override;
  Status Read(const Work& work) override;
  std::string_view Backend() const override { return backend_; }
  Result<int> SchemaVersion() override;

 private:
  SqlStore(std::string backend, Connect connect, Healthy healthy, int pool_size);
  Status Run(bool write, const std::function<Status(sql::Connection&)>& body);
  Status RunWork(bool write, const Work& work);
  Result<std::unique_ptr<sql::Connection>> Acquire();
  void Release(std::unique_ptr<sql::Connection> c, bool reusable);

  std::string backend_;
  Connect connect_;
  Healthy healthy_;
  int pool_size_;
  std::mutex mu_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<sql::Connection>> idle_;
  int open_ = 0;  // connections handed out or idle
};

}  // namespace jigsaw::store::internal
