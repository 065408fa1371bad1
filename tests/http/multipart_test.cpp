// Reading a form that carries a file (multipart/form-data): what browsers
// send is read exactly, and anything malformed or over a limit is refused
// with a message, never guessed at.
#include <gtest/gtest.h>

#include "http/web/multipart.h"

namespace jigsaw::http::web {
namespace {

const std::string kBoundary = "----WebKitFormBoundaryA1b2C3";

std::string Part(std::string_view headers, std::string_view content) {
  return "--" + kBoundary + "\r\n" + std::string(headers) + "\r\n\r\n" + std::string(content) + "\r\n";
}
std::string End() { return "--" + kBoundary + "--\r\n"; }

TEST(Multipart, ReadsFieldsAndOneFileAsABrowserSendsThem) {
  const std::string png("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\r\n--not-the-boundary", 37);
  const std::string body =
      Part("Content-Disposition: form-data; name=\"csrf_token\"", "abc") +
      Part("Content-Disposition: form-data; name=\"description\"", "Line one\r\nLine two") +
      Part("Content-Disposition: form-data; name=\"file\"; filename=\"C:\\fakepath\\bruise %22left%22.png\"\r\n"
           "Content-Type: text/html",
           png) +
      End();
  auto form = ParseMultipart(body, kBoundary, {});
  ASSERT_TRUE(form) << form.error().message;
  ASSERT_EQ(form->fields.size(), 2u);
  EXPECT_EQ(form->fields[1].second, "Line one\r\nLine two");
  ASSERT_EQ(form->files.size(), 1u);
  const auto& f = form->files[0];
  EXPECT_EQ(f.field, "file");
  EXPECT_EQ(f.file_name, "C:\\fakepath\\bruise \"left\".png") << "a backslash is not an escape; %22 is a quotation mark";
  EXPECT_EQ(f.declared_type, "text/html") << "kept as said, never trusted";
  EXPECT_EQ(f.content, png) << "bytes, line breaks and boundary-like text inside a file are kept";
  EXPECT_FALSE(f.over_limit);
}

TEST(Multipart, AnEmptyFileInputIsNoFile) {
  const std::string body = Part("Content-Disposition: form-data; name=\"file\"; filename=\"\"\r\nContent-Type: "
                                "application/octet-stream",
                                "") +
                           Part("Content-Disposition: form-data; name=\"description\"", "x") + End();
  auto form = ParseMultipart(body, kBoundary, {});
  ASSERT_TRUE(form) << form.error().message;
  EXPECT_TRUE(form->files.empty());
  EXPECT_EQ(form->fields.size(), 1u);
}

// Found by fuzzing: a form of one file input left empty is a form with
// nothing in it, not an error.
TEST(Multipart, AFormOfOnlyAnEmptyFileInputHasNothingInIt) {
  const std::string body =
      Part("Content-Disposition: form-data; name=\"file\"; filename=\"\"\r\nContent-Type: application/octet-stream",
           "") +
      End();
  auto form = ParseMultipart(body, kBoundary, {});
  ASSERT_TRUE(form) << form.error().message;
  EXPECT_TRUE(form->files.empty());
  EXPECT_TRUE(form->fields.empty());
}

TEST(Multipart, AFileOverTheLimitIsMarkedAndNotKept) {
  const std::string body =
      Part("Content-Disposition: form-data; name=\"file\"; filename=\"big.jpg\"", std::string(2000, 'x')) + End();
  auto form = ParseMultipart(body, kBoundary, {.max_file_bytes = 1000});
  ASSERT_TRUE(form);
  ASSERT_EQ(form->files.size(), 1u);
  EXPECT_TRUE(form->files[0].over_limit);
  EXPECT_EQ(form->files[0].size, 2000u);
  EXPECT_TRUE(form->files[0].content.empty());
}

TEST(Multipart, MalformedBodiesAreRefusedWithAReason) {
  const std::string field = Part("Content-Disposition: form-data; name=\"a\"", "1");
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"preamble\r\n" + field + End(), "does not start with its boundary"},
      {field, "never ends"},
      {field + "--" + kBoundary + "--trailing", "text after the end"},
      {Part("Content-Type: text/plain", "1") + End(), "without Content-Disposition"},
      {Part("Content-Disposition: attachment; name=\"a\"", "1") + End(), "not form-data"},
      {Part("Content-Disposition: form-data; name=\"\"", "1") + End(), "without a field name"},
      {Part("Content-Disposition: form-data; name=\"a", "1") + End(), "unclosed quotation"},
      {Part("Content-Disposition: form-data; name=\"a\"; filename*=UTF-8''x.pdf", "1") + End(), "filename*"},
      {Part("Content-Disposition: form-data; name=\"a\"; name=\"b\"", "1") + End(), "given twice"},
      {Part("Content-Disposition: form-data; name=\"f\"; filename=\"1.png\"", "1") +
           Part("Content-Disposition: form-data; name=\"g\"; filename=\"2.png\"", "2") + End(),
       "too many files"},
  };
  for (const auto& [body, reason] : bad) {
    auto form = ParseMultipart(body, kBoundary, {});
    ASSERT_FALSE(form) << reason;
    EXPECT_EQ(form.error().field, "body");
    EXPECT_NE(form.error().message.find(reason), std::string::npos) << form.error().message;
  }
  std::string many;
  for (int i = 0; i < 5; ++i) many += field;
  EXPECT_FALSE(ParseMultipart(many + End(), kBoundary, {.max_parts = 4}));
  EXPECT_FALSE(ParseMultipart(Part("Content-Disposition: form-data; name=\"a\"", std::string(100, 'x')) + End(), kBoundary,
                              {.max_field_bytes = 99}));
}

TEST(Multipart, TheBoundaryComesFromTheContentType) {
  EXPECT_EQ(MultipartBoundary("multipart/form-data; boundary=" + kBoundary).value(), kBoundary);
  EXPECT_EQ(MultipartBoundary("Multipart/Form-Data; boundary=\"a b'c\"").value(), "a b'c");
  EXPECT_FALSE(MultipartBoundary("multipart/mixed; boundary=x"));
  EXPECT_FALSE(MultipartBoundary("multipart/form-data"));
  EXPECT_FALSE(MultipartBoundary("multipart/form-data; boundary=" + std::string(71, 'a')));
  EXPECT_FALSE(MultipartBoundary("multipart/form-data; boundary=\"ends with space \""));
}

TEST(Multipart, ASubmissionIsReadWhicheverWayItIsEncoded) {
  Request plain;
  plain.headers = {{"content-type", "application/x-www-form-urlencoded"}};
  plain.body = "a=1&b=two";
  auto read = ReadSubmission(plain, {});
  ASSERT_TRUE(read);
  EXPECT_EQ(read->form.Get("b"), "two");
  EXPECT_TRUE(read->files.empty());

  // The request holds views: the strings live here.
  const std::string type = "multipart/form-data; boundary=" + kBoundary;
  const std::string body = Part("Content-Disposition: form-data; name=\"description\"", "  A photo.  ") + End();
  Request upload;
  upload.headers = {{"content-type", type}};
  upload.body = body;
  read = ReadSubmission(upload, {});
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_EQ(read->form.Get("description"), "A photo.");
}

}  // namespace
}  // namespace jigsaw::http::web
