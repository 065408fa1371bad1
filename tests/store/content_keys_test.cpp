// The content key store and the sealing of case records' content under it
// (crypto-shredding, docs/retention.md): keys made once, kept wrapped,
// destroyed for good; content sealed on write and opened on read, read as
// destroyed once its key is gone; the sealing pass over plaintext rows.
// The sealing tests run on both backends.
#include "store/content_keys.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <sys/stat.h>

#include "common/random.h"
#include "store/store.h"
#include "support/test_database.h"

namespace jigsaw::store {
namespace {

namespace fs = std::filesystem;

// A stand-in for the sealing keyring: enough that the key's bytes are not
// stored as they are, and that a key moved to another owner does not open.
KeyWrapping TestWrapping() {
  return {.wrap =
              [](std::span<const std::uint8_t> key, std::string_view owner) {
                Bytes out(owner.begin(), owner.end());
                out.push_back('|');
                for (auto b : key) out.push_back(b ^ 0x5a);
                return out;
              },
          .unwrap = [](std::span<const std::uint8_t> wrapped, std::string_view owner) -> Result<Bytes> {
            if (wrapped.size() < owner.size() + 1 ||
                std::string_view(reinterpret_cast<const char*>(wrapped.data()), owner.size()) != owner)
              return Internal("moved");
            Bytes out;
            for (auto b : wrapped.subspan(owner.size() + 1)) out.push_back(b ^ 0x5a);
            return out;
          }};
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

class ContentKeysTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("jigsaw-content-keys-" + NewId());
    path_ = (dir_ / "keys" / "x.content-keys").string();
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
  std::string path_;
  FakeClock clock_{FromMicros(1'000'000)};
};

TEST_F(ContentKeysTest, AKeyIsMadeOnceKeptWrappedInAFileOfItsOwnAndDestroyedForGood) {
  auto keys = OpenContentKeys(path_, TestWrapping(), clock_).value();
  const Bytes first = keys->KeyFor("concern-1").value();
  ASSERT_EQ(first.size(), 32u);
  EXPECT_EQ(keys->KeyFor("concern-1").value(), first) << "the same key each time";
  const Bytes other = keys->KeyFor("concern-2").value();
  EXPECT_NE(other, first);
  auto found = keys->Find({"concern-1", "concern-2", "never"}).value();
  EXPECT_EQ(found.size(), 2u);
  EXPECT_EQ(found.at("concern-1"), first);
  EXPECT_EQ(keys->Count().value(), 2);
  struct stat st{};
  ASSERT_EQ(::stat(path_.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u) << "only the server's user reads the keys";

  ASSERT_TRUE(keys->Destroy({"concern-1"}));
  EXPECT_TRUE(keys->Destroy({"concern-1", "never"})) << "destroying again is not an error";
  EXPECT_FALSE(keys->Find({"concern-1"}).value().contains("concern-1"));
  EXPECT_EQ(keys->Find({"concern-2"}).value().at("concern-2"), other);
  // Not a copy of the destroyed key, wrapped or not, is left in the file or its log.
  Bytes wrapped = TestWrapping().wrap(first, "concern-1");
  const std::string as_stored(wrapped.begin() + 10, wrapped.end());  // the key's part
  const std::string bytes = ReadAll(path_) + ReadAll(path_ + "-wal");
  EXPECT_EQ(bytes.find(as_stored), std::string::npos);
  EXPECT_EQ(bytes.find(std::string(first.begin(), first.end())), std::string::npos);
}

TEST_F(ContentKeysTest, ABackupOfTheKeyStoreHoldsItsKeysAndReopens) {
  auto keys = OpenContentKeys(path_, TestWrapping(), clock_).value();
  const Bytes key = keys->KeyFor("concern-1").value();
  const std::string copy = (dir_ / "keys-backup").string();
  ASSERT_TRUE(keys->BackupTo(copy));
  EXPECT_EQ(keys->BackupTo(copy).error().code, ErrorCode::kAlreadyExists);
  struct stat st{};
  ASSERT_EQ(::stat(copy.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  auto reopened = OpenContentKeys(copy, TestWrapping(), clock_).value();
  EXPECT_EQ(reopened->Find({"concern-1"}).value().at("concern-1"), key);
}

TEST_F(ContentKeysTest, ADestroyedOwnerIsListedKeptListedAndNeverGetsANewKey) {
  auto keys = OpenContentKeys(path_, TestWrapping(), clock_).value();
  const Bytes first = keys->KeyFor("concern-1").value();
  (void)keys->KeyFor("concern-2").value();
  ASSERT_TRUE(keys->Destroy({"concern-1"}));
  auto again = keys->KeyFor("concern-1");
  ASSERT_FALSE(again) << "a destroyed record's key is not made again";
  EXPECT_EQ(again.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(again.error().message.find("This record was destroyed"), std::string::npos) << again.error().message;
  EXPECT_EQ(keys->Count().value(), 1);
  EXPECT_EQ(keys->Destroyed({"concern-1", "concern-2", "never"}).value(), (std::set<std::string>{"concern-1"}));
  EXPECT_EQ(keys->Unaccounted({"concern-1", "concern-2", "never"}).value(), (std::vector<std::string>{"never"}))
      << "only an owner with neither a key nor a destruction is unaccounted for";
  // The list is kept in the file (ids only) and in its backups.
  const std::string copy = (dir_ / "keys-backup").string();
  ASSERT_TRUE(keys->BackupTo(copy));
  keys.reset();
  for (const std::string& path : {path_, copy}) {
    auto reopened = OpenContentKeys(path, TestWrapping(), clock_).value();
    EXPECT_TRUE(reopened->Destroyed({"concern-1"}).value().contains("concern-1")) << path;
    EXPECT_FALSE(reopened->KeyFor("concern-1")) << path;
  }
  EXPECT_EQ(ReadAll(path_).find(std::string(first.begin(), first.end())), std::string::npos);
}

// Sealing in the repositories, on both backends.
class ContentSealingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    keys_ = OpenContentKeys(":memory:", TestWrapping(), clock_).value();
    org_ = {NewId(), "Elmside School", domain::OrganisationType::kSchool, domain::Sector::kPublic, false, FromMicros(1)};
  }
  std::unique_ptr<Store> Sealed() {
    auto s = Open({.url = db_.url(), .pool_size = 2, .content_keys = keys_});
    EXPECT_TRUE(s) << s.error().message;
    return std::move(*s);
  }
  // A child with a concern and one item, written through `store`.
  void Record(Store& store) {
    ASSERT_TRUE(store.Write([&](Transaction& tx) -> Status {
      JIGSAW_RETURN_IF_ERROR(tx.organisations().Insert(org_));
      domain::Person child;
      child.id = child_id_;
      child.organisation_id = org_.id;
      child.given_name = "Zephyrine";
      child.family_name = "Marchbanks";
      child.address = std::string(kAddress);
      child.phone_numbers = {"07700 900123", "07700 900456"};
      child.created_at = FromMicros(2);
      JIGSAW_RETURN_IF_ERROR(tx.casework().InsertPerson(child));
      domain::Concern c;
      c.id = concern_id_;
      c.organisation_id = org_.id;
      c.child_id = child_id_;
      c.raised_by = "someone";
      c.forms = {domain::AbuseForm::kPhysicalAbuse};
      c.what_happened = std::string(kAccount);
      c.child_words = "He said not to tell";
      c.created_at = FromMicros(3);
      JIGSAW_RETURN_IF_ERROR(tx.casework().InsertConcern(c));
      domain::InformationItem i;
      i.id = item_id_;
      i.organisation_id = org_.id;
      i.concern_id = concern_id_;
      i.person_id = child_id_;
      i.text = std::string(kItem);
      i.source = "breakfast club";
      i.created_by = "someone";
      i.created_at = FromMicros(4);
      JIGSAW_RETURN_IF_ERROR(tx.casework().InsertItem(i));
      domain::Attachment a;
      a.id = attachment_id_;
      a.organisation_id = org_.id;
      a.concern_id = concern_id_;
      a.file_name = "forearm.png";
      a.type = domain::AttachmentType::kPng;
      a.sealed_content = Bytes(kFile.begin(), kFile.end());
      a.size_bytes = static_cast<std::int64_t>(kFile.size());
      a.created_by = "someone";
      a.created_at = FromMicros(5);
      return tx.recording().InsertAttachment(a);
    }));
  }
  // The account and the item's text as `store` reads them (and the child's
  // address and phone numbers, into address_ and phones_).
  Result<std::pair<std::string, std::string>> Read(Store& store) {
    std::pair<std::string, std::string> out;
    JIGSAW_RETURN_IF_ERROR(store.Read([&](Transaction& tx) -> Status {
      auto child = JIGSAW_TRY(tx.casework().FindPerson(child_id_));
      if (!child) return NotFound("no child");
      address_ = child->address;
      phones_ = child->phone_numbers;
      auto c = JIGSAW_TRY(tx.casework().FindConcern(concern_id_));
      if (!c) return NotFound("no concern");
      out.first = c->what_happened;
      auto items = JIGSAW_TRY(tx.casework().ItemsOfConcern(concern_id_));
      if (items.size() != 1) return NotFound("no item");
      out.second = items[0].text;
      auto a = JIGSAW_TRY(tx.recording().FindAttachment(attachment_id_));
      if (!a) return NotFound("no attachment");
      file_ = std::string(a->sealed_content.begin(), a->sealed_content.end());
      return Ok();
    }));
    return out;
  }
  std::string RawSqliteFile() {
    const std::string path = db_.url().substr(7);
    return ReadAll(path) + ReadAll(path + "-wal");
  }

  static constexpr std::string_view kAccount = "Quillonby locked out overnight by the stepfather";
  static constexpr std::string_view kItem = "Bruise on the left forearm seen at breakfast club";
  static constexpr std::string_view kAddress = "17 Larkspur Row, Elmside";
  // As the keyring sealed it, standing for a photograph's bytes.
  static constexpr std::string_view kFile = "keyring-sealed photograph Quillonby";
  std::string address_, file_;
  std::vector<std::string> phones_;
  testing::TestDatabase db_;
  FakeClock clock_{FromMicros(1'000'000)};
  std::shared_ptr<ContentKeys> keys_;
  domain::Organisation org_;
  std::string child_id_ = NewId(), concern_id_ = NewId(), item_id_ = NewId(), attachment_id_ = NewId();
};

TEST_F(ContentSealingTest, ContentIsSealedOnWriteOpenedOnReadAndReadsAsDestroyedOnceItsKeyIsGone) {
  auto store = Sealed();
  Record(*store);
  auto read = Read(*store);
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_EQ(read->first, kAccount);
  EXPECT_EQ(read->second, kItem);
  EXPECT_EQ(address_, kAddress);
  EXPECT_EQ(phones_, (std::vector<std::string>{"07700 900123", "07700 900456"}));
  EXPECT_EQ(file_, kFile);
  EXPECT_EQ(keys_->Count().value(), 2) << "one key for the concern and its items, one for the child";
  // Without the key store the stored values are ciphertext, not text.
  auto plain = db_.OpenStore();
  EXPECT_FALSE(Read(*plain)) << "sealed values do not read without the key store";
  if (db_.backend() == "sqlite") {
    const std::string bytes = RawSqliteFile();
    EXPECT_EQ(bytes.find(kAccount), std::string::npos);
    EXPECT_EQ(bytes.find(kItem), std::string::npos);
    EXPECT_EQ(bytes.find(kAddress), std::string::npos);
    EXPECT_EQ(bytes.find(kFile), std::string::npos);
    EXPECT_NE(bytes.find("Zephyrine"), std::string::npos) << "names are searched, so not sealed";
  }
  ASSERT_TRUE(keys_->Destroy({concern_id_, child_id_}));
  auto after = Read(*Sealed());
  ASSERT_TRUE(after) << "shredded content is not an error: " << after.error().message;
  EXPECT_EQ(after->first, "");
  EXPECT_EQ(after->second, "");
  EXPECT_EQ(address_, "");
  EXPECT_TRUE(phones_.empty());
  EXPECT_EQ(file_, "") << "a shredded file has no bytes, as a destroyed one";
}

// A second item of the concern, written through `store`.
Status AddItem(Store& store, const std::string& org, const std::string& concern, const std::string& child) {
  return store.Write([&](Transaction& tx) -> Status {
    domain::InformationItem i;
    i.id = NewId();
    i.organisation_id = org;
    i.concern_id = concern;
    i.person_id = child;
    i.text = "Written after the fact";
    i.created_by = "someone";
    i.created_at = FromMicros(7);
    return tx.casework().InsertItem(i);
  });
}

TEST_F(ContentSealingTest, AKeyStoreLackingARecordsKeyFailsItsReadsAndWritesRatherThanReadingItAsDestroyed) {
  auto store = Sealed();
  Record(*store);
  // A stale or wrong key store: it holds keys, but not this concern's or
  // this child's, and destroyed neither.
  auto stale = OpenContentKeys(":memory:", TestWrapping(), clock_).value();
  ASSERT_TRUE(stale->KeyFor("another-concern"));
  auto with_stale = Open({.url = db_.url(), .pool_size = 2, .content_keys = stale});
  ASSERT_TRUE(with_stale) << with_stale.error().message;
  auto read = Read(**with_stale);
  ASSERT_FALSE(read) << "a missing key is not a destroyed record";
  EXPECT_EQ(read.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(read.error().message.find("missing from the content key store"), std::string::npos)
      << read.error().message;
  auto written = AddItem(**with_stale, org_.id, concern_id_, child_id_);
  ASSERT_FALSE(written) << "no new key for a record whose content is sealed under another";
  EXPECT_EQ(written.error().code, ErrorCode::kUnavailable);
  EXPECT_FALSE(stale->Find({concern_id_}).value().contains(concern_id_));
  EXPECT_EQ(stale->Count().value(), 1);
  // Nothing was lost: with the right key store everything reads as it was.
  auto right = Read(*store);
  ASSERT_TRUE(right) << right.error().message;
  EXPECT_EQ(right->first, kAccount);
  EXPECT_EQ(right->second, kItem);
}

TEST_F(ContentSealingTest, ADestroyedRecordReadsAsEmptyAndTakesNoMoreContent) {
  auto store = Sealed();
  Record(*store);
  ASSERT_TRUE(keys_->Destroy({concern_id_}));
  auto written = AddItem(*Sealed(), org_.id, concern_id_, child_id_);
  ASSERT_FALSE(written) << "content written now would be shredded at the next compaction";
  EXPECT_EQ(written.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(written.error().message.find("This record was destroyed"), std::string::npos) << written.error().message;
  auto read = Read(*Sealed());
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_EQ(read->first, "");
  EXPECT_EQ(read->second, "") << "still the one item: the write rolled back";
  EXPECT_EQ(address_, kAddress) << "the child's own key is untouched";
  EXPECT_FALSE(keys_->Find({concern_id_}).value().contains(concern_id_));
}

TEST_F(ContentSealingTest, AListNamingTheSameOwnerManyTimesOpensEveryRow) {
  auto store = Sealed();
  Record(*store);
  ASSERT_TRUE(store->Write([&](Transaction& tx) -> Status {
    domain::InformationItem second;
    second.id = NewId();
    second.organisation_id = org_.id;
    second.concern_id = concern_id_;
    second.person_id = child_id_;
    second.text = "A second item of the same concern";
    second.created_by = "someone";
    second.created_at = FromMicros(6);
    return tx.casework().InsertItem(second);
  }));
  // A new transaction: the list's one look-up finds the concern's key for
  // both rows (a regression: the second row once got a moved-from key).
  std::vector<std::string> texts;
  ASSERT_TRUE(Sealed()->Read([&](Transaction& tx) -> Status {
    for (const auto& i : JIGSAW_TRY(tx.casework().ItemsOfConcern(concern_id_))) texts.push_back(i.text);
    return Ok();
  }));
  EXPECT_EQ(texts, (std::vector<std::string>{std::string(kItem), "A second item of the same concern"}));
}

TEST_F(ContentSealingTest, TheSealingPassSealsPlaintextStoredBeforeSealingExisted) {
  {
    auto plain = db_.OpenStore();  // as a release before sealing wrote them
    Record(*plain);
  }
  auto store = Sealed();
  const auto sealed = store->SealStoredContent();
  ASSERT_TRUE(sealed) << sealed.error().message;
  EXPECT_EQ(*sealed, 8) << "the account, the child's words, the item's text and source, the address, the phones, "
                          "the file's name and its bytes";
  EXPECT_EQ(store->SealStoredContent().value(), 0) << "once only";
  auto read = Read(*store);
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_EQ(read->first, kAccount);
  EXPECT_EQ(read->second, kItem);
  EXPECT_EQ(address_, kAddress);
  EXPECT_EQ(file_, kFile);
  EXPECT_FALSE(Read(*db_.OpenStore())) << "stored sealed now";
  if (db_.backend() == "sqlite") {
    const std::string bytes = RawSqliteFile();
    EXPECT_EQ(bytes.find(kAccount), std::string::npos) << "the plaintext's old pages are gone too";
    EXPECT_EQ(bytes.find(kItem), std::string::npos);
  }
}

}  // namespace
}  // namespace jigsaw::store
