#include "store/sql_store.h"

#include "common/log.h"
#include "store/repositories.h"

namespace jigsaw::store::internal {

SqlStore::SqlStore(std::string backend, Connect connect, Healthy healthy, int pool_size)
    : backend_(std::move(backend)),
      connect_(std::move(connect)),
      healthy_(std::move(healthy)),
      pool_size_(pool_size < 1 ? 1 : pool_size) {}

Result<std::unique_ptr<SqlStore>> SqlStore::Create(std::string backend, Connect connect,
                                                   Healthy healthy, int pool_size, bool migrate) {
  std::unique_ptr<SqlStore> store(
      new SqlStore(std::move(backend), std::move(connect), std::move(healthy), pool_size));
  auto first = JIGSAW_TRY(store->connect_());
  {
    std::lock_guard lock(store->mu_);
    store->idle_.push_back(std::move(first));
    store->open_ = 1;
  }
  if (migrate) {
    JIGSAW_RETURN_IF_ERROR(store->Run(true, [](sql::Connection& c) { return Migrate(c); }));
  }
  return store;
}

Result<std::unique_ptr<sql::Connection>> SqlStore::Acquire() {
  std::unique_lock lock(mu_);
  available_.wait(lock, [&] { return !idle_.empty() || open_ < pool_size_; });
  if (!idle_.empty()) {
    auto c = std::move(idle_.back());
    idle_.pop_back();
    return c;
  }
  ++open_;
  lock.unlock();
  auto c = connect_();
  if (!c) {
    lock.lock();
    --open_;
    available_.notify_one();
  }
  return c;
}

void SqlStore::Release(std::unique_ptr<sql::Connection> c, bool reusable) {
  std::lock_guard lock(mu_);
  if (reusable) {
    idle_.push_back(std::move(c));
  } else {
    --open_;
  }
  available_.notify_one();
}

Status SqlStore::Run(bool write, const std::function<Status(sql::Connection&)>& body) {
  auto c = JIGSAW_TRY(Acquire());
  const sql::Dialect d = c->dialect();
  Status result = c->ExecuteScript(write ? BeginWrite(d) : BeginRead(d));
  if (result) {
    result = body(*c);
    if (result) result = c->ExecuteScript("COMMIT");
    if (!result && !c->ExecuteScript("ROLLBACK"))
      log::Warning("store.rollback_failed", {{"backend", backend_}});
  }
  const bool reusable = healthy_(*c);
  Release(std::move(c), reusable);
  return result;
}

Status SqlStore::RunWork(bool write, const Work& work) {
  return Run(write, [&](sql::Connection& c) {
    auto tx = NewTransaction(c);
    return work(*tx);
  });
}

Status SqlStore::Write(const Work& work) { return RunWork(true, work); }
Status SqlStore::Read(const Work& work) { return RunWork(false, work); }

Result<int> SqlStore::SchemaVersion() {
  auto c = JIGSAW_TRY(Acquire());
  auto v = internal::SchemaVersion(*c);
  const bool reusable = healthy_(*c);
  Release(std::move(c), reusable);
  return v;
}

}  // namespace jigsaw::store::internal
