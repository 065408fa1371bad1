// Result<T> and Status: how every expected failure (bad input, not found,
// forbidden...) travels as a value. The HTTP layer maps ErrorCode to a status
// and the JSON error shape; nothing below it throws for expected failures.
#pragma once

#include <expected>
#include <string>
#include <string_view>
#include <utility>

namespace jigsaw {

enum class ErrorCode {
  kInvalidArgument,     // the caller sent something wrong; `field` names it
  kUnauthenticated,     // no valid session
  kPermissionDenied,    // signed in, but not allowed
  kNotFound,
  kAlreadyExists,
  kFailedPrecondition,  // the request is well formed but the state forbids it
  kResourceExhausted,   // too many attempts, too large
  kUnavailable,         // a dependency (the database) is down; retry later
  kInternal,            // a bug or broken invariant; details are logged, not shown
};

// The canonical lower-case name of a code, as used in JSON errors.
std::string_view ErrorCodeName(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;  // safe to show to the user: never contains secrets
  std::string field;    // the request field that was wrong, if any
};

template <typename T>
using Result = std::expected<T, Error>;
using Status = std::expected<void, Error>;

inline std::unexpected<Error> Fail(ErrorCode code, std::string message, std::string field = {}) {
  return std::unexpected(Error{code, std::move(message), std::move(field)});
}
inline std::unexpected<Error> InvalidArgument(std::string field, std::string message) {
  return Fail(ErrorCode::kInvalidArgument, std::move(message), std::move(field));
}
inline std::unexpected<Error> NotFound(std::string message) {
  return Fail(ErrorCode::kNotFound, std::move(message));
}
inline std::unexpected<Error> PermissionDenied(std::string message) {
  return Fail(ErrorCode::kPermissionDenied, std::move(message));
}
inline std::unexpected<Error> Unauthenticated(std::string message) {
  return Fail(ErrorCode::kUnauthenticated, std::move(message));
}
inline std::unexpected<Error> Internal(std::string message) {
  return Fail(ErrorCode::kInternal, std::move(message));
}

inline Status Ok() { return {}; }

}  // namespace jigsaw

// Propagates the error of a Result/Status expression, else yields its value.
// Uses a GNU statement expression, which g++ (our only compiler) supports.
#define JIGSAW_TRY(expr)                                                    \
  __extension__({                                                           \
    auto&& jigsaw_try_result_ = (expr);                                     \
    if (!jigsaw_try_result_) return std::unexpected(jigsaw_try_result_.error()); \
    std::move(jigsaw_try_result_).value();                                  \
  })

#define JIGSAW_RETURN_IF_ERROR(expr)                                       \
  do {                                                                     \
    auto&& jigsaw_status_ = (expr);                                        \
    if (!jigsaw_status_) return std::unexpected(jigsaw_status_.error());   \
  } while (0)
