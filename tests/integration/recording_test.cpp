// A concern recorded as thoroughly as the school tools, over real sockets
// on each backend: the incident's own date, time and place; body map
// marks through the API and through the page without a script; files
// uploaded as JSON and as a multipart form, refused when too large or not
// what their bytes say, and downloaded only by those who may read the
// concern, with headers that stop a browser running them.
#include <gtest/gtest.h>

#include "access/credentials.h"
#include "access/totp.h"
#include "app/demo.h"
#include "common/encoding.h"
#include "support/http_client.h"
#include "support/test_server.h"

namespace jigsaw::testing {
namespace {

using nlohmann::json;

std::string Png() {
  std::string png("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR", 16);
  return png + std::string(40, '\x02');
}

app::Config SmallFiles(app::Config c) {
  c.attachments.max_bytes = 64 * 1024;  // the server's body limit stays larger: the service's limit is what refuses
  return c;
}

class RecordingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    teacher_ = server_.SignIn("primary.teacher");
    auto child = Post(port(), "/api/v1/people",
                      {{"kind", "child"}, {"given_name", "Rio"}, {"family_name", "Test"}, {"date_of_birth", "2015-05-05"}},
                      teacher_);
    ASSERT_EQ(child.status, 201) << child.body;
    child_id_ = child.Json()["id"];
    auto concern = Post(port(), "/api/v1/concerns",
                        {{"child_id", child_id_}, {"forms", {"physical_abuse"}}, {"level", "significant_harm"},
                         {"what_happened", "A bruise on her forearm."},
                         {"incident", {{"date", "2026-11-21"}, {"time", "17:45"}, {"place", "The park, as she told it"}}}},
                        teacher_);
    ASSERT_EQ(concern.status, 201) << concern.body;
    concern_id_ = concern.Json()["id"];
  }
  std::uint16_t port() { return server_.port(); }
  HttpReply Page(const std::string& token, const std::string& target) {
    return Send(port(), {"GET", target, {}, {{"Cookie", "jigsaw_session=" + token}}});
  }
  HttpReply Upload(const std::string& token, const std::string& file_name, const std::string& declared_type,
                   const std::string& content, const std::string& description) {
    const std::string b = "----jigsawTestBoundary9";
    const auto part = [&](const std::string& headers, const std::string& value) {
      return "--" + b + "\r\n" + headers + "\r\n\r\n" + value + "\r\n";
    };
    const std::string body = part("Content-Disposition: form-data; name=\"csrf_token\"", access::FormToken(token)) +
                             part("Content-Disposition: form-data; name=\"file\"; filename=\"" + file_name +
                                      "\"\r\nContent-Type: " + declared_type,
                                  content) +
                             part("Content-Disposition: form-data; name=\"description\"", description) + "--" + b + "--\r\n";
    return Send(port(), {"POST", "/concerns/" + concern_id_ + "/attachments/new", body,
                         {{"Cookie", "jigsaw_session=" + token}, {"Content-Type", "multipart/form-data; boundary=" + b}}});
  }
  // A practitioner of the school who did not raise the concern.
  std::string Colleague() {
    auto& admin = server_.app().administration();
    const auto op = service::Context::Operator();
    std::string school;
    const auto organisations = admin.ListOrganisations(op);
    for (const auto& o : *organisations)
      if (o.name == "Brackenford Primary School (demo)") school = o.id;
    auto added = admin.AddPractitioner(op, {school, "colleague@test.jigsaw", "Colleague", domain::RoleSet{domain::Role::kPractitioner},
                                            std::string(app::kDemoPassword)});
    if (!added) {
      ADD_FAILURE() << added.error().field << ": " << added.error().message;
      return "";
    }
    EXPECT_TRUE(server_.app().accounts().EnrolAuthenticator(op, added->id, *access::Base32Decode(app::kDemoTotpSecret)));
    return server_.SignInUser("colleague@test.jigsaw");
  }

  TestDatabase db_;
  TestServer server_{SmallFiles(db_.Config())};
  std::string teacher_, child_id_, concern_id_;
};

