# Copies the pages' assets into the build's static directory: GOV.UK
# Frontend from web/node_modules (installed by `npm ci` in web/, which
# scripts/run and scripts/test do), Jigsaw's own script and styles, and the
# advice's text. Run at build time: cmake -DSOURCE=... -DSTATIC=... -P this.
set(dist ${SOURCE}/web/node_modules/govuk-frontend/dist/govuk)
if(NOT EXISTS ${dist}/govuk-frontend.min.css)
  message(FATAL_ERROR "GOV.UK Frontend is not installed: run 'npm ci' in web/ (scripts/run and scripts/test do it for you).")
endif()
file(MAKE_DIRECTORY ${STATIC}/assets ${STATIC}/guidance)
file(COPY ${dist}/assets/ DESTINATION ${STATIC}/assets)
file(COPY ${dist}/govuk-frontend.min.css ${dist}/govuk-frontend.min.js
          ${SOURCE}/web/src/jigsaw.css ${SOURCE}/web/src/jigsaw.js DESTINATION ${STATIC}/assets)
file(COPY ${SOURCE}/web/guidance/information-sharing-advice-2024.md DESTINATION ${STATIC}/guidance)
