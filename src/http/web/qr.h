// QR codes drawn by the server as SVG (libqrencode), so that enrolling an
// authenticator app works without JavaScript and without sending the
// secret anywhere else.
#pragma once

#include <string>
#include <string_view>

namespace jigsaw::http::web {

// An inline <svg> of `text` as a QR code (error correction M, a quiet zone
// of four modules), with role="img" and `label` as its accessible name.
// Empty if the text is too long for a QR code.
std::string QrCodeSvg(std::string_view text, std::string_view label);

}  // namespace jigsaw::http::web