TEST_F(RecordingTest, TheIncidentsOwnDateTimeAndPlaceAreKeptApartFromWhenItWasRecorded) {
  auto concern = Get(port(), "/api/v1/concerns/" + concern_id_, teacher_);
  ASSERT_EQ(concern.status, 200);
  EXPECT_EQ(concern.Json()["incident"], (json{{"date", "2026-11-21"}, {"time", "17:45"}, {"place", "The park, as she told it"}}));
  auto future = Post(port(), "/api/v1/concerns",
                     {{"child_id", child_id_}, {"forms", {"neglect"}}, {"level", "low"}, {"what_happened", "x"},
                      {"incident", {{"date", "2031-01-01"}}}},
                     teacher_);
  EXPECT_EQ(future.status, 400);
  EXPECT_EQ(future.Json()["error"]["field"], "incident_date");

  // The page: when and where it happened, and when it was recorded; the chronology's two views.
  auto page = Page(teacher_, "/concerns/" + concern_id_);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("When it happened"), std::string::npos);
  EXPECT_NE(page.body.find("21 November 2026 at 17:45"), std::string::npos);
  EXPECT_NE(page.body.find("The park, as she told it"), std::string::npos);
  const std::string dsl = server_.SignIn("primary.dsl");
  auto all = Page(dsl, "/children/" + child_id_);
  auto significant = Page(dsl, "/children/" + child_id_ + "?events=significant");
  ASSERT_EQ(all.status, 200);
  ASSERT_EQ(significant.status, 200);
  EXPECT_NE(significant.body.find("What the concern is about happened"), std::string::npos);
  EXPECT_NE(significant.body.find("Where: The park, as she told it"), std::string::npos);
  EXPECT_NE(significant.body.find("Concern raised"), std::string::npos) << "significant harm is significant";
  // Seeing the concern is routine: in the full view only.
  ASSERT_EQ(Post(port(), "/api/v1/concerns/" + concern_id_ + "/seen", json::object(), dsl).status, 200);
  all = Page(dsl, "/children/" + child_id_);
  significant = Page(dsl, "/children/" + child_id_ + "?events=significant");
  EXPECT_NE(all.body.find("Concern seen by the designated safeguarding lead"), std::string::npos);
  EXPECT_EQ(significant.body.find("Concern seen by the designated safeguarding lead"), std::string::npos);
}

TEST_F(RecordingTest, BodyMarksByTheApiAndByThePageWithoutAScript) {
  auto pointed = Post(port(), "/api/v1/concerns/" + concern_id_ + "/body-marks",
                      {{"side", "front"}, {"area", "left_forearm"}, {"x", 158}, {"y", 180}, {"description", "Bruise 3 cm."}},
                      teacher_);
  ASSERT_EQ(pointed.status, 201) << pointed.body;
  EXPECT_EQ(pointed.Json()["x"], 158);
  auto elsewhere = Post(port(), "/api/v1/concerns/" + concern_id_ + "/body-marks",
                        {{"side", "front"}, {"area", "head"}, {"x", 158}, {"y", 180}, {"description", "Bruise."}}, teacher_);
  EXPECT_EQ(elsewhere.status, 400);
  EXPECT_EQ(elsewhere.Json()["error"]["field"], "x");

  // The page, as a browser without a script sends it: side, area, description; no point.
  server_.clock().Advance(std::chrono::minutes(1));  // marks are numbered in the order they were recorded
  const std::string form = "side=back&area=lower_back&description=Two+red+lines%2C+5+cm&x=&y=&csrf_token=" +
                           access::FormToken(teacher_);
  auto added = Send(port(), {"POST", "/concerns/" + concern_id_ + "/body-map", form,
                             {{"Cookie", "jigsaw_session=" + teacher_}, {"Content-Type", "application/x-www-form-urlencoded"}}});
  ASSERT_EQ(added.status, 303) << added.body;
  auto missing = Send(port(), {"POST", "/concerns/" + concern_id_ + "/body-map",
                               "side=front&area=&description=&csrf_token=" + access::FormToken(teacher_),
                               {{"Cookie", "jigsaw_session=" + teacher_}, {"Content-Type", "application/x-www-form-urlencoded"}}});
  ASSERT_EQ(missing.status, 200);
  EXPECT_NE(missing.body.find("<a href=\"#area\">"), std::string::npos);
  EXPECT_NE(missing.body.find("<a href=\"#description\">"), std::string::npos) << "all errors shown together";

  auto page = Page(teacher_, "/concerns/" + concern_id_);
  EXPECT_NE(page.body.find("<svg"), std::string::npos);
  EXPECT_NE(page.body.find("Left forearm, front"), std::string::npos);
  EXPECT_NE(page.body.find("Lower back, back"), std::string::npos);
  EXPECT_NE(page.body.find("Two red lines, 5 cm"), std::string::npos);
  auto concern = Get(port(), "/api/v1/concerns/" + concern_id_, teacher_).Json();
  ASSERT_EQ(concern["body_marks"].size(), 2u);
  EXPECT_EQ(concern["body_marks"][1]["area"], "lower_back");
}

