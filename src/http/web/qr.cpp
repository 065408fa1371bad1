#include "http/web/qr.h"

#include <qrencode.h>

#include <memory>
#include <string>

#include "http/web/html.h"

namespace jigsaw::http::web {

std::string QrCodeSvg(std::string_view text, std::string_view label) {
  const std::string input(text);
  std::unique_ptr<QRcode, void (*)(QRcode*)> code(QRcode_encodeString(input.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1),
                                                  QRcode_free);
  if (!code) return {};
  constexpr int kQuiet = 4;
  const int width = code->width;
  const int size = width + 2 * kQuiet;
  // One path of unit squares: small, and sharp at any zoom.
  std::string path;
  for (int y = 0; y < width; ++y)
    for (int x = 0; x < width; ++x)
      if (code->data[y * width + x] & 1)
        path += "M" + std::to_string(x + kQuiet) + " " + std::to_string(y + kQuiet) + "h1v1h-1z";
  const std::string n = std::to_string(size);
  return "<svg class=\"jigsaw-qr\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + n + " " + n +
         "\" width=\"" + std::to_string(size * 5) + "\" height=\"" + std::to_string(size * 5) +
         "\" role=\"img\" aria-labelledby=\"qr-title\" shape-rendering=\"crispEdges\"><title id=\"qr-title\">" +
         Escape(label) + "</title><rect width=\"" + n + "\" height=\"" + n + "\" fill=\"#fff\"/><path d=\"" + path +
         "\" fill=\"#000\"/></svg>";
}

}  // namespace jigsaw::http::web