TEST_F(RecordingTest, UploadsAreCheckedBySizeAndByTheirBytesAndNothingRefusedIsKept) {
  // JSON: a page renamed as a photo, and a file over the limit.
  const auto json_file = [&](const std::string& name, const std::string& content) {
    return Post(port(), "/api/v1/concerns/" + concern_id_ + "/attachments",
                {{"file_name", name}, {"description", "Photo of the bruise."}, {"content_base64", Base64Encode(AsBytes(content))}},
                teacher_);
  };
  auto disguised = json_file("bruise.jpg", "<html><script>alert(1)</script></html>");
  EXPECT_EQ(disguised.status, 400);
  EXPECT_EQ(disguised.Json()["error"]["field"], "file");
  auto large = json_file("bruise.jpg", "\xFF\xD8\xFF" + std::string(64 * 1024, 'x'));
  EXPECT_EQ(large.status, 400);
  EXPECT_EQ(large.Json()["error"]["field"], "file");
  auto not_base64 = Post(port(), "/api/v1/concerns/" + concern_id_ + "/attachments",
                         {{"file_name", "a.png"}, {"description", "x"}, {"content_base64", "not base64!"}}, teacher_);
  EXPECT_EQ(not_base64.Json()["error"]["field"], "content_base64");

  // The page: the same refusals, by the file field, whatever the browser says the file is.
  auto page_disguised = Upload(teacher_, "bruise.jpg", "image/jpeg", "<svg onload=alert(1)></svg>", "Photo.");
  ASSERT_EQ(page_disguised.status, 200);
  EXPECT_NE(page_disguised.body.find("must be a photo (JPG, PNG, WebP or HEIC) or a PDF"), std::string::npos);
  EXPECT_NE(page_disguised.body.find("<a href=\"#file\">"), std::string::npos);
  auto page_large = Upload(teacher_, "big.jpg", "image/jpeg", "\xFF\xD8\xFF" + std::string(70 * 1024, 'x'), "Photo.");
  ASSERT_EQ(page_large.status, 200);
  EXPECT_NE(page_large.body.find("must be smaller than 64 KB"), std::string::npos);
  auto malformed = Send(port(), {"POST", "/concerns/" + concern_id_ + "/attachments/new", "--x\r\nnonsense",
                                 {{"Cookie", "jigsaw_session=" + teacher_}, {"Content-Type", "multipart/form-data; boundary=x"}}});
  EXPECT_EQ(malformed.status, 400);
  EXPECT_TRUE(Get(port(), "/api/v1/concerns/" + concern_id_, teacher_).Json()["attachments"].empty()) << "nothing kept";

  // And a real photo, on the page, whatever type the browser declared.
  auto kept = Upload(teacher_, "bruise.png", "application/octet-stream", Png(), "Photograph of the bruise, taken by the nurse.");
  ASSERT_EQ(kept.status, 303) << kept.body;
  auto files = Get(port(), "/api/v1/concerns/" + concern_id_, teacher_).Json()["attachments"];
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0]["media_type"], "image/png");
  EXPECT_EQ(files[0]["size_bytes"], Png().size());
}

TEST_F(RecordingTest, ADownloadIsForThoseWhoMayReadTheConcernAndIsServedSafely) {
  auto added = Post(port(), "/api/v1/concerns/" + concern_id_ + "/attachments",
                    {{"file_name", "bruise \"left\".png"}, {"description", "Photo."}, {"content_base64", Base64Encode(AsBytes(Png()))}},
                    teacher_);
  ASSERT_EQ(added.status, 201) << added.body;
  const std::string id = added.Json()["id"];
  EXPECT_EQ(added.Json()["href"], "/api/v1/attachments/" + id);

  for (const std::string& reader : {teacher_, server_.SignIn("primary.dsl")}) {
    auto file = Get(port(), "/api/v1/attachments/" + id, reader);
    ASSERT_EQ(file.status, 200);
    EXPECT_EQ(file.body, Png());
    EXPECT_EQ(file.Header("content-type"), "image/png");
    EXPECT_EQ(file.Header("x-content-type-options"), "nosniff");
    EXPECT_EQ(file.Header("cache-control"), "no-store");
    EXPECT_EQ(file.Header("content-disposition"),
              "attachment; filename=\"bruise _left_.png\"; filename*=UTF-8''bruise%20%22left%22.png");
    EXPECT_NE(file.Header("content-security-policy").find("sandbox"), std::string::npos);
  }
  // The page's download link: the same file, the same headers.
  auto by_page = Page(teacher_, "/attachments/" + id);
  ASSERT_EQ(by_page.status, 200);
  EXPECT_EQ(by_page.body, Png());
  EXPECT_EQ(by_page.Header("content-disposition").rfind("attachment;", 0), 0u);

  // An organisation with nothing to do with it, and a colleague who may not see the concern.
  const std::string police = server_.SignIn("police.dsl");
  const std::string colleague = Colleague();
  for (const std::string& outsider : {police, colleague}) {
    auto refused = Get(port(), "/api/v1/attachments/" + id, outsider);
    EXPECT_TRUE(refused.status == 403 || refused.status == 404) << refused.status;
    EXPECT_EQ(refused.body.find("PNG"), std::string::npos);
    EXPECT_NE(Page(outsider, "/attachments/" + id).status, 200);
  }
  // Every download and refusal is on the record: three opened (teacher,
  // DSL, the page), and each outsider's two attempts refused.
  int allowed = 0, denied = 0;
  ASSERT_TRUE(server_.app().store().Read([&](store::Transaction& tx) -> Status {
    store::AuditQuery q;
    q.action = "attachment.download";
    q.object_id = id;
    q.limit = 100;
    for (const auto& r : JIGSAW_TRY(tx.audit().Search(q))) (r.outcome == domain::AuditOutcome::kAllowed ? allowed : denied)++;
    return Ok();
  }));
  EXPECT_EQ(allowed, 3);
  EXPECT_EQ(denied, 4);
}

}  // namespace
}  // namespace jigsaw::testing
